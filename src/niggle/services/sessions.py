"""Browser sessions, kept server-side: a random token in the cookie, its SHA-256 here.

Everything takes ``now`` from the caller. Each session row also carries the CSRF token of
the forms it serves (the synchronizer token pattern); an anonymous session (no user) exists
only to carry the sign-in and sign-up forms' token.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Final

from niggle.services.accounts import digest
from niggle.store import accounts as repo
from niggle.store.accounts import User, WebSession
from niggle.store.db import Database
from niggle.store.versions import SessionProbe, session_probe

__all__ = ["SessionProbe", "WebSession"]

# Product defaults (not from a study): a signed-in browser stays signed in for two weeks;
# the anonymous session that only carries the sign-in form's CSRF token lasts two hours.
SESSION_LIFETIME: Final = dt.timedelta(days=14)
ANONYMOUS_SESSION_LIFETIME: Final = dt.timedelta(hours=2)


def start_session(db: Database, user_id: int | None, now: dt.datetime) -> tuple[str, WebSession]:
    """A new session (signed in when ``user_id`` is given): the cookie value and the record."""
    token = secrets.token_urlsafe(32)
    lifetime = SESSION_LIFETIME if user_id is not None else ANONYMOUS_SESSION_LIFETIME
    with db.begin() as session:
        repo.delete_expired_sessions(session, now)
        record = repo.add_session(
            session,
            token_hash=digest(token),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            now=now,
            expires_at=now + lifetime,
        )
    return token, record


def find_session(
    db: Database, token: str, now: dt.datetime
) -> tuple[WebSession, User | None] | None:
    """The live session for a cookie value and its user (None before sign-in)."""
    if not token or len(token) > 128:
        return None
    with db.begin() as session:
        record = repo.session_by_hash(session, digest(token))
        if record is None:
            return None
        if record.expires_at <= now:
            repo.delete_session(session, record.id)
            return None
        user = None if record.user_id is None else repo.user_by_id(session, record.user_id)
    return record, user


def probe_session(db: Database, token: str, now: dt.datetime) -> SessionProbe | None:
    """For the page cache: the live signed-in session behind a cookie value, with its
    athlete's data version, in one query. None when unknown, expired or not signed in."""
    if not token or len(token) > 128:
        return None
    found = session_probe(db, digest(token))
    return found if found is not None and found.expires_at > now else None


def end_session(db: Database, token: str) -> None:
    with db.begin() as session:
        record = repo.session_by_hash(session, digest(token))
        if record is not None:
            repo.delete_session(session, record.id)


def sign_in_session(
    db: Database, old_token: str | None, user_id: int, now: dt.datetime
) -> tuple[str, WebSession]:
    """Replace the browser's (anonymous) session with a signed-in one.

    A fresh token at sign-in means a session id planted before sign-in (session fixation)
    is worthless afterwards.
    """
    if old_token:
        end_session(db, old_token)
    return start_session(db, user_id, now)
