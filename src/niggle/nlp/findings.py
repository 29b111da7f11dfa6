"""Triage answers stated in the text, red flags first.

Free text may raise a flag, never clear one (CONTRACTS.md, triage): every finding here is a
positive statement the runner made about themselves. A question the text does not mention,
or mentions only negated ("no numbness down there"), hypothetically ("if I got numb..."),
about someone else ("my dad had cancer") or, unless the lexicon says history counts, in the
past ("I wet myself a year ago"), produces no finding at all, so the engine still asks it.
"""

from __future__ import annotations

from collections.abc import Iterable

from niggle.domain.intake import TextFinding
from niggle.nlp.assertions import (
    HISTORICAL,
    HYPOTHETICAL,
    NEGATED,
    SOMEONE_ELSE,
    UNCERTAIN,
    Mention,
)
from niggle.nlp.lexicon import QuestionLexicon
from niggle.nlp.pipeline import EXCLUDE, QUESTION
from niggle.nlp.text import quote


def counts(mention: Mention, question: QuestionLexicon) -> bool:
    """Whether a mention states the answer about the runner, now (or ever, where that counts)."""
    c = mention.categories
    if NEGATED in c or HYPOTHETICAL in c:
        return False
    if SOMEONE_ELSE in c and not question.someone_else_counts:
        return False
    if HISTORICAL in c and not question.history_counts:
        return False
    return not (UNCERTAIN in c and not question.uncertain_counts)


def excluded(mention: Mention, exclusions: Iterable[Mention]) -> bool:
    for ex in exclusions:
        if ex.key != mention.key:
            continue
        if ex.scope == "overlap" and ex.overlaps(mention):
            return True
        if ex.scope == "sentence" and (ex.chunk, ex.sentence) == (mention.chunk, mention.sentence):
            return True
    return False


def question_findings(
    mentions: list[Mention], questions: dict[str, QuestionLexicon], original: str
) -> list[TextFinding]:
    exclusions = [m for m in mentions if m.label == EXCLUDE]
    best: dict[str, Mention] = {}
    for m in sorted((m for m in mentions if m.label == QUESTION), key=lambda m: m.start):
        question = questions.get(m.key or "")
        if question is None or not counts(m, question) or excluded(m, exclusions):
            continue
        held = best.get(question.question_id)
        # A higher-ranked value wins ("major" trauma over "minor"); else the first mention.
        if held is None or _rank(question, m) > _rank(question, held):
            best[question.question_id] = m
    findings = []
    for qid, m in sorted(best.items(), key=lambda item: item[1].start):
        value: bool | str = {None: True, "true": True, "false": False}.get(m.value, str(m.value))
        findings.append(TextFinding(qid, value, quote(original, m.start, m.end)))
    return findings


def _rank(question: QuestionLexicon, mention: Mention) -> int:
    value = mention.value or "true"
    return question.rank.index(value) if value in question.rank else -1
