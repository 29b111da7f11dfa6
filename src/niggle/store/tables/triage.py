"""Triage results, kept with the athlete so adaptation and re-screening can use them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from niggle.store.base import Base


class TriageResultRow(Base):
    __tablename__ = "triage_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    taken_on: Mapped[dt.date] = mapped_column(Date)
    care_level: Mapped[str] = mapped_column(String(16))
    running_status: Mapped[str] = mapped_column(String(16))
    classification: Mapped[str] = mapped_column(String(32))
    provisional: Mapped[bool] = mapped_column(Boolean)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
