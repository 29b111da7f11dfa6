"""Adaptation repository: applied sets and their changes, and rewriting plan workouts.

A change keeps the workout row exactly as it was (its raw column values), so undoing a set
writes back the very values that were there, not a re-rendering of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from niggle.domain.adapt_records import AppliedAdaptation, AppliedChange
from niggle.domain.adapt_rules import ADAPT_STATUSES, AdaptStatus
from niggle.domain.plans import (
    WORKOUT_KINDS,
    WORKOUT_STATUSES,
    PlannedWorkout,
    WorkoutKind,
    WorkoutStatus,
    step_from_data,
    step_to_data,
)
from niggle.store.tables.adaptations import AdaptationChangeRow, AdaptationSetRow
from niggle.store.tables.plans import PlanWorkoutRow

# The columns of a plan workout an adaptation may change (never its plan, week or day).
CONTENT = (
    "kind",
    "title",
    "steps",
    "distance_m",
    "duration_s",
    "target_pace_s_per_km",
    "status",
    "note",
    "optional",
    "activity_id",
)


def snapshot(row: PlanWorkoutRow) -> dict[str, Any]:
    """A workout row's values as JSON: what undo writes back."""
    data: dict[str, Any] = {name: getattr(row, name) for name in CONTENT}
    data["steps"] = list(row.steps or [])
    data.update(id=row.id, plan_id=row.plan_id, week=row.week, date=row.day.isoformat())
    return data


def workout_values(workout: PlannedWorkout) -> dict[str, Any]:
    return {
        "kind": workout.kind,
        "title": workout.title[:200],
        "steps": [step_to_data(s) for s in workout.steps],
        "distance_m": workout.distance_m,
        "duration_s": workout.duration_s,
        "target_pace_s_per_km": workout.target_pace_s_per_km,
        "status": workout.status,
        "note": workout.note,
        "optional": workout.optional,
        "activity_id": workout.activity_id,
    }


def workout_from_snapshot(data: dict[str, Any]) -> PlannedWorkout:
    kind: WorkoutKind = next((k for k in WORKOUT_KINDS if k == data.get("kind")), "rest")
    status: WorkoutStatus = next(
        (s for s in WORKOUT_STATUSES if s == data.get("status")), "planned"
    )
    steps = data.get("steps") or []
    return PlannedWorkout(
        id=data.get("id"),
        week=int(data.get("week") or 0),
        on=dt.date.fromisoformat(str(data["date"])),
        kind=kind,
        title=str(data.get("title") or ""),
        steps=tuple(step_from_data(s) for s in steps if isinstance(s, dict)),
        distance_m=data.get("distance_m"),
        duration_s=data.get("duration_s"),
        target_pace_s_per_km=data.get("target_pace_s_per_km"),
        status=status,
        note=data.get("note"),
        optional=bool(data.get("optional")),
        activity_id=data.get("activity_id"),
    )


def workout_row(session: Session, workout_id: int) -> PlanWorkoutRow | None:
    return session.get(PlanWorkoutRow, workout_id)


def write_values(row: PlanWorkoutRow, values: dict[str, Any]) -> None:
    for name in CONTENT:
        setattr(row, name, values.get(name))
    row.optional = bool(values.get("optional"))


def _status(text: str) -> AdaptStatus:
    return next((s for s in ADAPT_STATUSES if s == text), "stop_and_seek_care")


def _to_domain(row: AdaptationSetRow) -> AppliedAdaptation:
    return AppliedAdaptation(
        id=row.id,
        athlete_id=row.athlete_id,
        plan_id=row.plan_id,
        as_of=row.as_of,
        applied_on=row.applied_on,
        status=_status(row.status),
        review_on=row.review_on,
        undone_on=row.undone_on,
        document=dict(row.document or {}),
        changes=tuple(
            AppliedChange(
                workout_id=c.workout_id,
                on=c.day,
                rule=c.rule,
                because=c.because,
                before=workout_from_snapshot(c.before) if c.before else None,
                after=workout_from_snapshot(c.after) if c.after else None,
            )
            for c in row.changes
        ),
    )


def add_set(
    session: Session,
    applied: AppliedAdaptation,
    snapshots: list[tuple[dict[str, Any] | None, dict[str, Any] | None]],
) -> AppliedAdaptation:
    """Record an applied set; ``snapshots`` are each change's raw before and after rows."""
    row = AdaptationSetRow(
        athlete_id=applied.athlete_id,
        plan_id=applied.plan_id,
        as_of=applied.as_of,
        applied_on=applied.applied_on,
        status=applied.status,
        review_on=applied.review_on,
        document=dict(applied.document),
        changes=[
            AdaptationChangeRow(
                position=index,
                workout_id=change.workout_id,
                day=change.on,
                rule=change.rule,
                because=change.because,
                before=before,
                after=after,
            )
            for index, (change, (before, after)) in enumerate(
                zip(applied.changes, snapshots, strict=True)
            )
        ],
    )
    session.add(row)
    session.flush()
    return _to_domain(row)


def applied_sets(session: Session, athlete_id: int, plan_id: int) -> list[AppliedAdaptation]:
    """The sets applied to a plan and not undone, oldest first."""
    rows = session.scalars(
        select(AdaptationSetRow)
        .where(
            AdaptationSetRow.athlete_id == athlete_id,
            AdaptationSetRow.plan_id == plan_id,
            AdaptationSetRow.undone_on.is_(None),
        )
        .order_by(AdaptationSetRow.id)
    )
    return [_to_domain(r) for r in rows]


def last_applied_row(session: Session, athlete_id: int, plan_id: int) -> AdaptationSetRow | None:
    return session.scalars(
        select(AdaptationSetRow)
        .where(
            AdaptationSetRow.athlete_id == athlete_id,
            AdaptationSetRow.plan_id == plan_id,
            AdaptationSetRow.undone_on.is_(None),
        )
        .order_by(AdaptationSetRow.id.desc())
        .limit(1)
    ).first()


def to_domain(row: AdaptationSetRow) -> AppliedAdaptation:
    return _to_domain(row)
