"""GPX tracks from generated files: totals, extensions, zones, pauses and broken input."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from niggle.domain.errors import InvalidInput
from niggle.importers.errors import CorruptFile
from niggle.importers.gpx import parse_gpx
from tests.importers.activity_files import START, gpx, track


def test_garmin_gpx_totals_and_streams() -> None:
    points = track(601, speed=3.0)
    parsed = parse_gpx(gpx(points), "run.gpx")
    run = parsed.activity
    assert run.sport == "run" and run.source == "gpx"
    assert run.title == "Morning Run" and run.device == "niggle tests"
    assert run.start == START and run.start.tzinfo is not None
    assert run.elapsed_s == 600
    # No distance in GPX: it is the haversine length of the track, 600 steps of 3 m.
    assert run.distance_m == pytest.approx(1800, rel=1e-3)
    assert run.moving_s == 600
    assert run.avg_hr == pytest.approx(np.mean([p.hr for p in points[:-1]]), abs=0.01)
    assert run.max_hr == 159
    assert run.avg_cadence == 170  # 85 per foot, doubled to steps per minute
    assert run.elevation_gain_m is not None and run.elevation_gain_m > 10
    s = parsed.streams
    assert len(s) == 601 and s.time_s[-1] == 600
    assert s.heart_rate_bpm[0] == 140 and s.cadence_spm[0] == 170
    assert s.lat_deg[0] == pytest.approx(51.5)


def test_strava_style_bare_extensions_are_read() -> None:
    run = parse_gpx(gpx(track(61), style="strava"), "strava.gpx").activity
    assert run.avg_hr is not None and run.avg_cadence == 170


def test_gpx_1_0_with_speed_and_no_extensions() -> None:
    parsed = parse_gpx(gpx(track(61), version="1.0", style="plain", sport=None), "old.gpx")
    assert parsed.activity.sport == "other"
    assert parsed.activity.avg_hr is None
    assert np.nanmean(parsed.streams.speed_m_per_s) == 3.0
    assert parsed.activity.distance_m == pytest.approx(180, rel=1e-3)


@pytest.mark.parametrize("zone", ["Z", "+02:00", ""])
def test_times_with_offsets_or_no_zone_are_the_same_instant(zone: str) -> None:
    run = parse_gpx(gpx(track(11), zone=zone), "zones.gpx").activity
    assert run.start == START
    assert run.start.utcoffset() == dt.timedelta(0)


def test_local_date_follows_the_place_when_the_file_has_only_utc() -> None:
    # 23:30 UTC on the 10th is already the 11th in Sydney (about 151 degrees east).
    late = dt.datetime(2026, 11, 10, 23, 30, tzinfo=dt.UTC)
    run = parse_gpx(gpx(track(11, lat0=-33.87, lon0=151.2), start=late), "syd.gpx").activity
    assert run.local_date == dt.date(2026, 11, 11)


def test_a_pause_is_left_out_of_moving_time() -> None:
    points = track(301, pause=(150, 600))
    run = parse_gpx(gpx(points, segments_at=(150,)), "paused.gpx").activity
    assert run.elapsed_s == 900
    assert run.moving_s == 299  # the 10-minute stop and the step across it are not moving
    assert run.distance_m == pytest.approx(900, rel=1e-3)


def test_sport_types_from_garmin_and_strava() -> None:
    assert parse_gpx(gpx(track(5), sport="cycling"), "a").activity.sport == "ride"
    assert parse_gpx(gpx(track(5), sport="9"), "b").activity.sport == "run"  # Strava's code
    assert parse_gpx(gpx(track(5), sport="1"), "c").activity.sport == "ride"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"<gpx><trk><trkseg></trkseg></trk></gpx>", "no track points"),
        (b'<gpx><rte><rtept lat="1" lon="2"/></rte></gpx>', "no track points"),
        (b'<gpx><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>', "route"),
        (b"<gpx><trk><trkseg><trkpt lat=", "not well-formed"),
        (b"<notgpx/>", "not a GPX file"),
    ],
)
def test_broken_gpx_is_refused_with_the_file_named(data: bytes, fragment: str) -> None:
    with pytest.raises(CorruptFile, match=fragment) as caught:
        parse_gpx(data, "broken.gpx")
    assert caught.value.message.startswith("broken.gpx: ")


def test_a_truncated_gpx_is_refused_not_half_read() -> None:
    data = gpx(track(100))
    with pytest.raises(InvalidInput, match=r"truncated\.gpx"):
        parse_gpx(data[: len(data) // 2], "truncated.gpx")


def test_bad_values_in_single_points_do_not_spoil_the_track() -> None:
    data = gpx(track(11)).replace(b"<ele>20.0</ele>", b"<ele>high</ele>", 1)
    data = data.replace(b'lat="51.5000000"', b'lat="95"', 1)
    parsed = parse_gpx(data, "odd.gpx")
    assert np.isnan(parsed.streams.altitude_m[0]) and np.isnan(parsed.streams.lat_deg[0])
    assert parsed.activity.elapsed_s == 10
