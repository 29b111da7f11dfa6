"""Scheduling a plan to a race: key days, start dates, joining late, race week."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niggle.domain.errors import InvalidInput
from niggle.domain.plans import (
    Plan,
    PlanTemplate,
    Race,
    Step,
    WeekTemplate,
    WorkoutTemplate,
)
from niggle.domain.plans_schedule import (
    check_key_days,
    late_join_warning,
    parse_key_days,
    schedule,
)
from niggle.domain.units import METRES_PER_MILE

MILE = METRES_PER_MILE
TODAY = dt.date(2026, 11, 28)  # a Saturday


def _run(kind: str, miles: float, pace: str = "easy") -> WorkoutTemplate:
    return WorkoutTemplate(kind=kind, steps=(Step("work", distance_m=miles * MILE, pace=pace),))


def four_week_plan() -> PlanTemplate:
    """A small plan whose long runs grow 8, 10, 12 miles, then the race."""
    weeks = tuple(
        WeekTemplate(
            i,
            (
                _run("intervals", 5, "rep_800"),
                _run("tempo", 6, "short_tempo"),
                _run("long", 6 + 2 * i, "mp+30")
                if i < 4
                else WorkoutTemplate(
                    kind="race", steps=(Step("work", distance_m=21097.5, pace="race"),)
                ),
            ),
        )
        for i in range(1, 5)
    )
    cross = WorkoutTemplate(kind="cross", duration_s=2400)
    strength = WorkoutTemplate(kind="strength", duration_s=1200, optional=True)
    return PlanTemplate("test-4", "Four weeks", 21097.5, weeks, every_week=(cross, cross, strength))


def plan_for(race_date: dt.date, **kwargs: object) -> tuple[Plan, tuple[str, ...]]:
    options: dict[str, object] = {"today": TODAY, "units": "mi", "five_k_s": 1350.0}
    options.update(kwargs)
    result = schedule(four_week_plan(), Race("Half", race_date, 21097.5), **options)
    return result.plan, result.warnings


def test_key_days_parse_in_any_order_and_spelling() -> None:
    assert parse_key_days("sun, tue,Thursday") == (1, 3, 6)
    assert parse_key_days("mon wed sat") == (0, 2, 5)
    with pytest.raises(InvalidInput, match="Unknown weekday"):
        parse_key_days("tue,thu,funday")
    with pytest.raises(InvalidInput, match="twice"):
        parse_key_days("tue,tue,sun")


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ((1, 2, 6), "tue and wed are back to back"),
        ((0, 3, 6), "sun and the next mon are back to back"),
        ((1, 3), "needs 3 key-run days; 2 were given"),
        ((0, 2, 4, 6), "needs 3 key-run days; 4 were given"),
    ],
)
def test_impossible_key_days_are_refused_with_a_clear_message(
    days: tuple[int, ...], message: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        check_key_days(days, 3)
    assert message in info.value.message
    assert "tue,thu,sun" in info.value.message  # and how to fix it


def test_impossible_key_days_refuse_the_whole_plan() -> None:
    with pytest.raises(InvalidInput, match="back to back"):
        plan_for(dt.date(2027, 4, 25), key_days=(1, 2, 5))


def test_start_defaults_to_race_date_minus_the_plan_length() -> None:
    plan, warnings = plan_for(dt.date(2027, 4, 25))
    assert (
        plan.start == dt.date(2027, 3, 29) == dt.date(2027, 4, 25) - dt.timedelta(weeks=4, days=-1)
    )
    assert plan.first_week == 1 and warnings == ()
    assert plan.week_start(1).weekday() == 0  # weeks start on Monday


def test_race_date_in_the_past_is_refused() -> None:
    with pytest.raises(InvalidInput, match="in the past"):
        plan_for(TODAY - dt.timedelta(days=1))


def test_start_after_the_race_is_refused() -> None:
    with pytest.raises(InvalidInput, match="after the race"):
        plan_for(dt.date(2027, 4, 25), start=dt.date(2027, 4, 26))


def test_start_before_the_plan_begins_is_refused_with_the_earliest_date() -> None:
    with pytest.raises(InvalidInput, match="starts on 2027-03-29"):
        plan_for(dt.date(2027, 4, 25), start=dt.date(2027, 3, 1))


def test_joining_late_starts_at_the_matching_week() -> None:
    plan, _ = plan_for(
        dt.date(2027, 4, 25), start=dt.date(2027, 4, 8), longest_recent_run_m=11 * MILE
    )
    assert plan.first_week == 2
    assert plan.start == dt.date(2027, 4, 8)
    assert min(w.on for w in plan.workouts) >= dt.date(2027, 4, 8)
    # Week 2's Tuesday intervals are before the start and are left out; its long run stays.
    week2 = plan.workouts_in_week(2)
    assert [w.kind for w in week2 if w.is_run] == ["tempo", "long"]
    assert list(plan.week_indexes()) == [2, 3, 4]


def test_late_join_warns_when_recent_training_does_not_support_the_long_run() -> None:
    _, warnings = plan_for(
        dt.date(2027, 4, 25), start=dt.date(2027, 4, 5), longest_recent_run_m=6 * MILE
    )
    assert any("longest recent run is 6 mi" in w and "10 mi" in w for w in warnings)
    _, fine = plan_for(
        dt.date(2027, 4, 25), start=dt.date(2027, 4, 5), longest_recent_run_m=10 * MILE
    )
    assert fine == ()
    _, unknown = plan_for(dt.date(2027, 4, 25), start=dt.date(2027, 4, 5))
    assert any("no recent runs to check" in w for w in unknown)


def test_when_week_one_has_passed_the_runner_joins_today() -> None:
    race = TODAY + dt.timedelta(days=15)  # Sunday 13 Dec: week 1 began on Mon 16 Nov
    plan, warnings = plan_for(race, longest_recent_run_m=20 * MILE)
    assert plan.start == TODAY
    assert plan.first_week == 2
    assert warnings == ("The plan's week 1 began on 2026-11-16, so you join it today in week 2.",)
    assert min(w.on for w in plan.workouts) >= TODAY


def test_late_join_warning_is_silent_for_a_plan_started_on_time() -> None:
    plan, _ = plan_for(dt.date(2027, 4, 25))
    assert late_join_warning(plan, None, "mi") is None


def test_cross_training_sits_between_key_runs_away_from_the_long_run() -> None:
    plan, _ = plan_for(dt.date(2027, 4, 25))
    week = plan.workouts_in_week(1)
    days = {w.kind: [] for w in week}
    for w in week:
        days[w.kind].append(w.on.weekday())
    assert days["cross"] == [2, 4]  # Wed and Fri: not the day before or after Sunday's long run
    assert days["strength"] == [2]  # the optional slot shares a cross-training day


def test_saturday_race_keeps_the_race_on_race_day_with_rest_before_it() -> None:
    race = dt.date(2027, 4, 24)  # Saturday
    plan, warnings = plan_for(race)
    last = [w for w in plan.workouts_in_week(4) if w.is_run]
    assert [(w.kind, w.on.weekday()) for w in last] == [("intervals", 1), ("tempo", 3), ("race", 5)]
    assert max(w.on for w in plan.workouts) == race
    assert warnings == ()


def test_midweek_race_drops_race_week_runs_that_do_not_fit_and_says_so() -> None:
    race = dt.date(2027, 4, 21)  # Wednesday: Tue is the day before, nothing else fits
    plan, warnings = plan_for(race)
    last = [w for w in plan.workouts_in_week(4) if w.is_run]
    assert [w.kind for w in last] == ["race"]
    assert any(w.startswith("Race week:") and "left out" in w for w in warnings)


def test_monday_race_keeps_a_rest_day_after_the_sunday_key_run() -> None:
    race = dt.date(2027, 4, 26)  # Monday
    plan, warnings = plan_for(race)
    runs = [w for w in plan.workouts if w.is_run and w.on >= race - dt.timedelta(days=2)]
    assert [(w.kind, w.on) for w in runs] == [("race", race)]
    assert any("2027-04-25 is the day before the race" in w for w in warnings)


def test_a_plan_without_fitness_cannot_resolve_named_paces() -> None:
    with pytest.raises(InvalidInput, match="--from 5k="):
        plan_for(dt.date(2027, 4, 25), five_k_s=None)


@settings(max_examples=60, deadline=None)
@given(
    days=st.sets(st.integers(0, 6), min_size=3, max_size=3),
    offset=st.integers(0, 200),
)
def test_key_runs_always_have_a_day_between_them(days: set[int], offset: int) -> None:
    key_days = tuple(sorted(days))
    race = TODAY + dt.timedelta(days=30 + offset)
    try:
        plan, _ = plan_for(race, key_days=key_days)
    except InvalidInput as refused:
        assert "back to back" in refused.message
        return
    runs = sorted(w.on for w in plan.workouts if w.is_run)
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(runs)), runs
    assert runs[-1] == race
    assert [w.kind for w in plan.workouts if w.on == race] == ["race"]
    assert all(w.on <= race for w in plan.workouts)


def test_the_race_needs_no_key_day_and_a_race_only_plan_needs_none() -> None:
    race_week = WeekTemplate(
        1, (WorkoutTemplate(kind="race", steps=(Step("work", distance_m=5000, pace="5k"),)),)
    )
    template = PlanTemplate("race-only", "Just the race", 5000.0, (race_week,))
    assert template.runs_per_week() == 0
    race = Race("Parkrun", dt.date(2027, 4, 24), 5000.0)
    plan = schedule(template, race, today=TODAY, units="km", five_k_s=1500.0).plan
    assert [(w.kind, w.on) for w in plan.workouts] == [("race", race.date)]
    assert four_week_plan().runs_per_week() == 3
