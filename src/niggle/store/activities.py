"""Activity and pain-report repository: rows to domain objects and back.

Start times are stored in UTC. SQLite keeps no zone with a timestamp, so every time is
turned to UTC before it is written and read back as UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from niggle.domain.activity import RUN_KINDS, SPORTS, Activity, Lap, RunKind, Sport
from niggle.domain.pain import PAIN_WHEN, PainReport, PainWhen
from niggle.domain.streams import Streams
from niggle.store.streams import decode_streams, encode_streams
from niggle.store.tables.activities import (
    ActivityRow,
    ActivityStreamRow,
    ImportSourceRow,
    PainReportRow,
)

UTC = dt.UTC


def as_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _lap_to_json(lap: Lap) -> dict[str, Any]:
    return {
        "start": as_utc(lap.start).isoformat(),
        "elapsed_s": lap.elapsed_s,
        "distance_m": lap.distance_m,
        "moving_s": lap.moving_s,
        "avg_hr": lap.avg_hr,
        "max_hr": lap.max_hr,
        "avg_speed_m_per_s": lap.avg_speed_m_per_s,
        "avg_cadence": lap.avg_cadence,
    }


def _lap_from_json(data: dict[str, Any]) -> Lap:
    return Lap(
        start=as_utc(dt.datetime.fromisoformat(data["start"])),
        elapsed_s=float(data["elapsed_s"]),
        distance_m=data.get("distance_m"),
        moving_s=data.get("moving_s"),
        avg_hr=data.get("avg_hr"),
        max_hr=data.get("max_hr"),
        avg_speed_m_per_s=data.get("avg_speed_m_per_s"),
        avg_cadence=data.get("avg_cadence"),
    )


def _to_domain(row: ActivityRow) -> Activity:
    sport: Sport = row.sport if row.sport in SPORTS else "other"
    kind: RunKind | None = row.kind if row.kind in RUN_KINDS else None
    return Activity(
        id=row.id,
        sport=sport,
        start=as_utc(row.start),
        local_date=row.local_date,
        elapsed_s=row.elapsed_s,
        distance_m=row.distance_m,
        moving_s=row.moving_s,
        elevation_gain_m=row.elevation_gain_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        avg_cadence=row.avg_cadence,
        rpe=row.rpe,
        kind=kind,
        title=row.title,
        note=row.note,
        source=row.source,
        laps=tuple(_lap_from_json(lap) for lap in row.laps or ()),
        device=row.device,
        external_id=row.external_id,
    )


def activity_values(
    athlete_id: int,
    activity: Activity,
    *,
    source_hash: str | None = None,
    source_index: int = 0,
    source_path: str | None = None,
) -> dict[str, Any]:
    return {
        "athlete_id": athlete_id,
        "sport": activity.sport,
        "kind": activity.kind,
        "start": as_utc(activity.start),
        "local_date": activity.local_date,
        "elapsed_s": activity.elapsed_s,
        "moving_s": activity.moving_s,
        "distance_m": activity.distance_m,
        "elevation_gain_m": activity.elevation_gain_m,
        "avg_hr": activity.avg_hr,
        "max_hr": activity.max_hr,
        "avg_cadence": activity.avg_cadence,
        "rpe": activity.rpe,
        "title": activity.title[:200] if activity.title else None,
        "note": activity.note,
        "source": activity.source,
        "device": activity.device[:80] if activity.device else None,
        "external_id": activity.external_id[:40] if activity.external_id else None,
        "laps": [_lap_to_json(lap) for lap in activity.laps],
        "source_hash": source_hash,
        "source_index": source_index,
        "source_path": source_path,
    }


_ACTIVITIES = cast(Table, ActivityRow.__table__)
_INSERT_ACTIVITY = insert(_ACTIVITIES).returning(_ACTIVITIES.c.id)
_INSERT_STREAMS = insert(cast(Table, ActivityStreamRow.__table__))


def add(
    session: Session,
    athlete_id: int,
    activity: Activity,
    streams: Streams | None = None,
    *,
    source_hash: str | None = None,
    source_index: int = 0,
    source_path: str | None = None,
) -> int:
    """Insert one activity (and its streams) with Core statements; returns its id."""
    values = activity_values(
        athlete_id,
        activity,
        source_hash=source_hash,
        source_index=source_index,
        source_path=source_path,
    )
    # Parameters passed apart from the statement let SQLAlchemy reuse its compiled SQL
    # across thousands of inserts in a bulk import.
    activity_id: int = session.execute(_INSERT_ACTIVITY, values).scalar_one()
    if streams is not None and len(streams):
        session.execute(
            _INSERT_STREAMS,
            {"activity_id": activity_id, "samples": len(streams), "blob": encode_streams(streams)},
        )
    return activity_id


# What a better recording of a session replaces; the runner's own words (title, RPE, kind,
# note) are kept when the new file has none.
_MEASURED = (
    "sport",
    "start",
    "local_date",
    "elapsed_s",
    "moving_s",
    "distance_m",
    "elevation_gain_m",
    "avg_hr",
    "max_hr",
    "avg_cadence",
    "source",
    "device",
    "laps",
    "source_hash",
    "source_index",
    "source_path",
)


def replace_recording(
    session: Session,
    athlete_id: int,
    activity_id: int,
    activity: Activity,
    streams: Streams | None,
    *,
    source_hash: str | None,
    source_index: int,
    source_path: str | None,
) -> None:
    """Swap a stored activity's measurements for a better recording of the same session."""
    values = activity_values(
        athlete_id,
        activity,
        source_hash=source_hash,
        source_index=source_index,
        source_path=source_path,
    )
    row = session.get_one(ActivityRow, activity_id)
    for name in _MEASURED:
        setattr(row, name, values[name])
    for name in ("title", "external_id"):
        if getattr(row, name) is None:
            setattr(row, name, values[name])
    session.execute(delete(ActivityStreamRow).where(ActivityStreamRow.activity_id == activity_id))
    if streams is not None and len(streams):
        session.execute(
            insert(ActivityStreamRow).values(
                activity_id=activity_id, samples=len(streams), blob=encode_streams(streams)
            )
        )
    session.flush()


def get(session: Session, athlete_id: int, activity_id: int) -> Activity | None:
    row = session.get(ActivityRow, activity_id)
    if row is None or row.athlete_id != athlete_id:
        return None
    return _to_domain(row)


def streams_of(session: Session, activity_id: int) -> Streams | None:
    row = session.get(ActivityStreamRow, activity_id)
    return None if row is None else decode_streams(row.blob)


def between(
    session: Session, athlete_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[Activity]:
    """An athlete's activities on local days ``start``..``end`` (both inclusive), by start."""
    return plain_between(session, athlete_id, start, end)


def plain_between(
    session: Session, athlete_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[Activity]:
    """``between`` through a Core query: the same activities, without building an ORM object
    per row first. Reading years of history is dominated by that bookkeeping, and nothing
    here is changed through the session, so the plain rows are enough."""
    table = _ACTIVITIES
    query = select(table).where(table.c.athlete_id == athlete_id)
    if start is not None:
        query = query.where(table.c.local_date >= start)
    if end is not None:
        query = query.where(table.c.local_date <= end)
    query = query.order_by(table.c.start, table.c.id)
    # A Core row answers the same attribute names as the mapped row does.
    return [_to_domain(cast(ActivityRow, row)) for row in session.execute(query)]


def latest_until(session: Session, athlete_id: int, end: dt.date) -> Activity | None:
    """The athlete's last activity on or before local day ``end``, if any."""
    table = _ACTIVITIES
    query = (
        select(table)
        .where(table.c.athlete_id == athlete_id, table.c.local_date <= end)
        .order_by(table.c.start.desc(), table.c.id.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    return None if row is None else _to_domain(cast(ActivityRow, row))


def history_version(session: Session, athlete_id: int) -> tuple[object, ...]:
    """A fingerprint of everything stored about an athlete's sessions, in one aggregate query.

    It changes when a session is added (count, highest id), removed (count, id total) or
    replaced by another recording (the totals of the measured columns the load and the
    forecast read), so results computed from the history can be remembered against it.
    """
    c = _ACTIVITIES.c
    # SUM skips NULLs. Each column summed costs a little on every page view, so only those
    # a replaced recording always changes are here (its duration at the least).
    totals = [
        func.count(),
        func.max(c.id),
        func.sum(c.id),
        func.sum(c.elapsed_s),
        func.sum(c.moving_s),
        func.sum(c.distance_m),
        func.sum(c.avg_hr),
        func.sum(c.rpe),
    ]
    row = session.execute(select(*totals).where(c.athlete_id == athlete_id)).one()
    return tuple(row)


def starting_between(
    session: Session, athlete_id: int, earliest: dt.datetime, latest: dt.datetime
) -> list[Activity]:
    query = (
        select(ActivityRow)
        .where(ActivityRow.athlete_id == athlete_id)
        .where(ActivityRow.start >= as_utc(earliest))
        .where(ActivityRow.start <= as_utc(latest))
        .order_by(ActivityRow.start)
    )
    return [_to_domain(row) for row in session.scalars(query)]


def imported_sources(session: Session, athlete_id: int) -> dict[str, set[int]]:
    """Content hashes already imported for the athlete, each with the indices stored."""
    found: dict[str, set[int]] = {}
    query = select(ActivityRow.source_hash, ActivityRow.source_index).where(
        ActivityRow.athlete_id == athlete_id, ActivityRow.source_hash.is_not(None)
    )
    for source_hash, index in session.execute(query):
        if source_hash is not None:
            found.setdefault(source_hash, set()).add(index)
    return found


def id_for_source(session: Session, athlete_id: int, source_hash: str, index: int) -> int | None:
    return session.scalar(
        select(ActivityRow.id).where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.source_hash == source_hash,
            ActivityRow.source_index == index,
        )
    )


def known_sources(session: Session, athlete_id: int) -> set[str]:
    """Content hashes of the files whose activities are all stored."""
    query = select(ImportSourceRow.content_hash).where(ImportSourceRow.athlete_id == athlete_id)
    return set(session.scalars(query))


def record_source(
    session: Session, athlete_id: int, content_hash: str, path: str | None, activities: int
) -> None:
    session.execute(
        insert(ImportSourceRow).values(
            athlete_id=athlete_id, content_hash=content_hash, path=path, activities=activities
        )
    )


def remove(session: Session, athlete_id: int, activity_id: int) -> bool:
    done = session.execute(
        delete(ActivityRow).where(
            ActivityRow.id == activity_id, ActivityRow.athlete_id == athlete_id
        )
    )
    return bool(getattr(done, "rowcount", 0))


def add_runner_notes(
    session: Session,
    athlete_id: int,
    activity_id: int,
    *,
    rpe: float | None,
    kind: str | None,
    title: str | None,
    note: str | None,
) -> Activity:
    """What only the runner knows (effort, kind, name, note), added to a stored session: a
    given value replaces the stored one, a note is appended, nothing measured changes."""
    row = session.get_one(ActivityRow, activity_id)
    if row.athlete_id != athlete_id:
        raise ValueError("that activity belongs to another athlete")
    if rpe is not None:
        row.rpe = rpe
    if kind is not None:
        row.kind = kind
    if title is not None and row.title is None:
        row.title = title
    if note:
        row.note = f"{row.note}\n{note}" if row.note else note
    session.flush()
    return _to_domain(row)


# Pain reports ---------------------------------------------------------------------------


def _pain_to_domain(row: PainReportRow) -> PainReport:
    when: PainWhen = row.when if row.when in PAIN_WHEN else "during"
    return PainReport(
        id=row.id,
        on=row.on,
        region=row.region,
        nrs=row.nrs,
        when=when,
        activity_id=row.activity_id,
        note=row.note,
    )


def add_pain(session: Session, athlete_id: int, report: PainReport) -> PainReport:
    row = PainReportRow(
        athlete_id=athlete_id,
        activity_id=report.activity_id,
        on=report.on,
        region=report.region,
        nrs=report.nrs,
        when=report.when,
        note=report.note,
    )
    session.add(row)
    session.flush()
    return _pain_to_domain(row)


def pain_between(
    session: Session, athlete_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[PainReport]:
    query = select(PainReportRow).where(PainReportRow.athlete_id == athlete_id)
    if start is not None:
        query = query.where(PainReportRow.on >= start)
    if end is not None:
        query = query.where(PainReportRow.on <= end)
    query = query.order_by(PainReportRow.on, PainReportRow.id)
    return [_pain_to_domain(row) for row in session.scalars(query)]
