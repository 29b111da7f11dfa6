"""Decompression and file-size caps: bombs and oversized inputs are refused, by name."""

from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path

import pytest

from niggle.domain.errors import InvalidInput
from niggle.importers.limits import (
    MIB,
    Budget,
    ImportLimits,
    ImportRefused,
    check_member_name,
    gunzip,
    read_file,
)

SMALL = ImportLimits(max_file_bytes=4 * MIB, max_total_bytes=6 * MIB, ratio_floor_bytes=MIB)


def test_gunzip_round_trips_and_reads_concatenated_members() -> None:
    assert gunzip(gzip.compress(b"hello ") + gzip.compress(b"world"), "x.gz") == b"hello world"
    assert gunzip(gzip.compress(b"padded") + b"\x00" * 16, "x.gz") == b"padded"


def test_a_gzip_bomb_is_stopped_by_its_ratio_long_before_it_inflates() -> None:
    bomb = gzip.compress(b"\x00" * (64 * MIB), compresslevel=9)  # about 1,000:1
    with pytest.raises(ImportRefused, match=r"bomb\.gpx\.gz: refused, it inflates more than"):
        gunzip(bomb, "bomb.gpx.gz", ImportLimits())


def test_an_oversized_gzip_is_refused_even_at_a_plausible_ratio() -> None:
    noisy = random.Random(2).randbytes(5 * MIB)  # does not compress at all
    with pytest.raises(ImportRefused, match="larger than 4 MB"):
        gunzip(gzip.compress(noisy, compresslevel=1), "big.tcx.gz", SMALL)


def test_the_shared_budget_caps_the_sum_of_many_files() -> None:
    budget = Budget(SMALL)
    part = gzip.compress(random.Random(1).randbytes(3 * MIB + 1), compresslevel=1)
    gunzip(part, "one.gz", SMALL, budget)
    with pytest.raises(ImportRefused, match="inflates beyond 6 MB in total"):
        gunzip(part, "two.gz", SMALL, budget)


def test_damaged_and_truncated_gzip_say_so() -> None:
    data = gzip.compress(b"some activity data" * 1000)
    with pytest.raises(InvalidInput, match="cut short"):
        gunzip(data[: len(data) // 2], "cut.gz")
    with pytest.raises(InvalidInput, match="gzip"):
        gunzip(b"\x1f\x8b" + b"\xff" * 40, "junk.gz")
    corrupt = bytearray(data)
    corrupt[-6] ^= 0xFF  # the stored CRC no longer matches
    with pytest.raises(InvalidInput, match="damaged"):
        gunzip(bytes(corrupt), "crc.gz")


def test_raw_deflate_claims_cannot_exceed_the_file_cap() -> None:
    # A stream that keeps producing data is cut off at the cap, not read to the end.
    endless = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = endless.compress(b"A" * (8 * MIB)) + endless.flush()
    with pytest.raises(ImportRefused):
        gunzip(data, "endless.gz", ImportLimits(max_file_bytes=MIB, max_ratio=10_000.0))


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "a/../../b.fit", "..\\..\\windows\\x.fit", "C:/x.fit",
     "ok\x00.fit"],
)  # fmt: skip
def test_traversal_names_are_refused(name: str) -> None:
    with pytest.raises(ImportRefused, match="path traversal"):
        check_member_name(name, "export.zip")


@pytest.mark.parametrize("name", ["activities/123.fit.gz", "a..b/c.gpx", "DI_CONNECT/x.zip"])
def test_ordinary_names_pass(name: str) -> None:
    check_member_name(name, "export.zip")


def test_oversized_files_on_disk_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.fit"
    with big.open("wb") as handle:
        handle.truncate(5 * MIB)  # sparse: no disk space used
    with pytest.raises(ImportRefused, match=r"huge\.fit: refused, it is larger than 4 MB"):
        read_file(big, SMALL)
    small = tmp_path / "ok.gpx"
    small.write_bytes(b"<gpx/>")
    assert read_file(small, SMALL) == b"<gpx/>"
