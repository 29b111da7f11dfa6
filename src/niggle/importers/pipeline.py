"""The import pipeline as plain stages: discover -> read -> detect -> parse.

``run_pipeline`` yields one :class:`SourceResult` per file or archive entry (plus
:class:`MoreWork` notices that grow the progress total as archives are opened). It never
writes anything and never stops on a bad file: a failure is a result like any other, with
the file's path and the reason. Storing, duplicate checks and transactions belong to
``niggle.services.imports``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from niggle.domain.errors import InvalidInput
from niggle.importers.archive import (
    ManualEntry,
    Member,
    MemberFailure,
    MoreWork,
    iter_archive,
)
from niggle.importers.detect import SNIFF_BYTES, detect
from niggle.importers.errors import UnsupportedFile
from niggle.importers.limits import DEFAULT_LIMITS, Budget, ImportLimits, gunzip, read_file
from niggle.importers.parsed import ParsedActivity

if TYPE_CHECKING:
    from niggle.importers.fit import Decoder

__all__ = ["MoreWork", "SourceResult", "content_hash", "run_pipeline"]

WHAT_NIGGLE_READS: Final = (
    "niggle imports FIT, GPX and TCX files (also gzipped), folders of them, and Strava or "
    "Garmin export .zip files"
)


@dataclass(frozen=True)
class SourceResult:
    """What one file (or archive entry) gave: activities, a failure, or a reason to skip."""

    label: str
    content_hash: str | None = None
    activities: tuple[ParsedActivity, ...] = ()
    error: str | None = None
    skipped: str | None = None
    already_imported: bool = False
    # The file on disk this came from: the archive for an export's entries, else the file
    # itself. The import service keeps that file, as the runner gave it.
    origin: str | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for parsed in self.activities for w in parsed.warnings)


PipelineEvent = SourceResult | MoreWork
Enricher = Callable[[ParsedActivity], ParsedActivity]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _reason(label: str, message: str) -> str:
    """The message without a leading ``label:``, which the result already carries."""
    prefix = f"{label}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def discover(paths: Sequence[Path]) -> Iterator[tuple[Path, bool] | SourceResult]:
    """Files to read, each with whether the runner named it; folders are walked in order."""
    for path in paths:
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(folder) / name, False
        elif path.is_file():
            yield path, True
        elif path.exists():
            yield SourceResult(str(path), error="not a regular file or folder")
        else:
            yield SourceResult(str(path), error="no such file or folder; check the path")


def parse_payload(data: bytes, label: str, decoder: Decoder | None = None) -> list[ParsedActivity]:
    """Parse an activity file's bytes (gzip already removed) by the format they hold."""
    fmt = detect(data[:SNIFF_BYTES])
    if fmt == "fit":
        from niggle.importers.fit import parse_fit

        return parse_fit(data, label, decoder)
    if fmt == "gpx":
        from niggle.importers.gpx import parse_gpx

        return [parse_gpx(data, label)]
    if fmt == "tcx":
        from niggle.importers.tcx import parse_tcx

        return parse_tcx(data, label)
    if not data:
        raise UnsupportedFile(f"{label}: the file is empty.")
    raise UnsupportedFile(f"{label}: not an activity file ({WHAT_NIGGLE_READS}).")


def read_source(
    data: bytes,
    label: str,
    *,
    named: bool,
    is_known: Callable[[str], bool],
    limits: ImportLimits,
    budget: Budget | None = None,
    enrich: Enricher | None = None,
    decoder: Decoder | None = None,
) -> SourceResult:
    """One file's bytes to a result. ``named``: the runner (or an export index) asked for
    this very file, so "not an activity file" is a failure rather than a quiet skip."""
    try:
        if detect(data[:SNIFF_BYTES]) == "gzip":
            data = gunzip(data, label, limits, budget)
            if detect(data[:SNIFF_BYTES]) in ("gzip", "zip"):
                raise UnsupportedFile(
                    f"{label}: an archive inside gzip; unpack it and import what is inside."
                )
        digest = content_hash(data)
        if is_known(digest):
            return SourceResult(label, digest, already_imported=True)
        parsed = parse_payload(data, label, decoder)
        if enrich is not None:
            parsed = [enrich(p) for p in parsed]
        return SourceResult(label, digest, tuple(parsed))
    except UnsupportedFile as exc:
        if named:
            return SourceResult(label, error=_reason(label, exc.message))
        return SourceResult(label, skipped=_reason(label, exc.message))
    except InvalidInput as exc:
        return SourceResult(label, error=_reason(label, exc.message))
    except Exception as exc:
        return SourceResult(
            label,
            error=f"could not be read ({type(exc).__name__}: {exc}); please report this file",
        )


def _archive_events(
    path: Path,
    *,
    is_known: Callable[[str], bool],
    limits: ImportLimits,
    decoder: Decoder | None,
) -> Iterator[PipelineEvent]:
    label = str(path)
    budget = Budget(limits)
    try:
        for item in iter_archive(path, label, limits, budget):
            if isinstance(item, MoreWork):
                yield item
            elif isinstance(item, MemberFailure):
                yield SourceResult(item.label, error=_reason(item.label, item.error))
            elif isinstance(item, ManualEntry):
                if is_known(item.key):
                    yield SourceResult(item.label, item.key, already_imported=True)
                else:
                    yield SourceResult(item.label, item.key, (item.parsed,))
            elif isinstance(item, Member):
                yield read_source(
                    item.data,
                    item.label,
                    named=item.listed,
                    is_known=is_known,
                    limits=limits,
                    budget=budget,
                    enrich=item.enrich,
                    decoder=decoder,
                )
    except InvalidInput as exc:
        yield SourceResult(label, error=_reason(label, exc.message))


def run_pipeline(
    paths: Sequence[Path],
    *,
    is_known: Callable[[str], bool] = lambda _digest: False,
    limits: ImportLimits = DEFAULT_LIMITS,
    decoder: Decoder | None = None,
) -> Iterator[PipelineEvent]:
    """Every activity in ``paths`` (files, folders, .gz, export .zip), one result at a time.

    ``is_known(content_hash)`` lets the caller skip files it already holds before they are
    parsed, which makes re-importing a whole export cheap.
    """
    found = list(discover(paths))
    yield MoreWork(len(found))
    for entry in found:
        if isinstance(entry, SourceResult):
            yield entry
            continue
        path, named = entry
        label = str(path)
        try:
            with path.open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
        except OSError as exc:
            yield SourceResult(label, error=f"cannot be read ({exc.strerror or exc})")
            continue
        if detect(head) == "zip":
            yield MoreWork(-1)  # the archive's entries replace it in the count
            for event in _archive_events(path, is_known=is_known, limits=limits, decoder=decoder):
                yield replace(event, origin=label) if isinstance(event, SourceResult) else event
            continue
        try:
            data = read_file(path, limits)
        except InvalidInput as exc:
            yield SourceResult(label, error=_reason(label, exc.message))
            continue
        except OSError as exc:
            yield SourceResult(label, error=f"cannot be read ({exc.strerror or exc})")
            continue
        result = read_source(
            data, label, named=named, is_known=is_known, limits=limits, decoder=decoder
        )
        yield replace(result, origin=label)
