"""Scoring triage against vignettes: per-level sensitivity, exact level, over/under-triage.

Follows the vignette method of clinical.md §6 (Painter 2022): per-category sensitivity
with 95% Wilson intervals, over- and under-triage, and Kopka 2022's two binary decisions
(emergency or not; needs care or self-care).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from niggle.domain.triage.levels import (
    CARE_LEVELS,
    CareLevel,
    Classification,
    RunningStatus,
    level_rank,
)
from niggle.domain.triage.questions import AnswerValue

Z_95 = 1.959964


@dataclass(frozen=True, slots=True)
class Vignette:
    id: str
    title: str
    answers: Mapping[str, AnswerValue]
    expected_level: CareLevel
    expected_running: RunningStatus
    age: int | None = None
    sex: str | None = None
    expected_classification: Classification | None = None
    text: str | None = None
    # The red-flag question ids the text states (for the text-mode recall gate).
    text_states: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VignetteOutcome:
    vignette: Vignette
    level: CareLevel
    running: RunningStatus
    classification: Classification
    provisional: bool

    @property
    def exact(self) -> bool:
        return self.level == self.vignette.expected_level

    @property
    def under_triaged(self) -> bool:
        return level_rank(self.level) < level_rank(self.vignette.expected_level)

    @property
    def over_triaged(self) -> bool:
        return level_rank(self.level) > level_rank(self.vignette.expected_level)


@dataclass(frozen=True, slots=True)
class Proportion:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """Wilson score 95% interval; sensible even at 0% and 100%."""
        if not self.total:
            return None
        n, p = self.total, self.hits / self.total
        centre = (p + Z_95**2 / (2 * n)) / (1 + Z_95**2 / n)
        half = (Z_95 / (1 + Z_95**2 / n)) * math.sqrt(p * (1 - p) / n + Z_95**2 / (4 * n * n))
        return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True, slots=True)
class LevelStats:
    level: CareLevel
    sensitivity: Proportion  # landed exactly on this level
    at_or_above: Proportion  # landed on this level or a more urgent one (safe)
    over: int
    under: int


@dataclass(frozen=True, slots=True)
class BinaryDecision:
    name: str
    sensitivity: Proportion
    specificity: Proportion


@dataclass(frozen=True, slots=True)
class TriageReport:
    total: int
    levels: tuple[LevelStats, ...]
    exact: Proportion
    over_triage: Proportion
    under_triage: Proportion
    running_exact: Proportion
    emergency_decision: BinaryDecision
    care_decision: BinaryDecision
    misses: tuple[VignetteOutcome, ...]


def summarise(outcomes: Iterable[VignetteOutcome]) -> TriageReport:
    results = list(outcomes)
    total = len(results)
    levels = []
    for level in reversed(CARE_LEVELS):
        group = [o for o in results if o.vignette.expected_level == level]
        levels.append(
            LevelStats(
                level=level,
                sensitivity=Proportion(sum(o.exact for o in group), len(group)),
                at_or_above=Proportion(sum(not o.under_triaged for o in group), len(group)),
                over=sum(o.over_triaged for o in group),
                under=sum(o.under_triaged for o in group),
            )
        )
    return TriageReport(
        total=total,
        levels=tuple(levels),
        exact=Proportion(sum(o.exact for o in results), total),
        over_triage=Proportion(sum(o.over_triaged for o in results), total),
        under_triage=Proportion(sum(o.under_triaged for o in results), total),
        running_exact=Proportion(
            sum(o.running == o.vignette.expected_running for o in results), total
        ),
        emergency_decision=_binary("emergency or not", results, lambda level: level == "emergency"),
        care_decision=_binary(
            "needs care or self-care", results, lambda level: level != "self_care"
        ),
        misses=tuple(o for o in results if not o.exact),
    )


def _binary(
    name: str, results: list[VignetteOutcome], positive: Callable[[CareLevel], bool]
) -> BinaryDecision:
    truly = [o for o in results if positive(o.vignette.expected_level)]
    not_truly = [o for o in results if not positive(o.vignette.expected_level)]
    return BinaryDecision(
        name=name,
        sensitivity=Proportion(sum(positive(o.level) for o in truly), len(truly)),
        specificity=Proportion(sum(not positive(o.level) for o in not_truly), len(not_truly)),
    )


def text_recall(stated: Iterable[tuple[str, ...]], found: Iterable[frozenset[str]]) -> Proportion:
    """How many of the red flags texts state were read as raised, over all texts."""
    hits = total = 0
    for wanted, got in zip(stated, found, strict=True):
        total += len(wanted)
        hits += sum(1 for flag in wanted if flag in got)
    return Proportion(hits, total)
