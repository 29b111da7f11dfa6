"""The canonical activity: one session of training, whatever file or form it came from.

Units are stated once, here: distances in metres, durations in seconds, speeds in metres per
second, heart rate in beats per minute, cadence in steps per minute (both feet), altitude in
metres, positions in degrees (WGS84). Start times are timezone-aware; ``local_date`` is the
calendar day the athlete trained on, which is what weeks and plans count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final, Literal

Sport = Literal["run", "walk", "ride", "swim", "elliptical", "strength", "row", "other"]
SPORTS: Final[tuple[Sport, ...]] = (
    "run",
    "walk",
    "ride",
    "swim",
    "elliptical",
    "strength",
    "row",
    "other",
)
# Sports that count as cross-training in a running plan (they carry load, not run mileage).
CROSS_TRAINING: Final[frozenset[Sport]] = frozenset(
    {"ride", "swim", "elliptical", "row", "strength", "walk"}
)

# What a run was meant to be, in the plan's vocabulary (CONTRACTS.md, plan workouts).
RunKind = Literal["intervals", "tempo", "long", "easy", "race", "cross", "strength", "rest"]
RUN_KINDS: Final[tuple[RunKind, ...]] = (
    "intervals",
    "tempo",
    "long",
    "easy",
    "race",
    "cross",
    "strength",
    "rest",
)


@dataclass(frozen=True, slots=True)
class Lap:
    start: dt.datetime
    elapsed_s: float
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_speed_m_per_s: float | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """A session's summary. Per-second streams are kept apart (they are large)."""

    sport: Sport
    start: dt.datetime
    local_date: dt.date
    elapsed_s: float
    distance_m: float | None = None
    moving_s: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence: float | None = None
    rpe: float | None = None
    kind: RunKind | None = None
    title: str | None = None
    note: str | None = None
    source: str = "manual"
    laps: tuple[Lap, ...] = ()
    id: int | None = field(default=None, compare=False)

    @property
    def duration_s(self) -> float:
        """Moving time when known (pauses excluded), else elapsed time."""
        return self.moving_s if self.moving_s is not None else self.elapsed_s

    @property
    def is_run(self) -> bool:
        return self.sport == "run"

    @property
    def avg_speed_m_per_s(self) -> float | None:
        if not self.distance_m or self.duration_s <= 0:
            return None
        return self.distance_m / self.duration_s
