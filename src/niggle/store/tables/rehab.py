"""Rehab programmes, their exercises and the sessions the runner logs.

A runner has one current programme (the newest one not yet replaced); older programmes and
their sessions are kept so the history is never lost. Current levels are not stored: they are
replayed from the starting levels and the session log (domain/rehab_progress.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from niggle.store.base import Base


class RehabProgrammeRow(Base):
    __tablename__ = "rehab_programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    created_on: Mapped[dt.date] = mapped_column(Date)
    replaced_on: Mapped[dt.date | None] = mapped_column(Date)
    # What the programme was built from: the triage result (when stored) or options given.
    classification: Mapped[str] = mapped_column(String(32))
    care_level: Mapped[str] = mapped_column(String(16))
    provoked_by: Mapped[list[str]] = mapped_column(JSON)
    ready_for_impact: Mapped[bool] = mapped_column(Boolean)
    built_from: Mapped[str] = mapped_column(String(200))
    # The newest triage result when the programme was built (no FK: triage is another branch
    # of migrations, and a programme outlives a deleted triage row).
    triage_id: Mapped[int | None] = mapped_column(Integer)
    sessions_per_week: Mapped[int] = mapped_column(Integer)
    cross_training: Mapped[list[str]] = mapped_column(JSON)
    includes_running: Mapped[bool] = mapped_column(Boolean)
    running_advice: Mapped[str] = mapped_column(Text)
    notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    exercises: Mapped[list[RehabProgrammeExerciseRow]] = relationship(
        cascade="all, delete-orphan",
        order_by="RehabProgrammeExerciseRow.position",
        lazy="selectin",
    )


class RehabProgrammeExerciseRow(Base):
    __tablename__ = "rehab_programme_exercises"
    __table_args__ = (
        UniqueConstraint(
            "programme_id", "exercise_id", name="uq_rehab_programme_exercises_programme_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("rehab_programmes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(50))
    start_level: Mapped[int] = mapped_column(Integer)


class RehabSessionRow(Base):
    __tablename__ = "rehab_sessions"
    __table_args__ = (
        UniqueConstraint("programme_id", "done_on", name="uq_rehab_sessions_programme_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("rehab_programmes.id", ondelete="CASCADE"), index=True
    )
    done_on: Mapped[dt.date] = mapped_column(Date)
    exercises: Mapped[list[str]] = mapped_column(JSON)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    settled_next_morning: Mapped[bool | None] = mapped_column(Boolean)
    target_reached: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
