"""Plan repository: plans and their workouts, rows to domain and back."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from niggle.domain.plans import (
    WEEKDAYS,
    WORKOUT_KINDS,
    WORKOUT_STATUSES,
    Plan,
    PlannedWorkout,
    Race,
    WorkoutKind,
    WorkoutStatus,
    step_from_data,
    step_to_data,
)
from niggle.store.tables.plans import PlanRow, PlanWorkoutRow


def _kind(text: str) -> WorkoutKind:
    return next((k for k in WORKOUT_KINDS if k == text), "rest")


def _status(text: str) -> WorkoutStatus:
    return next((s for s in WORKOUT_STATUSES if s == text), "planned")


def _workout(row: PlanWorkoutRow | Row[Any]) -> PlannedWorkout:
    # ORM rows and plain Core rows name their columns alike, so both read the same way.
    return PlannedWorkout(
        id=row.id,
        week=row.week,
        on=row.day,
        kind=_kind(row.kind),
        title=row.title,
        steps=tuple(step_from_data(s) for s in row.steps or []),
        distance_m=row.distance_m,
        duration_s=row.duration_s,
        target_pace_s_per_km=row.target_pace_s_per_km,
        status=_status(row.status),
        note=row.note,
        optional=row.optional,
        activity_id=row.activity_id,
    )


def _plan(
    row: PlanRow | Row[Any], workouts: Sequence[PlanWorkoutRow | Row[Any]] | None = None
) -> Plan:
    return Plan(
        id=row.id,
        athlete_id=row.athlete_id,
        uid=row.uid,
        template_id=row.template_id,
        name=row.name,
        race=Race(row.race_name, row.race_date, row.race_distance_m),
        start=row.start_date,
        length_weeks=row.length_weeks,
        first_week=row.first_week,
        key_days=tuple(WEEKDAYS.index(d) for d in row.key_days.split(",") if d in WEEKDAYS),
        five_k_s=row.five_k_s,
        source=row.source,
        status="archived" if row.status == "archived" else "active",
        workouts=tuple(_workout(w) for w in (row.workouts if workouts is None else workouts)),
    )


def _workout_row(workout: PlannedWorkout) -> PlanWorkoutRow:
    return PlanWorkoutRow(
        week=workout.week,
        day=workout.on,
        kind=workout.kind,
        title=workout.title[:200],
        steps=[step_to_data(s) for s in workout.steps],
        distance_m=workout.distance_m,
        duration_s=workout.duration_s,
        target_pace_s_per_km=workout.target_pace_s_per_km,
        status=workout.status,
        note=workout.note,
        optional=workout.optional,
        activity_id=workout.activity_id,
    )


def archive_active(session: Session, athlete_id: int) -> list[int]:
    """Archive the athlete's active plan(s); nothing is deleted. Returns their ids."""
    ids = list(
        session.scalars(
            select(PlanRow.id).where(PlanRow.athlete_id == athlete_id, PlanRow.status == "active")
        )
    )
    if ids:
        session.execute(update(PlanRow).where(PlanRow.id.in_(ids)).values(status="archived"))
        session.flush()
    return ids


def add(session: Session, athlete_id: int, plan: Plan) -> Plan:
    """Store ``plan`` as the athlete's active plan (archive the old one first)."""
    row = PlanRow(
        athlete_id=athlete_id,
        uid=plan.uid or uuid.uuid4().hex,
        template_id=plan.template_id,
        name=plan.name[:200],
        race_name=plan.race.name[:200],
        race_date=plan.race.date,
        race_distance_m=plan.race.distance_m,
        start_date=plan.start,
        length_weeks=plan.length_weeks,
        first_week=plan.first_week,
        key_days=",".join(WEEKDAYS[d] for d in plan.key_days),
        five_k_s=plan.five_k_s,
        source=plan.source,
        status=plan.status,
        workouts=[_workout_row(w) for w in plan.workouts],
    )
    session.add(row)
    session.flush()
    session.refresh(row)
    return _plan(row)


def active_plan(session: Session, athlete_id: int) -> Plan | None:
    """The athlete's active plan, read with two plain Core queries.

    Today and the plan calendar read it on every render; building an ORM object (and its
    identity-map bookkeeping) for each of a plan's hundred workouts cost several times the
    query itself, and nothing here is changed through the session.
    """
    plans = PlanRow.__table__
    row = session.execute(
        select(plans).where(plans.c.athlete_id == athlete_id, plans.c.status == "active")
    ).first()
    if row is None:
        return None
    workouts = PlanWorkoutRow.__table__
    rows = session.execute(
        select(workouts).where(workouts.c.plan_id == row.id).order_by(workouts.c.day, workouts.c.id)
    ).all()
    return _plan(row, rows)


def active_race(session: Session, athlete_id: int) -> Race | None:
    """The race of the athlete's active plan, read without its workouts (the forecast needs
    only this; parsing every workout's steps per page view does not pay)."""
    row = session.execute(
        select(PlanRow.race_name, PlanRow.race_date, PlanRow.race_distance_m).where(
            PlanRow.athlete_id == athlete_id, PlanRow.status == "active"
        )
    ).first()
    return None if row is None else Race(row.race_name, row.race_date, row.race_distance_m)


def get(session: Session, plan_id: int) -> Plan | None:
    row = session.get(PlanRow, plan_id)
    return None if row is None else _plan(row)


def plans_of(session: Session, athlete_id: int) -> list[Plan]:
    rows = session.scalars(
        select(PlanRow).where(PlanRow.athlete_id == athlete_id).order_by(PlanRow.id)
    )
    return [_plan(r) for r in rows]


def update_workout(session: Session, workout: PlannedWorkout) -> PlannedWorkout:
    """Save a workout's status and linked activity (the parts progress changes)."""
    if workout.id is None:
        raise ValueError("update_workout needs a stored workout")
    row = session.get_one(PlanWorkoutRow, workout.id)
    row.status = workout.status
    row.activity_id = workout.activity_id
    session.flush()
    return _workout(row)


def active_workouts_between(
    session: Session, athlete_id: int, start: dt.date, end: dt.date
) -> list[PlannedWorkout]:
    """The active plan's workouts on ``start``..``end`` (none before the plan's own start),
    in one indexed query: the coach's missed check-ins read a week of each runner's plan,
    and loading whole plans for that cost several times as much."""
    query = (
        select(PlanWorkoutRow)
        .join(PlanRow, PlanRow.id == PlanWorkoutRow.plan_id)
        .where(
            PlanRow.athlete_id == athlete_id,
            PlanRow.status == "active",
            PlanWorkoutRow.day >= start,
            PlanWorkoutRow.day <= end,
            PlanWorkoutRow.day >= PlanRow.start_date,
        )
        .order_by(PlanWorkoutRow.day, PlanWorkoutRow.id)
    )
    return [_workout(row) for row in session.scalars(query)]
