"""The fitness-fatigue model and the what-if scenarios: sensible order, honest feasibility."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niggle.domain.activity import Activity
from niggle.domain.errors import InvalidInput
from niggle.domain.fitness_fatigue import (
    DETRAINING_ANCHOR_DROP,
    TAU_FATIGUE_DAYS,
    TAU_FITNESS_DAYS,
    FitnessFatigue,
    advance,
    fitness_share,
    from_history,
    projected_vdot,
    steady_state,
    vdot_per_unit_form,
)
from niggle.domain.forecast import RaceTarget, forecast, long_run_target_m
from niggle.domain.forecast_scenarios import (
    TAPER_DAYS,
    TAPER_LOAD,
    continue_modified,
    cross_train,
    daily_load_shares,
    six_weeks_off,
)
from niggle.domain.race_predictors import Effort
from niggle.domain.units import RACE_DISTANCES_M

TODAY = dt.date(2026, 11, 28)
MARATHON = RACE_DISTANCES_M["marathon"]
GOAL = 3 * 3600 + 45 * 60
FIVE_K = Effort(5000, 1350, TODAY - dt.timedelta(days=20), "parkrun", is_race=True)


def run(day: dt.date, km: float, pace: float, kind: str) -> Activity:
    return Activity(
        sport="run",
        start=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        local_date=day,
        elapsed_s=km * pace,
        distance_m=km * 1000,
        kind=kind,  # type: ignore[arg-type]
    )


def first_style_history(
    weeks: int = 8, long_km: float = 21.0
) -> tuple[list[Activity], list[float]]:
    """Three runs a week (tempo, intervals, long) and a daily load of minutes x 4."""
    runs: list[Activity] = []
    for w in range(weeks):
        monday = TODAY - dt.timedelta(days=7 * (weeks - w))
        runs.append(run(monday + dt.timedelta(days=1), 8, 290, "tempo"))
        runs.append(run(monday + dt.timedelta(days=3), 10, 310, "intervals"))
        runs.append(
            run(monday + dt.timedelta(days=6), long_km - (weeks - 1 - w) * 0.5, 345, "long")
        )
    first = TODAY - dt.timedelta(days=7 * weeks)
    loads = [
        sum(a.duration_s / 60 * 4 for a in runs if a.local_date == first + dt.timedelta(days=i))
        for i in range((TODAY - first).days + 1)
    ]
    return runs, loads


def marathon_in(weeks: int, goal: float | None = GOAL):  # type: ignore[no-untyped-def]
    runs, loads = first_style_history()
    race = RaceTarget(TODAY + dt.timedelta(weeks=weeks), MARATHON, "Spring Marathon")
    return forecast(TODAY, race, goal, runs, loads, [FIVE_K])


def by_id(result) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return {s.id: s for s in result.scenarios}


# --- the model ---------------------------------------------------------------------------------


def test_recursion_matches_the_closed_form() -> None:
    state = advance(FitnessFatigue(0.0, 0.0), [1.0] * 100)
    expected_g = sum(math.exp(-i / TAU_FITNESS_DAYS) for i in range(100))
    expected_h = sum(math.exp(-i / TAU_FATIGUE_DAYS) for i in range(100))
    assert state.fitness == pytest.approx(expected_g)
    assert state.fatigue == pytest.approx(expected_h)
    settled = advance(FitnessFatigue(0.0, 0.0), [2.0] * 5000)
    assert settled.fitness == pytest.approx(steady_state(2.0).fitness)
    assert settled.fatigue == pytest.approx(steady_state(2.0).fatigue)


def test_detraining_calibration_costs_eight_percent_of_fitness_in_four_weeks() -> None:
    assert fitness_share() == pytest.approx(0.1865, abs=1e-3)
    load = 50.0
    start = steady_state(load)
    rested = advance(start, [0.0] * 28)
    k = vdot_per_unit_form(45.0, load)
    assert k * (start.fitness - rested.fitness) == pytest.approx(DETRAINING_ANCHOR_DROP * 45.0)


def test_steady_training_keeps_vdot_and_rest_lowers_it_for_good() -> None:
    now = steady_state(60.0)
    assert projected_vdot(45.0, now, advance(now, [60.0] * 30), 60.0) == pytest.approx(45.0)
    after_rest = projected_vdot(45.0, now, advance(now, [0.0] * 90), 60.0)
    assert after_rest < 45.0 * 0.9
    assert projected_vdot(45.0, now, now, 0.0) == 45.0  # no load: nothing to scale by


def test_a_short_log_is_not_read_as_a_beginner() -> None:
    state = from_history([40.0] * 21)
    assert state.fitness == pytest.approx(steady_state(40.0).fitness)
    assert from_history([]) == FitnessFatigue(0.0, 0.0)


def test_scenario_loads_end_with_a_taper_once_running_is_back() -> None:
    shares = daily_load_shares(continue_modified(), 60)
    assert len(shares) == 59
    assert shares[-TAPER_DAYS:] == [TAPER_LOAD] * TAPER_DAYS
    off = daily_load_shares(six_weeks_off(), 50)
    assert off[:42] == [0.0] * 42  # six weeks off stays off, taper or not
    assert daily_load_shares(cross_train(2), 10) == [TAPER_LOAD] * 9  # race inside the block
    assert daily_load_shares(cross_train(2), 100)[:14] == [0.7] * 14


# --- scenarios ---------------------------------------------------------------------------------


@pytest.mark.parametrize("weeks", [3, 6, 10, 13, 16, 24, 40])
def test_six_weeks_off_is_slowest_and_cross_training_costs_at_most_a_little(weeks: int) -> None:
    s = by_id(marathon_in(weeks))
    cont, cross, off = s["continue_modified"], s["cross_train_1_2_weeks"], s["six_weeks_off"]
    assert off.predicted_time_s > cross.predicted_time_s >= cont.predicted_time_s - 1e-6
    low, high = cross.range_s
    assert cont.predicted_time_s - 1e-6 <= low <= high <= off.predicted_time_s


def test_six_weeks_off_is_infeasible_when_the_race_is_close() -> None:
    s = by_id(marathon_in(13))
    assert s["continue_modified"].feasible
    off = s["six_weeks_off"]
    assert not off.feasible
    assert off.earliest_race_on is not None and off.earliest_race_on > TODAY + dt.timedelta(
        weeks=13
    )
    assert any("Choose a race on or after" in n for n in off.notes)
    during_break = by_id(marathon_in(4))["six_weeks_off"]
    assert not during_break.feasible
    assert any("before running is back" in n for n in during_break.notes)


def test_a_distant_race_is_feasible_even_after_six_weeks_off() -> None:
    off = by_id(marathon_in(40))["six_weeks_off"]
    assert off.feasible
    assert off.long_run_ready_on is not None


def test_long_run_build_decides_feasibility_for_a_close_race() -> None:
    cont = by_id(marathon_in(4))["continue_modified"]
    assert not cont.feasible  # 21 km now, 29 km needed 3 weeks out: too little time
    assert any("+10 %" in n for n in cont.notes)
    assert any("half marathon" in n for n in cont.notes)


def test_revised_goals() -> None:
    ambitious = marathon_in(13, goal=3 * 3600)
    cont = by_id(ambitious)["continue_modified"]
    assert cont.suggested_goal_s >= cont.predicted_time_s
    assert cont.suggested_goal_s % 60 == 0
    assert any("Revised goal" in n for n in cont.notes)
    relaxed = by_id(marathon_in(13, goal=4 * 3600))["continue_modified"]
    assert relaxed.suggested_goal_s == 4 * 3600
    assert any("within reach" in n for n in relaxed.notes)
    # Infeasible: the suggestion is for the earliest race the long-run build allows, which
    # comes after more recovery, so it is faster than racing on the original date.
    no_goal = by_id(marathon_in(13, goal=None))["six_weeks_off"]
    assert not no_goal.feasible and no_goal.earliest_race_on is not None
    assert no_goal.suggested_goal_s < no_goal.predicted_time_s
    later = by_id(
        forecast(
            TODAY,
            RaceTarget(no_goal.earliest_race_on, MARATHON),
            None,
            *first_style_history(),
            [FIVE_K],
        )
    )["six_weeks_off"]
    assert later.feasible
    assert no_goal.suggested_goal_s == math.ceil(later.predicted_time_s / 60) * 60
    assert any(no_goal.earliest_race_on.isoformat() in n for n in no_goal.notes)


def test_the_forecast_shows_predictions_assumptions_and_todays_time() -> None:
    result = marathon_in(13)
    assert [p.method for p in result.predictions] == ["vdot", "riegel", "tanda"]
    times = sorted(p.time_s for p in result.predictions if p.time_s is not None)
    assert result.predicted_time_s == times[len(times) // 2]
    names = {a.name for a in result.assumptions}
    assert {"fitness-fatigue model", "detraining calibration", "performance to race time"} <= names
    assert all(a.source for a in result.assumptions)


def test_no_log_still_forecasts_from_a_race_result() -> None:
    race = RaceTarget(TODAY + dt.timedelta(weeks=12), RACE_DISTANCES_M["half"])
    result = forecast(TODAY, race, None, [], [], [FIVE_K])
    assert result.predicted_time_s > 0
    assert any("training steadily" in n for n in result.notes)
    assert any("long-run build could not be checked" in n for n in result.notes)
    s = by_id(result)
    assert s["six_weeks_off"].predicted_time_s > s["continue_modified"].predicted_time_s


def test_long_run_targets_follow_the_distance() -> None:
    assert long_run_target_m(MARATHON) == 29_000
    assert long_run_target_m(RACE_DISTANCES_M["half"]) == 16_000
    assert long_run_target_m(10_000) == 10_000


@pytest.mark.parametrize(
    ("race", "goal", "fragment"),
    [
        (RaceTarget(TODAY, MARATHON), None, "not after today"),
        (RaceTarget(TODAY - dt.timedelta(days=3), MARATHON), None, "not after today"),
        (RaceTarget(TODAY + dt.timedelta(days=900), MARATHON), None, "two years"),
        (RaceTarget(TODAY + dt.timedelta(days=90), 500), None, "1 km to 100 km"),
        (RaceTarget(TODAY + dt.timedelta(days=90), MARATHON), 3600.0, "world-record"),
    ],
)
def test_impossible_races_and_goals_are_refused(
    race: RaceTarget, goal: float | None, fragment: str
) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        forecast(TODAY, race, goal, [], [], [FIVE_K])


def test_nothing_to_predict_from_says_how_to_fix_it() -> None:
    with pytest.raises(InvalidInput, match="athlete update --from"):
        forecast(TODAY, RaceTarget(TODAY + dt.timedelta(days=90), MARATHON), None, [], [], [])


@settings(max_examples=40, deadline=None)
@given(
    weeks=st.integers(2, 60),
    load=st.floats(5, 300),
    history_days=st.integers(0, 200),
    five_k=st.floats(15 * 60, 40 * 60),
)
def test_scenario_order_holds_for_any_runner(
    weeks: int, load: float, history_days: int, five_k: float
) -> None:
    race = RaceTarget(TODAY + dt.timedelta(weeks=weeks), MARATHON)
    effort = Effort(5000, five_k, TODAY - dt.timedelta(days=5), "5k", True)
    result = forecast(TODAY, race, None, [], [load] * history_days, [effort])
    s = by_id(result)
    cont, cross, off = s["continue_modified"], s["cross_train_1_2_weeks"], s["six_weeks_off"]
    assert off.predicted_time_s > cross.predicted_time_s >= cont.predicted_time_s - 1e-6
    assert all(
        math.isfinite(x.predicted_time_s) and x.predicted_time_s > 0 for x in result.scenarios
    )
