"""Training context: plan, week, weekly distance, workouts and race."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.units import METRES_PER_KM, METRES_PER_MILE
from niggle.nlp.intake import read_text


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("I'm doing Run Less Run Faster for a half marathon.", "first-half"),
        ("Following the FIRST 10k plan.", "first-10k"),
        ("On a Hal Higdon marathon plan.", "hal-higdon-marathon"),
        ("Doing Pfitz 18/55.", "pfitzinger"),
        ("I'm a first timer, this is my first marathon.", None),  # "first" is not FIRST
    ],
)
def test_plan_names(text: str, plan: str | None) -> None:
    assert read_text(text).training.plan == plan


@pytest.mark.parametrize(
    ("text", "week"),
    [
        ("Three weeks into my marathon training.", 3),
        ("I'm in week 7 of the plan.", 7),
        ("It's the 5th week of my half marathon block.", 5),
        ("Three weeks ago my back started hurting.", None),
    ],
)
def test_plan_week(text: str, week: int | None) -> None:
    assert read_text(text).training.plan_week == week


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("I run 25+ miles a week.", 25 * METRES_PER_MILE),
        ("About 40km per week.", 40 * METRES_PER_KM),
        ("Around 30 mpw at the moment.", 30 * METRES_PER_MILE),
        ("Usually 20-25 miles a week.", 25 * METRES_PER_MILE),
        ("Peak weeks are 50 mile weeks.", 50 * METRES_PER_MILE),
    ],
)
def test_weekly_distance_in_metres(text: str, metres: float) -> None:
    assert read_text(text).training.weekly_distance_m == pytest.approx(metres, abs=1)


def test_absurd_weekly_distance_is_ignored() -> None:
    assert read_text("I ran 9000 miles a week, ha.").training.weekly_distance_m is None


def test_workouts() -> None:
    training = read_text(
        "This week: 6x800m, 3 x 1 mile at 10k pace, a 10 km tempo and an 18 miler. "
        "Long runs of 16 miles before that."
    ).training
    assert training.workouts == (
        "6 x 800m",
        "3 x 1 mile",
        "10 km tempo",
        "18 miler",
        "16 mile long run",
    )


def test_race_name_and_date() -> None:
    training = read_text("Training for the London Marathon on 26th April 2026.").training
    assert training.race_name == "London Marathon"
    assert training.race_date == dt.date(2026, 4, 26)


def test_race_date_without_a_year_needs_today() -> None:
    text = "Racing the Brighton Half on 1 March."
    assert read_text(text).training.race_date is None
    assert read_text(text, today=dt.date(2026, 4, 1)).training.race_date == dt.date(2027, 3, 1)


def test_an_impossible_race_date_is_dropped() -> None:
    assert read_text("The Berlin Marathon on 31 February 2027.").training.race_date is None


def test_my_spring_marathon_is_not_a_race_name() -> None:
    assert read_text("My Spring Marathon is in April.").training.race_name is None
