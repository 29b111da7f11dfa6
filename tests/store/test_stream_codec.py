"""The stream blob round-trips every column within its stated resolution, and stays small."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from niggle.domain.streams import STREAM_COLUMNS, Streams, empty_streams, make_streams
from niggle.store.streams import DECIMALS, StreamBlobError, decode_streams, encode_streams


def _assert_close(original: Streams, decoded: Streams) -> None:
    for name in STREAM_COLUMNS:
        a, b = getattr(original, name), getattr(decoded, name)
        assert np.array_equal(np.isfinite(a), np.isfinite(b)), name
        ok = np.isfinite(a)
        # Rounding to the column's resolution moves a value by at most half a step.
        tolerance = 0.5 * 10.0 ** -DECIMALS[name] + 1e-9 * np.abs(a[ok])
        assert (np.abs(a[ok] - b[ok]) <= tolerance).all(), name


def _realistic_run(n: int, seed: int = 7) -> Streams:
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=float)
    speed = 3.2 + 0.3 * rng.standard_normal(n)
    return make_streams(
        t,
        distance_m=np.cumsum(speed),
        speed_m_per_s=speed,
        heart_rate_bpm=np.round(150 + 10 * np.sin(t / 300)),
        cadence_spm=np.round(170 + 2 * rng.standard_normal(n)),
        altitude_m=np.round(50 + np.cumsum(0.2 * rng.standard_normal(n)), 1),
        lat_deg=51.5 + np.cumsum(rng.normal(0, 1e-5, n)),
        lon_deg=-0.12 + np.cumsum(rng.normal(0, 1e-5, n)),
    )


def test_a_two_hour_run_round_trips_in_a_few_bytes_per_sample() -> None:
    run = _realistic_run(7200)
    blob = encode_streams(run)
    _assert_close(run, decode_streams(blob))
    assert len(blob) / len(run) < 16  # raw float64 would be 64 bytes per sample


def test_missing_samples_and_missing_columns_come_back_missing() -> None:
    hr = np.array([np.nan, np.nan, 140, 141, np.nan, 143.0])
    s = make_streams(np.arange(6.0), heart_rate_bpm=hr)
    back = decode_streams(encode_streams(s))
    assert np.array_equal(back.heart_rate_bpm, hr, equal_nan=True)
    assert np.isnan(back.lat_deg).all() and len(back) == 6


def test_values_beyond_int32_are_stored_raw() -> None:
    s = make_streams([0.0, 1.0, 2.0], distance_m=[0.0, 5e9, 1.0])
    back = decode_streams(encode_streams(s))
    assert back.distance_m.tolist() == [0.0, 5e9, 1.0]


def test_empty_streams_round_trip() -> None:
    assert len(decode_streams(encode_streams(empty_streams()))) == 0


@pytest.mark.parametrize(
    "blob",
    [b"", b"NGS1", b"XXXX\x01\x00\x00\x00\x00\x00", b"NGS1\x01\x01\x05\x00\x00\x00garbage"],
)
def test_damaged_blobs_raise_a_clear_error(blob: bytes) -> None:
    with pytest.raises(StreamBlobError):
        decode_streams(blob)


def test_a_blob_whose_body_is_short_raises() -> None:
    body = zlib.compress(b"\x00\x01\x03\x00" + b"\x01\x00")  # column 0 claims 5 samples
    with pytest.raises(StreamBlobError):
        decode_streams(b"NGS1\x01\x01\x05\x00\x00\x00" + body)


finite_or_nan = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.just(float("nan"))
)


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=40),
    data=st.data(),
)
def test_any_streams_round_trip(n: int, data: st.DataObject) -> None:
    columns = {
        name: data.draw(hnp.arrays(np.float64, n, elements=finite_or_nan))
        for name in STREAM_COLUMNS
    }
    columns["lat_deg"] = np.clip(columns["lat_deg"], -90, 90)
    columns["lon_deg"] = np.clip(columns["lon_deg"], -180, 180)
    s = make_streams(columns.pop("time_s"), **columns)
    _assert_close(s, decode_streams(encode_streams(s)))
