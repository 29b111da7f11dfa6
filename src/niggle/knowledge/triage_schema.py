"""The shape of the triage knowledge files, as strict pydantic models.

Each model refuses unknown keys and checks what can be checked within one file: a rule
that sets a level, an advice item's kind against the levels it is shown at, a
questionnaire's scales and bands. Cross-file checks live in ``niggle.knowledge.triage``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from niggle.domain.triage.levels import (
    ACT_NOW_LEVELS,
    CARE_LEVELS,
    CareLevel,
    Classification,
    RunningStatus,
)
from niggle.domain.triage.models import ACT_NOW_ADVICE_KINDS

Text = Annotated[str, Field(min_length=1, max_length=1200)]
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionModel(_Strict):
    id: Ident
    group: Literal["emergency", "urgent", "other", "pain", "training"]
    topic: Ident
    answer: Literal["yes_no", "choice", "number", "list"]
    text: Text
    rationale: Text
    source: Text
    urgency: CareLevel | None = None
    concern: Literal["yes", "no", "higher"] = "yes"
    choices: tuple[Ident, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    ask_if: dict[str, Any] | None = None
    required: bool = True
    help: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> QuestionModel:
        if self.answer in ("choice", "list") and len(self.choices) < 2:
            raise ValueError("choice and list questions need at least two choices")
        if self.answer == "number" and (self.minimum is None or self.maximum is None):
            raise ValueError("number questions need a minimum and a maximum")
        if self.group in ("emergency", "urgent") and self.urgency not in (self.group, "emergency"):
            raise ValueError(f"a question in the {self.group} group needs urgency {self.group}")
        return self


class RedFlagsFile(_Strict):
    version: Literal[1]
    questions: tuple[QuestionModel, ...]


class RuleModel(_Strict):
    id: Ident
    stage: Literal["level", "running"]
    when: dict[str, Any]
    because: Text
    source: Text
    level: CareLevel | None = None
    classification: Classification | None = None
    running: RunningStatus | None = None
    red_flag: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> RuleModel:
        if self.stage == "running" and (self.level or self.classification or self.red_flag):
            raise ValueError("running rules may only set a running status")
        if self.stage == "running" and self.running is None:
            raise ValueError("a running rule must set a running status")
        if self.red_flag and self.level is None:
            raise ValueError("a red flag rule must set a care level")
        if self.level in ACT_NOW_LEVELS and self.running not in (None, "stop", "pause_running"):
            raise ValueError("emergency and urgent rules may only stop or pause running")
        return self


class RulesFile(_Strict):
    version: Literal[1]
    rules: tuple[RuleModel, ...]


class ActionModel(_Strict):
    title: Text
    message: Text
    source: Text


class ContactsModel(_Strict):
    name: Text
    emergency: Text
    urgent: Text
    doctor: Text
    physio: Text
    source: Text


class CareFile(_Strict):
    version: Literal[1]
    disclaimer: Text
    safety_net: Text
    levels: dict[CareLevel, ActionModel]
    regions: dict[Ident, ContactsModel]

    @model_validator(mode="after")
    def _complete(self) -> CareFile:
        missing = [level for level in CARE_LEVELS if level not in self.levels]
        if missing:
            raise ValueError(f"no action for care levels: {', '.join(missing)}")
        if "uk" not in self.regions:
            raise ValueError("the UK (the default region) must have contacts")
        return self


class EvidenceModel(_Strict):
    verdict: Text
    certainty: Text
    sources: tuple[Text, ...] = Field(min_length=1)


class AdviceModel(_Strict):
    id: Ident
    kind: Literal[
        "action", "comfort", "safety_net", "self_management", "activity", "exercise", "running"
    ]
    levels: tuple[CareLevel, ...] = Field(min_length=1)
    text: Text
    evidence: EvidenceModel
    running: tuple[RunningStatus, ...] = ()
    when: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _safe_at_act_now_levels(self) -> AdviceModel:
        act_now = [level for level in self.levels if level in ACT_NOW_LEVELS]
        if act_now and self.kind not in ACT_NOW_ADVICE_KINDS:
            raise ValueError(
                f"{self.kind} advice may not be shown at {', '.join(act_now)} level: only "
                "action, comfort and safety_net advice is"
            )
        return self


class AdviceFile(_Strict):
    version: Literal[1]
    advice: tuple[AdviceModel, ...]


class ClaimModel(_Strict):
    id: Ident
    claim: Text
    verdict: Text
    certainty: Text
    detail: Text
    sources: tuple[Text, ...] = Field(min_length=1)


class ClaimsFile(_Strict):
    version: Literal[1]
    claims: tuple[ClaimModel, ...]


class ScaleOptionModel(_Strict):
    label: Text
    score: int = Field(ge=0, le=100)


class ScreenItemModel(_Strict):
    id: Ident
    text: Text
    scale: Ident
    subscales: tuple[Ident, ...] = ()


class BandModel(_Strict):
    band: Literal["low", "medium", "high"]
    total_at_least: int | None = Field(default=None, ge=0)
    subscale: Ident | None = None
    subscale_at_least: int | None = Field(default=None, ge=0)


class QuestionnaireModel(_Strict):
    id: Ident
    name: Text
    time_frame: Text
    source: Text
    licence: Text
    notice: str = ""
    preamble: str = ""
    scales: dict[Ident, tuple[ScaleOptionModel, ...]]
    items: tuple[ScreenItemModel, ...] = Field(min_length=1, max_length=60)
    bands: tuple[BandModel, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> QuestionnaireModel:
        ids = [item.id for item in self.items]
        if len(set(ids)) != len(ids):
            raise ValueError("item ids must be unique")
        subscales = {name for item in self.items for name in item.subscales}
        for item in self.items:
            if item.scale not in self.scales:
                raise ValueError(f"item {item.id} uses an undefined scale {item.scale!r}")
        for name, options in self.scales.items():
            if len(options) < 2 or len({o.score for o in options}) != len(options):
                raise ValueError(f"scale {name} needs two or more options with different scores")
        for band in self.bands:
            if band.subscale is not None and band.subscale not in subscales:
                raise ValueError(f"band {band.band} names an unknown subscale {band.subscale!r}")
        return self


class QuestionnaireFile(_Strict):
    version: Literal[1]
    questionnaire: QuestionnaireModel
