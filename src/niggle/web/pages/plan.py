"""The training plan: choose a goal race and template (after onboarding or later), the plan
calendar week by week, and marking sessions done or skipped.

Adaptations (``plan_adapt``): sessions an applied adaptation changed show its rule and
reason, and the changes niggle proposes are shown as a diff to accept or decline. At
emergency and urgent triage levels the page shows only the action to take.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NiggleError, NotFound
from niggle.domain.plans import WEEKDAYS, Plan, WorkoutStatus
from niggle.domain.plans_schedule import DEFAULT_KEY_DAYS, parse_weekday
from niggle.services import plans
from niggle.web import forms
from niggle.web.deps import ClockDep, CurrentAthlete, DbDep
from niggle.web.errors import status_for
from niggle.web.ids import RowId
from niggle.web.page_cache import mark_cacheable
from niggle.web.pages import plan_adapt
from niggle.web.templating import render

router = APIRouter()

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MARKABLE: dict[str, WorkoutStatus] = {"done": "done", "skipped": "skipped", "planned": "planned"}


def active_plan(db: DbDep, athlete: Athlete) -> Plan | None:
    try:
        return plans.current_plan(db, athlete.name)[1]
    except NotFound:
        return None


@functools.cache
def template_choices() -> tuple[dict[str, Any], ...]:
    """The shipped plan templates, read and checked once per process.

    They are package data and cannot change while the server runs; reading and validating
    the four YAML files cost about 100 ms, on every page that offers the choice.
    """
    return tuple(plans.template_summaries())


def plan_form_context(form: dict[str, Any] | None = None) -> dict[str, Any]:
    defaults = {
        "template": "first-marathon",
        "race_name": "",
        "race_date": "",
        "key_days": [WEEKDAYS[d] for d in DEFAULT_KEY_DAYS],
    }
    return {
        "templates": template_choices(),
        "weekdays": list(zip(WEEKDAYS, DAY_NAMES, strict=True)),
        "plan_form": defaults | (form or {}),
    }


def create_from_form(
    db: DbDep,
    athlete: Athlete,
    today: dt.date,
    template: str,
    race_name: str,
    race_date: str,
    key_days: list[str],
) -> plans.CreatedPlan:
    day = forms.optional_date(race_date, "The race date")
    if day is None:
        raise InvalidInput("Give the date of your goal race.")
    return plans.create_plan(
        db,
        athlete.name,
        today,
        race_date=day,
        template_id=template,
        race_name=forms.optional_text(race_name),
        key_days=tuple(sorted(parse_weekday(d) for d in key_days)) or None,
    )


@router.get("/plan")
def plan_page(
    request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep, saved: str = ""
) -> Response:
    mark_cacheable(request)
    return _page(request, db, athlete, clock.today(), notice=_notice(saved), saved=saved)


def _notice(saved: str) -> str | None:
    return {
        "created": "Your plan is ready. Paces come from your latest race result.",
        "marked": "Session updated.",
        **plan_adapt.NOTICES,
    }.get(saved)


def _page(
    request: Request,
    db: DbDep,
    athlete: Athlete,
    today: dt.date,
    *,
    form: dict[str, Any] | None = None,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
    saved: str = "",
) -> Response:
    act_now = plan_adapt.act_now_triage(db, athlete)
    if act_now is not None:
        return plan_adapt.render_act_now(request, athlete, act_now, today)
    plan = active_plan(db, athlete)
    current = plans.current_week(plan, today) if plan else None
    return render(
        request,
        "plan.html",
        {
            "active": "plan",
            "athlete": athlete,
            "units": athlete.units,
            "plan": plan,
            "current_week": current,
            "today": today,
            "error": error,
            "notice": notice,
            "declined": saved == "declined",
            **plan_adapt.adaptation_context(db, athlete, plan, today),
            **plan_form_context(form),
        },
        status_code=status,
    )


@router.post("/plan")
def create_plan(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    template: Annotated[str, Form(max_length=80)] = "",
    race_name: Annotated[str, Form(max_length=200)] = "",
    race_date: Annotated[str, Form(max_length=20)] = "",
    key_days: Annotated[list[str], Form(max_length=7)] = [],  # noqa: B006 (FastAPI copies it)
    back: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    today = clock.today()
    form = {
        "template": template,
        "race_name": race_name,
        "race_date": race_date,
        "key_days": key_days,
    }
    try:
        create_from_form(db, athlete, today, template, race_name, race_date, key_days)
    except NiggleError as exc:
        if back == "onboarding":
            return render(
                request,
                "onboarding_plan.html",
                {"athlete": athlete, "error": exc.message, **plan_form_context(form)},
                status_code=status_for(exc),
            )
        return _page(
            request, db, athlete, today, form=form, error=exc.message, status=status_for(exc)
        )
    return RedirectResponse(
        "/plan?saved=created" if back != "onboarding" else "/today", status_code=303
    )


@router.get("/onboarding/plan")
def onboarding_plan(request: Request, athlete: CurrentAthlete) -> Response:
    return render(request, "onboarding_plan.html", {"athlete": athlete, **plan_form_context()})


@router.post("/plan/workouts/{workout_id}/status")
def mark(
    athlete: CurrentAthlete,
    db: DbDep,
    workout_id: RowId,
    status: Annotated[str, Form(max_length=20)] = "",
    back: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    plan = active_plan(db, athlete)
    workout = next((w for w in plan.workouts if w.id == workout_id), None) if plan else None
    if workout is None:
        raise NotFound(f"There is no session {workout_id} in your plan.")
    if status not in MARKABLE:
        raise InvalidInput("Mark a session done, skipped or planned.")
    plans.mark_workout(db, athlete.name, workout.on, MARKABLE[status], workout.kind)
    return RedirectResponse("/today" if back == "today" else "/plan?saved=marked", status_code=303)
