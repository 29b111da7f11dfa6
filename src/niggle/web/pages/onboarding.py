"""Onboarding, step one: the runner's profile, units, region and a recent race (or 5K) time.

Step two, the goal race, plan template and key-run days, is ``/onboarding/plan``
(``niggle.web.pages.plan``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from niggle.domain.athlete import Athlete, RecordedResult, parse_sex
from niggle.domain.errors import InvalidInput, NiggleError
from niggle.domain.units import parse_unit_system
from niggle.services import accounts
from niggle.services.care import KNOWN_REGIONS, check_region
from niggle.web import forms
from niggle.web.deps import ClockDep, CurrentUser, DbDep
from niggle.web.errors import WrongRole, status_for
from niggle.web.templating import render

router = APIRouter()

FIELDS = (
    "name",
    "units",
    "region",
    "birth_year",
    "sex",
    "race",
    "race_time",
    "race_date",
    "weekly",
)


def _page(request: Request, form: dict[str, str], error: str | None, status: int) -> Response:
    return render(
        request,
        "onboarding.html",
        {
            "form": form,
            "regions": KNOWN_REGIONS,
            "races": forms.RACE_CHOICES,
            "error": error,
        },
        status_code=status,
    )


@router.get("/onboarding")
def onboarding_form(request: Request, user: CurrentUser, db: DbDep) -> Response:
    if user.role != "athlete":
        raise WrongRole("coach")
    if accounts.owned_athlete(db, user) is not None:
        return RedirectResponse("/today", status_code=303)
    name = "" if user.is_local else user.display_name
    blank = dict.fromkeys(FIELDS, "") | {"name": name, "units": "km", "region": "uk"}
    return _page(request, blank | {"race": "5k"}, None, 200)


@router.post("/onboarding")
def onboard(
    request: Request,
    user: CurrentUser,
    db: DbDep,
    clock: ClockDep,
    name: Annotated[str, Form(max_length=200)] = "",
    units: Annotated[str, Form(max_length=10)] = "km",
    region: Annotated[str, Form(max_length=10)] = "uk",
    birth_year: Annotated[str, Form(max_length=10)] = "",
    sex: Annotated[str, Form(max_length=10)] = "",
    race: Annotated[str, Form(max_length=20)] = "5k",
    race_time: Annotated[str, Form(max_length=20)] = "",
    race_date: Annotated[str, Form(max_length=20)] = "",
    weekly: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    if user.role != "athlete":
        raise WrongRole("coach")
    form = {
        "name": name,
        "units": units,
        "region": region,
        "birth_year": birth_year,
        "sex": sex,
        "race": race,
        "race_time": race_time,
        "race_date": race_date,
        "weekly": weekly,
    }
    today = clock.today()
    try:
        unit_system = parse_unit_system(units)
        result = forms.race_result(race, race_time)
        result_on = forms.optional_date(race_date, "The race date")
        if result_on is not None and result is None:
            raise InvalidInput("Give the race time too, or leave the date empty.")
        athlete = Athlete(
            name=name,
            units=unit_system,
            birth_year=forms.optional_int(birth_year, "Year of birth"),
            sex=parse_sex(sex) if sex.strip() else None,
            results=(RecordedResult(result, result_on),) if result else (),
            weekly_distance_m=forms.weekly_distance(weekly, unit_system),
            region=check_region(region),
        )
        accounts.create_own_athlete(db, user, athlete, today)
    except NiggleError as exc:
        return _page(request, form, exc.message, status_for(exc))
    return RedirectResponse("/onboarding/plan", status_code=303)
