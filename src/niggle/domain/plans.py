"""Training plans: templates of weeks and workouts, and a plan scheduled to a race.

A template (from a knowledge YAML file or a runner's own file) names paces symbolically
(``rep_800``, ``mp+45``); scheduling places each workout on a date and resolves its paces for
one runner (see :mod:`niggle.domain.plans_schedule`). Everything is SI: metres, seconds,
seconds per km.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from niggle.domain.plans_paces import PlanPaces

StepType = Literal["warmup", "work", "recovery", "cooldown", "repeat"]
STEP_TYPES: Final[tuple[StepType, ...]] = ("warmup", "work", "recovery", "cooldown", "repeat")

WorkoutKind = Literal["intervals", "tempo", "long", "easy", "cross", "strength", "rest", "race"]
WORKOUT_KINDS: Final[tuple[WorkoutKind, ...]] = (
    "intervals",
    "tempo",
    "long",
    "easy",
    "cross",
    "strength",
    "rest",
    "race",
)
# Runs take the runner's key-run days; the other kinds fill the days between.
RUN_KINDS: Final[frozenset[WorkoutKind]] = frozenset({"intervals", "tempo", "long", "easy", "race"})

WorkoutStatus = Literal["planned", "done", "skipped", "changed"]
WORKOUT_STATUSES: Final[tuple[WorkoutStatus, ...]] = ("planned", "done", "skipped", "changed")

WEEKDAYS: Final[tuple[str, ...]] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Step:
    """One part of a workout. A ``repeat`` step holds ``steps`` done ``repeat`` times.

    ``pace`` is the plan's reference (``rep_800``); ``pace_s_per_km`` its value for one runner,
    filled in when the plan is scheduled.
    """

    type: StepType
    distance_m: float | None = None
    duration_s: float | None = None
    pace: str | None = None
    pace_s_per_km: float | None = None
    repeat: int | None = None
    steps: tuple[Step, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class WorkoutTemplate:
    kind: WorkoutKind
    steps: tuple[Step, ...] = ()
    title: str | None = None
    duration_s: float | None = None  # sessions without steps: cross-training, strength
    note: str | None = None
    day: int | None = None  # 0 = Monday; None lets scheduling choose
    optional: bool = False

    @property
    def is_run(self) -> bool:
        return self.kind in RUN_KINDS


@dataclass(frozen=True, slots=True)
class WeekTemplate:
    index: int
    workouts: tuple[WorkoutTemplate, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    id: str
    name: str
    race_distance_m: float
    weeks: tuple[WeekTemplate, ...]
    every_week: tuple[WorkoutTemplate, ...] = ()
    source: str | None = None
    description: str | None = None

    @property
    def length_weeks(self) -> int:
        return len(self.weeks)

    def week(self, index: int) -> WeekTemplate:
        return self.weeks[index - 1]

    def runs_per_week(self) -> int:
        """How many key-run days the runner must give: the busiest week's unpinned runs.

        The race itself takes race day, so it needs no key-run day.
        """
        return max(
            (
                sum(1 for w in week.workouts if w.is_run and w.day is None and w.kind != "race")
                for week in self.weeks
            ),
            default=0,
        )

    def uses_named_paces(self) -> bool:
        return any(
            ":" not in (step.pace or ":")
            for week in self.weeks
            for workout in (*week.workouts, *self.every_week)
            for step in walk(workout.steps)
        )


@dataclass(frozen=True, slots=True)
class Race:
    name: str
    date: dt.date
    distance_m: float


@dataclass(frozen=True, slots=True)
class PlannedWorkout:
    week: int
    on: dt.date
    kind: WorkoutKind
    title: str
    steps: tuple[Step, ...] = ()
    distance_m: float | None = None
    duration_s: float | None = None
    target_pace_s_per_km: float | None = None
    status: WorkoutStatus = "planned"
    note: str | None = None
    optional: bool = False
    activity_id: int | None = None
    id: int | None = field(default=None, compare=False)

    @property
    def is_run(self) -> bool:
        return self.kind in RUN_KINDS


@dataclass(frozen=True, slots=True)
class Plan:
    template_id: str
    name: str
    race: Race
    start: dt.date
    length_weeks: int
    first_week: int
    key_days: tuple[int, ...]
    workouts: tuple[PlannedWorkout, ...]
    five_k_s: float | None = None
    source: str | None = None
    status: Literal["active", "archived"] = "active"
    uid: str | None = None
    athlete_id: int | None = None
    id: int | None = field(default=None, compare=False)

    def week_start(self, index: int) -> dt.date:
        """Weeks start on Monday; the last one holds the race."""
        race_monday = self.race.date - dt.timedelta(days=self.race.date.weekday())
        return race_monday - dt.timedelta(weeks=self.length_weeks - index)

    def week_of(self, day: dt.date) -> int | None:
        first = self.week_start(1)
        if day < first or day > self.race.date:
            return None
        return (day - first).days // 7 + 1

    def week_indexes(self) -> range:
        return range(self.first_week, self.length_weeks + 1)

    def workouts_in_week(self, index: int) -> tuple[PlannedWorkout, ...]:
        return tuple(w for w in self.workouts if w.week == index)

    def workouts_on(self, day: dt.date) -> tuple[PlannedWorkout, ...]:
        return tuple(w for w in self.workouts if w.on == day)

    def with_workout(self, updated: PlannedWorkout) -> Plan:
        return replace(
            self,
            workouts=tuple(
                updated if (w.id is not None and w.id == updated.id) else w for w in self.workouts
            ),
        )


def walk(steps: tuple[Step, ...]) -> Iterator[Step]:
    """Every step, depth first, repeats included once (not multiplied)."""
    for step in steps:
        yield step
        yield from walk(step.steps)


def resolve_steps(steps: tuple[Step, ...], paces: PlanPaces | None) -> tuple[Step, ...]:
    """Fill in each step's pace for one runner; fixed paces need no fitness."""
    resolved = []
    for step in steps:
        value = step.pace_s_per_km
        if step.pace is not None:
            if paces is not None:
                value = paces.resolve(step.pace)
            elif ":" in step.pace:
                from niggle.domain.plans_paces import parse_pace_ref

                value = parse_pace_ref(step.pace).fixed_s_per_km
        resolved.append(replace(step, pace_s_per_km=value, steps=resolve_steps(step.steps, paces)))
    return tuple(resolved)


def step_totals(step: Step, estimate_s_per_km: float | None) -> tuple[float, float | None]:
    """(distance m, duration s) of one step; repeats multiply their children.

    A step given by time covers ground at its pace; a step given by distance takes time at
    its pace. Steps without a pace (recoveries, FIRST's "RI") are estimated at easy pace.
    """
    if step.type == "repeat":
        parts = [step_totals(child, estimate_s_per_km) for child in step.steps]
        count = step.repeat or 1
        times = [t for _, t in parts]
        duration = None if None in times else sum(t or 0.0 for t in times) * count
        return sum(d for d, _ in parts) * count, duration
    pace = step.pace_s_per_km or estimate_s_per_km
    if step.distance_m is not None:
        return step.distance_m, (step.distance_m / 1000.0 * pace if pace else None)
    if step.duration_s is not None:
        return (step.duration_s / pace * 1000.0 if pace else 0.0), step.duration_s
    return 0.0, None


def workout_totals(
    steps: tuple[Step, ...], estimate_s_per_km: float | None
) -> tuple[float | None, float | None]:
    if not steps:
        return None, None
    distance, duration = 0.0, 0.0
    unknown_time = False
    for step in steps:
        d, t = step_totals(step, estimate_s_per_km)
        distance += d
        if t is None:
            unknown_time = True
        else:
            duration += t
    return (distance or None), (None if unknown_time else duration)


def target_pace(steps: tuple[Step, ...]) -> float | None:
    """The pace of the work: distance-weighted over every work rep, repeats counted."""

    def work(steps: tuple[Step, ...], times: int) -> Iterator[tuple[float, float]]:
        for step in steps:
            if step.type == "repeat":
                yield from work(step.steps, times * (step.repeat or 1))
            elif step.type == "work" and step.pace_s_per_km and step.distance_m:
                yield step.distance_m * times, step.pace_s_per_km
            elif step.type == "work" and step.pace_s_per_km and step.duration_s:
                yield step.duration_s / step.pace_s_per_km * 1000.0 * times, step.pace_s_per_km

    pairs = list(work(steps, 1))
    total = sum(d for d, _ in pairs)
    if not total:
        return None
    return sum(d * p for d, p in pairs) / total


def step_to_data(step: Step) -> dict[str, object]:
    """A step as plain data, in the contract's shape (``niggle plan show --json``)."""
    data: dict[str, object] = {
        "type": step.type,
        "distance_m": step.distance_m,
        "duration_s": step.duration_s,
        "pace": step.pace,
        "pace_s_per_km": (round(step.pace_s_per_km, 1) if step.pace_s_per_km is not None else None),
        "repeat": step.repeat,
        "steps": [step_to_data(s) for s in step.steps],
    }
    if step.note:
        data["note"] = step.note
    return data


def step_from_data(data: dict[str, object]) -> Step:
    def number(key: str) -> float | None:
        value = data.get(key)
        return float(value) if isinstance(value, int | float) else None

    kind = str(data.get("type"))
    step_type: StepType = "work"
    for known in STEP_TYPES:
        if known == kind:
            step_type = known
    children = data.get("steps")
    repeat = data.get("repeat")
    pace = data.get("pace")
    note = data.get("note")
    return Step(
        type=step_type,
        distance_m=number("distance_m"),
        duration_s=number("duration_s"),
        pace=pace if isinstance(pace, str) else None,
        pace_s_per_km=number("pace_s_per_km"),
        repeat=repeat if isinstance(repeat, int) else None,
        steps=tuple(step_from_data(c) for c in children if isinstance(c, dict))
        if isinstance(children, list)
        else (),
        note=note if isinstance(note, str) else None,
    )
