"""Accounts repository: users, sessions, API tokens, sign-in attempts, sharing and audit rows.

Rows map to the small frozen records below. They live here rather than in the domain because
accounts are plumbing for the web app, not rules about running; services re-export them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from niggle.store.tables.accounts import (
    ApiTokenRow,
    AthleteOwnerRow,
    AuditRow,
    LoginAttemptRow,
    ShareInviteRow,
    ShareRow,
    UserRow,
    WebSessionRow,
)
from niggle.store.tables.athletes import AthleteRow
from niggle.store.tables.versions import AthleteVersionRow

Role = Literal["athlete", "coach"]


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: Role
    is_local: bool
    password_hash: str | None


@dataclass(frozen=True)
class WebSession:
    id: int
    user_id: int | None
    csrf_token: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    hint: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


@dataclass(frozen=True)
class Share:
    id: int
    athlete_id: int
    athlete_name: str
    viewer_id: int
    viewer_name: str
    created_at: dt.datetime


@dataclass(frozen=True)
class SharedAthlete:
    """A share with a viewer, with what deciding and caching the viewer's look needs."""

    share: Share
    owner_id: int | None  # the athlete's account, if any
    version: int | None  # the athlete's data version (migration 0010)


@dataclass(frozen=True)
class Invite:
    id: int
    athlete_id: int
    created_at: dt.datetime
    expires_at: dt.datetime


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    athlete_id: int
    action: str
    what: str


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns; we only store UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _user(row: UserRow) -> User:
    role: Role = "coach" if row.role == "coach" else "athlete"
    return User(row.id, row.username, row.display_name, role, row.is_local, row.password_hash)


# Users -------------------------------------------------------------------------------------


def add_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: Role,
    password_hash: str | None,
    is_local: bool = False,
) -> User:
    row = UserRow(
        username=username,
        display_name=display_name,
        role=role,
        password_hash=password_hash,
        is_local=is_local,
    )
    session.add(row)
    session.flush()
    return _user(row)


def user_by_id(session: Session, user_id: int) -> User | None:
    row = session.get(UserRow, user_id)
    return None if row is None else _user(row)


def user_by_username(session: Session, username: str) -> User | None:
    row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
    return None if row is None else _user(row)


def local_user(session: Session) -> User | None:
    row = session.scalars(select(UserRow).where(UserRow.is_local.is_(True))).first()
    return None if row is None else _user(row)


def set_password_hash(session: Session, user_id: int, password_hash: str) -> None:
    session.get_one(UserRow, user_id).password_hash = password_hash


def delete_user(session: Session, user_id: int) -> None:
    row = session.get(UserRow, user_id)
    if row is not None:
        session.delete(row)


# Athlete ownership -------------------------------------------------------------------------


def set_owner(session: Session, athlete_id: int, user_id: int) -> None:
    session.add(AthleteOwnerRow(athlete_id=athlete_id, user_id=user_id))
    session.flush()


def owned_athlete_id(session: Session, user_id: int) -> int | None:
    return session.scalar(
        select(AthleteOwnerRow.athlete_id).where(AthleteOwnerRow.user_id == user_id)
    )


def owner_of(session: Session, athlete_id: int) -> int | None:
    return session.scalar(
        select(AthleteOwnerRow.user_id).where(AthleteOwnerRow.athlete_id == athlete_id)
    )


def unowned_athlete_ids(session: Session) -> list[int]:
    owned = select(AthleteOwnerRow.athlete_id)
    return list(
        session.scalars(
            select(AthleteRow.id).where(AthleteRow.id.not_in(owned)).order_by(AthleteRow.id)
        )
    )


# Sessions ----------------------------------------------------------------------------------


def _web_session(row: WebSessionRow) -> WebSession:
    return WebSession(row.id, row.user_id, row.csrf_token, _utc(row.expires_at))


def add_session(
    session: Session,
    *,
    token_hash: str,
    user_id: int | None,
    csrf_token: str,
    now: dt.datetime,
    expires_at: dt.datetime,
) -> WebSession:
    row = WebSessionRow(
        token_hash=token_hash,
        user_id=user_id,
        csrf_token=csrf_token,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    return _web_session(row)


def session_by_hash(session: Session, token_hash: str) -> WebSession | None:
    row = session.scalars(
        select(WebSessionRow).where(WebSessionRow.token_hash == token_hash)
    ).first()
    return None if row is None else _web_session(row)


def delete_session(session: Session, session_id: int) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.id == session_id))


def delete_sessions_of(session: Session, user_id: int) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))


def delete_expired_sessions(session: Session, now: dt.datetime) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= now))


# API tokens --------------------------------------------------------------------------------


def _api_token(row: ApiTokenRow) -> ApiToken:
    used = None if row.last_used_at is None else _utc(row.last_used_at)
    return ApiToken(row.id, row.user_id, row.name, row.hint, _utc(row.created_at), used)


def add_api_token(
    session: Session, *, user_id: int, name: str, token_hash: str, hint: str, now: dt.datetime
) -> ApiToken:
    row = ApiTokenRow(user_id=user_id, name=name, token_hash=token_hash, hint=hint, created_at=now)
    session.add(row)
    session.flush()
    return _api_token(row)


def api_tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    rows = session.scalars(
        select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id)
    )
    return [_api_token(r) for r in rows]


def api_token_by_hash(session: Session, token_hash: str) -> ApiToken | None:
    row = session.scalars(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash)).first()
    return None if row is None else _api_token(row)


def touch_api_token(session: Session, token_id: int, now: dt.datetime) -> None:
    session.get_one(ApiTokenRow, token_id).last_used_at = now


def delete_api_token(session: Session, user_id: int, token_id: int) -> bool:
    """Delete one of ``user_id``'s tokens; False when there is no such token of theirs."""
    done = session.execute(
        delete(ApiTokenRow).where(ApiTokenRow.id == token_id, ApiTokenRow.user_id == user_id)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


# Sign-in attempts --------------------------------------------------------------------------


def add_login_attempt(
    session: Session, *, username: str, client: str, now: dt.datetime, succeeded: bool
) -> None:
    session.add(LoginAttemptRow(username=username, client=client, at=now, succeeded=succeeded))


def failures_since(
    session: Session, since: dt.datetime, *, username: str | None = None, client: str | None = None
) -> int:
    query = select(func.count()).where(
        LoginAttemptRow.at > since, LoginAttemptRow.succeeded.is_(False)
    )
    if username is not None:
        query = query.where(LoginAttemptRow.username == username)
    if client is not None:
        query = query.where(LoginAttemptRow.client == client)
    return session.scalar(query) or 0


def oldest_failure_since(
    session: Session, since: dt.datetime, *, username: str | None = None, client: str | None = None
) -> dt.datetime | None:
    query = select(func.min(LoginAttemptRow.at)).where(
        LoginAttemptRow.at > since, LoginAttemptRow.succeeded.is_(False)
    )
    if username is not None:
        query = query.where(LoginAttemptRow.username == username)
    if client is not None:
        query = query.where(LoginAttemptRow.client == client)
    found = session.scalar(query)
    return None if found is None else _utc(found)


def forget_failures(session: Session, username: str) -> None:
    session.execute(
        delete(LoginAttemptRow).where(
            LoginAttemptRow.username == username, LoginAttemptRow.succeeded.is_(False)
        )
    )


def delete_attempts_before(session: Session, before: dt.datetime) -> None:
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < before))


# Invites and shares ------------------------------------------------------------------------


def add_invite(
    session: Session,
    *,
    athlete_id: int,
    code_hash: str,
    now: dt.datetime,
    expires_at: dt.datetime,
) -> Invite:
    row = ShareInviteRow(
        athlete_id=athlete_id, code_hash=code_hash, created_at=now, expires_at=expires_at
    )
    session.add(row)
    session.flush()
    return Invite(row.id, row.athlete_id, now, expires_at)


def invites_of(session: Session, athlete_id: int, now: dt.datetime) -> list[Invite]:
    rows = session.scalars(
        select(ShareInviteRow)
        .where(ShareInviteRow.athlete_id == athlete_id, ShareInviteRow.expires_at > now)
        .order_by(ShareInviteRow.id)
    )
    return [Invite(r.id, r.athlete_id, _utc(r.created_at), _utc(r.expires_at)) for r in rows]


def take_invite(session: Session, code_hash: str, now: dt.datetime) -> int | None:
    """Use up the invite with this code: its athlete id, or None if unknown or expired."""
    row = session.scalars(
        select(ShareInviteRow).where(ShareInviteRow.code_hash == code_hash)
    ).first()
    if row is None:
        return None
    athlete_id = row.athlete_id
    expired = _utc(row.expires_at) <= now
    session.delete(row)
    return None if expired else athlete_id


def delete_invite(session: Session, athlete_id: int, invite_id: int) -> bool:
    done = session.execute(
        delete(ShareInviteRow).where(
            ShareInviteRow.id == invite_id, ShareInviteRow.athlete_id == athlete_id
        )
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def _shares(session: Session, *conditions: object) -> list[Share]:
    query = (
        select(ShareRow, AthleteRow.name, UserRow.display_name)
        .join(AthleteRow, AthleteRow.id == ShareRow.athlete_id)
        .join(UserRow, UserRow.id == ShareRow.viewer_id)
        .where(*conditions)  # type: ignore[arg-type]
        .order_by(AthleteRow.name, ShareRow.id)
    )
    return [
        Share(row.id, row.athlete_id, athlete, row.viewer_id, viewer, _utc(row.created_at))
        for row, athlete, viewer in session.execute(query)
    ]


def add_share(session: Session, athlete_id: int, viewer_id: int, now: dt.datetime) -> None:
    session.add(ShareRow(athlete_id=athlete_id, viewer_id=viewer_id, created_at=now))
    session.flush()


def share_between(session: Session, athlete_id: int, viewer_id: int) -> Share | None:
    found = _shares(session, ShareRow.athlete_id == athlete_id, ShareRow.viewer_id == viewer_id)
    return found[0] if found else None


def shares_of_athlete(session: Session, athlete_id: int) -> list[Share]:
    return _shares(session, ShareRow.athlete_id == athlete_id)


def shares_with_viewer(session: Session, viewer_id: int) -> list[Share]:
    return _shares(session, ShareRow.viewer_id == viewer_id)


def shared_athletes_of_viewer(session: Session, viewer_id: int) -> list[SharedAthlete]:
    """Every share with ``viewer_id``, each with its athlete's owner and data version, in one
    query (the coach's dashboard would otherwise ask three questions per runner)."""
    query = (
        select(
            ShareRow,
            AthleteRow.name,
            UserRow.display_name,
            AthleteOwnerRow.user_id,
            AthleteVersionRow.version,
        )
        .join(AthleteRow, AthleteRow.id == ShareRow.athlete_id)
        .join(UserRow, UserRow.id == ShareRow.viewer_id)
        .outerjoin(AthleteOwnerRow, AthleteOwnerRow.athlete_id == ShareRow.athlete_id)
        .outerjoin(AthleteVersionRow, AthleteVersionRow.athlete_id == ShareRow.athlete_id)
        .where(ShareRow.viewer_id == viewer_id)
        .order_by(AthleteRow.name, ShareRow.id)
    )
    return [
        SharedAthlete(
            Share(row.id, row.athlete_id, athlete, row.viewer_id, viewer, _utc(row.created_at)),
            owner_id,
            version,
        )
        for row, athlete, viewer, owner_id, version in session.execute(query)
    ]


def delete_share(
    session: Session, share_id: int, *, athlete_id: int | None = None, viewer_id: int | None = None
) -> Share | None:
    """Delete a share seen from one side (the athlete's or the viewer's); None if not theirs."""
    conditions: list[object] = [ShareRow.id == share_id]
    if athlete_id is not None:
        conditions.append(ShareRow.athlete_id == athlete_id)
    if viewer_id is not None:
        conditions.append(ShareRow.viewer_id == viewer_id)
    found = _shares(session, *conditions)
    if not found:
        return None
    session.execute(delete(ShareRow).where(ShareRow.id == share_id))
    return found[0]


# Audit log ---------------------------------------------------------------------------------


def add_audit(
    session: Session,
    *,
    at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    athlete_id: int,
    action: str,
    what: str,
) -> None:
    session.add(
        AuditRow(
            at=at,
            actor_id=actor_id,
            actor_name=actor_name[:80],
            athlete_id=athlete_id,
            action=action,
            what=what[:120],
        )
    )


def add_audits(
    session: Session,
    *,
    at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    athlete_ids: list[int],
    action: str,
    what: str,
) -> None:
    """The same entry about several athletes, written in one statement."""
    if not athlete_ids:
        return
    session.execute(
        insert(AuditRow),
        [
            {
                "at": at,
                "actor_id": actor_id,
                "actor_name": actor_name[:80],
                "athlete_id": athlete_id,
                "action": action,
                "what": what[:120],
            }
            for athlete_id in athlete_ids
        ],
    )


def audit_of_athlete(session: Session, athlete_id: int, limit: int) -> list[AuditEntry]:
    rows = session.scalars(
        select(AuditRow)
        .where(AuditRow.athlete_id == athlete_id)
        .order_by(AuditRow.at.desc(), AuditRow.id.desc())
        .limit(limit)
    )
    return [
        AuditEntry(r.id, _utc(r.at), r.actor_id, r.actor_name, r.athlete_id, r.action, r.what)
        for r in rows
    ]
