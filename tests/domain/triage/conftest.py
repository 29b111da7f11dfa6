"""Fixtures for the triage engine: the packaged knowledge and UK contacts, loaded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from niggle.domain.intake import TextIntake
from niggle.domain.triage.engine import triage
from niggle.domain.triage.models import CareContacts, TriageKnowledge, TriageRequest, TriageResult
from niggle.domain.triage.questions import AnswerValue
from niggle.knowledge.triage import load_care_contacts, load_triage_knowledge

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="session")
def knowledge() -> TriageKnowledge:
    return load_triage_knowledge()


@pytest.fixture(scope="session")
def uk() -> CareContacts:
    return load_care_contacts()["uk"]


def run(
    knowledge: TriageKnowledge,
    contacts: CareContacts,
    answers: Mapping[str, AnswerValue],
    *,
    age: int | None = 38,
    sex: str | None = "male",
    text: TextIntake | None = None,
    claims: tuple[str, ...] = (),
) -> TriageResult:
    request = TriageRequest(
        answers=answers, today=TODAY, contacts=contacts, age=age, sex=sex, text=text, claims=claims
    )
    return triage(knowledge, request)


def negative_screen(knowledge: TriageKnowledge) -> dict[str, AnswerValue]:
    """Every emergency and urgent question answered with its reassuring answer."""
    answers: dict[str, AnswerValue] = {}
    for question in knowledge.questions:
        if not question.is_safety_question:
            continue
        answers[question.id] = question.choices[0] if question.answer == "choice" else False
    return answers
