"""Applied plan adaptations (with every change's before and after) and check-in flags.

An adaptation set is written only when the runner applies it (``niggle adapt --apply``); its
changes keep each workout exactly as it was before, so ``--undo`` can put it back. A check-in
is a pain report plus the R7 signs triage does not hold day to day (limping, new leg
symptoms).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from niggle.store.base import Base

ADAPT_STATUS_CHECK = "status in ('continue', 'modify', 'pause_running', 'stop_and_seek_care')"


class AdaptationSetRow(Base):
    __tablename__ = "adaptation_sets"
    __table_args__ = (CheckConstraint(ADAPT_STATUS_CHECK, name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    applied_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24))
    review_on: Mapped[dt.date] = mapped_column(Date)
    undone_on: Mapped[dt.date | None] = mapped_column(Date)
    # The proposal as shown to the runner when they agreed to it.
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    changes: Mapped[list[AdaptationChangeRow]] = relationship(
        back_populates="adaptation",
        cascade="all, delete-orphan",
        order_by="AdaptationChangeRow.position",
        lazy="selectin",
    )


class AdaptationChangeRow(Base):
    __tablename__ = "adaptation_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(
        ForeignKey("adaptation_sets.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    workout_id: Mapped[int] = mapped_column(
        ForeignKey("plan_workouts.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[dt.date] = mapped_column(Date)
    rule: Mapped[str] = mapped_column(String(40))
    because: Mapped[str] = mapped_column(Text)
    # The whole workout row before and after (plan-show shape plus note/status/activity).
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    adaptation: Mapped[AdaptationSetRow] = relationship(back_populates="changes")


class CheckinRow(Base):
    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    pain_report_id: Mapped[int] = mapped_column(
        ForeignKey("pain_reports.id", ondelete="CASCADE"), unique=True
    )
    checked_on: Mapped[dt.date] = mapped_column(Date)
    plan_workout_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_workouts.id", ondelete="SET NULL")
    )
    band: Mapped[str] = mapped_column(String(8))
    limping: Mapped[bool | None] = mapped_column(Boolean)
    new_leg_symptoms: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
