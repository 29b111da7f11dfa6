"""Athletes in the API: the ones you may see, their profile, paces, overview and load.

Every route with an athlete id goes through ``niggle.services.sharing``: the owner reads and
changes; a coach or physio the athlete shares with reads (audited); anyone else gets 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from niggle.domain.athlete import Athlete
from niggle.domain.errors import NotFound
from niggle.domain.units import RaceResult, check_plausible_result, parse_race_result
from niggle.services import accounts, sharing
from niggle.services.athletes import athlete_document, update_athlete
from niggle.services.care import check_region
from niggle.services.load import athlete_load, load_document
from niggle.services.missed_checkins import missed_checkins
from niggle.services.overview import athlete_overview, overview_document
from niggle.services.paces import pace_report_for, paces_document
from niggle.web.api.schemas import AthleteList, AthleteListItem, AthleteUpdate
from niggle.web.deps import ApiUser, ClockDep, DbDep
from niggle.web.ids import RowId

router = APIRouter(tags=["athletes"])

Document = dict[str, Any]


def viewed(db: DbDep, user: accounts.User, athlete_id: int, clock: ClockDep, what: str) -> Athlete:
    return sharing.athlete_for_viewing(db, user, athlete_id, what=f"API: {what}", now=clock.now())


@router.get("/athletes", response_model=AthleteList)
def list_athletes(user: ApiUser, db: DbDep) -> AthleteList:
    """Your own runner profile and the runners who share with you."""
    items = []
    own = accounts.owned_athlete(db, user)
    if own is not None and own.id is not None:
        items.append(AthleteListItem(id=own.id, name=own.name, access="owner"))
    items.extend(
        AthleteListItem(id=s.athlete_id, name=s.athlete_name, access="shared")
        for s in sharing.shared_with(db, user)
    )
    return AthleteList(athletes=items)


@router.get("/athletes/{athlete_id}")
def get_athlete(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """The profile, as ``niggle athlete show --json`` prints it."""
    athlete = viewed(db, user, athlete_id, clock, "profile")
    return athlete_document(athlete, clock.today())


@router.patch("/athletes/{athlete_id}")
def change_athlete(
    athlete_id: RowId, body: AthleteUpdate, user: ApiUser, db: DbDep, clock: ClockDep
) -> Document:
    """Change units, region or weekly distance, or add a race result (owner only)."""
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    result: RaceResult | None = None
    if (body.race_distance_m is None) != (body.race_time_s is None):
        from niggle.domain.errors import InvalidInput

        raise InvalidInput("Give both race_distance_m and race_time_s, or neither.")
    if body.race_distance_m is not None and body.race_time_s is not None:
        result = RaceResult(body.race_distance_m, body.race_time_s)
        check_plausible_result(result)
    updated = update_athlete(
        db,
        athlete.name,
        clock.today(),
        units=body.units,
        region=check_region(body.region) if body.region else None,
        weekly_distance_m=body.weekly_distance_m,
        result=result,
        result_on=body.race_date if result else None,
    )
    return athlete_document(updated, clock.today())


@router.get("/athletes/{athlete_id}/paces")
def athlete_paces(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """Training paces from the latest result, as ``niggle paces --json`` prints them."""
    athlete = viewed(db, user, athlete_id, clock, "paces")
    result = athlete.fitness_result()
    if result is None:
        raise NotFound(f"{athlete.name} has no race result yet; add one with PATCH race fields.")
    return paces_document(pace_report_for(result))


@router.get("/athletes/{athlete_id}/overview")
def athlete_summary(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """The runner at a glance: this week, recent sessions and pain, load flags, missed
    check-ins."""
    athlete = viewed(db, user, athlete_id, clock, "overview")
    overview = athlete_overview(db, athlete, clock.today())
    return overview_document(overview, missed_checkins(db, athlete, clock.today(), overview.triage))


@router.get("/athletes/{athlete_id}/load")
def athlete_training_load(
    athlete_id: RowId,
    user: ApiUser,
    db: DbDep,
    clock: ClockDep,
    as_of: Annotated[dt.date | None, Query(description="Default: today.")] = None,
) -> Document:
    """Training load as ``niggle load --json`` prints it."""
    athlete = viewed(db, user, athlete_id, clock, "load")
    _, profile, summary = athlete_load(db, athlete.name, as_of or clock.today())
    return load_document(profile, summary)


@router.get("/paces", tags=["tools"])
def paces_calculator(
    user: ApiUser,
    result: Annotated[
        str, Query(alias="from", max_length=40, description="DISTANCE=TIME, e.g. 5k=22:30.")
    ],
) -> Document:
    """Paces and predictions for any race result (nobody's data is read)."""
    return paces_document(pace_report_for(parse_race_result(result)))
