"""Stream columns and the totals they imply, checked against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from niggle.domain.streams import (
    EARTH_RADIUS_M,
    Streams,
    elevation_gain_m,
    empty_streams,
    haversine_cumulative_m,
    make_streams,
    summarize,
    utc_offset_from_longitude,
)


def test_columns_must_have_one_value_per_sample() -> None:
    with pytest.raises(ValueError, match="distance_m"):
        Streams(
            time_s=np.arange(3.0),
            distance_m=np.arange(2.0),
            speed_m_per_s=np.zeros(3),
            heart_rate_bpm=np.zeros(3),
            cadence_spm=np.zeros(3),
            altitude_m=np.zeros(3),
            lat_deg=np.zeros(3),
            lon_deg=np.zeros(3),
        )


def test_columns_left_out_are_missing() -> None:
    s = make_streams([0, 1, 2], heart_rate_bpm=[120, 121, 122])
    assert len(s) == 3
    assert s.has("heart_rate_bpm")
    assert not s.has("lat_deg")
    assert np.isnan(s.lat_deg).all()


def test_haversine_one_degree_of_latitude() -> None:
    lat = np.array([0.0, 1.0])
    lon = np.array([0.0, 0.0])
    expected = EARTH_RADIUS_M * math.radians(1.0)  # about 111.2 km
    assert haversine_cumulative_m(lat, lon)[-1] == pytest.approx(expected, rel=1e-9)


def test_haversine_skips_samples_without_a_fix() -> None:
    lat = np.array([0.0, np.nan, 0.001, 0.002])
    lon = np.zeros(4)
    d = haversine_cumulative_m(lat, lon)
    step = EARTH_RADIUS_M * math.radians(0.001)
    assert d.tolist() == pytest.approx([0.0, 0.0, step, 2 * step])


def test_elevation_gain_ignores_noise_below_threshold() -> None:
    # Wobbles of 2 m are noise; a 10 m hill is counted once, however it is sampled.
    alt = np.array([100, 102, 100, 102, 100, 105, 110, 108, 110, 100, 101], dtype=float)
    assert elevation_gain_m(alt) == pytest.approx(10.0)
    assert elevation_gain_m(np.array([5.0])) is None


def test_summarize_excludes_pauses_and_standing_still() -> None:
    # 10 s running at 3 m/s, a 5-minute pause (no samples), 10 s more, then 10 s standing.
    t = [*range(11), *range(311, 321), *range(321, 331)]
    d = [3.0 * i for i in range(11)] + [30 + 3.0 * i for i in range(1, 11)] + [60.0] * 10
    hr = [150.0] * len(t)
    totals = summarize(make_streams(t, distance_m=d, heart_rate_bpm=hr))
    assert totals.elapsed_s == 330
    assert totals.moving_s == pytest.approx(10 + 9)  # pause and standing excluded
    assert totals.distance_m == 60.0
    assert totals.avg_hr == 150.0
    assert totals.max_hr == 150.0


def test_summarize_uses_the_track_when_no_distance_was_recorded() -> None:
    lat = [0.0, 0.0001, 0.0002]
    s = make_streams([0, 5, 10], lat_deg=lat, lon_deg=[0.0, 0.0, 0.0])
    totals = summarize(s)
    assert totals.distance_m == pytest.approx(EARTH_RADIUS_M * math.radians(0.0002))
    assert totals.avg_hr is None


def test_heart_rate_is_averaged_over_time_not_samples() -> None:
    # 100 bpm for 1 s, then 160 bpm for 9 s (smart recording wrote one sample).
    s = make_streams([0, 1, 10], heart_rate_bpm=[100, 160, 160])
    assert summarize(s).avg_hr == pytest.approx((100 * 1 + 160 * 9) / 10)


def test_empty_streams_summarize_to_nothing() -> None:
    totals = summarize(empty_streams())
    assert totals.elapsed_s == 0 and totals.distance_m is None


@pytest.mark.parametrize(("lon", "hours"), [(0.0, 0), (-0.1, 0), (13.4, 1), (-74.0, -5)])
def test_solar_offset(lon: float, hours: int) -> None:
    assert utc_offset_from_longitude(lon) == hours * 3600
