"""Training plans in the API: templates, the athlete's plan as ``niggle plan show --json``
prints it, creating a plan and marking a session."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from niggle.domain.errors import NotFound
from niggle.domain.plans_schedule import parse_weekday
from niggle.services import plans, sharing
from niggle.web.api.schemas import Strict
from niggle.web.deps import ApiUser, ClockDep, DbDep
from niggle.web.ids import RowId

router = APIRouter(tags=["plans"])

Document = dict[str, Any]


class PlanCreate(Strict):
    template: str = Field(max_length=80, examples=["first-marathon"])
    race_date: dt.date = Field(description="The goal race's day.", examples=["2027-04-25"])
    race_name: str | None = Field(default=None, max_length=200)
    key_days: list[str] | None = Field(default=None, max_length=7, examples=[["tue", "thu", "sun"]])


class WorkoutMark(Strict):
    status: Literal["planned", "done", "skipped"]


@router.get("/plan-templates")
def plan_templates(user: ApiUser) -> Document:
    """The plan templates, as ``niggle plan templates --json`` lists them."""
    return {"schema_version": 1, "templates": plans.template_summaries()}


@router.get("/athletes/{athlete_id}/plan")
def get_plan(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    athlete = sharing.athlete_for_viewing(db, user, athlete_id, what="API: plan", now=clock.now())
    _, plan = plans.current_plan(db, athlete.name)
    return plans.plan_document(plan, today=clock.today())


@router.post("/athletes/{athlete_id}/plan", status_code=201)
def create_plan(
    athlete_id: RowId, body: PlanCreate, user: ApiUser, db: DbDep, clock: ClockDep
) -> Document:
    """Start a plan for a goal race; an existing plan is archived, not deleted."""
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    created = plans.create_plan(
        db,
        athlete.name,
        clock.today(),
        race_date=body.race_date,
        template_id=body.template,
        race_name=body.race_name,
        key_days=tuple(sorted(parse_weekday(d) for d in body.key_days)) if body.key_days else None,
    )
    document = plans.plan_document(created.plan, today=clock.today())
    document["warnings"] = list(created.warnings)
    return document


@router.post("/athletes/{athlete_id}/plan/workouts/{workout_id}")
def mark_workout(
    athlete_id: RowId, workout_id: RowId, body: WorkoutMark, user: ApiUser, db: DbDep
) -> Document:
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    _, plan = plans.current_plan(db, athlete.name)
    workout = next((w for w in plan.workouts if w.id == workout_id), None)
    if workout is None:
        raise NotFound(f"There is no session {workout_id} in this plan.")
    _, updated = plans.mark_workout(db, athlete.name, workout.on, body.status, workout.kind)
    return {"schema_version": 1, "workout": plans.workout_document(updated)}
