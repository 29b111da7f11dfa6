"""Importing activity files and whole exports into an athlete's log.

The importer pipeline reads and parses; this service decides what to keep and stores it:

- each activity is written in its own transaction, so a failure later in a batch loses
  nothing already imported, and a crash never leaves half an activity behind;
- a file already imported (same content, by SHA-256) is recognised before it is parsed;
- the same session recorded twice (the watch's FIT and Strava's GPX of it) is recognised
  by start time, sport and distance (``niggle.domain.activity.is_same_session``) and kept once;
- a recording of a session the runner already logged by hand that day (a check-in) takes
  the hand log's place, keeping its effort, notes and pain reports
  (``niggle.domain.activity.hand_logged_match``);
- a bad file is reported with its path and reason, and the rest still import;
- the file the runner gave (a FIT, a GPX, a whole export .zip: as received, not unpacked)
  is kept once, by SHA-256, when it gave at least one activity; a file that failed
  entirely, or held only sessions already in the log, is not kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

from sqlalchemy.exc import IntegrityError

from niggle.domain.activity import (
    SAME_SESSION_START_S,
    Activity,
    hand_logged_match,
    is_same_session,
)
from niggle.importers.detect import SNIFF_BYTES, detect
from niggle.importers.limits import DEFAULT_LIMITS, MIB, ImportLimits
from niggle.importers.parsed import ParsedActivity
from niggle.importers.pipeline import MoreWork, SourceResult, run_pipeline
from niggle.services.activities import activity_summary
from niggle.store import activities as repo
from niggle.store import originals as originals_repo
from niggle.store.db import Database

if TYPE_CHECKING:
    from niggle.importers.fit import Decoder


@dataclass(frozen=True)
class Duplicate:
    path: str
    activity_id: int | None
    reason: str
    # The stored session's numbers were replaced by this richer recording.
    replaced: bool = False


@dataclass(frozen=True)
class KeptOriginal:
    """A file kept as the runner gave it; ``new`` is False when it was already kept."""

    id: int
    name: str
    sha256: str
    size_bytes: int
    new: bool


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
    kept: list[KeptOriginal] = field(default_factory=list)

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
                hand = (
                    hand_logged_match(
                        activity,
                        repo.between(session, athlete_id, activity.local_date, activity.local_date),
                    )
                    if same is None
                    else None
                )
                # The stored session this file is another recording of, if any: a hand
                # log of that day (a check-in made before the watch file arrived), or a
                # recording from another source. A hand log always gives way, so effort,
                # notes, pain reports and the plan's link stay with one session and the
                # week's load counts it once; a recording gives way to a richer file.
                target: int | None = None
                replaces = False
                reason = ""
                if hand is not None and hand.id is not None:
                    target, replaces = hand.id, True
                    reason = (
                        f"the session you logged by hand on {hand.local_date.isoformat()} "
                        f"(activity {hand.id}); its figures were replaced by this recording, "
                        "and your effort, notes and pain reports were kept"
                    )
                elif same is not None and same.id is not None:
                    target = same.id
                    replaces = _richness(activity.source) > _richness(same.source)
                    reason = (
                        f"same session as activity {same.id} ({same.source}, started "
                        f"{same.start.isoformat()})"
                    )
                    if replaces:
                        reason += f"; its {same.source} data was replaced by this richer file"
                if target is None:
                    new_id = repo.add(
                        session,
                        athlete_id,
                        activity,
                        parsed.streams,
                        source_hash=result.content_hash,
                        source_index=index,
                        source_path=result.label,
                    )
                else:
                    if replaces:
                        repo.replace_recording(
                            session,
                            athlete_id,
                            target,
                            activity,
                            parsed.streams,
                            source_hash=result.content_hash,
                            source_index=index,
                            source_path=result.label,
                        )
                    duplicate = Duplicate(result.label, target, reason, replaced=replaces)
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
    keep_originals: bool = True,
    original_names: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import every activity in ``paths``; see the module docstring for the guarantees.

    ``original_names`` gives the name to keep a file under, by its path, when the path's
    own name is not the runner's (the web app saves uploads under numbered names).
    """
    report = ImportReport()
    with db.begin() as session:
        known = repo.known_sources(session, athlete_id)
        partial = set(repo.imported_sources(session, athlete_id)) - known
    done = total = 0
    # The pipeline gives each file's results (or an archive's) one after another, so a file
    # is finished, and can be kept, as soon as results from the next one arrive.
    origin: str | None = None
    gave: list[int] = []

    def finish() -> None:
        if keep_originals and origin is not None and gave:
            name = (original_names or {}).get(origin) or Path(origin).name
            _keep_original(db, athlete_id, Path(origin), name, gave, limits, report)

    for event in run_pipeline(paths, is_known=known.__contains__, limits=limits, decoder=decoder):
        if isinstance(event, MoreWork):
            total = max(done, total + event.count)
            continue
        if event.origin != origin:
            finish()
            origin, gave = event.origin, []
        done += 1
        gave.extend(_absorb(db, athlete_id, event, today, report, known, partial))
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
    finish()
    return report


def _absorb(
    db: Database,
    athlete_id: int,
    result: SourceResult,
    today: dt.date,
    report: ImportReport,
    known: set[str],
    partial: set[str],
) -> list[int]:
    """Store one result's activities; the ids of those it added or improved."""
    if result.error is not None:
        report.failed.append(Failure(result.label, result.error))
        return []
    if result.skipped is not None:
        report.skipped.append((result.label, result.skipped))
        return []
    if result.already_imported:
        report.duplicates.append(Duplicate(result.label, None, "already imported (same file)"))
        return []
    report.warnings.extend(result.warnings)
    gave: list[int] = []
    count = len(result.activities)
    for index, parsed in enumerate(result.activities):
        new_id, duplicate = _store_one(
            db, athlete_id, result, index, parsed, index == count - 1, partial
        )
        if duplicate is not None:
            report.duplicates.append(duplicate)
            if duplicate.replaced and duplicate.activity_id is not None:
                gave.append(duplicate.activity_id)
        if new_id is not None:
            gave.append(new_id)
            stored = replace(parsed.activity, id=new_id)
            report.imported.append(stored)
            if stored.local_date > today:
                report.warnings.append(
                    f"{result.label}: dated {stored.local_date.isoformat()}, after today; "
                    "the device's clock may be wrong."
                )
    if result.content_hash:
        known.add(result.content_hash)
    return gave


# Kept originals ------------------------------------------------------------------------------

ORIGINAL_CHUNK_BYTES: Final = 4 * MIB
MEDIA_TYPES: Final = {
    "zip": "application/zip",
    "gzip": "application/gzip",
    "fit": "application/vnd.ant.fit",
    "gpx": "application/gpx+xml",
    "tcx": "application/vnd.garmin.tcx+xml",
}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def original_name(name: str) -> str:
    """A plain file name to keep a file under: no folders, no odd characters, not hidden."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE_NAME.sub("_", base).lstrip("._")[:120]
    return cleaned or "upload"


class _Changed(Exception):
    """The file changed between being hashed and being stored."""


def _chunks(handle: IO[bytes], expected: str) -> Iterator[bytes]:
    digest = hashlib.sha256()
    while chunk := handle.read(ORIGINAL_CHUNK_BYTES):
        digest.update(chunk)
        yield chunk
    if digest.hexdigest() != expected:
        raise _Changed


def _hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(ORIGINAL_CHUNK_BYTES):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


def _keep_original(
    db: Database,
    athlete_id: int,
    path: Path,
    name: str,
    activity_ids: Sequence[int],
    limits: ImportLimits,
    report: ImportReport,
) -> None:
    """Keep the file once (by SHA-256) and link the activities it gave; never fails the
    import: the activities are stored already, so a problem here is only a warning."""
    name = original_name(name)
    try:
        size, sha256 = _hash_file(path)
        # The same caps as importing: a single file past them was never read, and an
        # archive past its budget would not have finished importing.
        if size > limits.max_total_bytes:
            report.warnings.append(
                f"{name}: imported, but at {size // MIB:,} MB it is too large to keep a copy "
                f"of (the limit is {limits.max_total_bytes // MIB:,} MB)."
            )
            return
        with path.open("rb") as handle:
            kind = detect(handle.read(SNIFF_BYTES))
        kind_name = kind if kind in MEDIA_TYPES else "other"
        with db.begin() as session:
            existing = originals_repo.find(session, athlete_id, sha256)
            if existing is None:
                with path.open("rb") as handle:
                    source_id = originals_repo.add(
                        session,
                        athlete_id,
                        name=name,
                        kind=kind_name,
                        media_type=MEDIA_TYPES.get(kind, "application/octet-stream"),
                        sha256=sha256,
                        size_bytes=size,
                        chunks=_chunks(handle, sha256),
                    )
            else:
                source_id = existing
            originals_repo.link(session, source_id, activity_ids)
        report.kept.append(KeptOriginal(source_id, name, sha256, size, existing is None))
    except OSError as exc:
        report.warnings.append(
            f"{name}: imported, but the original could not be kept ({exc.strerror or exc})."
        )
    except _Changed:
        report.warnings.append(
            f"{name}: imported, but the file changed while it was being read, so no copy "
            "was kept; import it again once it has finished copying."
        )
    except IntegrityError:
        # Another import kept the same file at the same moment; link to that copy.
        with db.begin() as session:
            other = originals_repo.find(session, athlete_id, sha256)
            if other is not None:
                originals_repo.link(session, other, activity_ids)
        if other is not None:
            report.kept.append(KeptOriginal(other, name, sha256, size, False))


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
        "originals_kept": [
            {"id": k.id, "name": k.name, "sha256": k.sha256, "size_bytes": k.size_bytes}
            for k in report.kept
        ],
    }
