"""Check-ins, rehab, forecast and imports in the API.

Reads follow the sharing rules (owner, or a coach or physio the runner shares with, audited);
writes are the owner's only.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from pydantic import Field

from niggle.domain.errors import NotFound
from niggle.services import forecast, rehab, sharing, triage
from niggle.services.accounts import User
from niggle.web.api.schemas import Strict
from niggle.web.deps import ApiUser, ClockDep, ContextDep, DbDep
from niggle.web.ids import RowId
from niggle.web.threads import run_long
from niggle.web.uploads import import_uploads

router = APIRouter()

Document = dict[str, Any]


class RehabSessionIn(Strict):
    date: dt.date
    pain_during: int | None = Field(default=None, ge=0, le=10)
    target_reached: bool | None = None
    settled_next_morning: bool | None = None
    exercises: list[str] | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=2000)


@router.get("/athletes/{athlete_id}/triage", tags=["triage"])
def latest_triage(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """The latest check-in, as ``niggle triage --json`` printed it."""
    athlete = sharing.athlete_for_viewing(db, user, athlete_id, what="API: triage", now=clock.now())
    assert athlete.id is not None
    record = triage.latest_triage(db, athlete.id)
    if record is None:
        raise NotFound(f"{athlete.name} has not checked in yet.")
    return {**record.document, "taken_on": record.taken_on.isoformat(), "triage_id": record.id}


@router.get("/athletes/{athlete_id}/programme", tags=["rehab"])
def programme(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """The rehab programme, as ``niggle rehab --json`` prints it."""
    athlete = sharing.athlete_for_viewing(
        db, user, athlete_id, what="API: programme", now=clock.now()
    )
    return rehab.rehab_document(rehab.rehab_programme(db, athlete.name, clock.today()))


@router.post("/athletes/{athlete_id}/programme/sessions", tags=["rehab"])
def log_programme_session(
    athlete_id: RowId, body: RehabSessionIn, user: ApiUser, db: DbDep, clock: ClockDep
) -> Document:
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    logged = rehab.log_rehab_session(
        db,
        athlete.name,
        clock.today(),
        body.date,
        pain_during=body.pain_during,
        settled_next_morning=body.settled_next_morning,
        target_reached=body.target_reached,
        exercises=body.exercises,
        note=body.note,
    )
    return rehab.logged_document(logged)


@router.get("/athletes/{athlete_id}/forecast", tags=["forecast"])
def race_forecast(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """The forecast for the plan's race, as ``niggle forecast --json`` prints it."""
    athlete = sharing.athlete_for_viewing(
        db, user, athlete_id, what="API: forecast", now=clock.now()
    )
    return forecast.forecast_document(forecast.athlete_forecast(db, athlete.name, clock.today()))


@router.post("/athletes/{athlete_id}/imports", tags=["log"])
async def upload(
    athlete_id: RowId,
    files: Annotated[list[UploadFile], File(description="FIT, GPX, TCX (.gz) or export .zip")],
    user: ApiUser,
    ctx: ContextDep,
    clock: ClockDep,
) -> Document:
    """Import activity files or whole exports, as ``niggle import --json`` reports it."""
    # A whole export can take a minute: it runs with the long jobs, not the API's threads.
    return await run_long(ctx, _import, ctx.db, user, athlete_id, files, clock.today())


def _import(
    db: DbDep, user: User, athlete_id: int, files: list[UploadFile], today: dt.date
) -> Document:
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    assert athlete.id is not None
    _, document = import_uploads(db, athlete.id, files, today)
    return document
