"""Triage repository: stored triage results to and from domain records."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from niggle.domain.triage.levels import CARE_LEVELS, CLASSIFICATIONS, RUNNING_STATUSES
from niggle.domain.triage.records import TriageRecord
from niggle.store.tables.triage import TriageResultRow


def _to_domain(row: TriageResultRow) -> TriageRecord:
    # Values outside the known words would mean a corrupted row; read them as the most
    # cautious value rather than guess a reassuring one.
    level = row.care_level if row.care_level in CARE_LEVELS else "emergency"
    running = row.running_status if row.running_status in RUNNING_STATUSES else "stop"
    reading = row.classification if row.classification in CLASSIFICATIONS else "possible_serious"
    return TriageRecord(
        id=row.id,
        athlete_id=row.athlete_id,
        taken_on=row.taken_on,
        care_level=level,
        running=running,
        classification=reading,
        provisional=row.provisional,
        answers=dict(row.answers or {}),
        document=dict(row.document or {}),
        text=row.source_text,
    )


def add(session: Session, record: TriageRecord) -> TriageRecord:
    row = TriageResultRow(
        athlete_id=record.athlete_id,
        taken_on=record.taken_on,
        care_level=record.care_level,
        running_status=record.running,
        classification=record.classification,
        provisional=record.provisional,
        answers=dict(record.answers),
        document=dict(record.document),
        source_text=record.text,
    )
    session.add(row)
    session.flush()
    return _to_domain(row)


def latest(session: Session, athlete_id: int) -> TriageRecord | None:
    row = session.scalars(
        select(TriageResultRow)
        .where(TriageResultRow.athlete_id == athlete_id)
        .order_by(TriageResultRow.taken_on.desc(), TriageResultRow.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _to_domain(row)


def history(session: Session, athlete_id: int) -> list[TriageRecord]:
    rows = session.scalars(
        select(TriageResultRow)
        .where(TriageResultRow.athlete_id == athlete_id)
        .order_by(TriageResultRow.taken_on, TriageResultRow.id)
    )
    return [_to_domain(r) for r in rows]
