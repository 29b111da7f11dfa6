"""Reading the per-athlete data version that the database's triggers keep (migration 0010).

The page cache asks one question per request: is this browser's session live, whose is it,
and what is their athlete's version now? :func:`session_probe` answers it in one indexed
query, without building ORM objects, because it runs on every page view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from niggle.store.db import Database
from niggle.store.tables.accounts import AthleteOwnerRow, UserRow, WebSessionRow
from niggle.store.tables.versions import AthleteVersionRow

_PROBE = (
    select(
        WebSessionRow.expires_at,
        UserRow.id,
        UserRow.role,
        AthleteOwnerRow.athlete_id,
        AthleteVersionRow.version,
    )
    .join(UserRow, UserRow.id == WebSessionRow.user_id)
    .outerjoin(AthleteOwnerRow, AthleteOwnerRow.user_id == UserRow.id)
    .outerjoin(AthleteVersionRow, AthleteVersionRow.athlete_id == AthleteOwnerRow.athlete_id)
)


@dataclass(frozen=True)
class SessionProbe:
    """A signed-in session and where its user's data stands."""

    expires_at: dt.datetime
    user_id: int
    role: str
    athlete_id: int | None
    version: int | None


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def session_probe(db: Database, token_hash: str) -> SessionProbe | None:
    """The signed-in session with this token hash, or None (unknown, or not signed in)."""
    with db.engine.connect() as connection:
        row = connection.execute(_PROBE.where(WebSessionRow.token_hash == token_hash)).first()
    if row is None:
        return None
    expires_at, user_id, role, athlete_id, version = row
    return SessionProbe(_utc(expires_at), user_id, role, athlete_id, version)


def athlete_version(connection: Connection, athlete_id: int) -> int | None:
    return connection.execute(
        select(AthleteVersionRow.version).where(AthleteVersionRow.athlete_id == athlete_id)
    ).scalar_one_or_none()
