"""The per-athlete version counter kept by database triggers (migration 0010).

The web app's page cache trusts it to move on with every write of an athlete's data, so
these tests write through the services in every way a runner can and watch it move, on
SQLite and PostgreSQL, and check that no table holding athlete data was left without a
trigger.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Table, text

from niggle.domain.athlete import Athlete
from niggle.domain.pain import PainReport
from niggle.services import activities, athletes, plans, triage
from niggle.services.care import care_contacts
from niggle.services.demo import seed_demo
from niggle.store.base import Base
from niggle.store.db import Database
from niggle.store.versions import athlete_version

TODAY = dt.date(2026, 11, 28)
# Athlete data the athlete's pages never show, so writing it need not move the version:
# the audit log is written *by* viewing, and the stored original files are only exported.
NOT_VERSIONED = {"audit_log", "athlete_versions", "source_files", "source_file_chunks"}
NOT_VERSIONED |= {"source_file_activities"}


def version(db: Database, athlete_id: int) -> int:
    with db.engine.connect() as connection:
        found = athlete_version(connection, athlete_id)
    assert found is not None
    return found


def athlete_tables() -> set[str]:
    """Every table whose rows belong to an athlete, directly or through a parent."""
    owned = {"athletes"}
    grew = True
    while grew:
        grew = False
        for table in Base.metadata.tables.values():
            assert isinstance(table, Table)
            if table.name in owned:
                continue
            if any(fk.column.table.name in owned for fk in table.foreign_keys):
                owned.add(table.name)
                grew = True
    return owned


def triggered_tables(db: Database) -> set[str]:
    if db.engine.dialect.name == "postgresql":
        query = (
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name LIKE 'niggle_version_%' "
            "AND event_object_schema = current_schema()"
        )
    else:
        query = (
            "SELECT DISTINCT tbl_name FROM sqlite_master "
            "WHERE type = 'trigger' AND name LIKE 'niggle_version_%'"
        )
    with db.engine.connect() as connection:
        return {row[0] for row in connection.execute(text(query))}


def test_every_table_of_athlete_data_has_a_version_trigger(db: Database) -> None:
    expected = athlete_tables() - NOT_VERSIONED
    assert "plan_workouts" in expected and "rehab_sessions" in expected
    assert expected <= triggered_tables(db), (
        "a table holding athlete data has no version trigger; add one in a migration "
        "(see 0010_athlete_versions) or list it in NOT_VERSIONED with the reason"
    )


def test_a_new_athlete_has_a_version_and_reading_never_moves_it(db: Database) -> None:
    sam = athletes.create_athlete(db, Athlete(name="Sam"), TODAY)
    ana = athletes.create_athlete(db, Athlete(name="Ana"), TODAY)
    assert sam.id is not None and ana.id is not None
    first = version(db, sam.id)
    assert first != version(db, ana.id)  # fresh random values, not a shared starting point
    athletes.find_athlete(db, "Sam")
    activities.list_activities(db, sam.id, TODAY - dt.timedelta(days=400), TODAY)
    triage.latest_triage(db, sam.id)
    assert version(db, sam.id) == first


def test_every_kind_of_write_moves_the_version(db: Database) -> None:
    summary = seed_demo(db, TODAY)
    athlete = summary.athlete
    assert athlete.id is not None
    seen = [version(db, athlete.id)]

    def moved(what: str) -> None:
        now = version(db, athlete.id)  # type: ignore[arg-type]
        assert now not in seen, f"{what} did not give the version a fresh value"
        seen.append(now)

    activities.log_run(
        db, athlete.id, on=TODAY, distance_m=8_000, time_s=2_700, today=TODAY, rpe=5.0
    )
    moved("logging a run")
    activities.add_pain_report(
        db, athlete.id, PainReport(on=TODAY, region="lower_back", nrs=3, when="after"), TODAY
    )
    moved("a pain report")
    result = triage.run_triage(
        triage.knowledge(),
        care_contacts("uk"),
        TODAY,
        answers=triage.AnswersInput({"saddle_numbness": True}),
    )
    triage.save_triage(db, athlete.id, result, TODAY)
    moved("a triage result")
    athletes.update_athlete(db, athlete.name, TODAY, units="mi")
    moved("changing units")
    week = plans.week_view(db, athlete.name, TODAY)
    assert week is not None
    planned = [w for w in week.workouts if w.status == "planned"]
    assert planned
    plans.mark_workout(db, athlete.name, planned[0].on, "skipped", planned[0].kind)
    moved("marking a planned session")
    with db.begin() as session:  # no service deletes a single run yet; the trigger still must
        session.execute(text("DELETE FROM activities WHERE id = (SELECT max(id) FROM activities)"))
    moved("deleting a run")


def test_deleting_an_athlete_with_all_their_data_still_works(db: Database) -> None:
    summary = seed_demo(db, TODAY)
    assert summary.athlete.id is not None
    with db.begin() as session:
        session.execute(text("DELETE FROM athletes WHERE id = :id"), {"id": summary.athlete.id})
    with db.engine.connect() as connection:
        assert athlete_version(connection, summary.athlete.id) is None
        left = connection.execute(text("SELECT count(*) FROM plan_workouts")).scalar_one()
    assert left == 0


def test_an_existing_database_gets_a_version_for_every_athlete_and_can_go_back(
    db_url: str,
) -> None:
    """Upgrading a database that already has runners (from 0009) gives each a version."""
    from sqlalchemy import inspect

    from niggle.store.db import make_engine
    from niggle.store.migrate import downgrade, upgrade

    engine = make_engine(db_url)
    try:
        upgrade(engine, "0009_source_files")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO athletes (name, units, region) VALUES ('Old', 'km', 'uk')")
            )
        upgrade(engine)
        with engine.connect() as connection:
            [(athlete_id, first)] = connection.execute(
                text("SELECT athlete_id, version FROM athlete_versions")
            ).all()
        assert first is not None
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE athletes SET units = 'mi' WHERE id = :id"), {"id": athlete_id}
            )
        with engine.connect() as connection:
            assert athlete_version(connection, athlete_id) not in (None, first)
        downgrade(engine, "0009_source_files")
        assert "athlete_versions" not in set(inspect(engine).get_table_names())
        with engine.begin() as connection:  # no trigger is left behind to fail a write
            connection.execute(text("UPDATE athletes SET units = 'km'"))
        upgrade(engine)
    finally:
        engine.dispose()


def test_a_restored_database_never_repeats_a_version_it_moved_past(tmp_path: Path) -> None:
    """A backup copied back under a running server: the versions after the restore are
    fresh values, never one the server saw for data the backup does not have."""
    import shutil

    from niggle.services.database import open_database

    live, backup = tmp_path / "live.db", tmp_path / "backup.db"
    db = open_database(f"sqlite:///{live}")
    sam = athletes.create_athlete(db, Athlete(name="Sam"), TODAY)
    assert sam.id is not None
    db.dispose()
    shutil.copyfile(live, backup)
    db = open_database(f"sqlite:///{live}")
    seen = {version(db, sam.id)}
    activities.log_run(db, sam.id, on=TODAY, distance_m=5_000, time_s=1_500, today=TODAY)
    seen.add(version(db, sam.id))  # what a server would hold pages for
    db.dispose()
    shutil.copyfile(backup, live)  # the restore
    db = open_database(f"sqlite:///{live}")
    try:
        activities.log_run(db, sam.id, on=TODAY, distance_m=8_000, time_s=2_400, today=TODAY)
        assert version(db, sam.id) not in seen
    finally:
        db.dispose()
