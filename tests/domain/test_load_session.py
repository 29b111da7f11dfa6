"""One session's load: Foster session-RPE, rTSS, Banister TRIMP and the single points scale.

Hand-computed values come from /work/shared/knowledge/training.md §3.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niggle.domain.activity import Activity, Lap
from niggle.domain.athlete import Athlete, RecordedResult
from niggle.domain.paces import daniels_paces, vdot
from niggle.domain.session_load import (
    DEFAULT_RPE_BY_SPORT,
    MAX_INTENSITY_FACTOR,
    POINTS_PER_AU,
    LoadProfile,
    banister_trimp,
    default_rpe,
    foster_session_rpe,
    intensity_factor,
    load_profile,
    rtss,
    session_loads,
    session_rpe_points,
    trimp_points,
)
from niggle.domain.units import RaceResult

DAY = dt.date(2026, 3, 2)
START = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
THRESHOLD = 270.0  # 4:30/km


def run(**kw: object) -> Activity:
    base: dict[str, object] = {"sport": "run", "start": START, "local_date": DAY}
    base.update(kw)
    return Activity(**base)


# --- the formulas ----------------------------------------------------------------------------


def test_foster_session_rpe_is_rpe_times_minutes() -> None:
    assert foster_session_rpe(7, 60) == 420


def test_an_hour_at_rpe_7_is_one_threshold_hour() -> None:
    # The anchor of the single scale: 420 AU = 100 points.
    assert session_rpe_points(7, 60) == pytest.approx(100.0)
    assert pytest.approx(100 / 420) == POINTS_PER_AU


def test_rtss_matches_the_worked_example() -> None:
    # 30 min at 5:00/km against a 4:30/km threshold: IF = 270/300 = 0.9, 0.5 h x 0.81 x 100.
    assert intensity_factor(1800, 6000, THRESHOLD) == pytest.approx(0.9)
    assert rtss(1800, 6000, THRESHOLD) == pytest.approx(40.5)


def test_an_hour_at_threshold_pace_is_100_rtss() -> None:
    assert rtss(3600, 3600 / THRESHOLD * 1000, THRESHOLD) == pytest.approx(100.0)


def test_rtss_caps_impossible_gps_speeds() -> None:
    # 10 km in 10 minutes is a GPS glitch, not a world record.
    assert intensity_factor(600, 10_000, THRESHOLD) == MAX_INTENSITY_FACTOR


def test_banister_trimp_male_and_female_constants() -> None:
    # HRr = (155-55)/(190-55) = 0.7407; male 60 x 0.7407 x 0.64 e^(1.92 x 0.7407) = 117.9;
    # female uses the published 0.86 e^(1.67 x HRr) = 131.7 (not GoldenCheetah's 0.64).
    assert banister_trimp(60, 155, 55, 190, "male") == pytest.approx(117.9, abs=0.05)
    assert banister_trimp(60, 155, 55, 190, "female") == pytest.approx(131.7, abs=0.05)


def test_unknown_or_other_sex_uses_the_male_constants() -> None:
    male = banister_trimp(60, 155, 55, 190, "male")
    assert banister_trimp(60, 155, 55, 190, None) == male
    assert banister_trimp(60, 155, 55, 190, "other") == male


def test_trimp_points_are_scaled_by_a_threshold_hour() -> None:
    # Threshold HR = 0.9 x 190 = 171, HRr 116/135 = 0.8593;
    # TRIMP(60 min @171) = 60 x 0.8593 x 0.64 e^(1.92 x 0.8593) = 171.8; 100 x 117.94/171.8.
    assert trimp_points(60, 155, 55, 190, "male") == pytest.approx(68.66, abs=0.05)
    assert trimp_points(60, 171, 55, 190, "male") == pytest.approx(100.0)
    assert trimp_points(60, 171, 55, 190, "female") == pytest.approx(100.0)


def test_heart_rate_above_max_is_held_at_max() -> None:
    assert banister_trimp(60, 205, 55, 190, "male") == banister_trimp(60, 190, 55, 190, "male")
    assert banister_trimp(60, 40, 55, 190, "male") == 0.0


def test_default_rpe_by_sport_and_run_kind() -> None:
    assert default_rpe("run", "intervals") == 7.0
    assert default_rpe("run", "easy") == 3.0
    assert default_rpe("run", None) == DEFAULT_RPE_BY_SPORT["run"]
    assert default_rpe("ride", None) == 4.0
    assert default_rpe("walk", "tempo") == 2.0


def test_load_profile_takes_threshold_pace_from_fitness() -> None:
    result = RaceResult(5000, 1350)
    athlete = Athlete(
        name="Sam",
        results=(RecordedResult(result, None),),
        hr_max=190,
        hr_rest=55,
        sex="female",
    )
    profile = load_profile(athlete)
    assert profile.threshold_s_per_km == daniels_paces(vdot(result)).threshold_s_per_km
    assert (profile.hr_max, profile.hr_rest, profile.sex) == (190, 55, "female")
    assert load_profile(Athlete(name="New")).threshold_s_per_km is None


# --- which measure each session gets ---------------------------------------------------------

FULL = LoadProfile(threshold_s_per_km=THRESHOLD, hr_max=190, hr_rest=55, sex="male")


def test_rpe_wins_over_pace_and_heart_rate() -> None:
    loads = session_loads([run(elapsed_s=3600, distance_m=12_000, avg_hr=160, rpe=7)], FULL)
    assert loads.method_of(0) == "session_rpe"
    assert loads.load[0] == pytest.approx(100.0)


def test_pace_is_used_for_runs_without_rpe() -> None:
    loads = session_loads([run(elapsed_s=1800, distance_m=6000, avg_hr=150)], FULL)
    assert loads.method_of(0) == "rtss"
    assert loads.load[0] == pytest.approx(40.5)
    assert loads.intensity_factor[0] == pytest.approx(0.9)
    assert math.isfinite(loads.trimp[0])  # TRIMP is still computed for reference


def test_moving_time_is_used_when_known() -> None:
    loads = session_loads([run(elapsed_s=2400, moving_s=1800, distance_m=6000)], FULL)
    assert loads.load[0] == pytest.approx(40.5)
    assert loads.duration_s[0] == 1800


def test_heart_rate_is_used_when_threshold_pace_is_unknown() -> None:
    profile = LoadProfile(hr_max=190, hr_rest=55, sex="male")
    loads = session_loads([run(elapsed_s=3600, distance_m=10_000, avg_hr=155)], profile)
    assert loads.method_of(0) == "trimp"
    assert loads.load[0] == pytest.approx(68.66, abs=0.05)
    assert loads.trimp[0] == pytest.approx(117.9, abs=0.05)


def test_heart_rate_needs_the_athletes_max_and_rest() -> None:
    loads = session_loads([run(elapsed_s=3600, avg_hr=155)], LoadProfile(hr_max=190))
    assert loads.method_of(0) == "default_rpe"


def test_cross_training_counts_with_rpe_or_a_default() -> None:
    ride = Activity("ride", START, DAY, 3600, distance_m=30_000, rpe=5)
    swim = Activity("swim", START, DAY, 2700, distance_m=2000)
    walk = Activity("walk", START, DAY, 3600, distance_m=5000)
    loads = session_loads([ride, swim, walk], FULL)
    assert [loads.method_of(i) for i in range(3)] == ["session_rpe", "default_rpe", "default_rpe"]
    assert loads.load[0] == pytest.approx(5 * 60 * 100 / 420)
    assert loads.load[1] == pytest.approx(4 * 45 * 100 / 420)
    assert loads.load[2] == pytest.approx(2 * 60 * 100 / 420)
    # Cross-training never adds running distance.
    assert loads.run_distance_m.tolist() == [0.0, 0.0, 0.0]
    assert loads.is_run.tolist() == [False, False, False]


def test_cross_training_with_heart_rate_uses_trimp() -> None:
    ride = Activity("ride", START, DAY, 3600, avg_hr=155)
    loads = session_loads([ride], FULL)
    assert loads.method_of(0) == "trimp"


def test_run_without_distance_or_threshold_falls_back_to_kind() -> None:
    loads = session_loads([run(elapsed_s=3600, kind="tempo")], LoadProfile())
    assert loads.method_of(0) == "default_rpe"
    assert loads.load[0] == pytest.approx(6 * 60 * 100 / 420)


@pytest.mark.parametrize("bad_rpe", [-1.0, 11.0, float("nan")])
def test_rpe_outside_cr10_is_ignored(bad_rpe: float) -> None:
    loads = session_loads([run(elapsed_s=1800, distance_m=6000, rpe=bad_rpe)], FULL)
    assert loads.method_of(0) == "rtss"


@pytest.mark.parametrize("elapsed", [0.0, -60.0, float("nan")])
def test_sessions_without_a_duration_carry_no_load(elapsed: float) -> None:
    loads = session_loads([run(elapsed_s=elapsed, distance_m=6000, rpe=5)], FULL)
    assert loads.method_of(0) == "none"
    assert loads.load[0] == 0.0
    assert loads.duration_s[0] == 0.0


def test_empty_input_gives_empty_columns() -> None:
    loads = session_loads([], FULL)
    assert len(loads) == 0
    assert loads.counts() == {
        "session_rpe": 0,
        "rtss": 0,
        "trimp": 0,
        "default_rpe": 0,
        "none": 0,
    }


def _lap(seconds: float, metres: float) -> Lap:
    return Lap(start=START, elapsed_s=seconds, distance_m=metres)


def test_laps_keep_fast_reps_from_being_averaged_away() -> None:
    # 4 x (1 km at threshold, 4:30; 1 km jog at 6:45). Average pace would say IF 0.8.
    laps = tuple(
        lap for _ in range(4) for lap in (_lap(THRESHOLD, 1000), _lap(1.5 * THRESHOLD, 1000))
    )
    total = sum(lap.elapsed_s for lap in laps)
    with_laps = run(elapsed_s=total, distance_m=8000, laps=laps)
    without = run(elapsed_s=total, distance_m=8000)
    loads = session_loads([with_laps, without], FULL)
    # By hand: each rep pair = 270 s x 1^2 + 405 s x (2/3)^2 = 450 s at IF^2 1; x4 = 1800 s
    # -> 0.5 h x 100 = 50 points. Average pace: 2700 s at IF 0.8 -> 0.75 x 0.64 x 100 = 48.
    assert loads.load[0] == pytest.approx(50.0)
    assert loads.load[1] == pytest.approx(48.0)


def test_laps_that_do_not_cover_the_run_are_ignored() -> None:
    laps = (_lap(270, 1000), _lap(270, 1000))  # 2 km of laps on a 6 km run
    loads = session_loads([run(elapsed_s=1800, distance_m=6000, laps=laps)], FULL)
    assert loads.load[0] == pytest.approx(40.5)


# --- the vectorised scorer agrees with the one-at-a-time formulas -----------------------------


@settings(deadline=None)  # a busy shared machine must not make this flaky
@given(
    minutes=st.floats(5, 300),
    pace=st.floats(150, 600),
    hr=st.floats(60, 200),
    rpe=st.one_of(st.none(), st.floats(0, 10)),
    sex=st.sampled_from(["male", "female", None]),
)
def test_vectorised_scores_match_the_formulas(
    minutes: float, pace: float, hr: float, rpe: float | None, sex: str | None
) -> None:
    seconds = minutes * 60
    distance = seconds / pace * 1000
    profile = LoadProfile(THRESHOLD, 190, 55, sex)
    no_pace = LoadProfile(None, 190, 55, sex)
    activity = run(elapsed_s=seconds, distance_m=distance, avg_hr=hr, rpe=rpe)
    scored = session_loads([activity], profile)
    by_hr = session_loads([activity], no_pace)
    if rpe is None:
        assert scored.load[0] == pytest.approx(rtss(seconds, distance, THRESHOLD))
        assert by_hr.load[0] == pytest.approx(trimp_points(minutes, hr, 55, 190, sex))
    else:
        assert scored.load[0] == pytest.approx(session_rpe_points(rpe, minutes))
    assert np.all(scored.load >= 0)


def test_a_recording_left_running_for_weeks_carries_no_load() -> None:
    loads = session_loads([run(elapsed_s=30 * 86_400, rpe=5), run(elapsed_s=1e300)], FULL)
    assert loads.load.tolist() == [0.0, 0.0]
    assert [loads.method_of(i) for i in range(2)] == ["none", "none"]
