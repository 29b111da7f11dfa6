"""The plan repository on SQLite and PostgreSQL: steps survive as JSON, one active plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from niggle.domain.athlete import Athlete
from niggle.domain.plans import Plan, Race, step_to_data
from niggle.domain.plans_schedule import schedule
from niggle.knowledge.plans import load_template
from niggle.store import athletes as athlete_repo
from niggle.store import plans as repo
from niggle.store.base import Base
from niggle.store.db import Database
from niggle.store.tables.plans import PlanRow

TODAY = dt.date(2026, 11, 28)


def _athlete(db: Database, name: str = "Sam") -> int:
    with db.begin() as session:
        athlete = athlete_repo.add(session, Athlete(name=name, units="mi"))
    assert athlete.id is not None
    return athlete.id


def _plan(template: str = "first-marathon", race: dt.date = dt.date(2027, 4, 25)) -> Plan:
    t = load_template(template)
    return schedule(
        t, Race("London", race, t.race_distance_m), today=TODAY, units="mi", five_k_s=1200.0
    ).plan


def test_a_plan_round_trips_with_its_steps(db: Database) -> None:
    athlete_id = _athlete(db)
    plan = _plan()
    with db.begin() as session:
        stored = repo.add(session, athlete_id, plan)
    with db.begin() as session:
        loaded = repo.active_plan(session, athlete_id)
    assert loaded is not None and stored.id == loaded.id and loaded.uid
    assert loaded.race == plan.race
    assert loaded.key_days == (1, 3, 6) and loaded.length_weeks == 16
    assert len(loaded.workouts) == len(plan.workouts) == 96
    assert all(w.id is not None for w in loaded.workouts)
    # Steps (nested repeats included) come back as scheduled (paces kept to 0.1 s/km).
    for before, after in zip(plan.workouts, loaded.workouts, strict=True):
        assert (before.on, before.kind, before.title) == (after.on, after.kind, after.title)
        assert [step_to_data(s) for s in before.steps] == [step_to_data(s) for s in after.steps]
    week8 = loaded.workouts_in_week(8)[0]
    assert week8.steps[1].type == "repeat" and week8.steps[1].steps[0].repeat == 6


def test_a_new_plan_archives_the_old_one_and_nothing_is_deleted(db: Database) -> None:
    athlete_id = _athlete(db)
    with db.begin() as session:
        first = repo.add(session, athlete_id, _plan())
    with db.begin() as session:
        archived = repo.archive_active(session, athlete_id)
        second = repo.add(session, athlete_id, _plan("first-half"))
    assert archived == [first.id]
    with db.begin() as session:
        every = repo.plans_of(session, athlete_id)
        active = repo.active_plan(session, athlete_id)
    assert [(p.id, p.status) for p in every] == [(first.id, "archived"), (second.id, "active")]
    assert active is not None and active.id == second.id
    assert len(every[0].workouts) == 96  # the archived plan keeps its workouts


def test_the_database_refuses_two_active_plans(db: Database) -> None:
    athlete_id = _athlete(db)
    with db.begin() as session:
        repo.add(session, athlete_id, _plan())
    with pytest.raises(IntegrityError), db.begin() as session:
        repo.add(session, athlete_id, _plan("first-5k"))


def test_workout_status_and_activity_link_are_saved(db: Database) -> None:
    athlete_id = _athlete(db)
    with db.begin() as session:
        plan = repo.add(session, athlete_id, _plan())
    target = plan.workouts[0]
    with db.begin() as session:
        saved = repo.update_workout(session, replace(target, status="done", activity_id=42))
    assert (saved.status, saved.activity_id) == ("done", 42)
    with db.begin() as session:
        again = repo.get(session, plan.id or 0)
    assert again is not None
    assert (again.workouts[0].status, again.workouts[0].activity_id) == ("done", 42)


def test_plans_go_with_their_athlete(db: Database) -> None:
    athlete_id = _athlete(db)
    other = _athlete(db, "Alex")
    with db.begin() as session:
        repo.add(session, athlete_id, _plan())
        repo.add(session, other, _plan())
    with db.begin() as session:
        athlete_repo.delete(session, athlete_id)
    with db.begin() as session:
        assert repo.plans_of(session, athlete_id) == []
        assert session.query(PlanRow).count() == 1


def test_the_migration_creates_exactly_what_the_tables_declare(db: Database) -> None:
    mine = {"plans", "plan_workouts"}
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        diffs = compare_metadata(context, Base.metadata)

    def table_of(diff: object) -> str | None:
        item = diff[-1] if isinstance(diff, list) else diff
        for part in item if isinstance(item, tuple) else (item,):
            name = getattr(part, "name", None)
            table = getattr(part, "table", None)
            if table is not None and getattr(table, "name", None) in mine:
                return str(table.name)
            if name in mine or part in mine:
                return str(name or part)
        return None

    assert [d for d in diffs if table_of(d)] == []
