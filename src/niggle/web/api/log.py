"""The training log in the API: list sessions and pain, log runs, cross-training and pain."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from niggle.domain.pain import PainReport, parse_region
from niggle.services import activities, sharing
from niggle.web.api.schemas import Created, CrossCreate, PainIn, PainReportCreate, RunCreate
from niggle.web.deps import ApiUser, ClockDep, DbDep
from niggle.web.ids import RowId

router = APIRouter(tags=["log"])

Document = dict[str, Any]
StartQuery = Annotated[dt.date | None, Query(description="First day, inclusive.")]
EndQuery = Annotated[dt.date | None, Query(description="Last day, inclusive.")]


def _pain(item: PainIn, on: dt.date) -> PainReport:
    return PainReport(
        on=on, region=parse_region(item.region), nrs=item.nrs, when=item.when, note=item.note
    )


@router.get("/athletes/{athlete_id}/activities")
def list_activities(
    athlete_id: RowId,
    user: ApiUser,
    db: DbDep,
    clock: ClockDep,
    start: StartQuery = None,
    end: EndQuery = None,
) -> Document:
    """Sessions between two days (inclusive) and the pain reported then."""
    athlete = sharing.athlete_for_viewing(
        db, user, athlete_id, what="API: activities", now=clock.now()
    )
    assert athlete.id is not None
    return activities.activities_document(
        activities.list_activities(db, athlete.id, start, end),
        activities.list_pain_reports(db, athlete.id, start, end),
    )


@router.get("/athletes/{athlete_id}/activities/{activity_id}")
def get_activity(
    athlete_id: RowId, activity_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep
) -> Document:
    athlete = sharing.athlete_for_viewing(
        db, user, athlete_id, what=f"API: activity {activity_id}", now=clock.now()
    )
    assert athlete.id is not None
    found = activities.get_activity(db, athlete.id, activity_id)
    return {"schema_version": 1, "activity": activities.activity_summary(found)}


@router.post("/athletes/{athlete_id}/runs", response_model=Created, status_code=201)
def log_run(
    athlete_id: RowId, body: RunCreate, user: ApiUser, db: DbDep, clock: ClockDep
) -> Created:
    """Log a run by hand, with any pain felt (like ``niggle log run``)."""
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    assert athlete.id is not None
    logged = activities.log_run(
        db,
        athlete.id,
        on=body.date,
        distance_m=body.distance_m,
        time_s=body.time_s,
        today=clock.today(),
        kind=body.kind,
        rpe=body.rpe,
        pain=[_pain(p, body.date) for p in body.pain],
        note=body.note,
        title=body.title,
    )
    assert logged.activity.id is not None
    return Created(
        id=logged.activity.id, pain_report_ids=[p.id for p in logged.pain_reports if p.id]
    )


@router.post("/athletes/{athlete_id}/cross-training", response_model=Created, status_code=201)
def log_cross(
    athlete_id: RowId, body: CrossCreate, user: ApiUser, db: DbDep, clock: ClockDep
) -> Created:
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    assert athlete.id is not None
    logged = activities.log_cross(
        db,
        athlete.id,
        sport=activities.parse_cross_sport(body.sport),
        on=body.date,
        time_s=body.time_s,
        today=clock.today(),
        rpe=body.rpe,
        distance_m=body.distance_m,
        note=body.note,
    )
    assert logged.activity.id is not None
    return Created(id=logged.activity.id)


@router.get("/athletes/{athlete_id}/pain-reports")
def list_pain(
    athlete_id: RowId,
    user: ApiUser,
    db: DbDep,
    clock: ClockDep,
    start: StartQuery = None,
    end: EndQuery = None,
) -> Document:
    athlete = sharing.athlete_for_viewing(
        db, user, athlete_id, what="API: pain reports", now=clock.now()
    )
    assert athlete.id is not None
    reports = activities.list_pain_reports(db, athlete.id, start, end)
    return {"schema_version": 1, "pain_reports": [activities.pain_summary(p) for p in reports]}


@router.post("/athletes/{athlete_id}/pain-reports", response_model=Created, status_code=201)
def add_pain(
    athlete_id: RowId, body: PainReportCreate, user: ApiUser, db: DbDep, clock: ClockDep
) -> Created:
    """A pain check-in, optionally tied to one of the athlete's sessions."""
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    assert athlete.id is not None
    report = activities.add_pain_report(
        db,
        athlete.id,
        PainReport(
            on=body.date,
            region=parse_region(body.region),
            nrs=body.nrs,
            when=body.when,
            activity_id=body.activity_id,
            note=body.note,
        ),
        clock.today(),
    )
    assert report.id is not None
    return Created(id=report.id)
