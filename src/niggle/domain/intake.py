"""What a runner's own description of their pain tells us, as plain values.

`niggle.nlp.intake.read_text` fills these from free text (a forum post, a note to a coach);
the triage engine reads them. Text may only raise concern: a finding is something the text
*states*, never evidence that something is absent. A red-flag finding is therefore only ever
emitted with a positive value (``True``, ``"major"``...), and the engine treats every question
the text does not answer as still to be asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

FindingValue = bool | int | float | str | tuple[str, ...]

# Ids of the advice/evidence notes a text can mention (evidence text lives in
# niggle/knowledge/claims.yaml, owned by triage).
CLAIM_IDS: Final[tuple[str, ...]] = (
    "exercise",
    "core_stability",
    "stretching",
    "stretch_timing",
    "tightness",
    "posture_alignment",
    "massage",
    "manipulation_osteopathy",
    "rest",
    "imaging",
    "running_damages_back",
    "see_physio",
)

# The `provoked_by` vocabulary of CONTRACTS.md (triage answers file).
PROVOKERS: Final[tuple[str, ...]] = (
    "intervals",
    "tempo",
    "long",
    "easy",
    "all_running",
    "sitting",
    "bending",
)


@dataclass(frozen=True, slots=True)
class TrainingContext:
    """The training the runner describes: plan, where they are in it, what they run."""

    plan: str | None = None
    plan_week: int | None = None
    weekly_distance_m: float | None = None
    workouts: tuple[str, ...] = ()
    race_name: str | None = None
    race_date: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return self == TrainingContext()


@dataclass(frozen=True, slots=True)
class TextFinding:
    """One answer to a CONTRACTS.md triage question, with the words it was read from."""

    question_id: str
    value: FindingValue
    quote: str


@dataclass(frozen=True, slots=True)
class TextIntake:
    findings: tuple[TextFinding, ...] = ()
    region: str | None = None
    provoked_by: tuple[str, ...] = ()
    eased_by: tuple[str, ...] = ()
    onset: str | None = None
    previous_episodes: int | None = None
    training: TrainingContext = TrainingContext()
    claims: tuple[str, ...] = ()

    def finding(self, question_id: str) -> TextFinding | None:
        """The first finding for a question, or None when the text does not answer it."""
        return next((f for f in self.findings if f.question_id == question_id), None)

    def answers(self) -> dict[str, FindingValue]:
        """Question id -> value, first finding wins (the shape of an answers file)."""
        result: dict[str, FindingValue] = {}
        for f in self.findings:
            result.setdefault(f.question_id, f.value)
        return result
