"""The fast FIT decoder reads back exactly what the seeded generator wrote."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest

from niggle.importers.fit_decoder import decode_fit
from niggle.importers.fit_result import RECORD_STREAMS, FitDecoded
from tests.importers.fitgen import (
    BYTE,
    ENUM,
    FLOAT32,
    SINT8,
    SINT16,
    SINT32,
    UINT8,
    UINT8Z,
    UINT16,
    UINT16Z,
    UINT32,
    Field,
    FitWriter,
    chain,
)
from tests.importers.fitgen_activity import activity_fit
from tests.importers.fitgen_corpus import VARIANTS, variant


def assert_streams_equal(decoded: FitDecoded, expected: dict[str, np.ndarray]) -> None:
    for name in RECORD_STREAMS:
        np.testing.assert_array_equal(getattr(decoded.records, name), expected[name], err_msg=name)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_value_written_is_read_back(name: str) -> None:
    generated = variant(name)
    decoded = decode_fit(generated.data)
    assert decoded.warnings == []
    assert not decoded.truncated
    assert len(decoded.records) == generated.record_count
    assert_streams_equal(decoded, generated.streams)
    assert decoded.sessions == generated.sessions
    assert decoded.laps == generated.laps
    assert decoded.events == generated.events
    assert decoded.activity == generated.activity


def test_file_id_names_the_file_type_and_maker() -> None:
    decoded = decode_fit(variant("run").data)
    assert decoded.file_type == "activity"
    assert decoded.manufacturer == "garmin"
    assert decoded.product == 4315
    assert decoded.time_created == datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


def test_stream_units_are_si_and_degrees() -> None:
    decoded = decode_fit(variant("run").data)
    records = decoded.records
    assert records.timestamp[0] == datetime(2025, 7, 1, 8, 0, tzinfo=UTC).timestamp()
    assert np.all(np.diff(records.timestamp) >= 1)
    assert 2.0 < np.nanmean(records.speed_m_per_s) < 4.5  # a run, in m/s
    assert 51.0 < np.nanmean(records.lat_deg) < 52.0
    assert -0.6 < np.nanmean(records.lon_deg) < 0.0
    assert np.nanmax(np.diff(records.distance_m)) < 10  # metres per second, not cm
    assert records.distance_m.dtype == np.float64


def test_dropouts_are_nan_not_sentinels() -> None:
    records = decode_fit(variant("run").data).records
    assert np.isnan(records.heart_rate).sum() >= 25  # the strap lost contact
    assert np.isnan(records.lat_deg).sum() >= 15  # the GPS lost its fix
    assert np.nanmax(records.heart_rate) < 255
    assert np.nanmax(np.abs(records.lat_deg)) < 90


def test_triathlon_gives_one_session_per_leg_with_transitions() -> None:
    decoded = decode_fit(variant("triathlon").data)
    sports = [session["sport"] for session in decoded.sessions]
    assert sports == ["swimming", "transition", "cycling", "transition", "running"]
    assert decoded.activity is not None
    assert decoded.activity["type"] == "auto_multi_sport"
    assert decoded.activity["num_sessions"] == 5
    starts = [session["start_time"] for session in decoded.sessions]
    assert starts == sorted(starts)


def test_pauses_are_timer_events_and_gaps_in_the_stream() -> None:
    decoded = decode_fit(variant("run_with_pauses").data)
    timer = [(e["event"], e["event_type"]) for e in decoded.events if e["event"] == "timer"]
    assert timer.count(("timer", "stop_all")) == 4  # three pauses and the end
    assert timer.count(("timer", "start")) == 4
    gaps = np.diff(decoded.records.timestamp)
    assert (gaps > 30).sum() == 3
    moved = np.diff(decoded.records.distance_m)[gaps > 30]
    assert np.all(moved < 10)  # no distance is invented across a pause


def test_compressed_timestamp_file_really_uses_compressed_headers() -> None:
    import fitdecode

    generated = variant("compressed_timestamps")
    with fitdecode.FitReader(generated.data) as reader:
        compressed = sum(
            1
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage) and frame.time_offset is not None
        )
    assert compressed > generated.record_count * 0.9
    decoded = decode_fit(generated.data)
    # Offsets roll over every 32 s; the decoded clock must still count every second.
    np.testing.assert_array_equal(decoded.records.timestamp, generated.streams["timestamp"])


def test_developer_fields_big_endian_and_extra_messages_change_nothing_decoded() -> None:
    base = VARIANTS["run"]
    plain = decode_fit(activity_fit(5, base).data)
    expected = {name: getattr(plain.records, name) for name in RECORD_STREAMS}
    for changed in (
        replace(base, developer_fields=True),
        replace(base, big_endian=True),
        replace(base, big_endian=True, developer_fields=True, interleave_hrv=True),
        replace(base, redefine_every=100),
    ):
        decoded = decode_fit(activity_fit(5, changed).data)
        assert_streams_equal(decoded, expected)
        assert decoded.sessions == plain.sessions
        assert decoded.laps == plain.laps


def test_chained_files_decode_as_one_stream() -> None:
    first, second = activity_fit(1, VARIANTS["run"]), activity_fit(2, VARIANTS["triathlon"])
    decoded = decode_fit(chain(first.data, second.data))
    assert decoded.warnings == []
    assert len(decoded.records) == first.record_count + second.record_count
    for name in RECORD_STREAMS:
        expected = np.concatenate([first.streams[name], second.streams[name]])
        np.testing.assert_array_equal(getattr(decoded.records, name), expected)
    assert decoded.sessions == first.sessions + second.sessions
    assert decoded.laps == first.laps + second.laps
    assert decoded.activity == second.activity


# --- hand-built files: one rule per test, values computed by hand -------------------------


def one_record_file(fields: list[Field], values: list[object], big_endian: bool = False) -> bytes:
    writer = FitWriter()
    writer.define(0, 0, [Field(0, ENUM, "type")])
    writer.message(0, [4])
    writer.define(1, 20, fields, big_endian=big_endian)
    writer.message(1, values)
    return writer.to_bytes()


def test_profile_scales_and_offsets() -> None:
    fields = [
        Field(253, UINT32, "timestamp"),
        Field(5, UINT32, "distance"),
        Field(6, UINT16, "speed"),
        Field(2, UINT16, "altitude"),
        Field(0, SINT32, "lat"),
        Field(1, SINT32, "lon"),
        Field(3, UINT8, "hr"),
        Field(4, UINT8, "cadence"),
    ]
    values = [1_000_000_000, 123_456, 3_456, 2_600, 2**30, -(2**30), 150, 88]
    for big_endian in (False, True):
        records = decode_fit(one_record_file(fields, values, big_endian)).records
        assert records.timestamp[0] == 1_631_065_600.0  # FIT epoch 1989-12-31 + 1e9 s
        assert records.distance_m[0] == 1234.56  # centimetres
        assert records.speed_m_per_s[0] == 3.456  # mm/s
        assert records.altitude_m[0] == 20.0  # raw / 5 - 500
        assert records.lat_deg[0] == 90.0  # 2**31 semicircles = 180 degrees
        assert records.lon_deg[0] == -90.0
        assert records.heart_rate[0] == 150
        assert records.cadence[0] == 88


def test_enhanced_fields_win_when_valid_and_plain_ones_fill_in() -> None:
    writer = FitWriter()
    writer.define(0, 0, [Field(0, ENUM, "type")])
    writer.message(0, [4])
    fields = [
        Field(253, UINT32, "timestamp"),
        Field(6, UINT16, "speed"),
        Field(73, UINT32, "enhanced_speed"),
        Field(2, UINT16, "altitude"),
        Field(78, UINT32, "enhanced_altitude"),
    ]
    writer.define(1, 20, fields)
    writer.message(1, [1_000_000_000, 3000, 3100, 2600, 2610])  # both valid
    writer.message(1, [1_000_000_001, None, 3200, None, 2620])  # only enhanced
    writer.message(1, [1_000_000_002, 3300, None, 2630, None])  # only plain
    writer.message(1, [1_000_000_003, None, None, None, None])  # neither
    records = decode_fit(writer.to_bytes()).records
    np.testing.assert_array_equal(records.speed_m_per_s, [3.1, 3.2, 3.3, np.nan])
    np.testing.assert_array_equal(records.altitude_m, [22.0, 24.0, 26.0, np.nan])


def test_invalid_sentinel_of_each_declared_base_type() -> None:
    # The definition's base type decides the sentinel, even when the profile says otherwise.
    fields = [
        Field(253, UINT32, "timestamp"),
        Field(3, UINT8Z, "hr"),  # 0 is invalid for "z" types
        Field(4, SINT8, "cadence"),  # 0x7F
        Field(5, FLOAT32, "distance"),  # NaN
        Field(6, UINT16Z, "speed"),  # 0
        Field(2, SINT16, "altitude"),  # 0x7FFF
        Field(0, SINT32, "lat"),  # 0x7FFFFFFF
    ]
    records = decode_fit(
        one_record_file(fields, [1_000_000_000, 0, 0x7F, math.nan, 0, 0x7FFF, 0x7FFFFFFF])
    ).records
    for name in ("heart_rate", "cadence", "distance_m", "speed_m_per_s", "altitude_m", "lat_deg"):
        assert np.isnan(getattr(records, name)[0]), name
    valid = decode_fit(
        one_record_file(fields, [1_000_000_000, 140, -1, 250.0, 2500, -2500, -5])
    ).records
    assert valid.heart_rate[0] == 140
    assert valid.cadence[0] == -1
    assert valid.distance_m[0] == 2.5  # 250 / 100, scale still applies to a float
    assert valid.speed_m_per_s[0] == 2.5
    assert valid.altitude_m[0] == -1000.0
    assert valid.lat_deg[0] == -5 * 180 / 2**31


def test_misaligned_field_is_read_as_bytes_first_byte_counts() -> None:
    # A 3-byte uint16 field (seen in some Coros files) is raw bytes; fitdecode does the same.
    fields = [Field(253, UINT32, "timestamp"), Field(3, UINT16, "hr", size=3)]
    records = decode_fit(one_record_file(fields, [1_000_000_000, (150, 1, 2)])).records
    assert records.heart_rate[0] == 150
    fields = [Field(253, UINT32, "timestamp"), Field(3, BYTE, "hr", size=2)]
    records = decode_fit(one_record_file(fields, [1_000_000_000, None])).records
    assert np.isnan(records.heart_rate[0])


def test_array_field_reports_its_first_element() -> None:
    fields = [Field(253, UINT32, "timestamp"), Field(3, UINT8, "hr", size=3)]
    records = decode_fit(one_record_file(fields, [1_000_000_000, (151, 152, 153)])).records
    assert records.heart_rate[0] == 151


def test_summary_values_keep_fitdecode_conventions() -> None:
    writer = FitWriter()
    writer.define(0, 0, [Field(0, ENUM, "type"), Field(1, UINT16, "manufacturer")])
    writer.message(0, [32, 9999])  # monitoring_b from an unlisted manufacturer
    session = [
        Field(253, UINT32, "timestamp"),
        Field(2, UINT32, "start_time"),
        Field(5, ENUM, "sport"),
        Field(9, UINT32, "total_distance"),
        Field(16, UINT8, "avg_heart_rate"),
        Field(200, UINT8, "not_decoded"),
    ]
    writer.define(1, 18, session)
    writer.message(1, [1_000_000_000, 500, 250, 1_000_050, None, 7])
    decoded = decode_fit(writer.to_bytes())
    assert decoded.file_type == "monitoring_b"
    assert decoded.manufacturer == 9999
    assert decoded.sessions == [
        {
            "timestamp": datetime(2021, 9, 8, 1, 46, 40, tzinfo=UTC),
            "start_time": 500,  # below 0x10000000: seconds since power-on, not a date
            "sport": 250,  # a number the profile does not name
            "total_distance": 10000.5,
            "avg_heart_rate": None,
        }
    ]


def test_records_missing_a_field_get_nan_there() -> None:
    decoded = decode_fit(variant("alternating_layouts").data)
    records = decoded.records
    assert np.all(np.isnan(records.distance_m[0::2]))  # GPS records carry no distance
    assert np.all(np.isnan(records.lat_deg[1::2]))  # distance records carry no position
    assert not np.all(np.isnan(records.lat_deg[0::2]))
