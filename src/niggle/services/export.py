"""Export everything niggle holds about a user, as a zip of JSON documents.

One file per capability, each a document with ``schema_version`` like the CLI's ``--json``
output, so a script can read the export with the same code. Capabilities that land later
add a section to :data:`SECTIONS`. Secrets (password and token hashes) are never exported.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any, Final

from niggle.domain.errors import NotFound
from niggle.services import accounts, activities, audit, plans, sharing, triage
from niggle.services.athletes import athlete_document
from niggle.store.accounts import User
from niggle.store.db import Database

Section = Callable[[Database, User, int | None, dt.date, dt.datetime], dict[str, Any] | None]

README: Final = """\
niggle data export
==================

Every file is a JSON document with "schema_version": 1. Distances are metres, times
seconds, paces seconds per km unless a field name says otherwise; dates are ISO 8601.

account.json      your account (no password or token secrets)
athlete.json      your runner profile and race results
activities.json   every logged or imported session, and every pain report
plan.json         your current training plan (when you have one)
checkins.json     every pain check-in (triage): your answers, your words and the result
sharing.json      who can see your data, and pending invites
access_log.json   who else looked at your data, and when
"""


def _account(
    db: Database, user: User, athlete_id: int | None, today: dt.date, now: dt.datetime
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "local_account": user.is_local,
        "api_tokens": [
            {
                "name": t.name,
                "hint": t.hint,
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            }
            for t in accounts.api_tokens(db, user)
        ],
        "exported_at": now.isoformat(),
    }


def _athlete(
    db: Database, user: User, athlete_id: int | None, today: dt.date, now: dt.datetime
) -> dict[str, Any] | None:
    athlete = accounts.owned_athlete(db, user)
    return None if athlete is None else athlete_document(athlete, today)


def _activities(
    db: Database, user: User, athlete_id: int | None, today: dt.date, now: dt.datetime
) -> dict[str, Any] | None:
    if athlete_id is None:
        return None
    return activities.activities_document(
        activities.list_activities(db, athlete_id), activities.list_pain_reports(db, athlete_id)
    )


def _sharing(
    db: Database, user: User, athlete_id: int | None, today: dt.date, now: dt.datetime
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "shared_with": [sharing.share_document(s) for s in sharing.my_shares(db, user)],
        "athletes_sharing_with_me": [
            sharing.share_document(s) for s in sharing.shared_with(db, user)
        ],
        "pending_invites": [
            {
                "id": i.id,
                "created_at": i.created_at.isoformat(),
                "expires_at": i.expires_at.isoformat(),
            }
            for i in sharing.pending_invites(db, user, now)
        ],
    }


def _access_log(
    db: Database, user: User, athlete_id: int | None, today: dt.date, now: dt.datetime
) -> dict[str, Any] | None:
    if athlete_id is None:
        return None
    return {
        "schema_version": 1,
        "entries": audit.audit_document(audit.audit_trail(db, athlete_id, limit=100_000)),
    }


def _plan(
    db: Database, user: User, athlete_id: int | None, today: dt.date, now: dt.datetime
) -> dict[str, Any] | None:
    athlete = accounts.owned_athlete(db, user)
    if athlete is None:
        return None
    try:
        _, plan = plans.current_plan(db, athlete.name)
    except NotFound:
        return None
    return plans.plan_document(plan, today=today)


def _checkins(
    db: Database, user: User, athlete_id: int | None, today: dt.date, now: dt.datetime
) -> dict[str, Any] | None:
    if athlete_id is None:
        return None
    history = triage.triage_history(db, athlete_id)
    if not history:
        return None
    return {
        "schema_version": 1,
        "checkins": [
            {
                "taken_on": r.taken_on.isoformat(),
                "text": r.text,
                "answers": dict(r.answers),
                "result": dict(r.document),
            }
            for r in history
        ],
    }


SECTIONS: Final[tuple[tuple[str, Section], ...]] = (
    ("account.json", _account),
    ("athlete.json", _athlete),
    ("activities.json", _activities),
    ("plan.json", _plan),
    ("checkins.json", _checkins),
    ("sharing.json", _sharing),
    ("access_log.json", _access_log),
)


def export_archive(db: Database, user: User, today: dt.date, now: dt.datetime) -> bytes:
    """The zip file's bytes. Sections with nothing to say (a coach has no log) are left out."""
    athlete = accounts.owned_athlete(db, user)
    athlete_id = athlete.id if athlete is not None else None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, section in SECTIONS:
            document = section(db, user, athlete_id, today, now)
            if document is not None:
                text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
                archive.writestr(name, text + "\n")
    return buffer.getvalue()


def export_filename(user: User, today: dt.date) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in user.username)
    return f"niggle-export-{safe}-{today.isoformat()}.zip"
