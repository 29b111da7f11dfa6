"""Putting a plan template on the calendar for one runner and one race.

Rules (issue 3; FIRST's own advice where it has some):
- The race date is the plan's last day, and the race workout falls on it.
- Weeks start on Monday (CONTRACTS.md); the last week is the race's week, so week 1 starts
  on the Monday ``length - 1`` weeks before it. For a Sunday race that is exactly the race
  date minus the plan's length.
- Key runs go on the runner's chosen weekdays (default Tue/Thu/Sun), in the template's order,
  with at least one day between any two of them, Sunday to Monday included. FIRST: "key runs
  may go in any order, with at least one day between them" (Furman HM programme PDF).
- Cross-training and the optional strength slot fill the days between key runs.
- Joining late starts at the week that holds the start date; FIRST advises it only when the
  runner "can already handle that week's long run" (FIRST FAQ), so a warning says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Final

from niggle.domain.errors import InvalidInput
from niggle.domain.plans import (
    WEEKDAYS,
    Plan,
    PlannedWorkout,
    PlanTemplate,
    Race,
    WorkoutTemplate,
    resolve_steps,
    target_pace,
    workout_totals,
)
from niggle.domain.plans_paces import PlanPaces, plan_paces
from niggle.domain.plans_text import describe
from niggle.domain.units import UnitSystem, format_distance

DEFAULT_KEY_DAYS: Final = (1, 3, 6)  # Tue, Thu, Sun
_DAY: Final = dt.timedelta(days=1)
KEY_DAYS_HELP: Final = "Write three weekdays such as tue,thu,sun or mon,wed,sat."
# Joining late: warn when the longest recent run is under this share of the first long run
# the runner will meet. Product default (not trial-based): FIRST only says "can handle".
LATE_JOIN_LONG_RUN_SHARE: Final = 0.9
_DAY_ALIASES: Final[dict[str, int]] = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}


def parse_weekday(text: str) -> int:
    value = text.strip().lower()
    if value not in _DAY_ALIASES:
        raise InvalidInput(f"Unknown weekday {text!r}. Use mon, tue, wed, thu, fri, sat or sun.")
    return _DAY_ALIASES[value]


def parse_key_days(text: str) -> tuple[int, ...]:
    parts = [p for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts:
        raise InvalidInput(f"No key-run days given. {KEY_DAYS_HELP}")
    days = [parse_weekday(p) for p in parts]
    if len(set(days)) != len(days):
        raise InvalidInput(f"A weekday appears twice in {text!r}. {KEY_DAYS_HELP}")
    return tuple(sorted(days))


def check_key_days(days: tuple[int, ...], runs_per_week: int) -> None:
    """Refuse key days that break FIRST's rest day between key runs, or are too few/many."""
    if len(days) != runs_per_week:
        raise InvalidInput(
            f"This plan has {runs_per_week} key runs a week, so it needs {runs_per_week} "
            f"key-run days; {len(days)} were given. {KEY_DAYS_HELP}"
        )
    ordered = sorted(days)
    for a, b in itertools.pairwise(ordered):
        if b - a < 2:
            raise InvalidInput(
                f"Key runs need at least one day between them, but {WEEKDAYS[a]} and "
                f"{WEEKDAYS[b]} are back to back. {KEY_DAYS_HELP}"
            )
    if len(ordered) > 1 and ordered[0] + 7 - ordered[-1] < 2:
        raise InvalidInput(
            f"Key runs need at least one day between them, but {WEEKDAYS[ordered[-1]]} and "
            f"the next {WEEKDAYS[ordered[0]]} are back to back. {KEY_DAYS_HELP}"
        )


@dataclass(frozen=True, slots=True)
class Schedule:
    plan: Plan
    warnings: tuple[str, ...]


def _fill_days(
    extras: list[WorkoutTemplate], run_days: set[int], long_day: int | None
) -> list[int]:
    """Days for cross-training and strength: between key runs, away from the long run."""

    def penalty(day: int, taken: list[int]) -> int:
        score = 0
        if long_day is not None and day in ((long_day + 1) % 7, (long_day - 1) % 7):
            score += 2  # the day after the long run is for recovery; the day before, freshness
        if any(abs(day - t) in (1, 6) for t in taken):
            score += 1
        return score

    free = [d for d in range(7) if d not in run_days]
    chosen: list[int] = []
    for extra in extras:
        if extra.day is not None:
            chosen.append(extra.day)
            continue
        candidates = [d for d in free if d not in chosen]
        best = min(candidates, key=lambda d: (penalty(d, chosen), d)) if candidates else None
        if best is None or (extra.kind == "strength" and penalty(best, chosen) >= 2 and chosen):
            # No good free day: the optional strength slot shares a cross-training day.
            best = chosen[0] if chosen else (free[0] if free else 0)
        chosen.append(best)
    return chosen


def schedule(
    template: PlanTemplate,
    race: Race,
    *,
    today: dt.date,
    units: UnitSystem,
    five_k_s: float | None,
    key_days: tuple[int, ...] = DEFAULT_KEY_DAYS,
    start: dt.date | None = None,
    longest_recent_run_m: float | None = None,
) -> Schedule:
    if race.date < today:
        raise InvalidInput(
            f"The race date {race.date.isoformat()} is in the past. Give the date of a race "
            "still to come with --race-date YYYY-MM-DD."
        )
    if template.runs_per_week():
        check_key_days(key_days, template.runs_per_week())
    if five_k_s is None and template.uses_named_paces():
        raise InvalidInput(
            "Plan paces come from your fitness, and there is no race result to set them. "
            "Add one with --from 5k=25:00 (or niggle athlete update --from 5k=25:00)."
        )
    paces = plan_paces(five_k_s, race.distance_m) if five_k_s is not None else None
    skeleton = Plan(
        template_id=template.id,
        name=template.name,
        race=race,
        start=race.date,
        length_weeks=template.length_weeks,
        first_week=1,
        key_days=key_days,
        workouts=(),
    )
    first_day = skeleton.week_start(1)
    warnings: list[str] = []
    if start is None:
        start = max(first_day, today)
        if start > first_day:
            warnings.append(
                f"The plan's week 1 began on {first_day.isoformat()}, so you join it today "
                f"in week {skeleton.week_of(start)}."
            )
    if start > race.date:
        raise InvalidInput(
            f"The start date {start.isoformat()} is after the race on "
            f"{race.date.isoformat()}. Start on or before race day."
        )
    if start < first_day:
        raise InvalidInput(
            f"This plan lasts {template.length_weeks} weeks, so for a race on "
            f"{race.date.isoformat()} it starts on {first_day.isoformat()}; start on or after "
            "that date, or choose a later race."
        )
    first_week = skeleton.week_of(start) or 1
    workouts = _place_all(template, skeleton, key_days, units, paces, start, warnings)
    plan = Plan(
        template_id=template.id,
        name=template.name,
        race=race,
        start=start,
        length_weeks=template.length_weeks,
        first_week=first_week,
        key_days=key_days,
        workouts=tuple(workouts),
        five_k_s=five_k_s,
        source=template.source,
    )
    late = late_join_warning(plan, longest_recent_run_m, units)
    if late:
        warnings.append(late)
    return Schedule(plan, tuple(warnings))


def _place_all(
    template: PlanTemplate,
    skeleton: Plan,
    key_days: tuple[int, ...],
    units: UnitSystem,
    paces: PlanPaces | None,
    start: dt.date,
    warnings: list[str],
) -> list[PlannedWorkout]:
    race_date = skeleton.race.date
    easy = paces.named_s_per_km["easy"] if paces else None
    placed: list[PlannedWorkout] = []
    for week in template.weeks:
        monday = skeleton.week_start(week.index)
        runs = [w for w in week.workouts if w.is_run]
        extras = [w for w in (*week.workouts, *template.every_week) if not w.is_run]
        days: list[tuple[int, WorkoutTemplate]] = []
        is_race_week = week.index == template.length_weeks
        free_runs = [w for w in runs if w.day is None and not (is_race_week and w.kind == "race")]
        slots = list(key_days)
        if is_race_week:
            # The race takes race day; the other runs need a rest day before it.
            slots = [d for d in key_days if d <= race_date.weekday() - 2]
            if len(free_runs) > len(slots):
                dropped = free_runs[: len(free_runs) - len(slots)]
                free_runs = free_runs[len(dropped) :]
                warnings.append(
                    "Race week: "
                    + ", ".join(describe(w, units) for w in dropped)
                    + " did not fit before race day with a rest day between, so "
                    + ("it was" if len(dropped) == 1 else "they were")
                    + " left out."
                )
            slots = slots[len(slots) - len(free_runs) :]
            days += [(race_date.weekday(), w) for w in runs if w.kind == "race"]
        days += list(zip(slots, free_runs, strict=False))
        days += [(w.day, w) for w in runs if w.day is not None and w.kind != "race"]
        long_day = next((d for d, w in days if w.kind in ("long", "race")), None)
        days += list(zip(_fill_days(extras, {d for d, _ in days}, long_day), extras, strict=True))
        for day, workout in sorted(days, key=lambda pair: pair[0]):
            on = monday + dt.timedelta(days=day)
            if on < start or on > race_date or (on == race_date and workout.kind != "race"):
                continue
            if workout.is_run and workout.kind != "race" and on == race_date - _DAY:
                # A Monday race after a Sunday key run: keep the rest day before the race.
                warnings.append(
                    f"{describe(workout, units)} on {on.isoformat()} is the day before the "
                    "race, so it was left out."
                )
                continue
            steps = resolve_steps(workout.steps, paces)
            distance, duration = workout_totals(steps, easy)
            placed.append(
                PlannedWorkout(
                    week=week.index,
                    on=on,
                    kind=workout.kind,
                    title=(
                        skeleton.race.name
                        if workout.kind == "race" and not workout.title
                        else describe(workout, units)
                    ),
                    steps=steps,
                    distance_m=distance,
                    duration_s=duration if steps else workout.duration_s,
                    target_pace_s_per_km=target_pace(steps),
                    note=workout.note,
                    optional=workout.optional,
                )
            )
    return placed


def first_long_run(plan: Plan) -> PlannedWorkout | None:
    return next((w for w in plan.workouts if w.kind == "long"), None)


def late_join_warning(
    plan: Plan, longest_recent_run_m: float | None, units: UnitSystem
) -> str | None:
    """FIRST: join late only if you can already handle that week's long run (FIRST FAQ)."""
    if plan.first_week <= 1:
        return None
    long_run = first_long_run(plan)
    if long_run is None or long_run.distance_m is None:
        return None
    needed = format_distance(long_run.distance_m, units)
    where = f"week {long_run.week}'s long run ({needed} on {long_run.on.isoformat()})"
    if longest_recent_run_m is None:
        return (
            f"You join in week {plan.first_week}. niggle has no recent runs to check, so make "
            f"sure you can already run {where}: FIRST advises joining late only then."
        )
    if longest_recent_run_m < LATE_JOIN_LONG_RUN_SHARE * long_run.distance_m:
        return (
            f"You join in week {plan.first_week}, but your longest recent run is "
            f"{format_distance(longest_recent_run_m, units)}, well short of {where}. FIRST "
            "advises joining late only if you can already handle that week's long run; "
            "consider a later race or build up first."
        )
    return None
