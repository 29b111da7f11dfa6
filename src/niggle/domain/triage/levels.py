"""Care levels, running statuses and classifications, each in its order of concern.

The orders matter for safety: the engine always takes the most concerning value any rule
asks for, so a care level can only ever be raised by another rule, never lowered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal, TypeVar

CareLevel = Literal["self_care", "routine", "soon", "urgent", "emergency"]
# Least to most urgent. Urgency codes of clinical.md §1: E, U, S, R, and self-care.
CARE_LEVELS: Final[tuple[CareLevel, ...]] = (
    "self_care",
    "routine",
    "soon",
    "urgent",
    "emergency",
)
# At these levels niggle shows the action to take and nothing that invites more running.
ACT_NOW_LEVELS: Final[frozenset[CareLevel]] = frozenset({"urgent", "emergency"})

RunningStatus = Literal["continue", "modify", "pause_running", "stop"]
RUNNING_STATUSES: Final[tuple[RunningStatus, ...]] = ("continue", "modify", "pause_running", "stop")
# The only running statuses allowed while the runner is told to get care today or now.
ACT_NOW_RUNNING: Final[frozenset[RunningStatus]] = frozenset({"pause_running", "stop"})

Classification = Literal[
    "non_specific",
    "possible_inflammatory",
    "possible_radicular",
    "possible_bone_stress",
    "possible_serious",
]
# Least to most concerning: when two rules disagree, the more concerning reading is shown.
CLASSIFICATIONS: Final[tuple[Classification, ...]] = (
    "non_specific",
    "possible_inflammatory",
    "possible_radicular",
    "possible_bone_stress",
    "possible_serious",
)

_T = TypeVar("_T", bound=str)


def level_rank(level: CareLevel) -> int:
    return CARE_LEVELS.index(level)


def running_rank(status: RunningStatus) -> int:
    return RUNNING_STATUSES.index(status)


def most_urgent(levels: Iterable[CareLevel], floor: CareLevel = "self_care") -> CareLevel:
    return _highest(levels, floor, CARE_LEVELS)


def most_cautious(
    statuses: Iterable[RunningStatus], floor: RunningStatus = "continue"
) -> RunningStatus:
    return _highest(statuses, floor, RUNNING_STATUSES)


def most_concerning(
    readings: Iterable[Classification], floor: Classification = "non_specific"
) -> Classification:
    return _highest(readings, floor, CLASSIFICATIONS)


def _highest(values: Iterable[_T], floor: _T, order: tuple[_T, ...]) -> _T:
    best = floor
    for value in values:
        if order.index(value) > order.index(best):
            best = value
    return best
