"""Progress through a plan: workout status, and matching logged sessions to planned ones.

A logged session matches the planned workout on the same local date whose kind it is
compatible with: a run matches a run workout, cross-training matches cross-training, a
strength session matches the strength slot. When the session says what kind of run it was
and that differs from the plan (an easy run on a tempo day), the workout is "changed".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final

from niggle.domain.activity import CROSS_TRAINING, Activity
from niggle.domain.errors import InvalidInput
from niggle.domain.plans import (
    RUN_KINDS,
    WORKOUT_STATUSES,
    PlannedWorkout,
    WorkoutStatus,
)

STATUS_HELP: Final = "Choose planned, done, skipped or changed."


def parse_status(text: str) -> WorkoutStatus:
    value = text.strip().lower()
    for status in WORKOUT_STATUSES:
        if value == status:
            return status
    raise InvalidInput(f"Unknown workout status {text!r}. {STATUS_HELP}")


def compatible(workout: PlannedWorkout, activity: Activity) -> bool:
    if workout.kind in RUN_KINDS:
        return activity.sport == "run"
    if workout.kind == "strength":
        return activity.sport == "strength"
    if workout.kind == "cross":
        return activity.sport in CROSS_TRAINING and activity.sport != "strength"
    return False


@dataclass(frozen=True, slots=True)
class Match:
    workout: PlannedWorkout
    activity: Activity
    status: WorkoutStatus


def _preference(workout: PlannedWorkout, activity: Activity) -> tuple[int, int]:
    same_kind = 0 if activity.kind is not None and activity.kind == workout.kind else 1
    return same_kind, 1 if workout.optional else 0


def match_activities(
    workouts: Sequence[PlannedWorkout], activities: Iterable[Activity]
) -> list[Match]:
    """Pair each session with at most one workout and each workout with at most one session.

    Already-linked workouts and those the runner marked skipped are left alone; sessions are
    taken in start order, so a morning run claims the day's run before an evening one.
    """
    open_workouts = [w for w in workouts if w.activity_id is None and w.status != "skipped"]
    by_day: dict[dt.date, list[PlannedWorkout]] = {}
    for workout in open_workouts:
        by_day.setdefault(workout.on, []).append(workout)
    matches: list[Match] = []
    for activity in sorted(activities, key=lambda a: a.start):
        candidates = [w for w in by_day.get(activity.local_date, []) if compatible(w, activity)]
        if not candidates:
            continue
        chosen = min(candidates, key=lambda w: _preference(w, activity))
        by_day[activity.local_date].remove(chosen)
        changed = (
            activity.kind is not None
            and chosen.kind in RUN_KINDS
            and activity.kind in RUN_KINDS
            and activity.kind != chosen.kind
        )
        matches.append(Match(chosen, activity, "changed" if changed else "done"))
    return matches


def apply_matches(matches: Iterable[Match]) -> list[PlannedWorkout]:
    return [replace(m.workout, status=m.status, activity_id=m.activity.id) for m in matches]
