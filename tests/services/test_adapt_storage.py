"""The adaptation repository on both backends: raw rows back exactly, sets in order."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from niggle.domain.adapt_records import AppliedAdaptation, AppliedChange
from niggle.domain.athlete import Athlete
from niggle.domain.units import RaceResult
from niggle.services.athletes import create_athlete
from niggle.services.plans import create_plan, demo_race_date
from niggle.store import adaptations as repo
from niggle.store.db import Database


def _plan_and_workout(db: Database, today: dt.date) -> tuple[int, int, int]:
    athlete = create_athlete(db, Athlete(name="Sam"), today)
    created = create_plan(
        db, None, today, template_id="first-10k", race_date=demo_race_date(today),
        fitness=RaceResult(5000, 1350),
    )  # fmt: skip
    plan = created.plan
    assert athlete.id is not None and plan.id is not None
    workout = next(w for w in plan.workouts if w.kind == "intervals")
    assert workout.id is not None
    return athlete.id, plan.id, workout.id


def test_a_row_written_and_put_back_is_byte_for_byte_what_it_was(
    db: Database, today: dt.date
) -> None:
    _, _, workout_id = _plan_and_workout(db, today)
    with db.begin() as session:
        row = repo.workout_row(session, workout_id)
        assert row is not None
        before = repo.snapshot(row)
        planned = repo.workout_from_snapshot(before)
        repo.write_values(row, repo.workout_values(replace(planned, kind="easy", title="Easy")))
    with db.begin() as session:
        row = repo.workout_row(session, workout_id)
        assert row is not None and (row.kind, row.title) == ("easy", "Easy")
        repo.write_values(row, before)
    with db.begin() as session:
        row = repo.workout_row(session, workout_id)
        assert row is not None
        assert repo.snapshot(row) == before


def test_applied_sets_come_back_in_order_without_the_undone(db: Database, today: dt.date) -> None:
    athlete_id, plan_id, workout_id = _plan_and_workout(db, today)
    with db.begin() as session:
        row = repo.workout_row(session, workout_id)
        assert row is not None
        raw = repo.snapshot(row)
    workout = repo.workout_from_snapshot(raw)
    ids = []
    for status in ("modify", "pause_running"):
        applied = AppliedAdaptation(
            athlete_id=athlete_id, plan_id=plan_id, as_of=today, applied_on=today,
            status=status, review_on=today + dt.timedelta(days=7),  # type: ignore[arg-type]
            changes=(AppliedChange(workout_id, workout.on, "intensity_swap", "why", workout,
                                   workout),),
            document={"status": status},
        )  # fmt: skip
        with db.begin() as session:
            stored = repo.add_set(session, applied, [(raw, raw)])
        assert stored.changes[0].before == workout and stored.document == {"status": status}
        ids.append(stored.id)
    with db.begin() as session:
        assert [s.id for s in repo.applied_sets(session, athlete_id, plan_id)] == ids
        last = repo.last_applied_row(session, athlete_id, plan_id)
        assert last is not None and last.id == ids[1]
        last.undone_on = today
    with db.begin() as session:
        assert [s.status for s in repo.applied_sets(session, athlete_id, plan_id)] == ["modify"]
