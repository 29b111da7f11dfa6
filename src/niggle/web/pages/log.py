"""Log: enter a run, cross-training or a pain check-in by hand, upload activity files or a
whole Strava or Garmin export, and see the recent log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from niggle.domain.activity import RUN_KINDS
from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NiggleError
from niggle.domain.pain import (
    BODY_REGIONS,
    PAIN_WHEN,
    PainReport,
    parse_nrs,
    parse_region,
    parse_when,
)
from niggle.domain.units import parse_distance, parse_duration
from niggle.services import activities
from niggle.web import forms
from niggle.web.deps import ClockDep, ContextDep, CurrentAthlete, DbDep, FormDep
from niggle.web.errors import status_for
from niggle.web.templating import render
from niggle.web.threads import run_long
from niggle.web.uploads import import_uploads

router = APIRouter()

LOG_DAYS = 28
CROSS_CHOICES = (
    ("bike", "Bike"),
    ("swim", "Swim"),
    ("elliptical", "Elliptical"),
    ("strength", "Strength"),
    ("row", "Row"),
    ("walk", "Walk"),
)
RUN_KIND_CHOICES = tuple(k for k in RUN_KINDS if k not in ("cross", "strength", "rest"))
# Every field the page's three forms show, so a re-rendered form keeps what was typed.
FORM_FIELDS = (
    "date",
    "distance",
    "time",
    "kind",
    "rpe",
    "pain_region",
    "pain_nrs",
    "pain_when",
    "note",
    "separate",
    "sport",
    "cross_time",
    "cross_rpe",
    "cross_note",
    "region",
    "nrs",
    "when",
    "pain_note",
)


def _page(
    request: Request,
    db: DbDep,
    athlete: Athlete,
    today: dt.date,
    *,
    form: dict[str, str] | None = None,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
    imported: dict[str, object] | None = None,
) -> Response:
    assert athlete.id is not None
    start = today - dt.timedelta(days=LOG_DAYS - 1)
    logged = list(reversed(activities.list_activities(db, athlete.id, start, today)))
    pain = sorted(
        activities.list_pain_reports(db, athlete.id, start, today),
        key=lambda p: (p.on, p.id or 0),
        reverse=True,
    )
    defaults = dict.fromkeys(FORM_FIELDS, "") | {
        "date": today.isoformat(),
        "kind": "easy",
        "sport": "bike",
        "when": "during",
        "pain_when": "during",
        "pain_region": "lower_back",
        "region": "lower_back",
    }
    return render(
        request,
        "log.html",
        {
            "active": "log",
            "athlete": athlete,
            "units": athlete.units,
            "activities": logged,
            "pain": pain,
            "form": defaults | (form or {}),
            "run_kinds": RUN_KIND_CHOICES,
            "cross_choices": CROSS_CHOICES,
            "regions": BODY_REGIONS,
            "pain_when": PAIN_WHEN,
            "error": error,
            "notice": notice,
            "log_days": LOG_DAYS,
            "imported": imported,
        },
        status_code=status,
    )


@router.get("/log")
def log_page(
    request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep, saved: str = ""
) -> Response:
    notice = {
        "run": "Run saved.",
        "run-added": (
            "Your watch had already recorded this run, so your effort, note and pain were "
            "added to that recording instead of counting the run twice. If it was a second "
            "run, log it again and tick 'A second run that day'."
        ),
        "cross": "Session saved.",
        "pain": "Check-in saved.",
    }.get(saved)
    return _page(request, db, athlete, clock.today(), notice=notice)


def _optional_pain(region: str, nrs: str, when: str, on: dt.date) -> list[PainReport]:
    if not nrs.strip():
        return []
    return [
        PainReport(on=on, region=parse_region(region), nrs=parse_nrs(nrs), when=parse_when(when))
    ]


@router.post("/log/run")
def log_run(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    date: Annotated[str, Form(max_length=20)] = "",
    distance: Annotated[str, Form(max_length=20)] = "",
    time: Annotated[str, Form(max_length=20)] = "",
    kind: Annotated[str, Form(max_length=20)] = "",
    rpe: Annotated[str, Form(max_length=10)] = "",
    pain_region: Annotated[str, Form(max_length=40)] = "lower_back",
    pain_nrs: Annotated[str, Form(max_length=5)] = "",
    pain_when: Annotated[str, Form(max_length=20)] = "during",
    note: Annotated[str, Form(max_length=2000)] = "",
    separate: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    today = clock.today()
    form = {
        "date": date,
        "distance": distance,
        "time": time,
        "kind": kind,
        "rpe": rpe,
        "pain_region": pain_region,
        "pain_nrs": pain_nrs,
        "pain_when": pain_when,
        "note": note,
        "separate": separate,
    }
    assert athlete.id is not None
    try:
        on = forms.optional_date(date, "The date") or today
        if not distance.strip() or not time.strip():
            raise InvalidInput("Give the distance (e.g. 7mi or 10km) and the time (e.g. 56:00).")
        text = distance.strip()
        metres = parse_distance(text if not forms.is_number(text) else f"{text}{athlete.units}")
        logged = activities.log_run(
            db,
            athlete.id,
            on=on,
            distance_m=metres,
            time_s=parse_duration(time),
            today=today,
            kind=forms.run_kind(kind),
            rpe=forms.optional_float(rpe, "Effort (RPE)"),
            pain=_optional_pain(pain_region, pain_nrs, pain_when, on),
            note=forms.optional_text(note),
            separate=separate == "yes",
        )
    except NiggleError as exc:
        return _page(
            request, db, athlete, today, form=form, error=exc.message, status=status_for(exc)
        )
    saved = "run-added" if logged.added_to_recording else "run"
    return RedirectResponse(f"/log?saved={saved}", status_code=303)


@router.post("/log/cross")
def log_cross(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    date: Annotated[str, Form(max_length=20)] = "",
    sport: Annotated[str, Form(max_length=20)] = "",
    time: Annotated[str, Form(max_length=20)] = "",
    rpe: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    today = clock.today()
    form = {"date": date, "sport": sport, "cross_time": time, "cross_rpe": rpe, "cross_note": note}
    assert athlete.id is not None
    try:
        if not time.strip():
            raise InvalidInput("Give how long the session took, e.g. 45:00.")
        activities.log_cross(
            db,
            athlete.id,
            sport=activities.parse_cross_sport(sport),
            on=forms.optional_date(date, "The date") or today,
            time_s=parse_duration(time),
            today=today,
            rpe=forms.optional_float(rpe, "Effort (RPE)"),
            note=forms.optional_text(note),
        )
    except NiggleError as exc:
        return _page(
            request, db, athlete, today, form=form, error=exc.message, status=status_for(exc)
        )
    return RedirectResponse("/log?saved=cross", status_code=303)


@router.post("/log/pain")
def log_pain(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    date: Annotated[str, Form(max_length=20)] = "",
    region: Annotated[str, Form(max_length=40)] = "",
    nrs: Annotated[str, Form(max_length=5)] = "",
    when: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    activity_id: Annotated[str, Form(max_length=20)] = "",
    back: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    today = clock.today()
    form = {"date": date, "region": region, "nrs": nrs, "when": when, "pain_note": note}
    assert athlete.id is not None
    try:
        report = PainReport(
            on=forms.optional_date(date, "The date") or today,
            region=parse_region(region),
            nrs=parse_nrs(nrs),
            when=parse_when(when),
            note=forms.optional_text(note),
            activity_id=forms.optional_int(activity_id, "The session"),
        )
        activities.add_pain_report(db, athlete.id, report, today)
    except NiggleError as exc:
        return _page(
            request, db, athlete, today, form=form, error=exc.message, status=status_for(exc)
        )
    if back == "today":
        return RedirectResponse("/today?saved=checkin", status_code=303)
    return RedirectResponse("/log?saved=pain", status_code=303)


@router.post("/log/import")
async def upload(
    request: Request,
    athlete: CurrentAthlete,
    ctx: ContextDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    """Files or whole exports; what could be imported is, and every failure is listed.

    An export can take a minute to import, so it runs with the long jobs, not the pages.
    """
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    return await run_long(ctx, _import_and_show, request, ctx.db, athlete, files, clock.today())


def _import_and_show(
    request: Request, db: DbDep, athlete: Athlete, files: list[UploadFile], today: dt.date
) -> Response:
    assert athlete.id is not None
    try:
        _report, document = import_uploads(db, athlete.id, files, today)
    except NiggleError as exc:
        return _page(request, db, athlete, today, error=exc.message, status=status_for(exc))
    return _page(request, db, athlete, today, imported=document)
