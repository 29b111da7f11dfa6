"""The audit log: who looked at whose health data, and who was given or lost access.

A row is written *before* the data is handed over, in its own transaction, so a view that
could not be recorded does not happen. Runners looking at their own data are not logged:
the log answers "who else has seen my data?".
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal

from niggle.store import accounts as repo
from niggle.store.accounts import AuditEntry, User
from niggle.store.db import Database

__all__ = ["AuditEntry", "audit_document", "audit_trail", "record", "record_many"]

AuditAction = Literal["view", "share", "revoke"]
DEFAULT_TRAIL_LENGTH: Final = 200


def record(
    db: Database,
    actor: User,
    athlete_id: int,
    action: AuditAction,
    what: str,
    now: dt.datetime,
) -> None:
    record_many(db, actor, [athlete_id], action, what, now)


def record_many(
    db: Database,
    actor: User,
    athlete_ids: list[int],
    action: AuditAction,
    what: str,
    now: dt.datetime,
) -> None:
    """One entry per athlete, all in one transaction: a page showing many runners (the
    coach's dashboard) records every look before any of them is shown, or none."""
    if not athlete_ids:
        return
    with db.begin() as session:
        repo.add_audits(
            session,
            at=now,
            actor_id=actor.id,
            actor_name=actor.display_name,
            athlete_ids=athlete_ids,
            action=action,
            what=what,
        )


def audit_trail(
    db: Database, athlete_id: int, limit: int = DEFAULT_TRAIL_LENGTH
) -> list[AuditEntry]:
    """The newest entries about one athlete's data. Callers check the viewer owns it."""
    with db.begin() as session:
        return repo.audit_of_athlete(session, athlete_id, limit)


def audit_document(entries: list[AuditEntry]) -> list[dict[str, Any]]:
    return [
        {
            "at": e.at.isoformat(),
            "who": e.actor_name,
            "account_id": e.actor_id,
            "action": e.action,
            "what": e.what,
        }
        for e in entries
    ]
