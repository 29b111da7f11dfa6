"""Damaged FIT files: keep what can be read, say what is wrong, never crash or hang."""

from __future__ import annotations

import struct
from functools import cache

import numpy as np
import pytest

from niggle.importers.errors import CorruptFile
from niggle.importers.fit_crc import crc16
from niggle.importers.fit_decoder import decode_fit
from niggle.importers.fit_result import RECORD_STREAMS, FitDecoded
from tests.importers.fitgen import ENUM, UINT8, UINT32, Field, FitWriter, chain
from tests.importers.fitgen_activity import FitOptions, Leg, activity_fit
from tests.importers.fitgen_corpus import variant

HEADER = 14


@cache
def small_run() -> bytes:
    return activity_fit(3, FitOptions(legs=(Leg(seconds=400, pauses=1),))).data


@cache
def record_spans(data: bytes) -> tuple[tuple[int, int], ...]:
    """(offset, end) of every record message, found by fitdecode (an independent reader)."""
    import fitdecode

    spans = []
    with fitdecode.FitReader(data, keep_raw_chunks=True) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                spans.append((frame.chunk.offset, frame.chunk.offset + len(frame.chunk.bytes)))
    return tuple(spans)


def assert_prefix(part: FitDecoded, whole: FitDecoded) -> None:
    count = len(part.records)
    for name in RECORD_STREAMS:
        np.testing.assert_array_equal(
            getattr(part.records, name), getattr(whole.records, name)[:count], err_msg=name
        )


def with_header(data: bytes, *, data_size: int | None = None, byte3: int | None = None) -> bytes:
    """The file with header fields changed and the header CRC made right again."""
    header = bytearray(data[:12])
    if data_size is not None:
        header[4:8] = struct.pack("<I", data_size)
    if byte3 is not None:
        header[3] = byte3
    return bytes(header) + struct.pack("<H", crc16(bytes(header))) + data[14:]


def test_truncated_anywhere_keeps_every_complete_record() -> None:
    data = small_run()
    whole = decode_fit(data)
    spans = record_spans(data)
    first_record = spans[0][0]
    for cut in range(first_record, len(data) - 2, 97):
        part = decode_fit(data[:cut])
        assert part.truncated
        complete = sum(1 for _, end in spans if end <= cut)
        assert len(part.records) == complete
        assert f"truncated after {complete} records" in part.warnings[-1]
        assert_prefix(part, whole)


def test_file_cut_before_its_crc_keeps_everything() -> None:
    data = small_run()
    for cut in (len(data) - 2, len(data) - 1):
        part = decode_fit(data[:cut])
        assert part.truncated
        assert len(part.records) == len(decode_fit(data).records)
        assert any("without its CRC" in w for w in part.warnings)


def test_cut_inside_the_header_region_is_corrupt() -> None:
    data = small_run()
    for cut in (0, 5, 11):
        with pytest.raises(CorruptFile, match="not a FIT file"):
            decode_fit(data[:cut])
    with pytest.raises(CorruptFile, match="nothing could be read"):
        decode_fit(data[: HEADER + 3])


def test_flipped_value_byte_decodes_with_a_crc_warning() -> None:
    data = bytearray(small_run())
    offset, _ = record_spans(bytes(data))[100]
    # record layout: header, timestamp(4), lat(4), lon(4), distance(4), altitude(2), speed(2), hr
    hr_at = offset + 1 + 4 + 4 + 4 + 4 + 2 + 2
    before = decode_fit(bytes(data)).records.heart_rate[100]
    data[hr_at] = 77
    decoded = decode_fit(bytes(data))
    assert not decoded.truncated
    assert decoded.records.heart_rate[100] == 77 != before
    assert any("CRC mismatch" in w for w in decoded.warnings)


def test_header_crc_mismatch_is_a_warning() -> None:
    data = bytearray(small_run())
    data[3] ^= 0x01  # profile version byte, covered by both CRCs
    decoded = decode_fit(bytes(data))
    assert len(decoded.records) == len(decode_fit(small_run()).records)
    assert any("header CRC" in w for w in decoded.warnings)


def test_unclosed_file_with_zero_data_size_is_read_to_the_end() -> None:
    data = small_run()
    decoded = decode_fit(with_header(data, data_size=0))
    assert decoded.truncated
    assert any("no data size" in w for w in decoded.warnings)
    assert_prefix(decoded, decode_fit(data))
    assert len(decoded.records) == len(decode_fit(data).records)


def test_data_size_larger_than_the_file_is_truncation() -> None:
    data = small_run()
    decoded = decode_fit(with_header(data, data_size=len(data) * 2))
    assert decoded.truncated
    assert len(decoded.records) == len(decode_fit(data).records)


def test_data_size_ending_inside_a_message_stops_there() -> None:
    data = small_run()
    spans = record_spans(data)
    offset, end = spans[50]
    decoded = decode_fit(with_header(data, data_size=offset + 3 - HEADER))
    assert decoded.truncated
    assert len(decoded.records) == 50
    assert any("runs past the end" in w for w in decoded.warnings)
    assert end > offset + 3


def test_trailing_garbage_after_the_file_is_ignored_with_a_warning() -> None:
    data = small_run() + b"\x00" * 40 + b"not fit at all"
    decoded = decode_fit(data)
    assert not decoded.truncated
    assert len(decoded.records) == len(decode_fit(small_run()).records)
    assert any("ignored 54 bytes" in w for w in decoded.warnings)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello",
        bytes(12),
        b'<?xml version="1.0"?><gpx></gpx>',
        b"\x89PNG\r\n\x1a\n" + bytes(40),
        b"\x0e\x20" + bytes(6) + b".FAT" + bytes(30),
        b"\x0b\x20" + bytes(6) + b".FIT" + bytes(30),  # header size below 12
        b"\xff\x20" + bytes(6) + b".FIT" + bytes(30),  # header longer than the file
    ],
)
def test_not_fit_is_refused_with_a_clear_reason(data: bytes) -> None:
    with pytest.raises(CorruptFile, match="not a FIT file") as error:
        decode_fit(data)
    assert ".fit" in error.value.message


def test_valid_but_empty_file_is_corrupt() -> None:
    with pytest.raises(CorruptFile, match="nothing could be read"):
        decode_fit(FitWriter().to_bytes())


def test_data_before_any_definition_is_corrupt_with_the_reason() -> None:
    writer = FitWriter()
    writer.raw(b"\x03" + bytes(20))
    with pytest.raises(CorruptFile, match="local message type 3"):
        decode_fit(writer.to_bytes())


def test_undefined_local_type_midway_keeps_the_records_before() -> None:
    writer = FitWriter()
    writer.define(0, 20, [Field(253, UINT32, "timestamp"), Field(3, UINT8, "hr")])
    for second in range(10):
        writer.message(0, [1_000_000_000 + second, 140])
    writer.raw(b"\x05" + bytes(10))
    decoded = decode_fit(writer.to_bytes())
    assert decoded.truncated
    assert len(decoded.records) == 10
    assert any("local message type 5" in w for w in decoded.warnings)


def test_huge_definition_on_a_short_body_is_truncation_not_a_hang() -> None:
    writer = FitWriter()
    writer.define(0, 0, [Field(0, ENUM, "type")])
    writer.message(0, [4])
    writer.define(1, 20, [Field(n, 0x0D, f"f{n}", size=255) for n in range(255)])
    writer.raw(b"\x01" + bytes(1000))
    decoded = decode_fit(writer.to_bytes())
    assert decoded.truncated
    assert decoded.file_type == "activity"


def test_a_million_empty_messages_are_skipped_and_reading_goes_on() -> None:
    writer = FitWriter()
    writer.define(0, 0, [Field(0, ENUM, "type")])
    writer.message(0, [4])
    writer.define(1, 999, [])  # zero fields: each data message is its header byte alone
    writer.raw(b"\x01" * 1_000_000)
    writer.define(2, 20, [Field(253, UINT32, "timestamp"), Field(3, UINT8, "hr")])
    for second in range(5):
        writer.message(2, [1_000_000_000 + second, 120 + second])
    decoded = decode_fit(writer.to_bytes())
    assert decoded.file_type == "activity"
    assert decoded.warnings == []
    np.testing.assert_array_equal(decoded.records.heart_rate, [120, 121, 122, 123, 124])


def test_chain_with_a_truncated_second_file_keeps_the_first_whole() -> None:
    first = variant("run").data
    second = small_run()
    decoded = decode_fit(chain(first, second[: len(second) // 2]))
    assert decoded.truncated
    assert len(decoded.records) > len(decode_fit(first).records)
    assert decoded.sessions == decode_fit(first).sessions
