"""Rehab repository: programmes and logged sessions, mapped to domain objects and back."""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from niggle.domain.rehab import (
    CareLevel,
    Programme,
    ProgrammeExercise,
    RehabNeeds,
    RuleNote,
    SavedProgramme,
)
from niggle.domain.rehab_exercises import Classification, Provoker
from niggle.domain.rehab_progress import RehabSession
from niggle.store.tables.rehab import (
    RehabProgrammeExerciseRow,
    RehabProgrammeRow,
    RehabSessionRow,
)


def _programme(row: RehabProgrammeRow) -> SavedProgramme:
    needs = RehabNeeds(
        classification=cast(Classification, row.classification),
        care_level=cast(CareLevel, row.care_level),
        provoked_by=frozenset(cast(list[Provoker], row.provoked_by)),
        ready_for_impact=row.ready_for_impact,
    )
    programme = Programme(
        exercises=tuple(ProgrammeExercise(e.exercise_id, e.start_level) for e in row.exercises),
        sessions_per_week=row.sessions_per_week,
        cross_training=tuple(row.cross_training),
        includes_running=row.includes_running,
        running_advice=row.running_advice,
    )
    notes = tuple(RuleNote(n["rule"], n["because"], n["source"]) for n in row.notes)
    return SavedProgramme(
        athlete_id=row.athlete_id,
        created_on=row.created_on,
        needs=needs,
        programme=programme,
        notes=notes,
        built_from=row.built_from,
        id=row.id,
        replaced_on=row.replaced_on,
        triage_id=row.triage_id,
    )


def add_programme(session: Session, saved: SavedProgramme) -> SavedProgramme:
    """Store a new current programme; the previous one is kept, marked as replaced."""
    previous = current_programme_row(session, saved.athlete_id)
    if previous is not None:
        previous.replaced_on = saved.created_on
    p = saved.programme
    row = RehabProgrammeRow(
        athlete_id=saved.athlete_id,
        created_on=saved.created_on,
        classification=saved.needs.classification,
        care_level=saved.needs.care_level,
        provoked_by=sorted(saved.needs.provoked_by),
        ready_for_impact=saved.needs.ready_for_impact,
        built_from=saved.built_from[:200],
        triage_id=saved.triage_id,
        sessions_per_week=p.sessions_per_week,
        cross_training=list(p.cross_training),
        includes_running=p.includes_running,
        running_advice=p.running_advice,
        notes=[{"rule": n.rule, "because": n.because, "source": n.source} for n in saved.notes],
        exercises=[
            RehabProgrammeExerciseRow(position=i, exercise_id=e.exercise_id, start_level=e.level)
            for i, e in enumerate(p.exercises)
        ],
    )
    session.add(row)
    session.flush()
    return _programme(row)


def current_programme_row(session: Session, athlete_id: int) -> RehabProgrammeRow | None:
    return session.scalars(
        select(RehabProgrammeRow)
        .where(RehabProgrammeRow.athlete_id == athlete_id, RehabProgrammeRow.replaced_on.is_(None))
        .order_by(RehabProgrammeRow.id.desc())
    ).first()


def current_programme(session: Session, athlete_id: int) -> SavedProgramme | None:
    row = current_programme_row(session, athlete_id)
    return None if row is None else _programme(row)


def programme_history(session: Session, athlete_id: int) -> list[SavedProgramme]:
    rows = session.scalars(
        select(RehabProgrammeRow)
        .where(RehabProgrammeRow.athlete_id == athlete_id)
        .order_by(RehabProgrammeRow.id)
    )
    return [_programme(r) for r in rows]


def _session(row: RehabSessionRow) -> RehabSession:
    return RehabSession(
        on=row.done_on,
        exercises=tuple(row.exercises),
        pain_during=row.pain_during,
        settled_next_morning=row.settled_next_morning,
        target_reached=row.target_reached,
        note=row.note,
        id=row.id,
    )


def sessions(session: Session, programme_id: int) -> list[RehabSession]:
    rows = session.scalars(
        select(RehabSessionRow)
        .where(RehabSessionRow.programme_id == programme_id)
        .order_by(RehabSessionRow.done_on)
    )
    return [_session(r) for r in rows]


def session_on(session: Session, programme_id: int, day: dt.date) -> RehabSession | None:
    row = _session_row(session, programme_id, day)
    return None if row is None else _session(row)


def _session_row(session: Session, programme_id: int, day: dt.date) -> RehabSessionRow | None:
    return session.scalars(
        select(RehabSessionRow).where(
            RehabSessionRow.programme_id == programme_id, RehabSessionRow.done_on == day
        )
    ).first()


def save_session(session: Session, programme_id: int, logged: RehabSession) -> RehabSession:
    """Insert the day's session, or replace what was logged for that day."""
    row = _session_row(session, programme_id, logged.on)
    if row is None:
        row = RehabSessionRow(programme_id=programme_id, done_on=logged.on)
        session.add(row)
    row.exercises = list(logged.exercises)
    row.pain_during = logged.pain_during
    row.settled_next_morning = logged.settled_next_morning
    row.target_reached = logged.target_reached
    row.note = logged.note
    session.flush()
    return _session(row)
