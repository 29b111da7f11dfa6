"""Adapting a stored plan, on both backends: propose, apply with consent, undo exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, inspect, select

from niggle.domain.athlete import Athlete
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.services import adapt as service
from niggle.services.activities import log_cross
from niggle.services.care import care_contacts
from niggle.services.checkins import record_checkin
from niggle.services.demo import demo_athlete
from niggle.services.demo_history import seed_history
from niggle.services.plans import create_demo_plan, current_plan, plan_document
from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
from niggle.store import adaptations as repo
from niggle.store.db import Database
from niggle.store.tables.adaptations import AdaptationSetRow
from tests.services.test_triage import NEGATIVE

SUN, TUE, THU = (dt.timedelta(days=n) for n in (1, 3, 5))  # from Sat 28 Nov (conftest TODAY)


@pytest.fixture
def sam(db: Database, today: dt.date) -> Athlete:
    """The founding story without the demo's own adaptation: plan, history, pain."""
    from niggle.services.athletes import create_athlete

    athlete = create_athlete(db, demo_athlete(today), today)
    plan = create_demo_plan(db, athlete, today)
    assert athlete.id is not None
    seed_history(db, athlete.id, today, plan.workouts)
    return athlete


def _shown(db: Database) -> dict[str, Any]:
    _, plan = current_plan(db, None)
    return plan_document(plan)


def _sets(db: Database) -> int:
    with db.begin() as session:
        return int(session.scalar(select(func.count()).select_from(AdaptationSetRow)) or 0)


def _triage(db: Database, athlete: Athlete, today: dt.date, **answers: object) -> None:
    assert athlete.id is not None
    result = run_triage(
        knowledge(),
        care_contacts("uk"),
        today,
        answers=AnswersInput({**NEGATIVE, **answers}, 38, "male"),  # type: ignore[arg-type]
    )
    save_triage(db, athlete.id, result, today)


def test_the_founding_story_swaps_the_hard_sessions_and_caps_the_long_run(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    view = service.propose_adaptation(db, None, today)
    a = view.adaptation
    assert a.status == "modify"
    assert a.review_on == today + dt.timedelta(days=7)
    rules = {c.on - today: c.rule for c in a.changes}
    assert rules == {SUN: "spike_cap", TUE: "intensity_swap", THU: "intensity_swap"}
    document = service.adaptation_document(view)
    assert document["schema_version"] == 1
    assert document["consent"].endswith("niggle adapt --apply")
    for change in document["changes"]:
        assert set(change) >= {"date", "before", "after", "rule", "because"}
        assert change["before"]["kind"] and change["after"]["kind"]
        assert change["because"] and change["source"]


def test_nothing_changes_without_apply(db: Database, sam: Athlete, today: dt.date) -> None:
    before = _shown(db)
    service.propose_adaptation(db, None, today)
    service.propose_adaptation(db, None, today)
    assert _shown(db) == before
    assert _sets(db) == 0


def test_apply_then_undo_restores_the_plan_exactly(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    before = _shown(db)
    applied = service.apply_adaptation(db, None, today)
    assert applied.applied is not None and applied.applied.id is not None
    after = _shown(db)
    changed = [w for week in after["weeks"] for w in week["workouts"] if w["status"] == "changed"]
    assert {w["kind"] for w in changed} == {"easy", "long"}
    assert all(w["note"] for w in changed)
    # Applied once, there is nothing left to change.
    again = service.propose_adaptation(db, None, today)
    assert again.adaptation.changes == () and again.adaptation.status == "modify"

    undone = service.undo_adaptation(db, None, today)
    assert undone.undone.id == applied.applied.id and undone.moved_on == ()
    assert _shown(db) == before
    with pytest.raises(NotFound, match="Nothing to undo"):
        service.undo_adaptation(db, None, today)


def test_apply_is_all_or_nothing(
    db: Database, sam: Athlete, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _shown(db)
    real = repo.write_values
    calls = {"n": 0}

    def fail_on_second(row: Any, values: dict[str, Any]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        real(row, values)

    monkeypatch.setattr(repo, "write_values", fail_on_second)
    with pytest.raises(RuntimeError, match="disk full"):
        service.apply_adaptation(db, None, today)
    assert _shown(db) == before
    assert _sets(db) == 0


def test_bone_stress_signs_stop_running_and_apply_clears_the_runs(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    _triage(db, sam, today, hop_pain=True, provoked_by=["intervals", "tempo"])
    view = service.apply_adaptation(db, None, today)
    a = view.adaptation
    assert a.status == "stop_and_seek_care" and a.act_now
    window = [w for w in view.plan.workouts if a.as_of <= w.on < a.review_on]
    assert window and not [w for w in window if w.is_run]
    assert {w.kind for w in window} == {"rest"}
    document = service.adaptation_document(view)
    assert "111" in document["care_message"]
    assert all(n["rule"] == "seek_care" for n in document["notes"])


def test_a_new_triage_that_clears_the_signs_undoes_the_stop_by_the_ladder(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    _triage(db, sam, today, hop_pain=True)
    service.apply_adaptation(db, None, today)
    # Seen the next day: nothing serious. A negative triage; then a pain-free brisk walk.
    tomorrow = today + dt.timedelta(days=1)
    _triage(db, sam, tomorrow, provoked_by=["intervals", "tempo"])
    waiting = service.propose_adaptation(db, None, tomorrow)
    assert waiting.adaptation.status == "pause_running"
    assert any("Brisk walk" in c.after.title for c in waiting.adaptation.changes if c.after)
    assert sam.id is not None
    log_cross(db, sam.id, sport="walk", on=tomorrow, time_s=1900, today=tomorrow)
    ladder = service.propose_adaptation(db, None, tomorrow).adaptation
    assert ladder.status == "modify"
    assert any(c.rule == "return_to_run" and "phase 1" in c.after.title
               for c in ladder.changes if c.after)  # fmt: skip


def test_undo_pops_the_sets_one_by_one(db: Database, sam: Athlete, today: dt.date) -> None:
    original = _shown(db)
    service.apply_adaptation(db, None, today)
    swapped = _shown(db)
    record_checkin(db, None, today, on=today, nrs=1, when="rest", limping=True)
    paused = service.apply_adaptation(db, None, today)
    assert paused.adaptation.status == "pause_running"
    service.undo_adaptation(db, None, today)
    assert _shown(db) == swapped
    service.undo_adaptation(db, None, today)
    assert _shown(db) == original


def test_a_workout_done_since_is_put_back_and_said(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    from niggle.services.plans import mark_workout

    service.apply_adaptation(db, None, today)
    mark_workout(db, None, today + TUE, "done")
    undone = service.undo_adaptation(db, None, today + TUE)
    assert [w.on for w in undone.moved_on] == [today + TUE]


def test_as_of_must_not_be_in_the_future(db: Database, sam: Athlete, today: dt.date) -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        service.propose_adaptation(db, None, today, today + dt.timedelta(days=1))


def test_an_athlete_without_a_plan_is_told_how_to_make_one(db: Database, today: dt.date) -> None:
    from niggle.services.athletes import create_athlete

    create_athlete(db, Athlete(name="Alex"), today)
    with pytest.raises(NotFound, match="niggle plan create"):
        service.propose_adaptation(db, None, today)


def test_a_plan_changed_under_the_proposal_is_refused(
    db: Database, sam: Athlete, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    real = service.propose_adaptation

    def stale(*args: Any, **kwargs: Any) -> service.AdaptView:
        view = real(*args, **kwargs)
        change = view.adaptation.changes[0]
        assert change.before is not None
        moved = replace(change, before=replace(change.before, title="something else"))
        adaptation = replace(view.adaptation, changes=(moved, *view.adaptation.changes[1:]))
        return replace(view, adaptation=adaptation)

    monkeypatch.setattr(service, "propose_adaptation", stale)
    with pytest.raises(Conflict, match="run niggle adapt again"):
        service.apply_adaptation(db, None, today)
    assert _sets(db) == 0


def test_this_weeks_changed_sessions_carry_their_reasons(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    view = service.apply_adaptation(db, None, today)
    week = tuple(w for w in view.plan.workouts if today <= w.on <= today + dt.timedelta(days=6))
    reasons = service.changed_this_week(db, view.athlete, view.plan, week)
    assert {reasons[i].rule for i in reasons} == {"spike_cap", "intensity_swap"}


# ----------------------------------------------------------------------------- storage


def test_the_migration_creates_exactly_what_the_tables_declare(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from niggle.store.base import Base

    mine = {"adaptation_sets", "adaptation_changes", "checkins"}
    with db.engine.connect() as connection:
        assert mine <= set(inspect(connection).get_table_names())
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)

    def touches_mine(diff: Any) -> bool:
        text = repr(diff)
        return any(f"'{name}'" in text or f"{name}." in text for name in mine)

    assert [d for d in diffs if touches_mine(d)] == []


def test_downgrading_drops_the_adaptation_tables(db_url: str) -> None:
    from niggle.store.db import make_engine
    from niggle.store.migrate import downgrade, upgrade

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        downgrade(engine, "0007_merge_capabilities")
        tables = set(inspect(engine).get_table_names())
        assert not {"adaptation_sets", "adaptation_changes", "checkins"} & tables
        assert {"plans", "pain_reports"} <= tables
        upgrade(engine)
    finally:
        engine.dispose()


def test_sets_go_with_the_athlete(db: Database, sam: Athlete, today: dt.date) -> None:
    from niggle.store import athletes as athlete_repo

    service.apply_adaptation(db, None, today)
    record_checkin(db, None, today, on=today, nrs=2, when="rest")
    assert sam.id is not None
    with db.begin() as session:
        athlete_repo.delete(session, sam.id)
    assert _sets(db) == 0


def test_applying_with_nothing_to_change_records_nothing(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    service.apply_adaptation(db, None, today)
    again = service.apply_adaptation(db, None, today)
    assert again.applied is None and again.adaptation.changes == ()
    assert _sets(db) == 1
