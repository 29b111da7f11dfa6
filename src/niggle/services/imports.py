"""Importing activity files and whole exports into an athlete's log.

The importer pipeline reads and parses; this service decides what to keep and stores it:

- each activity is written in its own transaction, so a failure later in a batch loses
  nothing already imported, and a crash never leaves half an activity behind;
- a file already imported (same content, by SHA-256) is recognised before it is parsed;
- the same session recorded twice (the watch's FIT and Strava's GPX of it) is recognised
  by start time, sport and distance (``niggle.domain.activity.is_same_session``) and kept once;
- a bad file is reported with its path and reason, and the rest still import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError

from niggle.domain.activity import SAME_SESSION_START_S, Activity, is_same_session
from niggle.importers.limits import DEFAULT_LIMITS, ImportLimits
from niggle.importers.parsed import ParsedActivity
from niggle.importers.pipeline import MoreWork, SourceResult, run_pipeline
from niggle.services.activities import activity_summary
from niggle.store import activities as repo
from niggle.store.db import Database

if TYPE_CHECKING:
    from niggle.importers.fit import Decoder


@dataclass(frozen=True)
class Duplicate:
    path: str
    activity_id: int | None
    reason: str


@dataclass(frozen=True)
class Failure:
    path: str
    error: str


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int
    imported: int
    duplicates: int
    failed: int
    current: str


@dataclass
class ImportReport:
    imported: list[Activity] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


# When one session arrives twice, the richer recording's numbers are kept: a FIT holds the
# device's own totals, laps and every sensor; TCX holds laps; GPX only a track.
_RICHNESS = {"fit": 3, "tcx": 2, "gpx": 1}


def _richness(source: str) -> int:
    return _RICHNESS.get(source, 0)


def _store_one(
    db: Database,
    athlete_id: int,
    result: SourceResult,
    index: int,
    parsed: ParsedActivity,
    last: bool,
    partial: set[str],
) -> tuple[int | None, Duplicate | None]:
    """Write one activity in its own transaction; (new id, None) or (None, duplicate)."""
    activity = parsed.activity
    window = dt.timedelta(seconds=SAME_SESSION_START_S)
    try:
        with db.begin() as session:
            duplicate: Duplicate | None = None
            new_id: int | None = None
            # A file stored in part (a crash half-way through a multisport file) is not
            # in ``known``; its stored activities are found by (hash, index) here.
            existing = (
                repo.id_for_source(session, athlete_id, result.content_hash, index)
                if result.content_hash and result.content_hash in partial
                else None
            )
            if existing is not None:
                duplicate = Duplicate(result.label, existing, "already imported (same file)")
            else:
                nearby = repo.starting_between(
                    session, athlete_id, activity.start - window, activity.start + window
                )
                same = next((a for a in nearby if is_same_session(a, activity)), None)
                if same is not None and same.id is not None:
                    reason = (
                        f"same session as activity {same.id} ({same.source}, started "
                        f"{same.start.isoformat()})"
                    )
                    if _richness(activity.source) > _richness(same.source):
                        repo.replace_recording(
                            session,
                            athlete_id,
                            same.id,
                            activity,
                            parsed.streams,
                            source_hash=result.content_hash,
                            source_index=index,
                            source_path=result.label,
                        )
                        reason += f"; its {same.source} data was replaced by this richer file"
                    duplicate = Duplicate(result.label, same.id, reason)
                else:
                    new_id = repo.add(
                        session,
                        athlete_id,
                        activity,
                        parsed.streams,
                        source_hash=result.content_hash,
                        source_index=index,
                        source_path=result.label,
                    )
            if last and result.content_hash:
                repo.record_source(
                    session,
                    athlete_id,
                    result.content_hash,
                    result.label,
                    len(result.activities),
                )
            return new_id, duplicate
    except IntegrityError:
        # Another import stored the same file at the same moment; it is there either way.
        return None, Duplicate(result.label, None, "already imported (same file)")


def import_paths(
    db: Database,
    athlete_id: int,
    paths: Sequence[Path],
    today: dt.date,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    on_progress: Callable[[ImportProgress], None] | None = None,
    decoder: Decoder | None = None,
) -> ImportReport:
    """Import every activity in ``paths``; see the module docstring for the guarantees."""
    report = ImportReport()
    with db.begin() as session:
        known = repo.known_sources(session, athlete_id)
        partial = set(repo.imported_sources(session, athlete_id)) - known
    done = total = 0
    for event in run_pipeline(paths, is_known=known.__contains__, limits=limits, decoder=decoder):
        if isinstance(event, MoreWork):
            total = max(done, total + event.count)
            continue
        done += 1
        _absorb(db, athlete_id, event, today, report, known, partial)
        if on_progress is not None:
            on_progress(
                ImportProgress(
                    done=done,
                    total=max(total, done),
                    imported=len(report.imported),
                    duplicates=len(report.duplicates),
                    failed=len(report.failed),
                    current=event.label,
                )
            )
    return report


def _absorb(
    db: Database,
    athlete_id: int,
    result: SourceResult,
    today: dt.date,
    report: ImportReport,
    known: set[str],
    partial: set[str],
) -> None:
    if result.error is not None:
        report.failed.append(Failure(result.label, result.error))
        return
    if result.skipped is not None:
        report.skipped.append((result.label, result.skipped))
        return
    if result.already_imported:
        report.duplicates.append(Duplicate(result.label, None, "already imported (same file)"))
        return
    report.warnings.extend(result.warnings)
    count = len(result.activities)
    for index, parsed in enumerate(result.activities):
        new_id, duplicate = _store_one(
            db, athlete_id, result, index, parsed, index == count - 1, partial
        )
        if duplicate is not None:
            report.duplicates.append(duplicate)
        if new_id is not None:
            stored = replace(parsed.activity, id=new_id)
            report.imported.append(stored)
            if stored.local_date > today:
                report.warnings.append(
                    f"{result.label}: dated {stored.local_date.isoformat()}, after today; "
                    "the device's clock may be wrong."
                )
    if result.content_hash:
        known.add(result.content_hash)


def import_document(report: ImportReport) -> dict[str, Any]:
    """The contract's JSON for ``niggle import`` (plus detail fields it allows adding)."""
    return {
        "schema_version": 1,
        "imported": len(report.imported),
        "duplicates": len(report.duplicates),
        "failed": [{"path": f.path, "error": f.error} for f in report.failed],
        "activities": [
            {
                key: value
                for key, value in activity_summary(a).items()
                if key in ("id", "start", "sport", "distance_m", "duration_s", "title", "date")
            }
            for a in report.imported
        ],
        "duplicate_of": [
            {"path": d.path, "activity_id": d.activity_id, "reason": d.reason}
            for d in report.duplicates
        ],
        "skipped": [{"path": path, "reason": reason} for path, reason in report.skipped],
        "warnings": list(report.warnings),
    }
