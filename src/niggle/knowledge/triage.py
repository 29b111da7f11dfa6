"""Loading the triage knowledge (red flags, rules, care levels, advice, claims, screen).

Every file is validated with pydantic and then cross-checked: every question id the
contract promises exists, every rule reads facts that exist with values they can take,
every piece of advice names a source, and nothing but action, comfort and safety-net
advice is listed at emergency or urgent level. Bad knowledge fails loudly at load time; it
must never reach a runner.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Final, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from niggle.domain.errors import InvalidInput, NiggleError
from niggle.domain.intake import CLAIM_IDS
from niggle.domain.triage.conditions import Condition
from niggle.domain.triage.models import (
    AdviceItem,
    CareAction,
    CareContacts,
    ClaimNote,
    Evidence,
    Rule,
    TriageKnowledge,
)
from niggle.domain.triage.psychosocial import BandRule, Questionnaire, ScreenItem
from niggle.domain.triage.questions import (
    AGE_QUESTION,
    AnswerType,
    Concern,
    Question,
    QuestionGroup,
    ScaleOption,
)
from niggle.knowledge.triage_conditions import ConditionReader, TriageKnowledgeInvalid
from niggle.knowledge.triage_schema import (
    AdviceFile,
    CareFile,
    ClaimsFile,
    QuestionModel,
    QuestionnaireFile,
    QuestionnaireModel,
    RedFlagsFile,
    RulesFile,
)

# The question ids CONTRACTS.md (triage) promises; more may be added, none removed.
CONTRACT_QUESTION_IDS: Final[frozenset[str]] = frozenset(
    {
        "saddle_numbness",
        "bladder_change",
        "bowel_change",
        "sexual_function_change",
        "bilateral_leg_numbness_or_weakness",
        "bilateral_leg_pain",
        "progressive_leg_weakness",
        "leg_pain_below_knee",
        "leg_numbness_or_tingling",
        "trauma_onset",
        "osteoporosis_or_long_term_steroids",
        "hop_pain",
        "focal_bone_tenderness",
        "groin_pain_weight_bearing",
        "unable_to_bear_weight",
        "recent_mileage_jump",
        "energy_deficiency_risk",
        "cancer_history",
        "unexplained_weight_loss",
        "constant_night_pain",
        "fever_or_unwell",
        "infection_risk",
        "pulsating_abdomen_or_faint",
        "urinary_symptoms_or_loin_pain",
        "extension_pain",
        "first_episode",
        "symptoms_weeks",
        "morning_stiffness_over_30min",
        "improves_with_exercise",
        "night_waking_second_half",
        "pain_during_run_nrs",
        "pain_after_run_nrs",
        "pain_at_rest_nrs",
        "pain_next_morning_worse",
        "eases_with_walking_or_sitting",
        "provoked_by",
        "previous_episodes",
    }
)
PACKAGE: Final = "niggle.knowledge"

__all__ = [
    "CONTRACT_QUESTION_IDS",
    "TriageKnowledgeInvalid",
    "build_knowledge",
    "care_contacts_from",
    "load_care_contacts",
    "load_care_contacts_file",
    "load_questionnaire_file",
    "load_triage_knowledge",
]

_M = TypeVar("_M", bound=BaseModel)


# --------------------------------------------------------------------------- loading


@cache
def load_triage_knowledge() -> TriageKnowledge:
    """The packaged knowledge, validated; raises TriageKnowledgeInvalid when broken."""
    return build_knowledge(
        red_flags=_packaged("red_flags.yaml"),
        rules=_packaged("triage_rules.yaml"),
        care=_packaged("care_levels.yaml"),
        advice=_packaged("advice.yaml"),
        claims=_packaged("claims.yaml"),
        screen=_packaged("psychosocial.yaml"),
    )


@cache
def load_care_contacts() -> dict[str, CareContacts]:
    return care_contacts_from(_packaged("care_levels.yaml"), "care_levels.yaml")


def load_care_contacts_file(path: Path) -> dict[str, CareContacts]:
    """An operator's contacts file (NIGGLE_CARE_CONTACTS), in the care_levels.yaml format."""
    return care_contacts_from(_read_file(path), str(path), error=InvalidInput)


def load_questionnaire_file(path: Path) -> Questionnaire:
    """A licensed instrument an operator supplies (see psychosocial.yaml for the format)."""
    raw = _read_file(path)
    model = _validate(QuestionnaireFile, raw, str(path), error=InvalidInput)
    return _questionnaire(model.questionnaire)


def build_knowledge(
    *,
    red_flags: object,
    rules: object,
    care: object,
    advice: object,
    claims: object,
    screen: object,
) -> TriageKnowledge:
    """Validate and cross-check parsed YAML documents into the engine's knowledge."""
    flags_file = _validate(RedFlagsFile, red_flags, "red_flags.yaml")
    screen_file = _validate(QuestionnaireFile, screen, "psychosocial.yaml")
    questionnaire = _questionnaire(screen_file.questionnaire)
    screen_ids = {item.id for item in questionnaire.items}
    ids = [q.id for q in flags_file.questions] + sorted(screen_ids)
    _no_duplicates(ids, "red_flags.yaml and psychosocial.yaml", "question id")
    if AGE_QUESTION in ids:
        raise TriageKnowledgeInvalid("red_flags.yaml: 'age' is given outside the answers")
    missing = CONTRACT_QUESTION_IDS - set(ids)
    if missing:
        raise TriageKnowledgeInvalid(
            f"red_flags.yaml: the contract's question ids are missing: {', '.join(sorted(missing))}"
        )
    partial = {q.id: _question(q, None) for q in flags_file.questions}
    partial.update({q.id: q for q in questionnaire.as_questions()})
    checker = ConditionReader(partial)
    questions = tuple(
        _question(q, checker.parse(q.ask_if, f"red_flags.yaml: {q.id}.ask_if", "level"))
        for q in flags_file.questions
    )

    rules_file = _validate(RulesFile, rules, "triage_rules.yaml")
    _no_duplicates([r.id for r in rules_file.rules], "triage_rules.yaml", "rule id")
    parsed_rules = tuple(
        Rule(
            id=r.id,
            stage=r.stage,
            when=checker.require(r.when, f"triage_rules.yaml: {r.id}.when", r.stage),
            because=r.because,
            source=r.source,
            level=r.level,
            classification=r.classification,
            running=r.running,
            red_flag=r.red_flag,
        )
        for r in rules_file.rules
    )

    care_file = _validate(CareFile, care, "care_levels.yaml")
    contacts = care_contacts_from(care, "care_levels.yaml")
    for contact in contacts.values():
        for level, action in care_file.levels.items():
            _check_template(action.title, f"care_levels.yaml: levels.{level}.title", contact)
            _check_template(action.message, f"care_levels.yaml: levels.{level}.message", contact)
        _check_template(care_file.safety_net, "care_levels.yaml: safety_net", contact)

    advice_file = _validate(AdviceFile, advice, "advice.yaml")
    _no_duplicates([a.id for a in advice_file.advice], "advice.yaml", "advice id")
    items = tuple(
        AdviceItem(
            id=a.id,
            kind=a.kind,
            text=a.text,
            evidence=Evidence(a.evidence.verdict, a.evidence.certainty, a.evidence.sources),
            levels=a.levels,
            when=checker.parse(a.when, f"advice.yaml: {a.id}.when", "running"),
            running=a.running,
        )
        for a in advice_file.advice
    )

    claims_file = _validate(ClaimsFile, claims, "claims.yaml")
    claim_ids = [c.id for c in claims_file.claims]
    _no_duplicates(claim_ids, "claims.yaml", "claim id")
    if set(claim_ids) != set(CLAIM_IDS):
        raise TriageKnowledgeInvalid(
            "claims.yaml: the claim ids must be exactly niggle.domain.intake.CLAIM_IDS; "
            f"missing {sorted(set(CLAIM_IDS) - set(claim_ids))}, "
            f"unknown {sorted(set(claim_ids) - set(CLAIM_IDS))}"
        )

    return TriageKnowledge(
        questions=questions,
        rules=parsed_rules,
        advice=items,
        claims={
            c.id: ClaimNote(c.id, c.claim, c.verdict, c.certainty, c.sources, c.detail)
            for c in claims_file.claims
        },
        actions={
            level: CareAction(level, action.title, action.message, action.source)
            for level, action in care_file.levels.items()
        },
        screen=questionnaire,
        disclaimer=care_file.disclaimer,
        safety_net=care_file.safety_net,
    )


def care_contacts_from(
    raw: object, where: str, error: type[NiggleError] = TriageKnowledgeInvalid
) -> dict[str, CareContacts]:
    care_file = _validate(CareFile, raw, where, error=error)
    return {
        region: CareContacts(
            region=region,
            name=c.name,
            emergency=c.emergency,
            urgent=c.urgent,
            doctor=c.doctor,
            physio=c.physio,
            source=c.source,
        )
        for region, c in care_file.regions.items()
    }


# --------------------------------------------------------------------------- helpers


def _packaged(name: str) -> object:
    try:
        text = (files(PACKAGE) / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise TriageKnowledgeInvalid(f"The knowledge file {name} is missing from niggle.") from exc
    return _parse_yaml(text, name, TriageKnowledgeInvalid)


def _read_file(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"Cannot read {path}: {exc}. Give a readable UTF-8 YAML file.") from exc
    return _parse_yaml(text, str(path), InvalidInput)


def _parse_yaml(text: str, where: str, error: type[NiggleError]) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{where} is not valid YAML: {exc}") from exc


def _validate(
    model: type[_M], raw: object, where: str, error: type[NiggleError] = TriageKnowledgeInvalid
) -> _M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}"
            for e in exc.errors()[:10]
        )
        raise error(f"{where} is invalid: {problems}") from exc


def _no_duplicates(ids: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    repeated = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    if repeated:
        raise TriageKnowledgeInvalid(f"{where}: repeated {what}: {', '.join(repeated)}")


def _check_template(template: str, where: str, contacts: CareContacts) -> None:
    try:
        contacts.fill(template)
    except (KeyError, IndexError, ValueError) as exc:
        raise TriageKnowledgeInvalid(
            f"{where}: unknown slot {exc}; use {{emergency}}, {{urgent}}, {{doctor}}, {{physio}}"
        ) from exc


def _question(model: QuestionModel, ask_if: Condition | None) -> Question:
    answer: AnswerType = model.answer
    group: QuestionGroup = model.group
    concern: Concern = model.concern
    return Question(
        id=model.id,
        group=group,
        text=model.text,
        answer=answer,
        urgency=model.urgency,
        concern=concern,
        choices=model.choices,
        minimum=model.minimum,
        maximum=model.maximum,
        integer=model.integer,
        ask_if=ask_if,
        required=model.required,
        topic=model.topic,
        help=model.help,
    )


def _questionnaire(model: QuestionnaireModel) -> Questionnaire:
    return Questionnaire(
        id=model.id,
        name=model.name,
        time_frame=model.time_frame,
        items=tuple(
            ScreenItem(
                id=item.id,
                text=item.text,
                options=tuple(ScaleOption(o.label, o.score) for o in model.scales[item.scale]),
                subscales=item.subscales,
            )
            for item in model.items
        ),
        bands=tuple(
            BandRule(b.band, b.total_at_least, b.subscale, b.subscale_at_least) for b in model.bands
        ),
        source=model.source,
        licence=model.licence,
        notice=model.notice,
        preamble=model.preamble,
    )
