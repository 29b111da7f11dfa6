"""The adaptation rules as domain values: ids, parameters and sources.

The values live in ``niggle/knowledge/adaptation_rules.yaml`` (loaded by
:mod:`niggle.knowledge.adaptation`); nothing here holds a default, so the file is the one place
a threshold can change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.plans import WorkoutKind

AdaptStatus = Literal["continue", "modify", "pause_running", "stop_and_seek_care"]
# Least to most cautious: the most cautious status any trigger asks for wins.
ADAPT_STATUSES: Final[tuple[AdaptStatus, ...]] = (
    "continue",
    "modify",
    "pause_running",
    "stop_and_seek_care",
)

RuleId = Literal[
    "pain_bands",
    "spike_cap",
    "intensity_swap",
    "stop_running",
    "seek_care",
    "return_to_run",
    "reintroduce_intensity",
    "restore_plan",
]
RULE_IDS: Final[tuple[RuleId, ...]] = (
    "pain_bands",
    "spike_cap",
    "intensity_swap",
    "stop_running",
    "seek_care",
    "return_to_run",
    "reintroduce_intensity",
    "restore_plan",
)


def status_rank(status: AdaptStatus) -> int:
    return ADAPT_STATUSES.index(status)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: RuleId
    code: str  # the clinical notes' numbering, R1-R8
    title: str
    summary: str
    source: str
    product_default: bool


@dataclass(frozen=True, slots=True)
class PainBands:
    """R1-R4: NRS cut-offs for green, amber and red, and how far back "now" reaches."""

    green_max: int
    amber_max: int
    after_max: int
    settled_max: int
    rising_min: int
    lookback_days: int


@dataclass(frozen=True, slots=True)
class SpikeCap:
    ratio: float
    lookback_days: int
    round_down_m: float


@dataclass(frozen=True, slots=True)
class IntensitySwap:
    intensity_kinds: frozenset[WorkoutKind]
    effort_rpe: Mapping[str, float]

    def rpe_of(self, kind: str) -> float:
        return self.effort_rpe.get(kind, self.effort_rpe.get("easy", 4.0))


@dataclass(frozen=True, slots=True)
class StopRunning:
    flag_urgencies: frozenset[str]
    bone_stress_flags: frozenset[str]
    red_in_a_row: int
    unsettled_mornings: int
    window_days: int


@dataclass(frozen=True, slots=True)
class SeekCare:
    act_now_levels: frozenset[str]


@dataclass(frozen=True, slots=True)
class LadderPhase:
    """One rung of the return-to-run ladder; ``run_s``/``walk_s`` are None when continuous."""

    phase: int
    distance_m: float
    rpe: float
    run_s: float | None
    walk_s: float | None
    from_protocol: bool

    @property
    def continuous(self) -> bool:
        return self.run_s is None or self.walk_s is None


@dataclass(frozen=True, slots=True)
class ReturnToRun:
    phases: tuple[LadderPhase, ...]
    repeats_per_phase: int
    rest_days_between: int
    walk_test_s: float
    walk_speed_m_per_s: float
    default_easy_pace_s_per_km: float

    @property
    def top(self) -> int:
        return len(self.phases)

    def phase(self, number: int) -> LadderPhase:
        return self.phases[min(max(number, 1), self.top) - 1]


@dataclass(frozen=True, slots=True)
class Reintroduction:
    green_weeks: int
    min_checkins_per_week: int
    first_step_fraction: float


@dataclass(frozen=True, slots=True)
class AdaptationRules:
    info: Mapping[RuleId, RuleInfo]
    bands: PainBands
    spike: SpikeCap
    swap: IntensitySwap
    stop: StopRunning
    care: SeekCare
    ladder: ReturnToRun
    reintroduce: Reintroduction
    review_days: Mapping[AdaptStatus, int]
    review_source: str

    def source(self, rule: RuleId) -> str:
        return self.info[rule].source
