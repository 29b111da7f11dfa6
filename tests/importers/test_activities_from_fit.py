"""FIT files (from the FIT engineer's seeded generator) -> canonical activities."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from niggle.importers.errors import CorruptFile, UnsupportedFile
from niggle.importers.fit import parse_fit
from tests.importers.activity_files import monitoring_fit
from tests.importers.fitgen_activity import FitOptions, Leg, activity_fit

UTC = dt.UTC


def test_a_run_takes_the_session_totals() -> None:
    generated = activity_fit(11, FitOptions(legs=(Leg("running", seconds=900, pauses=1),)))
    [parsed] = parse_fit(generated.data, "run.fit")
    run, session = parsed.activity, generated.sessions[0]
    assert run.sport == "run" and run.source == "fit"
    assert run.start == session["start_time"]
    assert run.elapsed_s == session["total_elapsed_time"]
    assert run.moving_s == session["total_timer_time"] < run.elapsed_s  # the pause is out
    assert run.distance_m == session["total_distance"]
    assert run.avg_hr == session["avg_heart_rate"]
    assert run.max_hr == session["max_heart_rate"]
    assert run.avg_cadence == 2 * session["avg_cadence"]  # strides to steps
    assert run.elevation_gain_m == session["total_ascent"]
    assert len(run.laps) == len(generated.laps)
    assert len(parsed.streams) == generated.record_count
    # The watch was an hour ahead of UTC (activity.local_timestamp), which sets the day.
    assert run.local_date == (session["start_time"] + dt.timedelta(hours=1)).date()
    cadence = parsed.streams.cadence_spm
    assert np.nanmax(cadence) == 2 * np.nanmax(generated.streams["cadence"])


def test_a_triathlon_becomes_one_activity_per_sport_without_transitions() -> None:
    legs = (
        Leg("swimming", seconds=600),
        Leg("transition", seconds=90),
        Leg("cycling", "road", 1200),
        Leg("transition", seconds=60),
        Leg("running", seconds=900),
    )
    generated = activity_fit(12, FitOptions(legs=legs))
    found = parse_fit(generated.data, "tri.fit")
    assert [p.activity.sport for p in found] == ["swim", "ride", "run"]
    kept = [s for s in generated.sessions if s["sport"] != "transition"]
    for parsed, session in zip(found, kept, strict=True):
        assert parsed.activity.distance_m == session["total_distance"]
        assert parsed.activity.elapsed_s == session["total_elapsed_time"]
        assert parsed.streams.time_s[0] >= 0
        assert parsed.streams.time_s[-1] <= session["total_elapsed_time"]
    samples = sum(len(p.streams) for p in found)
    assert samples < generated.record_count  # the transitions' samples were dropped
    assert found[1].activity.avg_cadence == kept[1]["avg_cadence"]  # bike cadence as is


def test_a_file_cut_short_keeps_its_samples_with_a_warning() -> None:
    generated = activity_fit(13, FitOptions(legs=(Leg("running", seconds=1200, pauses=1),)))
    cut = generated.data[: int(len(generated.data) * 0.7)]
    [parsed] = parse_fit(cut, "flat-battery.fit")
    run = parsed.activity
    assert parsed.warnings and any("flat-battery.fit" in w for w in parsed.warnings)
    assert any("no session summary" in w for w in parsed.warnings)
    assert 0 < len(parsed.streams) < generated.record_count
    assert run.sport == "run"  # from the laps written before the cut
    assert run.distance_m is not None and run.distance_m > 0
    assert run.moving_s is not None and run.moving_s <= run.elapsed_s


def test_a_monitoring_file_is_not_an_activity() -> None:
    with pytest.raises(UnsupportedFile, match="monitoring"):
        parse_fit(monitoring_fit(), "12345.fit")


def test_garbage_after_a_fit_header_is_a_corrupt_file() -> None:
    data = activity_fit(14, FitOptions(legs=(Leg(seconds=60),))).data
    garbage = data[:14] + bytes(range(256)) * 4
    with pytest.raises(CorruptFile, match=r"junk\.fit"):
        parse_fit(garbage, "junk.fit")
