"""The FIT CRC: published check value, and the vectorised path against a bitwise one."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from niggle.importers.fit_crc import crc16, crc16_simple


def bitwise_crc(data: bytes) -> int:
    """CRC-16/ARC one bit at a time: reflected polynomial 0xA001, initial value 0."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def test_check_value_of_the_standard_test_string() -> None:
    # The catalogue check value of CRC-16/ARC (the FIT CRC) for "123456789" is 0xBB3D.
    assert crc16(b"123456789") == 0xBB3D
    assert crc16_simple(b"123456789") == 0xBB3D


def test_empty_input_has_zero_crc() -> None:
    assert crc16(b"") == 0


def test_appending_the_crc_little_endian_gives_zero() -> None:
    # The property FIT relies on: a file followed by its CRC checks to zero.
    data = os.urandom(10_000)
    assert crc16(data + crc16(data).to_bytes(2, "little")) == 0


def test_vectorised_path_agrees_around_its_chunk_boundaries() -> None:
    for size in (2047, 2048, 2049, 2111, 2112, 2113, 4096 + 63, 65_537, 300_001):
        data = os.urandom(size)
        assert crc16(data) == crc16_simple(data), size


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=0, max_size=9000))
def test_fast_crc_equals_bitwise_definition(data: bytes) -> None:
    assert crc16(data) == bitwise_crc(data)
