"""Programme: today's rehab exercises with their doses, marking a session done, the levels.

The programme is built from the latest triage (``niggle.services.rehab``); at emergency and
urgent care levels it is withheld and the page says why, inviting no exercise.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NiggleError, NotFound
from niggle.services import rehab
from niggle.web import forms
from niggle.web.deps import ClockDep, CurrentAthlete, DbDep
from niggle.web.errors import status_for
from niggle.web.page_cache import mark_cacheable
from niggle.web.templating import render

router = APIRouter()


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
    try:
        document = rehab.rehab_document(rehab.rehab_programme(db, athlete.name, today))
    except NotFound:
        document = None
    programme = document["programme"] if document else None
    sessions = {s["date"]: s for s in document.get("sessions", [])} if document else {}
    return render(
        request,
        "programme.html",
        {
            "active": "programme",
            "athlete": athlete,
            "doc": document,
            "programme": programme,
            "today": today,
            "today_iso": today.isoformat(),
            "due_today": bool(programme and today.isoformat() in programme.get("schedule", [])),
            "logged_today": sessions.get(today.isoformat()),
            "error": error,
            "notice": notice,
        },
        status_code=status,
    )


@router.get("/programme")
def programme_page(
    request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep, saved: str = ""
) -> Response:
    mark_cacheable(request)
    notice = "Session saved." if saved else None
    return _page(request, db, athlete, clock.today(), notice=notice)


@router.post("/programme/sessions")
def log_session(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    date: Annotated[str, Form(max_length=20)] = "",
    pain_during: Annotated[str, Form(max_length=5)] = "",
    target_reached: Annotated[str, Form(max_length=5)] = "",
    settled: Annotated[str, Form(max_length=5)] = "",
    exercises: Annotated[list[str], Form(max_length=100)] = [],  # noqa: B006 (FastAPI copies it)
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Mark a session done: which exercises, pain during (0-10), whether the target was met."""
    today = clock.today()
    try:
        on = forms.optional_date(date, "The date") or today
        rehab.log_rehab_session(
            db,
            athlete.name,
            today,
            on,
            pain_during=forms.optional_int(pain_during, "Pain during"),
            target_reached=_yes_no(target_reached, "Did you reach the target"),
            settled_next_morning=_yes_no(settled, "Had it settled next morning"),
            exercises=exercises or None,
            note=forms.optional_text(note),
        )
    except NiggleError as exc:
        return _page(request, db, athlete, today, error=exc.message, status=status_for(exc))
    return RedirectResponse("/programme?saved=1", status_code=303)


def _yes_no(value: str, what: str) -> bool | None:
    if not value:
        return None
    if value not in ("yes", "no"):
        raise InvalidInput(f"{what}? Answer yes or no.")
    return value == "yes"
