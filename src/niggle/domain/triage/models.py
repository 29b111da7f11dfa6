"""The knowledge the engine reads and the result it gives, as frozen values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from niggle.domain.intake import TextIntake
from niggle.domain.triage.conditions import Condition
from niggle.domain.triage.levels import CareLevel, Classification, RunningStatus
from niggle.domain.triage.psychosocial import Questionnaire, ScreenResult
from niggle.domain.triage.questions import AnswerValue, Question

RuleStage = Literal["level", "running"]

AdviceKind = Literal[
    "action", "comfort", "safety_net", "self_management", "activity", "exercise", "running"
]
# The only advice a runner sees while told to get care now or today.
ACT_NOW_ADVICE_KINDS: Final[frozenset[AdviceKind]] = frozenset({"action", "comfort", "safety_net"})

# Weekly re-screen of the emergency and urgent questions (IFOMPT 2020; Greenhalgh 2020).
RESCREEN_EVERY_DAYS: Final = 7


@dataclass(frozen=True, slots=True)
class Evidence:
    verdict: str
    certainty: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """One decision rule: when ``when`` holds, it asks for a level, reading or running status."""

    id: str
    stage: RuleStage
    when: Condition
    because: str
    source: str
    level: CareLevel | None = None
    classification: Classification | None = None
    running: RunningStatus | None = None
    red_flag: bool = False


@dataclass(frozen=True, slots=True)
class AdviceItem:
    id: str
    kind: AdviceKind
    text: str
    evidence: Evidence
    levels: tuple[CareLevel, ...]
    when: Condition | None = None
    running: tuple[RunningStatus, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """What the evidence says about a piece of advice runners hear (clinical.md §3)."""

    id: str
    claim: str
    verdict: str
    certainty: str
    sources: tuple[str, ...]
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CareAction:
    """What to do at one care level, with {emergency}, {urgent}, {doctor}, {physio} slots."""

    level: CareLevel
    title: str
    message: str
    source: str


@dataclass(frozen=True, slots=True)
class CareContacts:
    """Who to contact in one region: the numbers and services the messages name."""

    region: str
    name: str
    emergency: str
    urgent: str
    doctor: str
    physio: str
    source: str

    def fill(self, template: str) -> str:
        return template.format(
            emergency=self.emergency, urgent=self.urgent, doctor=self.doctor, physio=self.physio
        )


@dataclass(frozen=True, slots=True)
class TriageKnowledge:
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    advice: tuple[AdviceItem, ...]
    claims: Mapping[str, ClaimNote]
    actions: Mapping[CareLevel, CareAction]
    screen: Questionnaire
    disclaimer: str
    safety_net: str

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True, slots=True)
class TriageRequest:
    answers: Mapping[str, AnswerValue]
    today: dt.date
    contacts: CareContacts
    age: int | None = None
    sex: str | None = None
    text: TextIntake | None = None
    claims: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    urgency: CareLevel
    because: str
    source: str
    questions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TraceEntry:
    rule: str
    fired: bool
    because: str
    stage: RuleStage = "level"
    # None: the answers so far cannot tell (something it reads is not answered yet).
    known: bool = True


@dataclass(frozen=True, slots=True)
class TextUse:
    """What became of one finding read from the runner's text."""

    question_id: str
    value: AnswerValue
    quote: str
    used: bool
    why: str


@dataclass(frozen=True, slots=True)
class Rescreen:
    next_on: dt.date
    every_days: int
    message: str
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TriageResult:
    care_level: CareLevel
    care_title: str
    care_message: str
    provisional: bool
    questions_needed: tuple[str, ...]
    red_flags: tuple[RedFlag, ...]
    classification: Classification
    running: RunningStatus
    running_because: str
    advice: tuple[AdviceItem, ...]
    claims: tuple[ClaimNote, ...]
    trace: tuple[TraceEntry, ...]
    rescreen: Rescreen
    answers: Mapping[str, AnswerValue]
    answer_sources: Mapping[str, str]
    text_uses: tuple[TextUse, ...]
    screen: ScreenResult
    age: int | None
    sex: str | None
    region: str
    safety_net: str
    disclaimer: str
    text: TextIntake | None = None
    withheld_claims: tuple[str, ...] = field(default=())
    # Unanswered questions that could still make this urgent or emergency.
    questions_raising: tuple[str, ...] = ()
