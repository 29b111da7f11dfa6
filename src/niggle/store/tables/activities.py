"""Activities, their per-second streams (one compressed blob each) and pain reports.

An imported activity remembers the SHA-256 of the file content it came from and its index
within that file (a multisport file holds several); ``import_sources`` lists the files
whose activities are all stored. Importing the same file again is then a lookup, and a
crash half-way through a file loses nothing that was written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from niggle.store.base import Base


class ActivityRow(Base):
    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint(
            "athlete_id", "source_hash", "source_index", name="uq_activities_source_file"
        ),
        Index("ix_activities_athlete_start", "athlete_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    sport: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    local_date: Mapped[dt.date] = mapped_column(Date)
    elapsed_s: Mapped[float] = mapped_column(Float)
    moving_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    avg_hr: Mapped[float | None] = mapped_column(Float)
    max_hr: Mapped[float | None] = mapped_column(Float)
    avg_cadence: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    title: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))
    device: Mapped[str | None] = mapped_column(String(80))
    external_id: Mapped[str | None] = mapped_column(String(40))
    laps: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    source_hash: Mapped[str | None] = mapped_column(String(64))
    source_index: Mapped[int] = mapped_column(Integer, default=0)
    source_path: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class ActivityStreamRow(Base):
    """The samples of one activity in the layout documented in ``niggle.store.streams``."""

    __tablename__ = "activity_streams"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    samples: Mapped[int] = mapped_column(Integer)
    blob: Mapped[bytes] = mapped_column(LargeBinary)


class PainReportRow(Base):
    __tablename__ = "pain_reports"
    __table_args__ = (Index("ix_pain_reports_athlete_reported_on", "athlete_id", "reported_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"), index=True
    )
    # ON and WHEN are SQL keywords, so the columns carry longer names.
    on: Mapped[dt.date] = mapped_column("reported_on", Date)
    region: Mapped[str] = mapped_column(String(40))
    nrs: Mapped[int] = mapped_column(Integer)
    when: Mapped[str] = mapped_column("timing", String(16))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class ImportSourceRow(Base):
    """A file whose activities are all stored, by content: importing it again is a no-op."""

    __tablename__ = "import_sources"
    __table_args__ = (
        UniqueConstraint("athlete_id", "content_hash", name="uq_import_sources_content"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    content_hash: Mapped[str] = mapped_column(String(64))
    path: Mapped[str | None] = mapped_column(Text)
    activities: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
