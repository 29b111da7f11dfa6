"""Triage use cases: read answers and text, run the engine, keep the result with the athlete.

The engine (``niggle.domain.triage``) is pure; this module reads the answers file, calls
free-text intake (``niggle.nlp.intake``), picks the region's contacts, stores the result
and builds the JSON document of CONTRACTS.md (triage).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NiggleError, NotFound
from niggle.domain.intake import TextIntake
from niggle.domain.triage.answers import check_age, check_answers, check_sex
from niggle.domain.triage.conditions import evaluate
from niggle.domain.triage.engine import all_questions, base_facts, triage
from niggle.domain.triage.models import CareContacts, TriageKnowledge, TriageRequest, TriageResult
from niggle.domain.triage.psychosocial import ScreenResult
from niggle.domain.triage.questions import AnswerValue, Question
from niggle.domain.triage.records import TriageRecord
from niggle.services.athletes import NO_ATHLETE_HINT
from niggle.store import athletes as athlete_repo
from niggle.store import triage as triage_repo
from niggle.store.db import Database

MAX_ANSWERS_BYTES: Final = 1_000_000
MAX_TEXT_CHARS: Final = 50_000
ANSWERS_KEYS: Final = ("age", "sex", "answers", "claims")
ANSWERS_EXAMPLE: Final = '{"age": 38, "sex": "male", "answers": {"saddle_numbness": false}}'


@dataclass(frozen=True, slots=True)
class AnswersInput:
    """An answers file, checked: ids exist and every value has the right type."""

    answers: dict[str, AnswerValue]
    age: int | None = None
    sex: str | None = None
    claims: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Runner:
    """Who the triage is for: the athlete (if one can be chosen) and what we know of them."""

    athlete: Athlete | None
    age: int | None
    sex: str | None
    region: str
    not_saved_because: str | None = None


def knowledge(questionnaire_file: Path | None = None) -> TriageKnowledge:
    """The packaged knowledge, with a licensed questionnaire in place of niggle's screen."""
    from niggle.knowledge.triage import load_questionnaire_file, load_triage_knowledge

    loaded = load_triage_knowledge()
    if questionnaire_file is None:
        return loaded
    licensed = load_questionnaire_file(questionnaire_file)
    clash = {q.id for q in loaded.questions} & {item.id for item in licensed.items}
    if clash:
        raise InvalidInput(
            f"{questionnaire_file}: item ids clash with triage question ids: "
            f"{', '.join(sorted(clash))}. Rename those items."
        )
    return replace(loaded, screen=licensed)


# ----------------------------------------------------------------------------- input


def parse_answers(text: str, where: str, known: TriageKnowledge) -> AnswersInput:
    """Read an answers document, refusing anything unknown or of the wrong type."""
    if len(text.encode("utf-8", errors="replace")) > MAX_ANSWERS_BYTES:
        raise InvalidInput(f"{where}: the answers file is over 1 MB; it should be a few lines.")
    try:
        data = json.loads(text, object_pairs_hook=_refuse_repeats)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{where}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            f"An answers file looks like {ANSWERS_EXAMPLE}."
        ) from exc
    except _RepeatedKey as exc:
        raise InvalidInput(
            f"{where}: {exc.key!r} is given twice; keep one answer for it."
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: expected a JSON object such as {ANSWERS_EXAMPLE}.")
    unknown = [key for key in data if key not in ANSWERS_KEYS]
    if unknown:
        raise InvalidInput(
            f"{where}: unknown key {unknown[0]!r}; an answers file has {', '.join(ANSWERS_KEYS)} "
            '(question answers go inside "answers").'
        )
    raw_answers = data.get("answers", {})
    if not isinstance(raw_answers, dict):
        raise InvalidInput(f'{where}: "answers" must be an object of question id -> answer.')
    # null means "not answered", which keeps a question in questions_needed.
    given = {key: value for key, value in raw_answers.items() if value is not None}
    answers = check_answers(all_questions(known), given, where=f"{where}: answers")
    age = check_age(data["age"], f"{where}: age") if data.get("age") is not None else None
    sex = check_sex(data["sex"], f"{where}: sex") if data.get("sex") is not None else None
    return AnswersInput(answers, age, sex, _claims(data.get("claims", []), where, known))


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RepeatedKey(key)
        result[key] = value
    return result


def _claims(raw: object, where: str, known: TriageKnowledge) -> tuple[str, ...]:
    if not isinstance(raw, list) or any(not isinstance(c, str) for c in raw):
        raise InvalidInput(f'{where}: "claims" must be a list of claim ids.')
    unknown = [c for c in raw if c not in known.claims]
    if unknown:
        raise InvalidInput(
            f"{where}: unknown claim {unknown[0]!r}; choose from {', '.join(known.claims)}."
        )
    return tuple(dict.fromkeys(raw))


def read_runner_text(text: str) -> TextIntake:
    """What a runner's own description says, read by the free-text intake."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(
            f"The text is {len(text):,} characters long; niggle reads up to {MAX_TEXT_CHARS:,}. "
            "Give the part about the pain and the training."
        )
    if not text.strip():
        raise InvalidInput("The text is empty. Describe the pain in your own words.")
    try:
        from niggle.nlp.intake import read_text
    except ImportError as exc:
        raise NiggleError(
            f"Reading free text needs niggle's text reader (niggle.nlp.intake), which could not "
            f"be loaded here ({exc}). Answer the questions instead: run niggle triage in a "
            "terminal, or give --answers FILE.",
            code="text_reading_unavailable",
        ) from exc
    intake: TextIntake = read_text(text)
    return intake


# ----------------------------------------------------------------------------- running


def resolve_runner(
    db: Database, name: str | None, today: dt.date, region: str | None, default_region: str
) -> Runner:
    """The athlete a triage is for; with none (or several and no --athlete) it is not saved."""
    from niggle.services.care import check_region

    with db.begin() as session:
        if name:
            athlete = athlete_repo.by_name(session, name)
            if athlete is None:
                known = ", ".join(a.name for a in athlete_repo.all_athletes(session)) or "none yet"
                raise NotFound(f"No athlete called {name!r} (athletes: {known}).")
            everyone = [athlete]
        else:
            everyone = athlete_repo.all_athletes(session)
    if len(everyone) != 1:
        why = (
            f"there is no athlete yet. {NO_ATHLETE_HINT}"
            if not everyone
            else "there are several athletes; choose one with --athlete NAME"
        )
        return Runner(None, None, None, check_region(region or default_region), why)
    athlete = everyone[0]
    return Runner(
        athlete=athlete,
        age=athlete.age_on(today),
        sex=athlete.sex,
        region=check_region(region or athlete.region or default_region),
    )


def run_triage(
    known: TriageKnowledge,
    contacts: CareContacts,
    today: dt.date,
    *,
    answers: AnswersInput | None = None,
    text: TextIntake | None = None,
    runner: Runner | None = None,
) -> TriageResult:
    given = answers or AnswersInput({})
    request = TriageRequest(
        answers=given.answers,
        today=today,
        contacts=contacts,
        age=given.age if given.age is not None else (runner.age if runner else None),
        sex=given.sex if given.sex is not None else (runner.sex if runner else None),
        text=text,
        claims=given.claims,
    )
    return triage(known, request)


def save_triage(
    db: Database,
    athlete_id: int,
    result: TriageResult,
    today: dt.date,
    text: str | None = None,
) -> TriageRecord:
    """Keep the result with the athlete, in one transaction."""
    record = TriageRecord(
        athlete_id=athlete_id,
        taken_on=today,
        care_level=result.care_level,
        running=result.running,
        classification=result.classification,
        provisional=result.provisional,
        answers=_jsonable(dict(result.answers)),
        document=triage_document(result),
        text=text,
    )
    with db.begin() as session:
        return triage_repo.add(session, record)


def latest_triage(db: Database, athlete_id: int) -> TriageRecord | None:
    """The athlete's most recent triage, for adaptation and the weekly re-screen."""
    with db.begin() as session:
        return triage_repo.latest(session, athlete_id)


def triage_history(db: Database, athlete_id: int) -> list[TriageRecord]:
    with db.begin() as session:
        return triage_repo.history(session, athlete_id)


# ----------------------------------------------------------------------------- demo

# What the demo runner (the founding story) told the check-in about the pain itself: it
# stops him in 800 m repeats and tempo runs, goes when he walks or sits, one earlier bout.
FOUNDING_STORY_PAIN: Final[dict[str, AnswerValue]] = {
    "symptoms_weeks": 1,
    "psy_fear_of_movement": 1,
    "psy_worry": 1,
    "psy_low_mood": 0,
    "psy_bothersomeness": 1,
    "pain_during_run_nrs": 6,
    "pain_after_run_nrs": 2,
    "pain_at_rest_nrs": 0,
    "pain_next_morning_worse": False,
    "pain_worse_week_to_week": False,
    "eases_with_walking_or_sitting": True,
    "provoked_by": ("intervals", "tempo"),
    "previous_episodes": 1,
    "limping": False,
    "recent_mileage_jump": False,
}


def seed_demo_triage(db: Database, athlete: Athlete, today: dt.date) -> TriageRecord:
    """Store the demo runner's check-in: every red flag answered no, pain as in the story."""
    if athlete.id is None:
        raise ValueError("the demo triage needs a stored athlete")
    known = knowledge()
    answers: dict[str, AnswerValue] = {}
    for question in interview_questions(known):
        if question.group not in ("emergency", "urgent", "other") or not question.required:
            continue
        if question.answer == "yes_no":
            answers[question.id] = question.concern == "no"  # the reassuring answer
        elif question.answer == "choice":
            answers[question.id] = question.choices[0]
    answers.update(FOUNDING_STORY_PAIN)
    from niggle.services.care import care_contacts

    result = run_triage(
        known,
        care_contacts(athlete.region),
        today,
        answers=AnswersInput(answers, athlete.age_on(today), athlete.sex),
    )
    return save_triage(db, athlete.id, result, today)


# ----------------------------------------------------------------------------- interview


def interview_questions(known: TriageKnowledge) -> tuple[Question, ...]:
    """Emergency first, then urgent, then the rest, the screen, the pain and training."""
    return all_questions(known)


def question_applies(
    question: Question, answers: dict[str, AnswerValue], age: int | None, sex: str | None
) -> bool:
    """Whether to ask ``question`` given the answers so far (unknown means ask)."""
    if question.ask_if is None:
        return True
    known = base_facts(answers, age, sex, ScreenResult("none", None, None, {}, ()))
    return evaluate(question.ask_if, known) is not False


def result_so_far(
    known: TriageKnowledge,
    contacts: CareContacts,
    today: dt.date,
    answers: dict[str, AnswerValue],
    age: int | None,
    sex: str | None,
    text: TextIntake | None = None,
) -> TriageResult:
    """The triage of the answers given so far (the interview checks it after each group)."""
    request = TriageRequest(answers, today, contacts, age=age, sex=sex, text=text)
    return triage(known, request)


# ----------------------------------------------------------------------------- output


def triage_document(result: TriageResult) -> dict[str, Any]:
    """The JSON document of CONTRACTS.md (triage), plus a few extra fields."""
    return {
        "schema_version": 1,
        "care_level": result.care_level,
        "care_title": result.care_title,
        "care_message": result.care_message,
        "provisional": result.provisional,
        "questions_needed": list(result.questions_needed),
        "questions_raising": list(result.questions_raising),
        "red_flags": [
            {
                "id": f.id,
                "urgency": f.urgency,
                "because": f.because,
                "source": f.source,
                "questions": list(f.questions),
            }
            for f in result.red_flags
        ],
        "findings": _findings(result),
        "classification": result.classification,
        "running": {"status": result.running, "because": result.running_because},
        "advice": [
            {
                "id": a.id,
                "kind": a.kind,
                "text": a.text,
                "evidence": {
                    "verdict": a.evidence.verdict,
                    "certainty": a.evidence.certainty,
                    "sources": list(a.evidence.sources),
                },
            }
            for a in result.advice
        ],
        "claims": [
            {
                "id": c.id,
                "claim": c.claim,
                "verdict": c.verdict,
                "certainty": c.certainty,
                "sources": list(c.sources),
                "detail": c.detail,
            }
            for c in result.claims
        ],
        "withheld_claims": list(result.withheld_claims),
        "trace": [
            {
                "rule": t.rule,
                "fired": t.fired,
                "because": t.because,
                "stage": t.stage,
                "known": t.known,
            }
            for t in result.trace
        ],
        "rescreen": {
            "next_on": result.rescreen.next_on.isoformat(),
            "every_days": result.rescreen.every_days,
            "message": result.rescreen.message,
            "questions": list(result.rescreen.questions),
        },
        "psychosocial": {
            "instrument": result.screen.instrument,
            "band": result.screen.band,
            "total": result.screen.total,
            "missing": list(result.screen.missing),
        },
        "age": result.age,
        "sex": result.sex,
        "region": result.region,
        "answers": _jsonable(dict(result.answers)),
        "answer_sources": dict(result.answer_sources),
        "text_findings": [
            {
                "question_id": u.question_id,
                "value": _jsonable_value(u.value),
                "quote": u.quote,
                "used": u.used,
                "why": u.why,
            }
            for u in result.text_uses
        ],
        "safety_net": result.safety_net,
        "disclaimer": result.disclaimer,
    }


def _findings(result: TriageResult) -> dict[str, Any]:
    text = result.text
    provoked = result.answers.get("provoked_by", ())
    eased = list(text.eased_by) if text else []
    if not eased and result.answers.get("eases_with_walking_or_sitting") is True:
        eased = ["walking", "sitting"]
    training = text.training if text else None
    return {
        "region": text.region if text else None,
        "provoked_by": list(provoked) if isinstance(provoked, tuple) else [],
        "eased_by": eased,
        "onset": text.onset if text else None,
        "previous_episodes": result.answers.get("previous_episodes"),
        "training": {
            "plan": training.plan if training else None,
            "plan_week": training.plan_week if training else None,
            "weekly_distance_m": training.weekly_distance_m if training else None,
            "workouts": list(training.workouts) if training else [],
            "race": {
                "name": training.race_name if training else None,
                "date": training.race_date.isoformat() if training and training.race_date else None,
            },
        },
        "claims_mentioned": list(text.claims) if text else [],
    }


def _jsonable(answers: dict[str, AnswerValue]) -> dict[str, Any]:
    return {key: _jsonable_value(value) for key, value in answers.items()}


def _jsonable_value(value: AnswerValue) -> Any:
    return list(value) if isinstance(value, tuple) else value
