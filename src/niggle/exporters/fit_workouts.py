"""Key runs as Garmin FIT workout files (fit-tool): structured steps with pace targets.

Each work step carries a speed range around its target pace (FIT has no pace target; the
watch shows the range as pace). Warm-ups, recoveries and cool-downs are open: FIRST gives
them no target, and an alarm during a recovery jog helps nobody. Repeats use FIT's
"repeat until steps complete" step pointing back at the first step of the set, and nest.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from typing import Any, Final

from niggle.domain.plans import Plan, PlannedWorkout, Step
from niggle.domain.plans_text import distance_text, step_text
from niggle.domain.units import UnitSystem

# Pace tolerance either side of the target, seconds per km. Product default (not trial-based):
# about 2% at 4:00/km, wide enough for GPS jitter, narrow enough to mean something.
PACE_TOLERANCE_S_PER_KM: Final = 5.0
MAX_NAME: Final = 40


def speed_range(pace_s_per_km: float) -> tuple[float, float]:
    """(low, high) speed in m/s for a target pace: slower edge first, as FIT expects."""
    return (
        1000.0 / (pace_s_per_km + PACE_TOLERANCE_S_PER_KM),
        1000.0 / max(pace_s_per_km - PACE_TOLERANCE_S_PER_KM, 60.0),
    )


def _simple_step(step: Step, index: int, units: UnitSystem) -> Any:
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import Intensity, WorkoutStepDuration, WorkoutStepTarget

    message = WorkoutStepMessage()
    message.message_index = index
    intensity = {
        "warmup": Intensity.WARMUP,
        "work": Intensity.ACTIVE,
        "recovery": Intensity.RECOVERY,
        "cooldown": Intensity.COOLDOWN,
    }[step.type]
    message.intensity = intensity
    message.workout_step_name = _name(step, units)
    if step.distance_m is not None:
        message.duration_type = WorkoutStepDuration.DISTANCE
        message.duration_distance = float(step.distance_m)
    elif step.duration_s is not None:
        message.duration_type = WorkoutStepDuration.TIME
        message.duration_time = float(step.duration_s)
    else:
        message.duration_type = WorkoutStepDuration.OPEN
        message.duration_value = 0
    if step.type == "work" and step.pace_s_per_km:
        low, high = speed_range(step.pace_s_per_km)
        message.target_type = WorkoutStepTarget.SPEED
        message.target_value = 0  # 0 = custom range, not a speed zone
        message.custom_target_speed_low = round(low, 3)
        message.custom_target_speed_high = round(high, 3)
    else:
        message.target_type = WorkoutStepTarget.OPEN
        message.target_value = 0
    message.notes = step_text(step, units)[:50]
    return message


def _repeat_step(first_index: int, count: int, index: int) -> Any:
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import WorkoutStepDuration, WorkoutStepTarget

    # As the FIT SDK cookbook (WorkoutEncode) writes it: loop back to ``first_index``,
    # target type open, and the repetition count in the target value.
    message = WorkoutStepMessage()
    message.message_index = index
    message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
    message.duration_step = first_index
    message.target_type = WorkoutStepTarget.OPEN
    message.target_repeat_steps = count
    return message


def _name(step: Step, units: UnitSystem) -> str:
    amount = (
        distance_text(step.distance_m, units)
        if step.distance_m is not None
        else f"{(step.duration_s or 0) / 60:.0f} min"
    )
    label = {"warmup": "Warm up", "work": "Run", "recovery": "Recover", "cooldown": "Cool down"}
    return f"{label[step.type]} {amount}"[:MAX_NAME]


def fit_steps(steps: tuple[Step, ...], units: UnitSystem) -> list[Any]:
    """FIT workout_step messages for ``steps``, repeats expanded into FIT repeat steps."""
    messages: list[Any] = []

    def emit(group: tuple[Step, ...]) -> None:
        for step in group:
            if step.type == "repeat":
                first = len(messages)
                emit(step.steps)
                messages.append(_repeat_step(first, step.repeat or 1, len(messages)))
            else:
                messages.append(_simple_step(step, len(messages), units))

    emit(steps)
    return messages


def workout_name(workout: PlannedWorkout) -> str:
    return f"W{workout.week} {workout.title}"[:MAX_NAME]


def workout_fit(
    plan: Plan, workout: PlannedWorkout, units: UnitSystem, created: dt.datetime
) -> bytes:
    """One FIT workout file (file type "workout") for a key run."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    steps = fit_steps(workout.steps, units)
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    # A stable serial per workout lets a watch tell two exported workouts apart.
    file_id.serial_number = zlib.crc32(f"{plan.uid}-{workout.id}-{workout.on}".encode())
    file_id.time_created = round(created.timestamp() * 1000)
    header = WorkoutMessage()
    header.workout_name = workout_name(workout)
    header.sport = Sport.RUNNING
    # The SDK cookbook counts every step, repeat steps included.
    header.num_valid_steps = len(steps)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(file_id)
    builder.add(header)
    builder.add_all(steps)
    return bytes(builder.build().to_bytes())


def file_name(workout: PlannedWorkout) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", workout.title.lower()).strip("-")[:30] or workout.kind
    return f"{workout.on.isoformat()}-w{workout.week:02d}-{workout.kind}-{slug}.fit"
