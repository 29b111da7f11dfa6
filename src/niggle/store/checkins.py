"""Check-in repository: the flags kept beside each check-in's pain report."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from niggle.domain.adapt_pain import BANDS, Band
from niggle.domain.adapt_records import CheckinRecord
from niggle.store.tables.adaptations import CheckinRow


def _band(text: str) -> Band:
    # An unreadable band is read as the most cautious one.
    return next((b for b in BANDS if b == text), "red")


def _to_domain(row: CheckinRow) -> CheckinRecord:
    return CheckinRecord(
        id=row.id,
        athlete_id=row.athlete_id,
        pain_report_id=row.pain_report_id,
        on=row.checked_on,
        band=_band(row.band),
        limping=row.limping,
        new_leg_symptoms=row.new_leg_symptoms,
        plan_workout_id=row.plan_workout_id,
    )


def add(session: Session, record: CheckinRecord) -> CheckinRecord:
    row = CheckinRow(
        athlete_id=record.athlete_id,
        pain_report_id=record.pain_report_id,
        checked_on=record.on,
        band=record.band,
        limping=record.limping,
        new_leg_symptoms=record.new_leg_symptoms,
        plan_workout_id=record.plan_workout_id,
    )
    session.add(row)
    session.flush()
    return _to_domain(row)


def between(
    session: Session, athlete_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[CheckinRecord]:
    query = select(CheckinRow).where(CheckinRow.athlete_id == athlete_id)
    if start is not None:
        query = query.where(CheckinRow.checked_on >= start)
    if end is not None:
        query = query.where(CheckinRow.checked_on <= end)
    query = query.order_by(CheckinRow.checked_on, CheckinRow.id)
    return [_to_domain(row) for row in session.scalars(query)]
