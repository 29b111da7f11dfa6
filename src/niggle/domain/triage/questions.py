"""The questions triage asks, and what counts as a concerning answer to each.

Every question id is listed in ``niggle/knowledge/red_flags.yaml`` together with its wording,
rationale and source; this module only holds the shape the engine needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.triage.conditions import Condition
from niggle.domain.triage.levels import CareLevel

AnswerValue = bool | int | float | str | tuple[str, ...]
AnswerType = Literal["yes_no", "choice", "number", "list", "scale"]
# The order of the interview: emergency questions first, then urgent, then the rest, then
# the pain itself and the training context.
QuestionGroup = Literal["emergency", "urgent", "other", "psychosocial", "pain", "training"]
QUESTION_GROUPS: Final[tuple[QuestionGroup, ...]] = (
    "emergency",
    "urgent",
    "other",
    "psychosocial",
    "pain",
    "training",
)
# Unanswered questions in these groups keep a result provisional.
SAFETY_GROUPS: Final[frozenset[QuestionGroup]] = frozenset({"emergency", "urgent"})
# Which answer raises concern: "yes" or "no" for yes/no questions, "higher" for numbers,
# scales and ordered choices (the choices are listed least concerning first).
Concern = Literal["yes", "no", "higher"]

AGE_QUESTION: Final = "age"


@dataclass(frozen=True, slots=True)
class ScaleOption:
    label: str
    score: int


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    group: QuestionGroup
    text: str
    answer: AnswerType
    # The care level a concerning answer points to on its own (None: not a red flag, e.g.
    # the pain score). Combinations are the rules' business.
    urgency: CareLevel | None = None
    concern: Concern = "yes"
    choices: tuple[str, ...] = ()
    options: tuple[ScaleOption, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    # Asked only when this holds (or cannot be told yet); otherwise it does not apply.
    ask_if: Condition | None = None
    # Optional questions are asked in the interview but never listed as still needed.
    required: bool = True
    topic: str = ""
    help: str = ""

    @property
    def is_red_flag(self) -> bool:
        return self.urgency is not None

    @property
    def is_safety_question(self) -> bool:
        return self.group in SAFETY_GROUPS

    def is_concerning(self, value: AnswerValue) -> bool:
        """Whether ``value`` is the worrying answer (for yes/no and choice questions)."""
        if self.answer == "yes_no":
            return value is (self.concern == "yes")
        if self.answer == "choice" and self.choices:
            return value != self.choices[0]
        return False
