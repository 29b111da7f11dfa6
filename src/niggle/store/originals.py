"""Kept original files: store one in chunks, find it by content, link activities, read it back.

Every function takes the athlete's id, so one runner can never reach another's files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from niggle.store.activities import as_utc
from niggle.store.tables.originals import (
    SourceFileActivityRow,
    SourceFileChunkRow,
    SourceFileRow,
)

# Rows per INSERT when linking a whole export's activities to its archive.
_LINK_BATCH = 500


@dataclass(frozen=True)
class SourceFile:
    id: int
    name: str
    kind: str
    media_type: str
    size_bytes: int
    sha256: str
    imported_at: dt.datetime
    activity_ids: tuple[int, ...] = ()


def find(session: Session, athlete_id: int, sha256: str) -> int | None:
    return session.scalar(
        select(SourceFileRow.id).where(
            SourceFileRow.athlete_id == athlete_id, SourceFileRow.sha256 == sha256
        )
    )


def add(
    session: Session,
    athlete_id: int,
    *,
    name: str,
    kind: str,
    media_type: str,
    sha256: str,
    size_bytes: int,
    chunks: Iterable[bytes],
) -> int:
    """Store a file's metadata and its bytes, one chunk per row, as ``chunks`` yields them."""
    source_id: int = session.execute(
        insert(SourceFileRow)
        .values(
            athlete_id=athlete_id,
            name=name,
            kind=kind,
            media_type=media_type,
            size_bytes=size_bytes,
            sha256=sha256,
        )
        .returning(SourceFileRow.id)
    ).scalar_one()
    for seq, chunk in enumerate(chunks):
        session.execute(
            insert(SourceFileChunkRow).values(source_file_id=source_id, seq=seq, data=chunk)
        )
    return source_id


def link(session: Session, source_file_id: int, activity_ids: Iterable[int]) -> None:
    """Record that these activities came from the file; links already there are kept."""
    existing = set(
        session.scalars(
            select(SourceFileActivityRow.activity_id).where(
                SourceFileActivityRow.source_file_id == source_file_id
            )
        )
    )
    new = sorted(set(activity_ids) - existing)
    for start in range(0, len(new), _LINK_BATCH):
        session.execute(
            insert(SourceFileActivityRow),
            [
                {"source_file_id": source_file_id, "activity_id": activity_id}
                for activity_id in new[start : start + _LINK_BATCH]
            ],
        )


def list_for(session: Session, athlete_id: int) -> list[SourceFile]:
    """The athlete's kept files, oldest first, each with the activities it gave."""
    rows = list(
        session.scalars(
            select(SourceFileRow)
            .where(SourceFileRow.athlete_id == athlete_id)
            .order_by(SourceFileRow.id)
        )
    )
    links: dict[int, list[int]] = {}
    query = (
        select(SourceFileActivityRow.source_file_id, SourceFileActivityRow.activity_id)
        .join(SourceFileRow, SourceFileRow.id == SourceFileActivityRow.source_file_id)
        .where(SourceFileRow.athlete_id == athlete_id)
        .order_by(SourceFileActivityRow.activity_id)
    )
    for source_id, activity_id in session.execute(query):
        links.setdefault(source_id, []).append(activity_id)
    return [
        SourceFile(
            id=row.id,
            name=row.name,
            kind=row.kind,
            media_type=row.media_type,
            size_bytes=row.size_bytes,
            sha256=row.sha256,
            imported_at=as_utc(row.imported_at),
            activity_ids=tuple(links.get(row.id, ())),
        )
        for row in rows
    ]


def content(session: Session, athlete_id: int, source_file_id: int) -> Iterator[bytes]:
    """The file's bytes a chunk at a time; each chunk is fetched on its own so a large
    export never sits in memory whole (drivers buffer a whole result set)."""
    owner = session.scalar(
        select(SourceFileRow.athlete_id).where(SourceFileRow.id == source_file_id)
    )
    if owner != athlete_id:
        return
    seqs = list(
        session.scalars(
            select(SourceFileChunkRow.seq)
            .where(SourceFileChunkRow.source_file_id == source_file_id)
            .order_by(SourceFileChunkRow.seq)
        )
    )
    for seq in seqs:
        data = session.scalar(
            select(SourceFileChunkRow.data).where(
                SourceFileChunkRow.source_file_id == source_file_id, SourceFileChunkRow.seq == seq
            )
        )
        if data is not None:
            yield bytes(data)
