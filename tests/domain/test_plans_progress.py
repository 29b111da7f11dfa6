"""Logged sessions match the planned workout of the same day and a compatible kind."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.activity import Activity
from niggle.domain.errors import InvalidInput
from niggle.domain.plans import PlannedWorkout, Step
from niggle.domain.plans_progress import apply_matches, match_activities, parse_status
from niggle.domain.plans_text import step_lines

TUE = dt.date(2027, 1, 5)
WED = TUE + dt.timedelta(days=1)


def workout(on: dt.date, kind: str, wid: int, **extra: object) -> PlannedWorkout:
    return PlannedWorkout(week=1, on=on, kind=kind, title=kind, id=wid, **extra)


def session(
    on: dt.date, sport: str, hour: int = 12, kind: str | None = None, aid: int = 1
) -> Activity:
    start = dt.datetime.combine(on, dt.time(hour), tzinfo=dt.UTC)
    return Activity(sport=sport, start=start, local_date=on, elapsed_s=3000, kind=kind, id=aid)


PLAN = [
    workout(TUE, "intervals", 1),
    workout(WED, "cross", 2),
    workout(WED, "strength", 3, optional=True),
]


def test_a_run_matches_the_run_workout_of_that_day() -> None:
    matches = match_activities(PLAN, [session(TUE, "run", aid=10)])
    assert [(m.workout.id, m.activity.id, m.status) for m in matches] == [(1, 10, "done")]
    (updated,) = apply_matches(matches)
    assert updated.status == "done" and updated.activity_id == 10


def test_cross_training_matches_cross_and_strength_matches_strength() -> None:
    matches = match_activities(
        PLAN, [session(WED, "ride", aid=11), session(WED, "strength", hour=18, aid=12)]
    )
    assert {(m.workout.id, m.activity.id) for m in matches} == {(2, 11), (3, 12)}


def test_incompatible_or_other_day_sessions_do_not_match() -> None:
    assert match_activities(PLAN, [session(TUE, "ride")]) == []
    assert match_activities(PLAN, [session(WED, "run")]) == []
    assert match_activities(PLAN, [session(TUE + dt.timedelta(days=7), "run")]) == []


def test_one_session_per_workout_and_the_earliest_session_wins() -> None:
    matches = match_activities(
        PLAN, [session(TUE, "run", hour=18, aid=21), session(TUE, "run", hour=7, aid=20)]
    )
    assert [(m.workout.id, m.activity.id) for m in matches] == [(1, 20)]


def test_a_different_kind_of_run_marks_the_workout_changed() -> None:
    (match,) = match_activities(PLAN, [session(TUE, "run", kind="easy")])
    assert match.status == "changed"
    (same,) = match_activities(PLAN, [session(TUE, "run", kind="intervals")])
    assert same.status == "done"


def test_skipped_and_already_linked_workouts_are_left_alone() -> None:
    plan = [workout(TUE, "intervals", 1, status="skipped"), workout(WED, "cross", 2, activity_id=5)]
    assert match_activities(plan, [session(TUE, "run"), session(WED, "swim")]) == []


def test_status_words() -> None:
    assert parse_status(" Done ") == "done"
    with pytest.raises(InvalidInput, match="planned, done, skipped or changed"):
        parse_status("finished")


def test_step_lines_spell_out_reps_with_their_times() -> None:
    steps = (
        Step("warmup", duration_s=900, pace="easy", pace_s_per_km=330.0),
        Step(
            "repeat",
            repeat=6,
            steps=(
                Step("work", distance_m=800, pace="rep_800", pace_s_per_km=225.0),
                Step("recovery", distance_m=400),
            ),
        ),
        Step("work", distance_m=5 * 1609.344, pace="mp+30", pace_s_per_km=300.0),
    )
    assert step_lines(steps, "km") == [
        "Warm up 15 min easy (5:30/km)",
        "6 times:",
        "  Run 800 m in 3:00 (3:45/km)",
        "  Recover 400 m (walk or jog)",
        "Run 8 km MP+19 s/km (5:00/km)",
    ]
