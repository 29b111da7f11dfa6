"""The sessions adaptation puts in place of planned ones.

Each builder takes the workout as the plan wrote it and returns its replacement on the same
day and row (same id and week), marked "changed". Durations are matched where a rule says so
(R6, R7: the same time on your feet or on the bike); distances and totals are recomputed from
the steps so the plan's weekly figures stay true.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from niggle.domain.adapt_rules import LadderPhase, ReturnToRun
from niggle.domain.plans import (
    PlannedWorkout,
    Step,
    WorkoutTemplate,
    target_pace,
    walk,
    workout_totals,
)
from niggle.domain.plans_text import describe, distance_text
from niggle.domain.units import UnitSystem, format_distance, format_duration

EASY: Final = "easy"
NON_IMPACT: Final = "cycling, swimming or aqua-jogging"
ANY_CROSS: Final = "bike, cross-trainer, swimming or aqua-jogging"


def minutes(seconds: float) -> str:
    return f"{round(seconds / 60)} min"


def workout_line(workout: PlannedWorkout | None, units: UnitSystem) -> str:
    """One line for a session in an adaptation diff (terminal and web): its title and its
    distance, or its time when distance is not what counts; "—" for no session."""
    if workout is None:
        return "—"
    parts = [workout.title]
    if workout.distance_m and workout.kind not in ("cross", "strength", "rest"):
        distance = format_distance(workout.distance_m, units)
        if distance not in workout.title:
            parts.append(distance)
    elif workout.duration_s and "min" not in workout.title:
        parts.append(minutes(workout.duration_s))
    return " · ".join(parts)


def easy_pace(workouts: Iterable[PlannedWorkout]) -> float | None:
    """The runner's easy pace as the plan resolved it (warm-ups and easy runs name it)."""
    for workout in workouts:
        for step in walk(workout.steps):
            if step.pace == EASY and step.pace_s_per_km:
                return step.pace_s_per_km
    return None


def session_seconds(workout: PlannedWorkout, pace_s_per_km: float | None) -> float:
    """How long a session takes: its own duration, else its distance at easy pace."""
    if workout.duration_s:
        return workout.duration_s
    if workout.distance_m and pace_s_per_km:
        return workout.distance_m / 1000.0 * pace_s_per_km
    return 45 * 60.0  # a session with neither: a typical hour less warm-up (product default)


def _changed(
    original: PlannedWorkout,
    *,
    kind: str,
    title: str,
    steps: tuple[Step, ...],
    distance_m: float | None,
    duration_s: float | None,
    note: str,
    pace: float | None = None,
) -> PlannedWorkout:
    from niggle.domain.plans import WORKOUT_KINDS

    new_kind = next(k for k in WORKOUT_KINDS if k == kind)
    return replace(
        original,
        kind=new_kind,
        title=title[:200],
        steps=steps,
        distance_m=distance_m,
        duration_s=duration_s,
        target_pace_s_per_km=pace,
        status="changed",
        note=note,
        activity_id=None,
    )


def with_steps(
    original: PlannedWorkout,
    steps: tuple[Step, ...],
    units: UnitSystem,
    pace_s_per_km: float | None,
    note: str,
) -> PlannedWorkout:
    """The same kind of session with new steps, its title and totals worked out again."""
    distance, duration = workout_totals(steps, pace_s_per_km)
    title = describe(WorkoutTemplate(kind=original.kind, steps=steps), units)
    return _changed(
        original,
        kind=original.kind,
        title=title,
        steps=steps,
        distance_m=distance,
        duration_s=duration,
        note=note,
        pace=target_pace(steps),
    )


def easy_run(
    original: PlannedWorkout, seconds: float, pace: float | None, note: str
) -> PlannedWorkout:
    """An easy run of ``seconds`` (R6: the same time on your feet, without the pace)."""
    steps = (Step(type="work", duration_s=seconds, pace=EASY, pace_s_per_km=pace),)
    distance, duration = workout_totals(steps, pace)
    return _changed(
        original,
        kind="easy",
        title=f"Easy run {minutes(seconds)}",
        steps=steps,
        distance_m=distance,
        duration_s=duration,
        note=note,
        pace=pace,
    )


def cross_training(
    original: PlannedWorkout, seconds: float, rpe: float, note: str, *, non_impact: bool = False
) -> PlannedWorkout:
    """Cross-training of matched time and effort (R6, R7)."""
    what = "Non-impact cross-training" if non_impact else "Cross-training"
    return _changed(
        original,
        kind="cross",
        title=f"{what} {minutes(seconds)} at RPE {rpe:g}",
        steps=(),
        distance_m=None,
        duration_s=seconds,
        note=note,
    )


def rest(original: PlannedWorkout, title: str, note: str) -> PlannedWorkout:
    return _changed(
        original,
        kind="rest",
        title=title,
        steps=(),
        distance_m=None,
        duration_s=None,
        note=note,
    )


def walk_test(original: PlannedWorkout, seconds: float, note: str) -> PlannedWorkout:
    """R8's prerequisite: a brisk walk that must be pain-free before the ladder starts."""
    return _changed(
        original,
        kind="cross",
        title=f"Brisk walk {minutes(seconds)} (pain-free test before running again)",
        steps=(),
        distance_m=None,
        duration_s=seconds,
        note=note,
    )


def ladder_run(
    original: PlannedWorkout,
    phase: LadderPhase,
    ladder: ReturnToRun,
    units: UnitSystem,
    pace: float | None,
    note: str,
) -> PlannedWorkout:
    """One walk/run session of the return-to-run ladder (R8)."""
    run_pace = pace or ladder.default_easy_pace_s_per_km
    distance = phase.distance_m
    if phase.continuous or phase.run_s is None or phase.walk_s is None:
        steps: tuple[Step, ...] = (
            Step(type="work", distance_m=distance, pace=EASY, pace_s_per_km=pace),
        )
        how = "continuous easy running"
        duration = distance / 1000.0 * run_pace
    else:
        cycle_m = phase.run_s / run_pace * 1000.0 + phase.walk_s * ladder.walk_speed_m_per_s
        repeats = max(1, math.ceil(distance / cycle_m))
        steps = (
            Step(
                type="repeat",
                repeat=repeats,
                steps=(
                    Step(type="work", duration_s=phase.run_s, pace=EASY, pace_s_per_km=pace),
                    Step(type="recovery", duration_s=phase.walk_s, note="walk"),
                ),
            ),
        )
        how = f"{minutes(phase.run_s)} run / {minutes(phase.walk_s)} walk"
        duration = repeats * (phase.run_s + phase.walk_s)
    return _changed(
        original,
        kind="easy",
        title=(
            f"Return to run, phase {phase.phase}: {distance_text(distance, units)} as {how} "
            f"(RPE {phase.rpe:g})"
        ),
        steps=steps,
        distance_m=distance,
        duration_s=duration,
        note=note,
        pace=pace,
    )


def _shorter(step: Step, fraction: float) -> Step:
    if step.distance_m is not None:
        return replace(step, distance_m=step.distance_m * fraction)
    if step.duration_s is not None:
        return replace(step, duration_s=step.duration_s * fraction)
    return step


def _fewer(step: Step, fraction: float) -> Step:
    return replace(step, repeat=max(1, math.ceil((step.repeat or 1) * fraction)))


def part_of(steps: tuple[Step, ...], fraction: float) -> tuple[Step, ...]:
    """The first step back to a hard session: ``fraction`` of its reps or tempo segment.

    Repeats keep ``fraction`` of their count (rounded up); a single tempo segment is
    shortened; a ladder of single reps (1200-1000-800 ...) keeps its first ``fraction`` of
    reps with their recoveries. Warm-up and cool-down stay as they are.
    """
    hard = [i for i, s in enumerate(steps) if s.type in ("work", "repeat")]
    if not hard:
        return steps
    if all(steps[i].type == "repeat" for i in hard):
        return tuple(_fewer(s, fraction) if s.type == "repeat" else s for s in steps)
    if len(hard) == 1:
        only = hard[0]
        return tuple(_shorter(s, fraction) if i == only else s for i, s in enumerate(steps))
    keep = max(1, math.ceil(len(hard) * fraction))
    cut_from = hard[keep]  # the first hard step that goes, with what follows it up to cool-down
    tail = [s for s in steps[cut_from:] if s.type == "cooldown"]
    head = list(steps[:cut_from])
    while head and head[-1].type == "recovery":
        head.pop()  # no recovery jog after the last rep kept
    return (*head, *tail)


def reduced(
    original: PlannedWorkout,
    fraction: float,
    units: UnitSystem,
    pace: float | None,
    note: str,
) -> PlannedWorkout:
    return with_steps(original, part_of(original.steps, fraction), units, pace, note)


def capped(
    original: PlannedWorkout, cap_m: float, units: UnitSystem, pace: float | None, note: str
) -> PlannedWorkout:
    """The run shortened to ``cap_m``: its longest running step gives up the difference."""
    over = (original.distance_m or 0.0) - cap_m
    steps = list(original.steps)
    running = [
        i
        for i, s in enumerate(steps)
        if s.type in ("work", "warmup", "cooldown") and s.distance_m is not None
    ]
    if running:
        longest = max(running, key=lambda i: steps[i].distance_m or 0.0)
        step = steps[longest]
        steps[longest] = replace(step, distance_m=max((step.distance_m or 0.0) - over, 0.0))
        return with_steps(original, tuple(steps), units, pace, note)
    # A run planned by distance only (no steps).
    seconds = cap_m / 1000.0 * pace if pace else None
    return _changed(
        original,
        kind=original.kind,
        title=f"{original.title} (capped at {distance_text(cap_m, units)})",
        steps=(),
        distance_m=cap_m,
        duration_s=seconds,
        note=note,
        pace=original.target_pace_s_per_km,
    )


def same_session(a: PlannedWorkout, b: PlannedWorkout) -> bool:
    """Whether two versions of a workout ask for the same session (notes and status aside)."""
    return (
        a.kind == b.kind
        and a.title == b.title
        and a.steps == b.steps
        and _close(a.distance_m, b.distance_m)
        and _close(a.duration_s, b.duration_s)
    )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 0.5


def describe_workout(workout: PlannedWorkout, units: UnitSystem) -> str:
    """A short label for reasons: ``the tempo run (1 mi easy + 5 mi LT + 1 mi easy)``."""
    if workout.kind in ("cross", "strength", "rest"):
        return workout.title
    length = (
        distance_text(workout.distance_m, units)
        if workout.distance_m
        else format_duration(workout.duration_s or 0)
    )
    return f"{workout.title} ({length})" if length not in workout.title else workout.title
