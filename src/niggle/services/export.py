"""Export everything niggle holds about a user, as a zip of JSON documents.

One file per capability, each a document with ``schema_version`` like the CLI's ``--json``
output, so a script can read the export with the same code. Capabilities that land later
add a section to :data:`SECTIONS`. Secrets (password and token hashes) are never exported.

The files the runner imported go in as they were received, under ``originals/``, with
``originals.json`` listing them. They are copied into the zip a chunk at a time, so the
export of a large Strava archive holds one chunk of it in memory, not the whole file.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from typing import IO, Any, Final

from niggle.domain.errors import NotFound
from niggle.services import accounts, activities, audit, plans, sharing, triage
from niggle.services.athletes import athlete_document
from niggle.store import originals as originals_repo
from niggle.store.accounts import User
from niggle.store.db import Database
from niggle.store.originals import SourceFile

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
originals.json    the files you imported, kept as you gave them (name, SHA-256, size,
                  when, and which activities each gave)
originals/        those files themselves, each named <id>-<name>
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


def original_path(source: SourceFile) -> str:
    """Where a kept file sits inside the export."""
    return f"originals/{source.id}-{source.name}"


def originals_document(kept: list[SourceFile]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "originals": [
            {
                "id": k.id,
                "name": k.name,
                "path": original_path(k),
                "kind": k.kind,
                "media_type": k.media_type,
                "sha256": k.sha256,
                "size_bytes": k.size_bytes,
                "imported_at": k.imported_at.isoformat(),
                "activity_ids": list(k.activity_ids),
            }
            for k in kept
        ],
    }


# Zip and gzip are compressed already; deflating them again costs time and saves nothing.
_STORED_KINDS: Final = frozenset({"zip", "gzip"})


def _write_originals(db: Database, athlete_id: int, archive: zipfile.ZipFile) -> None:
    with db.begin() as session:
        kept = originals_repo.list_for(session, athlete_id)
        if not kept:
            return
        text = json.dumps(originals_document(kept), ensure_ascii=False, indent=2)
        archive.writestr("originals.json", text + "\n")
        for source in kept:
            info = zipfile.ZipInfo(original_path(source), source.imported_at.timetuple()[:6])
            info.compress_type = (
                zipfile.ZIP_STORED if source.kind in _STORED_KINDS else zipfile.ZIP_DEFLATED
            )
            # A known size lets zipfile choose ZIP64 itself for files past 2 GB.
            info.file_size = source.size_bytes
            with archive.open(info, "w") as entry:
                for chunk in originals_repo.content(session, athlete_id, source.id):
                    entry.write(chunk)


def write_export(
    db: Database, user: User, today: dt.date, now: dt.datetime, out: IO[bytes]
) -> None:
    """Write the zip to ``out``. Sections with nothing to say (a coach has no log) are left
    out, and so is ``originals.json`` when no file was kept."""
    athlete = accounts.owned_athlete(db, user)
    athlete_id = athlete.id if athlete is not None else None
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, section in SECTIONS:
            document = section(db, user, athlete_id, today, now)
            if document is not None:
                text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
                archive.writestr(name, text + "\n")
        if athlete_id is not None:
            _write_originals(db, athlete_id, archive)


def export_archive(db: Database, user: User, today: dt.date, now: dt.datetime) -> bytes:
    """The zip file's bytes; see :func:`write_export`."""
    buffer = io.BytesIO()
    write_export(db, user, today, now, buffer)
    return buffer.getvalue()


# Exports up to this size are built in memory; larger ones spill to a temporary file.
EXPORT_SPOOL_BYTES: Final = 16 * 1024 * 1024


def export_file(db: Database, user: User, today: dt.date, now: dt.datetime) -> IO[bytes]:
    """The zip in a temporary file, rewound, for serving without holding it all in memory.
    The caller closes it (which deletes it)."""
    spooled = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_BYTES)  # noqa: SIM115
    try:
        write_export(db, user, today, now, spooled)
        spooled.seek(0)
    except BaseException:
        spooled.close()
        raise
    return spooled


def export_filename(user: User, today: dt.date) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in user.username)
    return f"niggle-export-{safe}-{today.isoformat()}.zip"
