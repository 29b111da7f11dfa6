"""Load as of a day, end to end over plain activities."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niggle.domain.activity import RUN_KINDS, SPORTS, Activity, Lap, Sport
from niggle.domain.errors import InvalidInput
from niggle.domain.load import ACWR_CRITIQUE, check_as_of, compute_load
from niggle.domain.load_series import ewma_loop
from niggle.domain.session_load import LoadProfile

MONDAY = dt.date(2026, 3, 2)
PROFILE = LoadProfile(threshold_s_per_km=270.0, hr_max=190, hr_rest=55, sex="male")


def session(
    on: dt.date,
    *,
    sport: Sport = "run",
    minutes: float = 60,
    metres: float | None = None,
    rpe: float | None = None,
) -> Activity:
    start = dt.datetime.combine(on, dt.time(7), tzinfo=dt.UTC)
    return Activity(sport, start, on, minutes * 60, distance_m=metres, rpe=rpe)


def hundred_a_day(first: dt.date, days: int) -> list[Activity]:
    # RPE 7 for 60 minutes = 420 AU = 100 load points, every day.
    return [session(first + dt.timedelta(d), rpe=7) for d in range(days)]


def test_no_activities_gives_zeros_and_no_ratio() -> None:
    summary = compute_load([], PROFILE, MONDAY)
    assert (summary.acute_7d, summary.chronic_28d, summary.ctl, summary.atl, summary.tsb) == (
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    )
    assert summary.acwr is None
    assert summary.monotony is None
    assert summary.strain == 0.0
    assert summary.weekly == ()
    assert summary.flags == ()
    assert summary.daily is None


def test_as_of_before_any_activity_is_like_no_activity() -> None:
    summary = compute_load(hundred_a_day(MONDAY, 10), PROFILE, MONDAY - dt.timedelta(1))
    assert summary.ctl == 0.0
    assert summary.weekly == ()
    assert sum(summary.methods.values()) == 0


def test_pmc_after_42_days_of_100() -> None:
    summary = compute_load(hundred_a_day(MONDAY, 42), PROFILE, MONDAY + dt.timedelta(41))
    assert summary.ctl == pytest.approx(63.65, abs=0.005)
    # TSB is yesterday's CTL - ATL; the same recursion from day 41's values by hand:
    ctl = ewma_loop([100.0] * 41, 1 / 42)[-1]
    atl = ewma_loop([100.0] * 41, 1 / 7)[-1]
    assert summary.tsb == pytest.approx(ctl - atl)
    assert summary.methods["session_rpe"] == 42


def test_atl_after_7_days_of_100_starting_mid_week() -> None:
    # The series is padded back to Monday with rest days, which must not change the averages.
    wednesday = MONDAY + dt.timedelta(2)
    summary = compute_load(hundred_a_day(wednesday, 7), PROFILE, wednesday + dt.timedelta(6))
    assert summary.atl == pytest.approx(66.01, abs=0.005)
    assert summary.acute_7d == pytest.approx(100 * (1 - 0.75**7))
    assert summary.chronic_28d == pytest.approx(100 * (1 - (27 / 29) ** 7))
    assert summary.acwr == pytest.approx(summary.acute_7d / summary.chronic_28d)


def test_later_activities_are_ignored() -> None:
    history = hundred_a_day(MONDAY, 14)
    assert compute_load(history, PROFILE, MONDAY + dt.timedelta(6)).ctl == pytest.approx(
        compute_load(history[:7], PROFILE, MONDAY + dt.timedelta(6)).ctl
    )


def test_monotony_and_strain_of_the_test_week() -> None:
    loads_au = [600, 200, 400, 500, 100, 650, 0]
    # Express each day's AU as RPE 10 x (AU/10) minutes, so points = AU x 100/420.
    history = [
        session(MONDAY + dt.timedelta(d), minutes=au / 10, rpe=10)
        for d, au in enumerate(loads_au)
        if au
    ]
    summary = compute_load(history, PROFILE, MONDAY + dt.timedelta(6))
    assert summary.monotony == pytest.approx(1.49, abs=0.005)
    # Strain scales with the unit: 3,656 AU x 100/420 = 870.6 points.
    assert summary.strain == pytest.approx(3656.39 * 100 / 420, abs=0.05)
    assert not [f for f in summary.flags if f.kind == "monotony"]


def test_a_monotonous_week_is_flagged() -> None:
    # Six days of 50 points and one of 40: mean 48.6, SD 3.5 -> monotony ~13.9.
    history = [session(MONDAY + dt.timedelta(d), minutes=30, rpe=7) for d in range(6)]
    history.append(session(MONDAY + dt.timedelta(6), minutes=24, rpe=7))
    summary = compute_load(history, PROFILE, MONDAY + dt.timedelta(6))
    kinds = [f.kind for f in summary.flags]
    assert kinds == ["monotony"]
    assert summary.flags[0].on == MONDAY + dt.timedelta(6)


def test_weekly_volume_uses_monday_weeks() -> None:
    history = [
        session(MONDAY + dt.timedelta(1), metres=10_000, minutes=50, rpe=5),
        session(MONDAY + dt.timedelta(1), sport="ride", metres=40_000, minutes=90, rpe=4),
        session(MONDAY + dt.timedelta(6), metres=16_000, minutes=90),
        session(MONDAY + dt.timedelta(7), metres=8_000, minutes=40, rpe=3),
    ]
    summary = compute_load(history, PROFILE, MONDAY + dt.timedelta(9))
    first, second = summary.weekly
    assert first.week_start == MONDAY
    assert second.week_start == MONDAY + dt.timedelta(7)
    # Distance is running only; the ride counts in time and load.
    assert first.distance_m == 26_000
    assert first.duration_s == (50 + 90 + 90) * 60
    assert (first.sessions, first.runs, first.days) == (3, 2, 7)
    assert (second.distance_m, second.sessions, second.days) == (8_000, 1, 3)
    assert first.load == pytest.approx(float(summary.sessions.load[:3].sum()))
    assert second.load == pytest.approx((3 * 40) * 100 / 420)
    assert sum(w.load for w in summary.weekly) == pytest.approx(float(summary.daily.load.sum()))


def test_weeks_keeps_only_the_latest() -> None:
    history = hundred_a_day(MONDAY, 35)
    summary = compute_load(history, PROFILE, MONDAY + dt.timedelta(34), weeks=2)
    assert [w.week_start for w in summary.weekly] == [
        MONDAY + dt.timedelta(21),
        MONDAY + dt.timedelta(28),
    ]
    with pytest.raises(ValueError, match="weeks"):
        compute_load(history, PROFILE, MONDAY, weeks=0)


def test_cross_training_counts_toward_load() -> None:
    runs_only = [session(MONDAY, metres=10_000, minutes=50)]
    with_swim = [*runs_only, session(MONDAY + dt.timedelta(1), sport="swim", minutes=45)]
    as_of = MONDAY + dt.timedelta(2)
    assert compute_load(with_swim, PROFILE, as_of).ctl > compute_load(runs_only, PROFILE, as_of).ctl


def test_recent_flags_only_unless_asked_for_more() -> None:
    history = [
        session(MONDAY, metres=10_000, minutes=50),
        session(MONDAY + dt.timedelta(3), metres=12_000, minutes=60),  # spike, early
        session(MONDAY + dt.timedelta(40), metres=10_000, minutes=50),
        session(MONDAY + dt.timedelta(45), metres=10_500, minutes=52),
    ]
    as_of = MONDAY + dt.timedelta(46)
    assert compute_load(history, PROFILE, as_of).flags == ()
    everything = compute_load(history, PROFILE, as_of, flags_since=MONDAY)
    # The first week has no week before it, so only the spike can fire there.
    assert [(f.kind, f.on) for f in everything.flags] == [
        ("long_run_spike", MONDAY + dt.timedelta(3)),
    ]


def test_a_long_run_spike_and_a_weekly_jump_in_a_real_looking_block() -> None:
    history = []
    for week in range(4):  # 8 + 8 + 14 = 30 km a week
        monday = MONDAY + dt.timedelta(weeks=week)
        history += [
            session(monday + dt.timedelta(1), metres=8_000, minutes=45),
            session(monday + dt.timedelta(3), metres=8_000, minutes=45),
            session(monday + dt.timedelta(6), metres=14_000, minutes=80),
        ]
    monday = MONDAY + dt.timedelta(weeks=4)
    history += [  # 10 + 10 + 20 = 40 km: passes 39 km (1.3 x 30) on Saturday
        session(monday + dt.timedelta(1), metres=10_000, minutes=55),
        session(monday + dt.timedelta(3), metres=10_000, minutes=55),
        session(monday + dt.timedelta(5), metres=20_000, minutes=110),
    ]
    summary = compute_load(history, PROFILE, monday + dt.timedelta(6))
    assert [(f.kind, f.on) for f in summary.flags] == [
        ("long_run_spike", monday + dt.timedelta(5)),  # 20 km > 1.10 x 14 km
        ("weekly_jump", monday + dt.timedelta(5)),
    ]
    assert summary.flags[0].ratio == pytest.approx(20 / 14)
    assert summary.flags[1].ratio == pytest.approx(40 / 30)


def test_acwr_critique_names_its_sources() -> None:
    assert "Impellizzeri" in ACWR_CRITIQUE
    assert "Lolli" in ACWR_CRITIQUE


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 120), st.floats(0, 180), st.floats(0, 10)),
        max_size=60,
    ),
    st.integers(0, 130),
)
def test_daily_series_matches_a_plain_day_by_day_reference(
    entries: list[tuple[int, float, float]], as_of_day: int
) -> None:
    history = [session(MONDAY + dt.timedelta(d), minutes=m, rpe=r) for d, m, r in entries]
    as_of = MONDAY + dt.timedelta(as_of_day)
    summary = compute_load(history, PROFILE, as_of)
    per_day = [0.0] * (as_of_day + 1)
    for d, minutes, rpe in entries:
        if d <= as_of_day and minutes > 0:
            per_day[d] += rpe * minutes * 100 / 420
    assert summary.ctl == pytest.approx(ewma_loop(per_day, 1 / 42)[-1], abs=1e-9)
    assert summary.acute_7d == pytest.approx(ewma_loop(per_day, 0.25)[-1], abs=1e-9)
    assert summary.chronic_28d == pytest.approx(ewma_loop(per_day, 2 / 29)[-1], abs=1e-9)
    week = per_day[-7:]
    assert summary.week.week_load == pytest.approx(sum(week), abs=1e-9)
    assert np.isfinite(summary.tsb)


def test_a_report_day_far_in_the_future_is_refused() -> None:
    today = dt.date(2026, 11, 28)
    assert check_as_of(dt.date(2027, 11, 29), today) == dt.date(2027, 11, 29)
    with pytest.raises(InvalidInput, match="more than a year after today"):
        check_as_of(dt.date(9999, 12, 31), today)


_ODD_FLOATS = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(1e250, 1e308),
    st.floats(0, 50_000),
)


@st.composite
def odd_activity(draw: st.DrawFn) -> Activity:
    on = MONDAY + dt.timedelta(days=draw(st.integers(-60, 60)))
    laps = tuple(
        Lap(
            start=dt.datetime.combine(on, dt.time(7), tzinfo=dt.UTC),
            elapsed_s=draw(st.floats(allow_nan=True, allow_infinity=True)),
            distance_m=draw(_ODD_FLOATS),
        )
        for _ in range(draw(st.integers(0, 4)))
    )
    return Activity(
        sport=draw(st.sampled_from(SPORTS)),
        start=dt.datetime.combine(on, dt.time(7), tzinfo=dt.UTC),
        local_date=on,
        elapsed_s=draw(st.one_of(st.floats(allow_nan=True), st.floats(1e250, 1e308))),
        distance_m=draw(_ODD_FLOATS),
        moving_s=draw(_ODD_FLOATS),
        avg_hr=draw(_ODD_FLOATS),
        rpe=draw(_ODD_FLOATS),
        kind=draw(st.one_of(st.none(), st.sampled_from(RUN_KINDS))),
        laps=laps,
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(odd_activity(), max_size=25))
def test_hostile_activity_values_never_give_nan_or_negative_load(
    activities: list[Activity],
) -> None:
    summary = compute_load(activities, PROFILE, MONDAY + dt.timedelta(days=30))
    assert np.all(np.isfinite(summary.sessions.load))
    assert np.all(summary.sessions.load >= 0)
    for value in (summary.ctl, summary.atl, summary.tsb, summary.acute_7d, summary.chronic_28d):
        assert np.isfinite(value)
    assert all(np.isfinite(w.load) and np.isfinite(w.distance_m) for w in summary.weekly)
