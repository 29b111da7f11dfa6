"""Today: where the runner stands now: this week's running, pain, load flags and paces.

Today's planned session and the after-run check-in join this page when the plans service
lands (see docs/WEB.md); the pain check-in already works through ``/log/pain``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from niggle.domain.pain import BODY_REGIONS, PAIN_WHEN
from niggle.services.overview import athlete_overview
from niggle.web.deps import ClockDep, CurrentAthlete, DbDep
from niggle.web.templating import render

router = APIRouter()


@router.get("/today")
def today_page(request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep) -> Response:
    today = clock.today()
    overview = athlete_overview(db, athlete, today)
    return render(
        request,
        "today.html",
        {
            "active": "today",
            "athlete": athlete,
            "units": athlete.units,
            "overview": overview,
            "today": today,
            "regions": BODY_REGIONS,
            "pain_when": PAIN_WHEN,
        },
    )
