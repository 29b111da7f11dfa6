"""The triage wizard: red flags first, then the runner's own words, then the rest, confirmed.

1. ``/triage``: the emergency and urgent questions, asked explicitly (never pre-answered).
   If the answers already point to emergency or urgent care, the check-in stops there and
   the result shows only the action to take.
2. The runner describes the pain in their own words (optional).
3. The remaining questions, pre-filled from what the text says, each with the quote, for
   the runner to confirm or change. Questions that only apply after earlier answers are
   asked on a further page when they turn out to apply.

The answers so far travel in a hidden field and are checked again at every step; text can
raise a concern but never clear one (the engine's rule, ``merge_text``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NiggleError
from niggle.domain.triage.answers import check_age, check_answers, merge_text
from niggle.domain.triage.conditions import describe_value
from niggle.domain.triage.questions import AnswerValue, Question
from niggle.services import triage
from niggle.services.care import care_contacts, contacts_file_from_env
from niggle.web.deps import ClockDep, CurrentAthlete, DbDep, FormDep
from niggle.web.errors import status_for
from niggle.web.templating import render

router = APIRouter()

SAFETY: Final = ("emergency", "urgent")
REST: Final = ("other", "psychosocial", "pain", "training")
ACT_NOW: Final = ("emergency", "urgent")
GROUP_TITLES: Final = {
    "emergency": "First, questions that need an answer straight away",
    "urgent": "Next, things that need a check today",
    "other": "Some more about your back",
    "psychosocial": "How the pain has been affecting you",
    "pain": "The pain itself",
    "training": "Your training",
}


@dataclass(frozen=True)
class Proposal:
    value: AnswerValue
    quote: str


def _questions() -> tuple[Question, ...]:
    return triage.interview_questions(triage.knowledge())


def _pending(
    groups: tuple[str, ...], answers: dict[str, AnswerValue], age: int | None, sex: str | None
) -> list[Question]:
    return [
        q
        for q in _questions()
        if q.group in groups
        and q.id not in answers
        and triage.question_applies(q, answers, age, sex)
    ]


def _age(athlete: Athlete, today: Any, form: FormData | None) -> int | None:
    """The athlete's age, or the one typed on the first page when no birth year is known."""
    known = athlete.age_on(today)
    if known is not None or form is None:
        return known
    raw = form.get("age")
    if not isinstance(raw, str) or not raw.strip():
        return None
    return check_age(_whole(raw), "age")


def _whole(text: str) -> object:
    try:
        return int(text.strip())
    except ValueError:
        return text


def _state(form: FormData) -> tuple[dict[str, AnswerValue], str]:
    raw = form.get("answers_json") or "{}"
    try:
        data = json.loads(raw if isinstance(raw, str) else "{}")
    except json.JSONDecodeError:
        raise InvalidInput("The check-in lost its place; start it again from Today.") from None
    if not isinstance(data, dict):
        raise InvalidInput("The check-in lost its place; start it again from Today.")
    answers = check_answers(_questions(), _from_json(data), where="the check-in")
    text = form.get("text") or ""
    return answers, text if isinstance(text, str) else ""


def _from_json(data: dict[str, Any]) -> dict[str, object]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


def _to_json(answers: dict[str, AnswerValue]) -> str:
    return json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()})


def _read(question: Question, form: FormData) -> AnswerValue | None:
    """The answer a form gives to ``question``, or None when it was left blank."""
    if question.answer == "list":
        picked = [v for v in form.getlist(question.id) if isinstance(v, str)]
        if not picked and form.get(f"{question.id}__shown") is None:
            return None
        return tuple(picked)
    value = form.get(question.id)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if question.answer == "yes_no":
        if text not in ("yes", "no"):
            raise InvalidInput(f"Answer yes or no: {question.text}")
        return text == "yes"
    if question.answer == "choice":
        return text
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(f"{question.text} needs a number, not {text!r}.") from None
    if question.answer == "scale" or question.integer:
        return int(number)
    return number


def _collect(
    shown: list[Question], form: FormData, answers: dict[str, AnswerValue]
) -> dict[str, AnswerValue]:
    """Add the form's answers. A question that may not apply (``ask_if``) can be left blank
    on its first showing; on a follow-up page (``followup``) it is known to apply."""
    followup = form.get("followup") == "1"
    given: dict[str, object] = {}
    missing = []
    for question in shown:
        value = _read(question, form)
        if value is None:
            if question.required and (question.ask_if is None or followup):
                missing.append(question)
            continue
        given[question.id] = value
    if missing:
        raise InvalidInput(
            "Please answer every question marked as needed; the first one left is: "
            + " ".join(missing[0].text.split())
        )
    return answers | check_answers(_questions(), given, where="your answers")


def _proposals(text: str) -> tuple[dict[str, Proposal], list[dict[str, str]]]:
    if not text.strip():
        return {}, []
    intake = triage.read_runner_text(text)
    proposals: dict[str, Proposal] = {}
    found = []
    for use in merge_text(_questions(), {}, intake).uses:
        if use.used and use.question_id not in proposals:
            proposals[use.question_id] = Proposal(use.value, use.quote)
        found.append(
            {
                "question": use.question_id.replace("_", " "),
                "value": describe_value(use.value),
                "quote": use.quote,
            }
        )
    return proposals, found


def _ask(
    request: Request,
    athlete: Athlete,
    *,
    stage: str,
    shown: list[Question],
    answers: dict[str, AnswerValue],
    text: str = "",
    proposals: dict[str, Proposal] | None = None,
    found: list[dict[str, str]] | None = None,
    error: str | None = None,
    status: int = 200,
    followup: bool = False,
    ask_age: bool = False,
    age: int | None = None,
) -> Response:
    groups = [(GROUP_TITLES[g], [q for q in shown if q.group == g]) for g in (*SAFETY, *REST)]
    return render(
        request,
        "triage_ask.html",
        {
            "active": "today",
            "athlete": athlete,
            "stage": stage,
            "groups": [(title, qs) for title, qs in groups if qs],
            "answers_json": _to_json(answers),
            "text": text,
            "proposals": proposals or {},
            "found": found or [],
            "disclaimer": triage.knowledge().disclaimer,
            "error": error,
            "followup": followup,
            "ask_age": ask_age,
            "age": age,
        },
        status_code=status,
    )


def _runner(athlete: Athlete, age: int | None) -> triage.Runner:
    from niggle.services.care import check_region

    return triage.Runner(athlete, age, athlete.sex, check_region(athlete.region))


def _finish(
    db: DbDep,
    athlete: Athlete,
    clock: ClockDep,
    answers: dict[str, AnswerValue],
    text: str,
    age: int | None,
) -> Response:
    today = clock.today()
    runner = _runner(athlete, age)
    intake = triage.read_runner_text(text) if text.strip() else None
    result = triage.run_triage(
        triage.knowledge(),
        care_contacts(runner.region, contacts_file_from_env()),
        today,
        answers=triage.AnswersInput(answers, runner.age, runner.sex),
        text=intake,
        runner=runner,
    )
    assert athlete.id is not None
    triage.save_triage(db, athlete.id, result, today, text=text or None)
    return RedirectResponse("/triage/result", status_code=303)


@router.get("/triage")
def start(request: Request, athlete: CurrentAthlete, clock: ClockDep) -> Response:
    age = athlete.age_on(clock.today())
    shown = _pending(SAFETY, {}, age, athlete.sex)
    return _ask(request, athlete, stage="safety", shown=shown, answers={}, ask_age=age is None)


@router.post("/triage/safety")
def safety(
    request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep, form: FormDep
) -> Response:
    today = clock.today()
    sex = athlete.sex
    answers, _ = _state(form)
    shown = _pending(SAFETY, answers, athlete.age_on(today), sex)
    # Follow-ups from later groups (asked because they could make it an emergency).
    shown += [q for q in _pending(REST, answers, athlete.age_on(today), sex) if q.id in form]
    ask_age = athlete.age_on(today) is None and form.get("followup") != "1"
    try:
        age = _age(athlete, today, form)
        answers = _collect(shown, form, answers)
    except NiggleError as exc:
        return _ask(
            request,
            athlete,
            stage="safety",
            shown=shown,
            answers=answers,
            error=exc.message,
            status=status_for(exc),
            ask_age=ask_age,
            followup=form.get("followup") == "1",
        )
    contacts = care_contacts(_runner(athlete, age).region, contacts_file_from_env())
    so_far = triage.result_so_far(triage.knowledge(), contacts, today, answers, age, sex)
    # An urgent answer may still be an emergency given a later question (a past cancer plus
    # new leg tingling): ask those first, as the terminal interview does, then act.
    raising = [
        q for q in _pending(SAFETY + REST, answers, age, sex) if q.id in so_far.questions_raising
    ]
    if so_far.care_level == "emergency" or (so_far.care_level in ACT_NOW and not raising):
        return _finish(db, athlete, clock, answers, "", age)
    if so_far.care_level in ACT_NOW:
        return _ask(
            request, athlete, stage="safety", shown=raising, answers=answers, followup=True, age=age
        )
    still = _pending(SAFETY, answers, age, sex)
    if still:  # questions that turn out to apply given these answers
        return _ask(
            request, athlete, stage="safety", shown=still, answers=answers, followup=True, age=age
        )
    return render(
        request,
        "triage_describe.html",
        {
            "active": "today",
            "athlete": athlete,
            "answers_json": _to_json(answers),
            "text": "",
            "age": age,
        },
    )


@router.post("/triage/describe")
def describe(request: Request, athlete: CurrentAthlete, clock: ClockDep, form: FormDep) -> Response:
    answers, text = _state(form)
    age = _age(athlete, clock.today(), form)
    try:
        proposals, found = _proposals(text)
    except NiggleError as exc:
        return render(
            request,
            "triage_describe.html",
            {
                "active": "today",
                "athlete": athlete,
                "answers_json": _to_json(answers),
                "text": text,
                "age": age,
                "error": exc.message,
            },
            status_code=status_for(exc),
        )
    shown = _pending(REST, answers, age, athlete.sex)
    return _ask(
        request,
        athlete,
        stage="rest",
        shown=shown,
        answers=answers,
        text=text,
        proposals=proposals,
        found=found,
        age=age,
    )


@router.post("/triage/answers")
def rest(
    request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep, form: FormDep
) -> Response:
    sex = athlete.sex
    answers, text = _state(form)
    age = _age(athlete, clock.today(), form)
    shown = _pending(REST, answers, age, sex)
    followup = form.get("followup") == "1"
    try:
        answers = _collect(shown, form, answers)
    except NiggleError as exc:
        proposals, found = _proposals(text)
        return _ask(
            request,
            athlete,
            stage="rest",
            shown=shown,
            answers=answers,
            text=text,
            proposals=proposals,
            found=found,
            error=exc.message,
            status=status_for(exc),
            followup=followup,
            age=age,
        )
    still = [q for q in _pending(REST, answers, age, sex) if q.required]
    if still:
        proposals, found = _proposals(text)
        return _ask(
            request,
            athlete,
            stage="rest",
            shown=still,
            answers=answers,
            text=text,
            proposals=proposals,
            found=found,
            followup=True,
            age=age,
        )
    return _finish(db, athlete, clock, answers, text, age)


@router.get("/triage/result")
def result(request: Request, athlete: CurrentAthlete, db: DbDep) -> Response:
    assert athlete.id is not None
    latest = triage.latest_triage(db, athlete.id)
    if latest is None:
        return RedirectResponse("/triage", status_code=303)
    document = latest.document
    return render(
        request,
        "triage_result.html",
        {
            "active": "today",
            "athlete": athlete,
            "record": latest,
            "doc": document,
            "act_now": latest.care_level in ACT_NOW,
            "questions": {q.id: q for q in _questions()},
        },
    )
