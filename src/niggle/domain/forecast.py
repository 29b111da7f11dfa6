"""Race forecast: today's predicted time, and race day under three what-if scenarios.

Inputs are plain data (runs, a daily load series, the race, the goal, today); nothing here
reads a clock or a database. The pieces:

- ``race_predictors``: VDOT, Riegel and Tanda side by side, each with its bias; their median
  is today's prediction.
- ``fitness_fatigue``: Banister's model (τ1 = 50 d, τ2 = 11 d) turns each scenario's training
  into a change of VDOT by race day, calibrated on detraining evidence.
- ``forecast_scenarios``: what each scenario means for training, and how long runs rebuild.

With k1 = k2 the model's race-day performance rises with every day's load (each day's
impulse adds e^(−t/50) − e^(−t/11) ≥ 0), so a scenario that trains less on every day can never
come out faster: six weeks off is slower than cross-training, which is no faster than
continuing with modifications.

Feasibility asks one question: can the runner rebuild the long run, at most 10 % a week
(clinical.md §4 R5), to the distance the race needs and still leave the usual gap before race
day? The long-run targets and gaps are product defaults taken from the FIRST plans (marathon
plans peak at 20-mile runs three weeks out; niggle asks for 18 miles).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from niggle.domain.activity import Activity
from niggle.domain.errors import InvalidInput
from niggle.domain.fitness_fatigue import (
    BANISTER_SOURCE,
    DETRAINING_SOURCE,
    FitnessFatigue,
    advance,
    from_history,
    projected_vdot,
    steady_state,
)
from niggle.domain.forecast_scenarios import (
    LONG_RUN_GROWTH,
    SCENARIO_SOURCES,
    TAPER_DAYS,
    TAPER_LOAD,
    ScenarioId,
    ScenarioPlan,
    continue_modified,
    cross_train,
    daily_load_shares,
    six_weeks_off,
)
from niggle.domain.paces import vdot, vdot_race_time
from niggle.domain.race_predictors import (
    Effort,
    Prediction,
    best_effort,
    consensus,
    efforts_from_runs,
    predict,
    training_volume,
)
from niggle.domain.units import RACE_DISTANCES_M, RaceResult

RECENT_LOAD_DAYS: Final = 28
SPIKE_WINDOW_DAYS: Final = 30  # R5 looks at the longest run of the past 30 days
MAX_FORECAST_DAYS: Final = 2 * 365
HALF_M: Final = RACE_DISTANCES_M["half"]
MARATHON_M: Final = RACE_DISTANCES_M["marathon"]


@dataclass(frozen=True, slots=True)
class RaceTarget:
    on: dt.date
    distance_m: float
    name: str | None = None


@dataclass(frozen=True, slots=True)
class ScenarioForecast:
    id: ScenarioId
    title: str
    description: str
    predicted_time_s: float
    feasible: bool
    notes: tuple[str, ...]
    suggested_goal_s: float
    race_day_vdot: float
    long_run_ready_on: dt.date | None
    earliest_race_on: dt.date | None
    range_s: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Assumption:
    name: str
    value: str
    source: str


@dataclass(frozen=True, slots=True)
class Forecast:
    today: dt.date
    race: RaceTarget
    goal_time_s: float | None
    predictions: tuple[Prediction, ...]
    predicted_time_s: float
    vdot_now: float
    scenarios: tuple[ScenarioForecast, ...]
    assumptions: tuple[Assumption, ...]
    notes: tuple[str, ...]


def long_run_target_m(race_distance_m: float) -> float:
    """The longest run to have done before the race (product default after FIRST)."""
    if race_distance_m >= MARATHON_M - 1:
        return min(29_000.0, race_distance_m)  # 18 miles
    if race_distance_m >= HALF_M - 1:
        return 16_000.0  # 10 miles
    return race_distance_m


def long_run_gap_weeks(race_distance_m: float) -> int:
    """Weeks between the last long run and race day (product default after FIRST)."""
    if race_distance_m >= MARATHON_M - 1:
        return 3
    if race_distance_m >= HALF_M - 1:
        return 2
    return 1


def longest_recent_run_m(runs: Sequence[Activity], today: dt.date) -> float | None:
    since = today - dt.timedelta(days=SPIKE_WINDOW_DAYS - 1)
    distances = [
        a.distance_m for a in runs if a.is_run and a.distance_m and since <= a.local_date <= today
    ]
    return max(distances) if distances else None


def check_race(race: RaceTarget, today: dt.date, goal_time_s: float | None) -> None:
    if race.on <= today:
        raise InvalidInput(
            f"The race date {race.on.isoformat()} is not after today ({today.isoformat()}). "
            "Give a race still to come with --race-date YYYY-MM-DD."
        )
    if (race.on - today).days > MAX_FORECAST_DAYS:
        raise InvalidInput("niggle forecasts races up to two years ahead; check --race-date.")
    if not 1000.0 <= race.distance_m <= 100_000.0:
        raise InvalidInput("Forecasts cover races from 1 km to 100 km; check --distance.")
    if goal_time_s is not None:
        pace = goal_time_s / (race.distance_m / 1000.0)
        if not 150.0 <= pace <= 1200.0:
            raise InvalidInput(
                "That goal works out faster than world-record pace or slower than walking; "
                "check --goal (h:mm:ss)."
            )


def forecast(
    today: dt.date,
    race: RaceTarget,
    goal_time_s: float | None,
    runs: Sequence[Activity],
    daily_loads: Sequence[float],
    extra_efforts: Sequence[Effort] = (),
) -> Forecast:
    """Today's prediction and race day under each scenario.

    ``daily_loads`` are the runner's loads (any unit) on consecutive days ending today.
    ``extra_efforts`` are races the runner recorded outside the log (their profile results).
    """
    check_race(race, today, goal_time_s)
    effort = best_effort([*efforts_from_runs(runs), *extra_efforts], today)
    volume = training_volume(runs, today)
    predictions = predict(race.distance_m, effort, volume)
    now_s = consensus(predictions)
    notes: list[str] = []
    if now_s is None:
        raise InvalidInput(
            "There is nothing to predict from yet: log or import some runs, or add a recent "
            "race result with niggle athlete update --from 5k=25:00."
        )
    vdot_now = vdot(RaceResult(race.distance_m, now_s))

    history = list(daily_loads)
    recent = history[-RECENT_LOAD_DAYS:]
    reference = sum(recent) / len(recent) if recent else 0.0
    if reference <= 0:
        notes.append(
            "No training load logged in the last four weeks: the scenarios assume you have "
            "been training steadily."
        )
        reference = 1.0
        state_now = steady_state(reference)
    else:
        state_now = from_history(history)

    longest = longest_recent_run_m(runs, today)
    if longest is None:
        notes.append(
            "No run logged in the last 30 days, so the long-run build could not be checked; "
            "feasibility below looks at the calendar only."
        )

    scenarios: list[ScenarioForecast] = []
    for plan in (continue_modified(), cross_train(2), six_weeks_off()):
        result = _scenario(plan, today, race, goal_time_s, vdot_now, state_now, reference, longest)
        if plan.id == "cross_train_1_2_weeks":
            one_week = _scenario(
                cross_train(1), today, race, goal_time_s, vdot_now, state_now, reference, longest
            )
            result = _with_range(result, one_week)
        scenarios.append(result)

    return Forecast(
        today=today,
        race=race,
        goal_time_s=goal_time_s,
        predictions=predictions,
        predicted_time_s=now_s,
        vdot_now=vdot_now,
        scenarios=tuple(scenarios),
        assumptions=_assumptions(race.distance_m),
        notes=tuple(notes),
    )


def rested_today(state_now: FitnessFatigue, load: float) -> FitnessFatigue:
    """Today's state after the standard taper: what today's predicted time stands for."""
    return advance(state_now, [TAPER_LOAD * load] * TAPER_DAYS + [0.0])


def _race_day_state(
    plan: ScenarioPlan, today: dt.date, race_on: dt.date, state_now: FitnessFatigue, load: float
) -> FitnessFatigue:
    shares = daily_load_shares(plan, (race_on - today).days)
    # Race morning: the last training day has decayed by one night, nothing added yet.
    return advance(state_now, [s * load for s in shares] + [0.0])


def _scenario(
    plan: ScenarioPlan,
    today: dt.date,
    race: RaceTarget,
    goal_time_s: float | None,
    vdot_now: float,
    state_now: FitnessFatigue,
    reference: float,
    longest: float | None,
) -> ScenarioForecast:
    baseline = rested_today(state_now, reference)
    race_day = _race_day_state(plan, today, race.on, state_now, reference)
    race_vdot = projected_vdot(vdot_now, baseline, race_day, reference)
    time_s = vdot_race_time(race_vdot, race.distance_m)

    notes: list[str] = []
    resume_on = today + dt.timedelta(days=plan.days_before_running)
    ready_on, earliest = _long_run_ready(plan, race.distance_m, resume_on, longest)
    gap = dt.timedelta(weeks=long_run_gap_weeks(race.distance_m))
    if resume_on >= race.on:
        feasible = False
        notes.append(f"Race day falls before running is back ({resume_on.isoformat()}).")
    elif ready_on is None:
        feasible = True
        notes.append("Long-run build not checked (no recent runs logged).")
    else:
        feasible = ready_on <= race.on - gap
        target_km = long_run_target_m(race.distance_m) / 1000
        if feasible:
            notes.append(
                f"Long run back to {target_km:.0f} km by {ready_on.isoformat()}, "
                f"{(race.on - ready_on).days // 7} weeks before race day."
            )
        else:
            notes.append(
                f"At +10 % a week the long run reaches {target_km:.0f} km only by "
                f"{ready_on.isoformat()}; the race needs it by {(race.on - gap).isoformat()}."
            )

    suggested = _suggested_goal(time_s, goal_time_s)
    if feasible and goal_time_s is not None:
        if time_s <= goal_time_s:
            notes.append("Your goal still looks within reach.")
        else:
            notes.append(f"Revised goal: {_hms(suggested)} instead of {_hms(goal_time_s)}.")
    if not feasible and earliest is not None:
        later = RaceTarget(earliest, race.distance_m, race.name)
        later_state = _race_day_state(plan, today, later.on, state_now, reference)
        later_vdot = projected_vdot(vdot_now, baseline, later_state, reference)
        suggested = _suggested_goal(vdot_race_time(later_vdot, race.distance_m), goal_time_s)
        notes.append(
            f"Choose a race on or after {earliest.isoformat()}; aim for about {_hms(suggested)}."
        )
        if race.distance_m >= MARATHON_M - 1:
            half_ready, _ = _long_run_ready(plan, HALF_M, resume_on, longest)
            half_gap = dt.timedelta(weeks=long_run_gap_weeks(HALF_M))
            if resume_on < race.on and (half_ready is None or half_ready <= race.on - half_gap):
                notes.append("The half marathon on the same day would still be feasible.")
    return ScenarioForecast(
        id=plan.id,
        title=plan.title,
        description=plan.description,
        predicted_time_s=time_s,
        feasible=feasible,
        notes=tuple(notes),
        suggested_goal_s=suggested,
        race_day_vdot=race_vdot,
        long_run_ready_on=ready_on,
        earliest_race_on=earliest,
    )


def _long_run_ready(
    plan: ScenarioPlan, race_distance_m: float, resume_on: dt.date, longest: float | None
) -> tuple[dt.date | None, dt.date | None]:
    """When the long run reaches its target, and the earliest race date that allows."""
    if longest is None:
        return None, None
    start = max(longest * plan.long_run_restart, plan.long_run_floor_m)
    target = long_run_target_m(race_distance_m)
    weeks = (
        0 if start >= target else math.ceil(math.log(target / start) / math.log(LONG_RUN_GROWTH))
    )
    ready_on = resume_on + dt.timedelta(weeks=weeks)
    return ready_on, ready_on + dt.timedelta(weeks=long_run_gap_weeks(race_distance_m))


def _suggested_goal(projected_s: float, goal_s: float | None) -> float:
    """Keep a goal that is still in reach; otherwise the projection, rounded up to a minute."""
    if goal_s is not None and projected_s <= goal_s:
        return goal_s
    return math.ceil(projected_s / 60.0) * 60.0


def _with_range(two_weeks: ScenarioForecast, one_week: ScenarioForecast) -> ScenarioForecast:
    low, high = sorted((one_week.predicted_time_s, two_weeks.predicted_time_s))
    notes = (
        *two_weeks.notes,
        f"Times and checks are for two weeks; after one week: {_hms(one_week.predicted_time_s)}.",
    )
    return ScenarioForecast(
        id=two_weeks.id,
        title="1–2 weeks cross-training",
        description="One to two weeks of cross-training only (bike, elliptical or pool running "
        "at the same time and effort), then back to the modified plan.",
        predicted_time_s=two_weeks.predicted_time_s,
        feasible=two_weeks.feasible,
        notes=notes,
        suggested_goal_s=two_weeks.suggested_goal_s,
        race_day_vdot=two_weeks.race_day_vdot,
        long_run_ready_on=two_weeks.long_run_ready_on,
        earliest_race_on=two_weeks.earliest_race_on,
        range_s=(low, high),
    )


def _hms(seconds: float) -> str:
    total = round(seconds)
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def _assumptions(race_distance_m: float) -> tuple[Assumption, ...]:
    return (
        Assumption("fitness-fatigue model", "τ1 = 50 d, τ2 = 11 d, k1 = k2", BANISTER_SOURCE),
        Assumption(
            "detraining calibration",
            "28 days of complete rest lowers VDOT by 8 %",
            DETRAINING_SOURCE,
        ),
        Assumption(
            "performance to race time",
            "change in fitness − fatigue between today-after-a-taper and race morning moves "
            "VDOT; race time from Daniels' formula",
            "Daniels & Gilbert 1979; mapping is a product default",
        ),
        Assumption("scenario training", "see description of each scenario", SCENARIO_SOURCES),
        Assumption(
            "long run needed",
            f"{long_run_target_m(race_distance_m) / 1000:.0f} km, "
            f"{long_run_gap_weeks(race_distance_m)} week(s) before the race",
            "product default after the FIRST plans (Pierce, Murr & Moss)",
        ),
        Assumption(
            "today's prediction",
            "median of the VDOT, Riegel and Tanda predictions that apply",
            "product default",
        ),
    )
