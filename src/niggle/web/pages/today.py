"""Today: the planned session with its paces and a check-in after it, then where the runner
stands: this week's running, pain, load flags and training paces."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NiggleError
from niggle.domain.pain import (
    BODY_REGIONS,
    PAIN_WHEN,
    PainReport,
    PainWhen,
    parse_nrs,
    parse_region,
)
from niggle.domain.units import parse_distance, parse_duration
from niggle.services import activities, plans, triage
from niggle.services.overview import athlete_overview
from niggle.web import forms
from niggle.web.deps import ClockDep, CurrentAthlete, DbDep
from niggle.web.errors import status_for
from niggle.web.page_cache import mark_cacheable
from niggle.web.templating import render

router = APIRouter()

ACT_NOW = ("emergency", "urgent")


def _page(
    request: Request,
    db: DbDep,
    athlete: Athlete,
    today: dt.date,
    *,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    assert athlete.id is not None
    latest = triage.latest_triage(db, athlete.id)
    if latest is not None and latest.care_level in ACT_NOW:
        # Clinical safety rule: at emergency and urgent levels show only the action to take,
        # nothing that invites more running (no session, no check-in, no paces).
        return render(
            request,
            "act_now.html",
            {"active": "today", "athlete": athlete, "triage": latest, "today": today},
            status_code=status,
        )
    overview = athlete_overview(db, athlete, today)
    week = plans.week_view(db, athlete.name, today)
    yesterday = today - dt.timedelta(days=1)
    yesterdays_runs = [
        a
        for a in activities.list_activities(db, athlete.id, yesterday, yesterday)
        if a.sport == "run"
    ]
    yesterdays_run = yesterdays_runs[-1] if yesterdays_runs else None
    # Once this morning's pain after yesterday's run is saved, show it instead of the form.
    mornings = (
        [
            p
            for p in activities.list_pain_reports(db, athlete.id, today, today)
            if p.when == "next_morning" and p.activity_id == yesterdays_run.id
        ]
        if yesterdays_run is not None
        else []
    )
    return render(
        request,
        "today.html",
        {
            "active": "today",
            "athlete": athlete,
            "units": athlete.units,
            "overview": overview,
            "week": week,
            "sessions": week.today_workouts if week else (),
            "logged_today": [a for a in overview.recent_activities if a.local_date == today],
            "yesterdays_run": yesterdays_run,
            "morning_reports": mornings,
            "today": today,
            "triage": latest,
            "running_paused": latest is not None and latest.running in ("pause_running", "stop"),
            "regions": BODY_REGIONS,
            "pain_when": PAIN_WHEN,
            "error": error,
            "notice": notice,
        },
        status_code=status,
    )


@router.get("/today")
def today_page(
    request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep, saved: str = ""
) -> Response:
    mark_cacheable(request)
    notice = {"checkin": "Saved. Thank you for checking in."}.get(saved)
    return _page(request, db, athlete, clock.today(), notice=notice)


def _pain(region: str, nrs: str, when: PainWhen, on: dt.date) -> list[PainReport]:
    if not nrs.strip():
        return []
    return [PainReport(on=on, region=parse_region(region), nrs=parse_nrs(nrs), when=when)]


@router.post("/today/checkin")
def check_in(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    kind: Annotated[str, Form(max_length=20)] = "",
    distance: Annotated[str, Form(max_length=20)] = "",
    time: Annotated[str, Form(max_length=20)] = "",
    rpe: Annotated[str, Form(max_length=10)] = "",
    region: Annotated[str, Form(max_length=40)] = "lower_back",
    pain_during: Annotated[str, Form(max_length=5)] = "",
    pain_after: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """After the run: it happened, how far, how long, how hard, and any pain."""
    today = clock.today()
    assert athlete.id is not None
    try:
        if not distance.strip() or not time.strip():
            raise InvalidInput("Give the distance and the time you ran, e.g. 7 and 56:00.")
        text = distance.strip()
        metres = parse_distance(text if not forms.is_number(text) else f"{text}{athlete.units}")
        effort = forms.optional_float(rpe, "Effort (RPE)")
        activities.log_run(
            db,
            athlete.id,
            on=today,
            distance_m=metres,
            time_s=parse_duration(time),
            today=today,
            kind=forms.run_kind(kind),
            rpe=effort,
            pain=_pain(region, pain_during, "during", today)
            + _pain(region, pain_after, "after", today),
        )
    except NiggleError as exc:
        return _page(request, db, athlete, today, error=exc.message, status=status_for(exc))
    return RedirectResponse("/today?saved=checkin", status_code=303)
