"""Checking a runner's answers, and merging what their own text says into them.

Text may only raise concern (CONTRACTS.md, triage): a concerning answer read from the text
overrides an explicit "no", nothing ever turns a concerning answer back, and text never
answers a red-flag question "no" (that question stays to be asked).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from niggle.domain.errors import InvalidInput
from niggle.domain.intake import TextIntake
from niggle.domain.triage.conditions import describe_value
from niggle.domain.triage.models import TextUse
from niggle.domain.triage.questions import AnswerValue, Question

SEX_VALUES: Final[tuple[str, ...]] = ("female", "male", "other")
MAX_AGE: Final = 120
# What the text's "eased by" words tell the eases_with_walking_or_sitting question.
EASE_WORDS: Final[frozenset[str]] = frozenset({"walking", "sitting", "walk", "sit"})

AGE_FIELD: Final = "age"
ANSWER_SOURCE: Final = "answer"
TEXT_SOURCE: Final = "text"
BOTH_SOURCES: Final = "answer+text"


def check_answers(
    questions: Iterable[Question], raw: Mapping[str, object], where: str = "answers"
) -> dict[str, AnswerValue]:
    """Refuse unknown ids and wrong value types, naming where and how to fix it."""
    by_id = {q.id: q for q in questions}
    checked: dict[str, AnswerValue] = {}
    for key, value in raw.items():
        question = by_id.get(key)
        if question is None:
            close = difflib.get_close_matches(str(key), list(by_id), n=3)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            raise InvalidInput(
                f"{where}.{key}: niggle has no question with this id.{hint} "
                "The question ids are listed in docs/SAFETY.md and niggle/knowledge/red_flags.yaml."
            )
        checked[key] = check_answer(question, value, f"{where}.{key}")
    return checked


def check_answer(question: Question, value: object, where: str) -> AnswerValue:
    if question.answer == "yes_no":
        if not isinstance(value, bool):
            raise InvalidInput(f"{where}: answer true or false, not {value!r}.")
        return value
    if question.answer == "choice":
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in question.choices:
            raise InvalidInput(
                f"{where}: choose one of {', '.join(question.choices)}; got {value!r}."
            )
        return text
    if question.answer == "list":
        return _check_list(question, value, where)
    if question.answer == "scale":
        return _check_scale(question, value, where)
    return _check_number(question, value, where)


def _check_list(question: Question, value: object, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise InvalidInput(
            f'{where}: give a list such as ["intervals", "tempo"] from: '
            f"{', '.join(question.choices)}."
        )
    chosen: list[str] = []
    for item in items:
        text = item.strip().lower() if isinstance(item, str) else None
        if text not in question.choices:
            raise InvalidInput(f"{where}: {item!r} is not one of {', '.join(question.choices)}.")
        if text not in chosen:
            chosen.append(text)
    return tuple(chosen)


def _check_scale(question: Question, value: object, where: str) -> int:
    labels = {o.label.lower(): o.score for o in question.options}
    scores = {o.score for o in question.options}
    if isinstance(value, str) and value.strip().lower() in labels:
        return labels[value.strip().lower()]
    if isinstance(value, int) and not isinstance(value, bool) and value in scores:
        return value
    choices = ", ".join(f"{o.score} ({o.label})" for o in question.options)
    raise InvalidInput(f"{where}: answer with one of {choices}; got {value!r}.")


def _check_number(question: Question, value: object, where: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(f"{where}: give a number, not {value!r}.")
    low, high = question.minimum, question.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{describe_value(low or 0)} to {describe_value(high or 0)}"
        raise InvalidInput(f"{where}: {describe_value(value)} is outside {span}.")
    if question.integer:
        if not float(value).is_integer():
            raise InvalidInput(f"{where}: give a whole number, not {value!r}.")
        return int(value)
    return value


def check_age(value: object, where: str = "age") -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(f"{where}: give the age in whole years, e.g. 38; got {value!r}.")
    if not 0 <= value <= MAX_AGE or not float(value).is_integer():
        raise InvalidInput(f"{where}: {value!r} is not an age in whole years between 0 and 120.")
    return int(value)


def check_sex(value: object, where: str = "sex") -> str:
    text = value.strip().lower() if isinstance(value, str) else None
    if text not in SEX_VALUES:
        raise InvalidInput(
            f"{where}: choose female, male or other (or leave it out); got {value!r}."
        )
    return text


@dataclass(frozen=True, slots=True)
class Merged:
    answers: dict[str, AnswerValue]
    sources: dict[str, str]
    uses: tuple[TextUse, ...]
    age: int | None = None


def merge_text(
    questions: Iterable[Question],
    answers: Mapping[str, AnswerValue],
    text: TextIntake | None,
    age: int | None = None,
) -> Merged:
    """The runner's answers with the text's findings folded in, always towards safety.

    The text may also give the age ("I'm 38") when none is known; a given age always stands.
    """
    merged = dict(answers)
    sources = dict.fromkeys(answers, ANSWER_SOURCE)
    if text is None:
        return Merged(merged, sources, (), age)
    by_id = {q.id: q for q in questions}
    uses = []
    for qid, value, quote in _text_statements(text):
        if qid == AGE_FIELD:
            use, age = _text_age(value, quote, age)
            uses.append(use)
            continue
        uses.append(_fold(by_id.get(qid), qid, value, quote, merged, sources))
    return Merged(merged, sources, tuple(uses), age)


def _text_age(value: object, quote: str, known: int | None) -> tuple[TextUse, int | None]:
    shown: AnswerValue = value if isinstance(value, int | float) else str(value)
    if known is not None:
        return TextUse(AGE_FIELD, shown, quote, False, "the age you gave stands"), known
    try:
        age = check_age(value)
    except InvalidInput:
        return TextUse(AGE_FIELD, shown, quote, False, "not an age niggle can use"), None
    return TextUse(AGE_FIELD, age, quote, True, "your text says so"), age


def _text_statements(text: TextIntake) -> list[tuple[str, object, str]]:
    statements: list[tuple[str, object, str]] = [
        (f.question_id, f.value, f.quote) for f in text.findings
    ]
    # The intake's summary fields say the same things again; add them only when they add.
    summary: list[tuple[str, object, str]] = []
    if text.provoked_by:
        summary.append(("provoked_by", text.provoked_by, "(what the text says brings it on)"))
    if text.previous_episodes is not None:
        summary.append(("previous_episodes", text.previous_episodes, "(earlier episodes)"))
    if any(word in EASE_WORDS for word in text.eased_by):
        summary.append(("eases_with_walking_or_sitting", True, "(what the text says eases it)"))
    given = {(qid, _key(value)) for qid, value, _ in statements}
    statements += [s for s in summary if (s[0], _key(s[1])) not in given]
    return statements


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def _fold(
    question: Question | None,
    qid: str,
    raw: object,
    quote: str,
    merged: dict[str, AnswerValue],
    sources: dict[str, str],
) -> TextUse:
    shown: AnswerValue = raw if isinstance(raw, bool | int | float | str | tuple) else str(raw)
    if question is None:
        return TextUse(qid, shown, quote, False, "niggle asks no question with this id")
    try:
        value = check_answer(question, raw, qid)
    except InvalidInput:
        return TextUse(qid, shown, quote, False, "the value read from the text does not fit")
    current = merged.get(qid)
    new, why = _combine(question, current, value)
    if new is None:
        return TextUse(qid, value, quote, False, why)
    if new != current:
        merged[qid] = new
        sources[qid] = BOTH_SOURCES if current is not None else TEXT_SOURCE
    elif sources.get(qid) == ANSWER_SOURCE:
        sources[qid] = BOTH_SOURCES
    return TextUse(qid, value, quote, True, why)


def _combine(
    question: Question, current: AnswerValue | None, value: AnswerValue
) -> tuple[AnswerValue | None, str]:
    """The merged answer (None: the text is not used) and why."""
    if question.answer == "list":
        before = current if isinstance(current, tuple) else ()
        added = value if isinstance(value, tuple) else (str(value),)
        return tuple(dict.fromkeys((*before, *added))), "added what the text mentions"
    if question.answer in ("yes_no", "choice"):
        if question.is_concerning(value):
            if current is None or not question.is_concerning(current):
                why = (
                    "your text says so; niggle keeps the more careful answer"
                    if current is not None
                    else "your text says so"
                )
                return value, why
            if question.answer == "choice" and _rank(question, value) > _rank(question, current):
                return value, "your text describes something more serious"
            return current, "agrees with your answer"
        if question.is_red_flag or question.is_safety_question:
            return None, "text never answers a safety question 'no'; it is still asked"
        if current is None:
            return value, "your text says so"
        return None, "your own answer stands"
    # numbers and scores: fill a gap, or raise a lower figure
    if current is None:
        return value, "your text says so"
    if (
        question.concern == "higher"
        and isinstance(value, int | float)
        and isinstance(current, int | float)
        and value > current
    ):
        return value, "your text gives a higher figure; niggle keeps the more careful one"
    return None, "your own answer stands"


def _rank(question: Question, value: AnswerValue) -> int:
    return question.choices.index(value) if value in question.choices else -1
