"""The files a runner imported, kept as they arrived (a FIT, a GPX, a whole export .zip).

The content lives in the database so a club's PostgreSQL server keeps it with everything
else, in chunks so that neither storing nor exporting a large export needs the whole file
in memory (and no single value approaches the 1 GB limit both backends put on one value).
A file is kept once per athlete, by SHA-256; ``source_file_activities`` says which of the
athlete's activities came from it. Everything cascades from the athlete.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from niggle.store.base import Base


class SourceFileRow(Base):
    __tablename__ = "source_files"
    __table_args__ = (UniqueConstraint("athlete_id", "sha256", name="uq_source_files_content"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(16))
    media_type: Mapped[str] = mapped_column(String(80))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class SourceFileChunkRow(Base):
    """One piece of a kept file's bytes; the pieces in ``seq`` order are the file."""

    __tablename__ = "source_file_chunks"

    source_file_id: Mapped[int] = mapped_column(
        ForeignKey("source_files.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SourceFileActivityRow(Base):
    """Which activities a kept file gave (or improved, when it was the richer recording)."""

    __tablename__ = "source_file_activities"

    source_file_id: Mapped[int] = mapped_column(
        ForeignKey("source_files.id", ondelete="CASCADE"), primary_key=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
