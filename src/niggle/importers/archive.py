"""Whole exports: a Strava bulk export, a Garmin "Export your data" archive, or any zip.

Layouts (formats.md section 4; community-documented, so read defensively):

- **Strava** ``export_<id>.zip``: ``activities.csv`` indexes ``activities/<id>.fit.gz``,
  ``.gpx``, ``.gpx.gz``, ``.tcx.gz``... The CSV's headers follow the account language and
  repeat names (two ``Distance`` columns: the first in km or mi, the second in metres), so
  columns are read by position (0 id, 1 date, 2 name, 3 type, 12 filename) after a sanity
  check; exports before July 2019 had a short lower-case header with ``filename`` and
  metres. A row without a file is a manual activity and is imported from the row.
- **Garmin** ``DI_CONNECT/``: ``DI-Connect-Uploaded-Files/UploadedFiles_*.zip`` are zips
  inside the zip holding the original uploads, monitoring FITs mixed in; only activity
  FITs are kept (the FIT reader refuses the others). Names come from
  ``*summarizedActivities*.json``, matched by start time.
- anything else: every member whose content is an activity file is imported.

Nothing is ever unpacked by name: members are read into memory through the caps in
:mod:`niggle.importers.limits`, nested zips and gzip included; only a large nested zip is
spooled to an anonymous temporary file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Final

from niggle.domain.activity import Activity, Sport
from niggle.domain.errors import InvalidInput
from niggle.domain.streams import empty_streams
from niggle.importers.errors import CorruptFile
from niggle.importers.garmin_summaries import (
    GarminSummary,
    closest_summary,
    read_garmin_summaries,
)
from niggle.importers.limits import (
    MIB,
    Budget,
    ImportLimits,
    ImportRefused,
    check_member_name,
    member_chunks,
    read_member,
    too_big,
)
from niggle.importers.parsed import ParsedActivity
from niggle.importers.strava_csv import StravaRow, read_strava_csv

UTC = dt.UTC
# Two recordings of one session start within this of each other (watch vs. service clocks).
MATCH_WINDOW_S: Final = 120.0


@dataclass(frozen=True)
class Hints:
    """What an export's index says about a file: the runner's title, sport and id."""

    title: str | None = None
    sport: Sport | None = None
    external_id: str | None = None

    def apply(self, parsed: ParsedActivity) -> ParsedActivity:
        activity = parsed.activity
        changes: dict[str, Any] = {}
        if self.title:
            changes["title"] = self.title
        if self.sport and self.sport != "other":
            changes["sport"] = self.sport
        if self.external_id:
            changes["external_id"] = self.external_id
        return replace(parsed, activity=replace(activity, **changes)) if changes else parsed


@dataclass(frozen=True)
class Member:
    """One file inside an archive, already decompressed from the zip (not from gzip)."""

    label: str
    data: bytes
    enrich: Callable[[ParsedActivity], ParsedActivity] | None = None
    listed: bool = False  # named by the export's index, so an unreadable one is a failure


@dataclass(frozen=True)
class ManualEntry:
    """An activity that exists only as a row of an export's index (no file)."""

    label: str
    key: str
    parsed: ParsedActivity


@dataclass(frozen=True)
class MemberFailure:
    label: str
    error: str
    fatal: bool = False  # the rest of the archive cannot be read either


@dataclass(frozen=True)
class MoreWork:
    """Announces ``count`` more members to come (for the progress bar's total)."""

    count: int


ArchiveItem = Member | ManualEntry | MemberFailure | MoreWork


def _manual_from_row(row: StravaRow, label: str) -> ManualEntry | MemberFailure:
    where = f"{label} (activity {row.activity_id})"
    if not row.elapsed_s or row.elapsed_s <= 0:
        return MemberFailure(where, f"{where}: a manual activity without a time; skipped it.")
    activity = Activity(
        sport=row.sport,
        start=row.start,
        local_date=row.start.date(),
        elapsed_s=row.elapsed_s,
        moving_s=row.elapsed_s,
        distance_m=row.distance_m if row.distance_m else None,
        title=row.name,
        source="strava",
        external_id=row.activity_id,
    )
    key = hashlib.sha256(f"strava-manual:{row.activity_id}".encode()).hexdigest()
    return ManualEntry(where, key, ParsedActivity(activity, empty_streams()))


def _strava(
    archive: zipfile.ZipFile,
    csv_info: zipfile.ZipInfo,
    label: str,
    limits: ImportLimits,
    budget: Budget,
) -> Iterator[ArchiveItem]:
    csv_label = f"{label}!{csv_info.filename}"
    raw = read_member(archive, csv_info, csv_label, limits, budget)
    rows = read_strava_csv(raw.decode("utf-8-sig", errors="replace"), csv_label)
    by_name = {info.filename: info for info in archive.infolist()}
    listed: set[str] = set()
    yield MoreWork(len(rows))
    for row in rows:
        if row.filename is None:
            yield _manual_from_row(row, csv_label)
            continue
        member_label = f"{label}!{row.filename}"
        try:
            check_member_name(row.filename, label)
        except ImportRefused as exc:
            yield MemberFailure(member_label, exc.message)
            continue
        info = by_name.get(row.filename)
        if info is None:
            yield MemberFailure(
                member_label,
                f"{member_label}: listed in activities.csv (activity {row.activity_id}) but "
                "missing from the archive.",
            )
            continue
        listed.add(row.filename)
        hints = Hints(title=row.name, sport=row.sport, external_id=row.activity_id)
        for item in _read(archive, info, member_label, limits, budget, hints.apply, listed=True):
            yield item
            if isinstance(item, MemberFailure) and item.fatal:
                return
    # Files in activities/ that the CSV does not mention are still the runner's activities.
    extra = [
        info
        for info in archive.infolist()
        if info.filename.startswith("activities/")
        and not info.is_dir()
        and info.filename not in listed
    ]
    if extra:
        yield MoreWork(len(extra))
    for info in extra:
        for item in _read(archive, info, f"{label}!{info.filename}", limits, budget, None):
            yield item
            if isinstance(item, MemberFailure) and item.fatal:
                return


def _summary_namer(
    summaries: list[GarminSummary],
) -> Callable[[ParsedActivity], ParsedActivity]:
    def name(parsed: ParsedActivity) -> ParsedActivity:
        best = closest_summary(summaries, parsed.activity.start.timestamp(), MATCH_WINDOW_S)
        if best is None:
            return parsed
        hints = Hints(
            title=best.name,
            sport=best.sport if parsed.activity.sport == "other" else None,
            external_id=best.activity_id,
        )
        return hints.apply(parsed)

    return name


def _garmin_summaries(
    archive: zipfile.ZipFile, label: str, limits: ImportLimits, budget: Budget
) -> tuple[list[GarminSummary], list[MemberFailure]]:
    summaries: list[GarminSummary] = []
    failures: list[MemberFailure] = []
    for info in archive.infolist():
        if "summarizedactivities" in info.filename.lower() and info.filename.endswith(".json"):
            where = f"{label}!{info.filename}"
            try:
                check_member_name(info.filename, label)
                raw = read_member(archive, info, where, limits, budget)
                summaries.extend(read_garmin_summaries(raw, where))
            except InvalidInput as exc:
                failures.append(MemberFailure(where, exc.message))
    return summaries, failures


# Any zip ---------------------------------------------------------------------------------

_IGNORED_PREFIXES: Final = ("__MACOSX/",)


def _read(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    label: str,
    limits: ImportLimits,
    budget: Budget,
    enrich: Callable[[ParsedActivity], ParsedActivity] | None,
    *,
    listed: bool = False,
    depth: int = 0,
) -> Iterator[ArchiveItem]:
    """One entry: an activity file as a :class:`Member`, or a nested zip's own entries."""
    try:
        check_member_name(info.filename, label.rsplit("!", 1)[0])
        # A nested zip may be far larger than any activity file, so it is bounded by the
        # archive's budget and spooled (to a temporary file beyond 64 MB), not held whole.
        chunks = member_chunks(archive, info, label, limits, budget, limits.max_total_bytes)
        first = next(chunks, b"")
        if first.startswith(b"PK\x03\x04"):
            with tempfile.SpooledTemporaryFile(max_size=64 * MIB) as spool:
                spool.write(first)
                for chunk in chunks:
                    spool.write(chunk)
                spool.seek(0)
                yield from _nested(spool, label, limits, budget, depth + 1, enrich)
            return
        data = bytearray(first)
        for chunk in chunks:
            data += chunk
            if len(data) > limits.max_file_bytes:
                raise too_big(label, limits)
        if len(data) > limits.max_file_bytes:
            raise too_big(label, limits)
    except ImportRefused as exc:
        # Crossing the archive's total budget ends the archive; other refusals end the entry.
        yield MemberFailure(label, exc.message, fatal=budget.used > limits.max_total_bytes)
        return
    except InvalidInput as exc:
        yield MemberFailure(label, exc.message)
        return
    yield Member(label, bytes(data), enrich, listed)


def _nested(
    source: IO[bytes],
    label: str,
    limits: ImportLimits,
    budget: Budget,
    depth: int,
    enrich: Callable[[ParsedActivity], ParsedActivity] | None,
) -> Iterator[ArchiveItem]:
    try:
        for item in iter_archive(source, label, limits, budget, depth):
            if isinstance(item, Member) and item.enrich is None and enrich is not None:
                yield replace(item, enrich=enrich)
            else:
                yield item
    except ImportRefused as exc:
        yield MemberFailure(label, exc.message, fatal=budget.used > limits.max_total_bytes)
    except InvalidInput as exc:
        yield MemberFailure(label, exc.message)


def open_zip(source: Path | bytes | IO[bytes], label: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptFile(f"{label}: not a readable zip archive ({exc}).") from None


def iter_archive(
    source: Path | bytes | IO[bytes],
    label: str,
    limits: ImportLimits,
    budget: Budget | None = None,
    depth: int = 0,
) -> Iterator[ArchiveItem]:
    """Every activity file (and manual row) in a zip, nested zips included."""
    budget = budget or Budget(limits)
    if depth >= limits.max_depth:
        yield MemberFailure(
            label,
            f"{label}: refused, archives nested more than {limits.max_depth} deep.",
        )
        return
    with open_zip(source, label) as archive:
        infos = [
            info
            for info in archive.infolist()
            if not info.is_dir() and not info.filename.startswith(_IGNORED_PREFIXES)
        ]
        if len(infos) > limits.max_members:
            raise ImportRefused(
                f"{label}: refused, the archive lists {len(infos):,} entries (more than "
                f"{limits.max_members:,})."
            )
        names = {info.filename for info in infos}
        strava_csv = next(
            (i for i in infos if i.filename.rsplit("/", 1)[-1] == "activities.csv"), None
        )
        if strava_csv is not None and depth == 0:
            for item in _strava(archive, strava_csv, label, limits, budget):
                yield item
                if isinstance(item, MemberFailure) and item.fatal:
                    return
            return
        enrich = None
        if any("DI_CONNECT/" in name or "DI-Connect" in name for name in names):
            summaries, failures = _garmin_summaries(archive, label, limits, budget)
            yield from failures
            enrich = _summary_namer(summaries) if summaries else None
        wanted = [
            i
            for i in infos
            if "summarizedactivities" not in i.filename.lower()
            and not i.filename.lower().endswith((".json", ".csv", ".jpg", ".jpeg", ".png"))
        ]
        yield MoreWork(len(wanted))
        for info in wanted:
            member_label = f"{label}!{info.filename}"
            for item in _read(archive, info, member_label, limits, budget, enrich, depth=depth):
                yield item
                if isinstance(item, MemberFailure) and item.fatal:
                    return
