"""Safety caps for everything niggle decompresses or reads from disk.

Sizes written in archive headers are claims, not facts: a zip bomb says it holds 1 KB and
inflates to petabytes. So every byte is counted as it is produced, and reading stops at
the first cap crossed:

- one file may not exceed ``max_file_bytes`` after decompression;
- everything decompressed from one archive (nested zips and gzip included) shares one
  budget of ``max_total_bytes``;
- a stream may not inflate more than ``max_ratio`` times its compressed size, once it has
  produced ``ratio_floor_bytes`` (tiny files compress absurdly well and are harmless);
- nested archives go at most ``max_depth`` deep, and one archive holds at most
  ``max_members`` entries.

The defaults are product defaults, not standards: activity files are small (a 24-hour GPX
with a point a second is about 30 MB), GPX compresses about 10:1 and FIT about 3:1,
whereas deflate bombs run at 1,000:1.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from niggle.domain.errors import InvalidInput

MIB: Final = 1024 * 1024
CHUNK: Final = 1 * MIB


class ImportRefused(InvalidInput):
    """A file or archive was refused for safety (bomb, traversal, entities, size)."""

    code = "import_refused"


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int = 256 * MIB
    max_total_bytes: int = 8 * 1024 * MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MIB
    max_depth: int = 3
    max_members: int = 200_000


DEFAULT_LIMITS: Final = ImportLimits()


class Budget:
    """Bytes still allowed out of one archive, shared by everything nested inside it."""

    def __init__(self, limits: ImportLimits) -> None:
        self.limits = limits
        self.used = 0

    def spend(self, count: int, label: str) -> None:
        self.used += count
        if self.used > self.limits.max_total_bytes:
            raise ImportRefused(
                f"{label}: refused, the archive inflates beyond "
                f"{self.limits.max_total_bytes // MIB:,} MB in total (a zip bomb?). "
                "Unpack it yourself and import the activity files if it is genuine."
            )


def too_big(label: str, limits: ImportLimits) -> ImportRefused:
    return ImportRefused(
        f"{label}: refused, it is larger than {limits.max_file_bytes // MIB:,} MB, which no "
        "activity file needs. Check that it is an activity file."
    )


def _check_ratio(label: str, produced: int, consumed: int, limits: ImportLimits) -> None:
    if produced > limits.ratio_floor_bytes and produced > limits.max_ratio * max(consumed, 1):
        raise ImportRefused(
            f"{label}: refused, it inflates more than {limits.max_ratio:g} times its "
            "compressed size, as zip bombs do."
        )


def read_file(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> bytes:
    """A regular file's bytes, refusing oversized files before reading them."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{path}: not a regular file.")
    if info.st_size > limits.max_file_bytes:
        raise too_big(str(path), limits)
    with path.open("rb") as handle:
        data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:  # it grew while we looked
        raise too_big(str(path), limits)
    return data


def gunzip(
    data: bytes, label: str, limits: ImportLimits = DEFAULT_LIMITS, budget: Budget | None = None
) -> bytes:
    """Decompress gzip (all members), counting every byte against the caps."""
    out = bytearray()
    consumed = 0
    remaining = data
    while remaining:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = remaining
        try:
            while pending or not inflater.eof:
                chunk = inflater.decompress(pending, CHUNK)
                used = len(pending) - len(inflater.unconsumed_tail)
                consumed += used
                pending = inflater.unconsumed_tail
                out += chunk
                if budget is not None:
                    budget.spend(len(chunk), label)
                if len(out) > limits.max_file_bytes:
                    raise too_big(label, limits)
                _check_ratio(label, len(out), consumed, limits)
                if inflater.eof or (not chunk and not pending):
                    break
        except zlib.error as exc:
            raise InvalidInput(
                f"{label}: the gzip data is damaged ({exc}); copy or download it again."
            ) from exc
        if not inflater.eof:
            raise InvalidInput(f"{label}: the gzip file is cut short; download or copy it again.")
        # Concatenated gzip members are legal; trailing zero padding is common and ignored.
        remaining = inflater.unused_data.lstrip(b"\x00")
    return bytes(out)


_DRIVE = re.compile(r"^[A-Za-z]:")


def check_member_name(name: str, archive: str) -> None:
    """Refuse names that would escape a folder if anyone ever unpacked them."""
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\x00" in name:
        raise ImportRefused(
            f"{archive}!{name}: refused, the entry's name points outside the archive "
            "(path traversal). niggle never unpacks such entries."
        )


def member_chunks(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    label: str,
    limits: ImportLimits,
    budget: Budget,
    max_bytes: int | None = None,
) -> Iterator[bytes]:
    """A zip entry's bytes in chunks, counted as they come; header sizes are not trusted."""
    if info.flag_bits & 0x1:
        raise InvalidInput(f"{label}: the entry is encrypted; export it again without a password.")
    mode = (info.external_attr >> 16) & 0o170000
    if mode == stat.S_IFLNK:
        raise ImportRefused(f"{label}: refused, the entry is a symbolic link.")
    cap = limits.max_file_bytes if max_bytes is None else max_bytes
    produced = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                produced += len(chunk)
                budget.spend(len(chunk), label)
                if produced > cap:
                    raise (
                        too_big(label, limits)
                        if max_bytes is None
                        else ImportRefused(
                            f"{label}: refused, the nested archive inflates beyond "
                            f"{cap // MIB:,} MB."
                        )
                    )
                # The compressed size is the header's claim; a lie there only makes the
                # ratio look worse, and the byte caps above hold regardless.
                _check_ratio(label, produced, info.compress_size, limits)
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise InvalidInput(f"{label}: the archive entry is damaged ({exc}).") from exc


def read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    label: str,
    limits: ImportLimits,
    budget: Budget,
) -> bytes:
    """One zip entry's bytes, within the caps for a single file."""
    return b"".join(member_chunks(archive, info, label, limits, budget))
