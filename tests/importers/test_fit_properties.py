"""Property tests: any bytes give a FitDecoded or a CorruptFile, never anything else."""

from __future__ import annotations

import struct
from dataclasses import replace
from functools import cache

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niggle.importers.errors import CorruptFile
from niggle.importers.fit_crc import crc16
from niggle.importers.fit_decoder import decode_fit
from niggle.importers.fit_result import RECORD_STREAMS, FitDecoded
from tests.importers.fitgen_activity import Leg, activity_fit
from tests.importers.fitgen_corpus import VARIANTS

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def seed_file() -> bytes:
    """A small file using most features: compressed times, big endian, hrv, pauses."""
    options = replace(
        VARIANTS["compressed_big_endian_hrv"],
        legs=(Leg(seconds=120, pauses=1),),
        developer_fields=True,
        lap_m=150,
    )
    return activity_fit(21, options).data


def decode_or_refuse(data: bytes) -> FitDecoded | None:
    """Decode; CorruptFile is the only acceptable failure. Checks the result's shape."""
    try:
        decoded = decode_fit(data)
    except CorruptFile as error:
        assert error.message
        return None
    lengths = {len(getattr(decoded.records, name)) for name in RECORD_STREAMS}
    assert lengths == {len(decoded.records)}
    for name in RECORD_STREAMS:
        assert getattr(decoded.records, name).dtype == np.float64
    assert isinstance(decoded.truncated, bool)
    assert all(isinstance(warning, str) and warning for warning in decoded.warnings)
    # Records cannot outnumber the bytes that hold them (one header byte each at least).
    assert len(decoded.records) <= len(data)
    return decoded


def fit_header(body_size: int) -> bytes:
    head = struct.pack("<BBHI4s", 14, 0x20, 2147, body_size, b".FIT")
    return head + struct.pack("<H", crc16(head))


@SETTINGS
@given(st.binary(max_size=3000))
def test_any_bytes(data: bytes) -> None:
    decode_or_refuse(data)


@SETTINGS
@given(st.binary(max_size=3000), st.booleans())
def test_any_body_behind_a_valid_header(body: bytes, honest_size: bool) -> None:
    size = len(body) if honest_size else len(body) // 2
    decode_or_refuse(fit_header(size) + body + b"\0\0")


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["flip", "set", "delete", "insert", "cut"]),
            st.floats(min_value=0, max_value=1, allow_nan=False),
            st.integers(min_value=0, max_value=255),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutations_of_a_valid_file(edits: list[tuple[str, float, int]]) -> None:
    data = bytearray(seed_file())
    for kind, where, value in edits:
        if not data:
            break
        at = min(int(where * len(data)), len(data) - 1)
        if kind == "flip":
            data[at] ^= 1 << (value % 8)
        elif kind == "set":
            data[at] = value
        elif kind == "delete":
            del data[at : at + 1 + value % 8]
        elif kind == "insert":
            data[at:at] = bytes([value]) * (1 + value % 5)
        else:
            del data[at:]
    decode_or_refuse(bytes(data))


@SETTINGS
@given(st.integers(min_value=0, max_value=20_000), st.integers(min_value=0, max_value=255))
def test_definition_messages_with_hostile_sizes(count: int, size: int) -> None:
    # A definition declaring many large fields, then data messages of that local type.
    fields = b"".join(bytes([n % 256, size, 0x0D]) for n in range(min(count, 255)))
    definition = bytes([0x40, 0, 0]) + struct.pack("<HB", 20, min(count, 255)) + fields
    body = definition + b"\x00" * min(count, 5000)
    decode_or_refuse(fit_header(len(body)) + body + b"\0\0")


def test_seed_file_itself_decodes_cleanly() -> None:
    decoded = decode_or_refuse(seed_file())
    assert decoded is not None
    assert decoded.warnings == []
    assert len(decoded.records) == 120
