"""Load flags on constructed histories: run spikes (Garmin-RUNSAFE 2025), weekly jumps
(Nielsen 2014) and monotony (Foster 1998)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from niggle.domain.load_flags import (
    long_run_spikes,
    monotony_flag,
    weekly_jumps,
)

MONDAY = dt.date(2026, 3, 2)


def days(n: int, runs: dict[int, float]) -> np.ndarray:
    series = np.zeros(n)
    for day, metres in runs.items():
        series[day] = metres
    return series


# --- long_run_spike ---------------------------------------------------------------------------


def test_a_run_11_5_percent_longer_than_the_longest_is_a_spike() -> None:
    flags = long_run_spikes(MONDAY, days(20, {0: 10_000, 5: 8_000, 19: 11_150}))
    assert [(f.kind, f.on) for f in flags] == [("long_run_spike", MONDAY + dt.timedelta(19))]
    assert flags[0].ratio == pytest.approx(1.115)
    assert "11.2 km" in flags[0].detail
    assert "10.0 km" in flags[0].detail
    assert "RUNSAFE" in flags[0].source


def test_exactly_1_10_times_is_not_a_spike() -> None:
    assert long_run_spikes(MONDAY, days(10, {0: 10_000, 9: 11_000})) == []
    assert long_run_spikes(MONDAY, days(10, {0: 10_000, 9: 11_001})) != []


def test_no_history_means_no_baseline_and_no_flag() -> None:
    assert long_run_spikes(MONDAY, days(5, {0: 30_000})) == []
    assert long_run_spikes(MONDAY, np.zeros(0)) == []


def test_only_the_previous_30_days_count() -> None:
    # A 20 km run 31 days ago no longer protects a 12 km run against a 10 km baseline.
    history = days(40, {0: 20_000, 20: 10_000, 31: 12_000})
    flags = long_run_spikes(MONDAY, history)
    assert [f.on for f in flags] == [MONDAY + dt.timedelta(31)]
    # On day 30, the 20 km run is exactly 30 days back and still counts.
    assert long_run_spikes(MONDAY, days(40, {0: 20_000, 20: 10_000, 30: 12_000})) == []


def test_a_gap_of_more_than_30_days_leaves_no_baseline() -> None:
    assert long_run_spikes(MONDAY, days(80, {0: 5_000, 70: 15_000})) == []


def test_a_gap_inside_the_window_uses_the_runs_there_are() -> None:
    flags = long_run_spikes(MONDAY, days(60, {10: 5_000, 35: 5_600}))
    assert [f.on for f in flags] == [MONDAY + dt.timedelta(35)]
    assert flags[0].ratio == pytest.approx(1.12)


def test_spikes_before_since_are_not_reported_but_still_form_the_baseline() -> None:
    history = days(20, {0: 5_000, 5: 6_000, 15: 7_000})
    assert len(long_run_spikes(MONDAY, history)) == 2
    later = long_run_spikes(MONDAY, history, since=MONDAY + dt.timedelta(10))
    assert [f.on for f in later] == [MONDAY + dt.timedelta(15)]
    assert later[0].ratio == pytest.approx(7 / 6)


def test_spike_detail_speaks_the_runners_units() -> None:
    flags = long_run_spikes(MONDAY, days(3, {0: 16_093.44, 2: 19_312.128}), units="mi")
    assert "12.0 mi" in flags[0].detail
    assert "10.0 mi" in flags[0].detail


# --- weekly_jump ------------------------------------------------------------------------------


def week_of(total_m: float, on_days: tuple[int, ...] = (1, 3, 6)) -> list[float]:
    week = [0.0] * 7
    for d in on_days:
        week[d] = total_m / len(on_days)
    return week


def test_a_35_percent_jump_is_flagged_on_the_day_it_crosses_30_percent() -> None:
    # Last week 20 km; this week 9 km on Tue, Thu, Sun: 9, 18, 27 km -> crosses 26 km on Sunday.
    series = np.array(week_of(20_000) + week_of(27_000))
    flags = weekly_jumps(MONDAY, series)
    assert [(f.kind, f.on) for f in flags] == [("weekly_jump", MONDAY + dt.timedelta(13))]
    assert flags[0].ratio == pytest.approx(1.35)
    assert "Nielsen" in flags[0].source


def test_exactly_30_percent_is_not_a_jump() -> None:
    assert weekly_jumps(MONDAY, np.array(week_of(20_000) + week_of(26_000))) == []


def test_a_week_in_progress_is_flagged_once_it_is_over_the_line() -> None:
    # Monday 14 km, Tuesday 14 km: 28 km by Tuesday against 20 km last week.
    series = np.array([*week_of(20_000), 14_000, 14_000])
    flags = weekly_jumps(MONDAY, series)
    assert [f.on for f in flags] == [MONDAY + dt.timedelta(8)]


def test_after_a_week_without_running_there_is_no_baseline() -> None:
    series = np.array(week_of(0) + week_of(30_000))
    assert weekly_jumps(MONDAY, series) == []


def test_weekly_jumps_need_a_monday_start() -> None:
    with pytest.raises(ValueError, match="Monday"):
        weekly_jumps(MONDAY + dt.timedelta(1), np.zeros(7))


def test_weekly_jumps_respect_since() -> None:
    series = np.array(week_of(10_000) + week_of(14_000) + week_of(19_000))
    assert len(weekly_jumps(MONDAY, series)) == 2
    assert len(weekly_jumps(MONDAY, series, since=MONDAY + dt.timedelta(14))) == 1


# --- monotony ---------------------------------------------------------------------------------


def test_monotony_above_two_is_flagged() -> None:
    flag = monotony_flag(MONDAY, 2.4, 700.0)
    assert flag is not None
    assert flag.kind == "monotony"
    assert flag.ratio == 2.4
    assert monotony_flag(MONDAY, 2.0, 700.0) is None
    assert monotony_flag(MONDAY, 1.49, 2450.0) is None


def test_the_same_load_every_day_is_flagged_and_no_load_is_not() -> None:
    same = monotony_flag(MONDAY, None, 560.0)
    assert same is not None
    assert same.ratio is None
    assert monotony_flag(MONDAY, None, 0.0) is None
