"""The fast decoder against the fitdecode reference, on generated and on damaged files.

Where both read a file, every value must be equal. Where fitdecode stops at damage, the
fast decoder must keep at least what fitdecode yielded before stopping, with the same
values.
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache

import numpy as np
import pytest

from niggle.importers.errors import CorruptFile
from niggle.importers.fit_decoder import decode_fit
from niggle.importers.fit_reference import decode_fit_reference
from niggle.importers.fit_result import RECORD_STREAMS, FitDecoded
from tests.importers.fitgen import chain
from tests.importers.fitgen_activity import activity_fit
from tests.importers.fitgen_corpus import VARIANTS, variant


def assert_agrees(mine: FitDecoded, reference: FitDecoded) -> None:
    """Equal where fitdecode read everything; a superset with the same prefix otherwise."""
    count = len(reference.records)
    assert len(mine.records) >= count
    for name in RECORD_STREAMS:
        np.testing.assert_array_equal(
            getattr(mine.records, name)[:count], getattr(reference.records, name), err_msg=name
        )
    for kind in ("sessions", "laps", "events"):
        ours, theirs = getattr(mine, kind), getattr(reference, kind)
        assert ours[: len(theirs)] == theirs, kind
    if not reference.truncated:
        assert len(mine.records) == count
        for kind in ("sessions", "laps", "events"):
            assert getattr(mine, kind) == getattr(reference, kind), kind
        assert mine.activity == reference.activity
        assert mine.truncated is False
    for attribute in ("file_type", "time_created", "manufacturer", "product"):
        if reference.file_type is not None:
            assert getattr(mine, attribute) == getattr(reference, attribute), attribute


@pytest.mark.parametrize("name", list(VARIANTS))
def test_generated_files_decode_identically(name: str) -> None:
    data = variant(name).data
    mine, reference = decode_fit(data), decode_fit_reference(data)
    assert reference.warnings == []  # fitdecode checked every CRC the generator wrote
    assert not reference.truncated
    assert_agrees(mine, reference)


def test_chained_file_decodes_identically() -> None:
    data = chain(variant("run").data, variant("compressed_timestamps").data)
    assert_agrees(decode_fit(data), decode_fit_reference(data))


def mutants(data: bytes, seed: int, count: int) -> list[bytes]:
    """Truncations, flipped bytes and small insertions/deletions at seeded places."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        damaged = bytearray(data)
        position = rng.randrange(14, len(data))
        match index % 4:
            case 0:
                del damaged[position:]
            case 1:
                damaged[position] ^= 1 << rng.randrange(8)
            case 2:
                damaged[position : position + rng.randrange(1, 4)] = b""
            case _:
                damaged[position:position] = bytes(rng.randrange(256) for _ in range(3))
        out.append(bytes(damaged))
    return out


@cache
def short_variant(name: str) -> bytes:
    """The variant cut to a couple of minutes per leg: damage tests need many, not long."""
    options = VARIANTS[name]
    legs = tuple(
        replace(leg, seconds=min(leg.seconds, 150), pauses=min(leg.pauses, 1))
        for leg in options.legs
    )
    return activity_fit(1, replace(options, legs=legs, lap_m=200)).data


@pytest.mark.parametrize("name", list(VARIANTS))
def test_damaged_files_never_lose_what_fitdecode_keeps(name: str) -> None:
    for damaged in mutants(short_variant(name), seed=len(name), count=12):
        try:
            reference = decode_fit_reference(damaged)
        except CorruptFile:
            reference = None
        try:
            mine = decode_fit(damaged)
        except CorruptFile:
            assert reference is None or (
                len(reference.records) == 0 and reference.file_type is None
            )
            continue
        if reference is not None:
            assert_agrees(mine, reference)
