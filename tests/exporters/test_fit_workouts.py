"""FIT workout files: every one written decodes with fitdecode with the right steps."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import fitdecode
import pytest

from niggle.domain.plans import PlannedWorkout, Step
from niggle.exporters.fit_workouts import (
    PACE_TOLERANCE_S_PER_KM,
    file_name,
    speed_range,
    workout_fit,
)

from .plan_fixtures import stored_plan

CREATED = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)


def decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    messages: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                fields = {f.name: f.value for f in frame.fields}
                messages.setdefault(frame.name, []).append(fields)
    return messages


def expected_steps(
    steps: tuple[Step, ...], out: list[tuple[Any, ...]] | None = None
) -> list[tuple[Any, ...]]:
    """What the FIT steps must be, worked out independently from the plan's steps."""
    out = [] if out is None else out
    for step in steps:
        if step.type == "repeat":
            first = len(out)
            expected_steps(step.steps, out)
            out.append(("repeat", first, step.repeat))
        else:
            intensity = {"work": "active"}.get(step.type, step.type)
            amount = ("distance", step.distance_m) if step.distance_m else ("time", step.duration_s)
            out.append((intensity, *amount))
    return out


def actual_steps(messages: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for m in messages:
        if m["duration_type"] == "repeat_until_steps_cmplt":
            out.append(("repeat", m["duration_step"], m["repeat_steps"]))
        elif m["duration_type"] == "distance":
            out.append(
                (m["intensity"], "distance", pytest.approx(m["duration_distance"], abs=0.01))
            )
        else:
            out.append((m["intensity"], "time", pytest.approx(m["duration_time"], abs=0.001)))
    return out


def key_runs() -> list[PlannedWorkout]:
    return [w for w in stored_plan().workouts if w.is_run]


def test_every_key_run_of_the_marathon_plan_decodes_with_its_steps() -> None:
    plan = stored_plan()
    runs = key_runs()
    assert len(runs) == 48
    for workout in runs:
        decoded = decode(workout_fit(plan, workout, "mi", CREATED))
        (file_id,) = decoded["file_id"]
        assert file_id["type"] == "workout"
        (header,) = decoded["workout"]
        assert header["sport"] == "running"
        assert header["wkt_name"] == f"W{workout.week} {workout.title}"[:40]
        steps = decoded["workout_step"]
        assert header["num_valid_steps"] == len(steps)
        assert [m["message_index"] for m in steps] == list(range(len(steps)))
        assert actual_steps(steps) == expected_steps(workout.steps), workout.title


def test_work_steps_carry_a_speed_range_around_their_pace() -> None:
    plan = stored_plan()
    week2 = next(w for w in key_runs() if w.week == 2 and w.kind == "intervals")
    steps = decode(workout_fit(plan, week2, "mi", CREATED))["workout_step"]
    work = [m for m in steps if m.get("intensity") == "active"]
    pace = next(s for s in week2.steps[1].steps if s.type == "work").pace_s_per_km
    assert pace is not None
    for m in work:
        assert m["target_type"] == "speed"
        low, high = m["custom_target_speed_low"], m["custom_target_speed_high"]
        assert low == pytest.approx(1000 / (pace + PACE_TOLERANCE_S_PER_KM), abs=0.002)
        assert high == pytest.approx(1000 / (pace - PACE_TOLERANCE_S_PER_KM), abs=0.002)
        assert low < 1000 / pace < high
        assert 800 / (1000 / pace) == pytest.approx(177, abs=1)  # 2:57 per 800 m
    others = [m for m in steps if m.get("intensity") in ("warmup", "recovery", "cooldown")]
    assert others and all(m["target_type"] == "open" for m in others)


def test_nested_repeats_point_back_to_their_first_step() -> None:
    plan = stored_plan()
    week8 = next(w for w in key_runs() if w.week == 8 and w.kind == "intervals")
    steps = decode(workout_fit(plan, week8, "mi", CREATED))["workout_step"]
    # warm-up, [400, 300 rec] x6, 500 rec, x2, cool-down
    assert actual_steps(steps) == [
        ("warmup", "time", 900.0),
        ("active", "distance", 400.0),
        ("recovery", "distance", 300.0),
        ("repeat", 1, 6),
        ("recovery", "distance", 500.0),
        ("repeat", 1, 2),
        ("cooldown", "time", 600.0),
    ]


def test_a_race_is_one_step_at_race_pace() -> None:
    plan = stored_plan("first-half")
    race = next(w for w in plan.workouts if w.kind == "race")
    (step,) = decode(workout_fit(plan, race, "km", CREATED))["workout_step"]
    assert step["duration_distance"] == pytest.approx(21097.5, abs=0.01)
    # FIRST's half for a 20:00 5K is 1:32:42 (training.md).
    assert 21097.5 / ((step["custom_target_speed_low"] + step["custom_target_speed_high"]) / 2) == (
        pytest.approx(5562, rel=0.01)
    )


def test_the_files_pass_fit_tools_own_workout_checks() -> None:
    from fit_tool.fit_file import FitFile
    from fit_tool.validation import ConformanceLevel, validate_fit_file

    plan = stored_plan("first-5k")
    for workout in (w for w in plan.workouts if w.is_run):
        fit = FitFile.from_bytes(workout_fit(plan, workout, "mi", CREATED))
        report = validate_fit_file(fit, levels={ConformanceLevel.FILE_TYPE})
        # fit-tool leaves repeat steps out of num_valid_steps; Garmin's own SDK cookbook
        # (WorkoutEncode) counts every step, and niggle follows Garmin.
        errors = [f.message for f in report.errors if "num_valid_steps" not in f.message]
        assert errors == []


def test_file_names_are_safe_and_sort_by_date() -> None:
    runs = key_runs()
    names = [file_name(w) for w in runs]
    assert names == sorted(names)
    assert names[0] == "2027-01-05-w01-intervals-3-x-1600-m.fit"
    assert all("/" not in n and " " not in n for n in names)


def test_speed_range_is_slow_edge_first() -> None:
    low, high = speed_range(300.0)
    assert low < 1000 / 300 < high
