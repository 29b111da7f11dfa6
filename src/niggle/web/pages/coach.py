"""The coach's (or physio's) side: the runners who share with them, and one runner's view.

The list shows what niggle knows today for each runner: the latest triage and its red flags,
pain this week, load flags, missed check-ins (``niggle.services.missed_checkins``) and the
last session, worries first. Every runner shown is an audited view of their health data:
the rows are written together before the page is built, on every view. What each card
shows is remembered per runner against their data version, so only runners whose data
changed since the last look are read again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from niggle.domain.errors import NiggleError
from niggle.services import plans, sharing
from niggle.services.missed_checkins import (
    LOOKBACK_DAYS,
    SILENT_DAYS,
    WINDOW_DAYS,
    missed_checkins,
)
from niggle.services.overview import athlete_overview, attention_order, runner_card
from niggle.web.deps import ClockDep, CurrentCoach, DbDep
from niggle.web.errors import status_for
from niggle.web.ids import RowId
from niggle.web.templating import render

router = APIRouter()


def _dashboard(
    request: Request,
    db: DbDep,
    clock: ClockDep,
    coach: CurrentCoach,
    *,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    today = clock.today()
    now = clock.now()
    rows = []
    # One query for every runner (access, owner, data version) and one audit transaction;
    # each card is then remembered against its runner's data version (runner_card).
    for shared in sharing.athletes_for_viewing(db, coach, what="coach dashboard", now=now):
        card = runner_card(db, shared.share.athlete_id, shared.version, today)
        if card is not None:  # deleted since the query: nothing left to show
            rows.append((shared.share, *card))
    rows.sort(key=lambda row: attention_order(row[1], row[2]))
    return render(
        request,
        "coach.html",
        {
            "active": "coach",
            "rows": rows,
            "today": today,
            "error": error,
            "notice": notice,
            **_missed_rules(),
        },
        status_code=status,
    )


def _missed_rules() -> dict[str, int]:
    return {
        "missed_window_days": WINDOW_DAYS,
        "silent_days": SILENT_DAYS,
        "missed_lookback_days": LOOKBACK_DAYS,
    }


@router.get("/coach")
def coach_dashboard(
    request: Request,
    db: DbDep,
    clock: ClockDep,
    coach: CurrentCoach,
    joined: str = "",
    left: str = "",
) -> Response:
    notice = None
    if joined:
        notice = "Invite accepted: that runner now appears below."
    elif left:
        notice = "You no longer see that runner."
    return _dashboard(request, db, clock, coach, notice=notice)


@router.post("/coach/invites")
def accept_invite(
    request: Request,
    db: DbDep,
    clock: ClockDep,
    coach: CurrentCoach,
    code: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        sharing.accept_invite(db, coach, code, clock.now())
    except NiggleError as exc:
        return _dashboard(request, db, clock, coach, error=exc.message, status=status_for(exc))
    return RedirectResponse("/coach?joined=1", status_code=303)


@router.get("/coach/athletes/{athlete_id}")
def coach_athlete(
    request: Request, db: DbDep, clock: ClockDep, coach: CurrentCoach, athlete_id: RowId
) -> Response:
    athlete = sharing.athlete_for_viewing(
        db, coach, athlete_id, what="runner overview", now=clock.now()
    )
    share = next((s for s in sharing.shared_with(db, coach) if s.athlete_id == athlete_id), None)
    overview = athlete_overview(db, athlete, clock.today())
    return render(
        request,
        "coach_athlete.html",
        {
            "active": "coach",
            "athlete": athlete,
            "units": athlete.units,
            "overview": overview,
            "missed": missed_checkins(db, athlete, clock.today(), overview.triage),
            "week": plans.week_view(db, athlete.name, clock.today()),
            "share": share,
            **_missed_rules(),
        },
    )
