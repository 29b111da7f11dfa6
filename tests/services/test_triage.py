"""Triage services: reading answers files, choosing the runner, storing results."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NotFound
from niggle.services.athletes import create_athlete
from niggle.services.care import care_contacts
from niggle.services.triage import (
    knowledge,
    latest_triage,
    parse_answers,
    resolve_runner,
    run_triage,
    save_triage,
    triage_document,
    triage_history,
)
from niggle.store.db import Database

NEGATIVE = {
    "saddle_numbness": False,
    "bladder_change": False,
    "bowel_change": False,
    "sexual_function_change": False,
    "bilateral_leg_numbness_or_weakness": False,
    "unable_to_bear_weight": False,
    "trauma_onset": "none",
    "pulsating_abdomen_or_faint": False,
    "progressive_leg_weakness": False,
    "bilateral_leg_pain": False,
    "cancer_history": False,
    "fever_or_unwell": False,
    "osteoporosis_or_long_term_steroids": False,
    "hop_pain": False,
    "focal_bone_tenderness": False,
    "groin_pain_weight_bearing": False,
    "urinary_symptoms_or_loin_pain": False,
}


def answers_file(**overrides: object) -> str:
    document = {"age": 38, "sex": "male", "answers": {**NEGATIVE, **overrides}}
    return json.dumps(document)


def test_an_answers_file_is_read_and_checked() -> None:
    parsed = parse_answers(
        answers_file(provoked_by=["intervals"], pain_during_run_nrs=6), "a.json", knowledge()
    )
    assert parsed.age == 38 and parsed.sex == "male"
    assert parsed.answers["provoked_by"] == ("intervals",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"a\.json: not valid JSON \(line 1, column 2"),
        ("[1, 2]", "expected a JSON object"),
        ('{"age": 38, "answer": {}}', "unknown key 'answer'"),
        ('{"answers": {"hop_pain": true, "hop_pain": false}}', "'hop_pain' is given twice"),
        ('{"answers": {"hop_pian": true}}', r"a\.json: answers\.hop_pian: .*hop_pain"),
        ('{"answers": {"hop_pain": "yes"}}', r"answers\.hop_pain: answer true or false"),
        ('{"answers": []}', "must be an object"),
        ('{"age": "old"}', r"a\.json: age: give the age"),
        ('{"sex": "bloke"}', r"a\.json: sex: choose female, male or other"),
        ('{"claims": ["core"]}', "unknown claim 'core'"),
        ('{"claims": "massage"}', "must be a list"),
    ],
)
def test_bad_answers_files_are_refused_with_where_and_how(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_answers(text, "a.json", knowledge())


def test_null_means_not_answered_and_stays_needed() -> None:
    parsed = parse_answers('{"age": 40, "answers": {"hop_pain": null}}', "a.json", knowledge())
    assert "hop_pain" not in parsed.answers
    result = run_triage(knowledge(), care_contacts("uk"), dt.date(2026, 11, 28), answers=parsed)
    assert result.provisional and "hop_pain" in result.questions_needed


def test_huge_answers_files_are_refused() -> None:
    with pytest.raises(InvalidInput, match="over 1 MB"):
        parse_answers(" " * 1_000_001, "a.json", knowledge())


def test_the_runner_is_the_only_athlete_or_none(db: Database, today: dt.date) -> None:
    nobody = resolve_runner(db, None, today, None, "uk")
    assert nobody.athlete is None and "no athlete yet" in (nobody.not_saved_because or "")
    create_athlete(db, Athlete("Sam", birth_year=today.year - 38, sex="male", region="ie"), today)
    sam = resolve_runner(db, None, today, None, "uk")
    assert sam.athlete is not None and (sam.age, sam.sex, sam.region) == (38, "male", "ie")
    assert resolve_runner(db, None, today, "au", "uk").region == "au"
    create_athlete(db, Athlete("Alex"), today)
    several = resolve_runner(db, None, today, None, "uk")
    assert several.athlete is None and "--athlete" in (several.not_saved_because or "")
    assert resolve_runner(db, "alex", today, None, "uk").athlete is not None
    with pytest.raises(NotFound, match="No athlete called 'Jo'"):
        resolve_runner(db, "Jo", today, None, "uk")


def test_results_are_kept_with_the_athlete_and_the_latest_is_found(
    db: Database, today: dt.date
) -> None:
    sam = create_athlete(db, Athlete("Sam", birth_year=1988), today)
    assert sam.id is not None
    assert latest_triage(db, sam.id) is None
    known = knowledge()
    uk = care_contacts("uk")
    first = run_triage(known, uk, today, answers=parse_answers(answers_file(), "a", known))
    save_triage(db, sam.id, first, today - dt.timedelta(days=7))
    second = run_triage(
        known, uk, today, answers=parse_answers(answers_file(hop_pain=True), "a", known)
    )
    stored = save_triage(db, sam.id, second, today, text="hurts when I hop")
    assert stored.id is not None
    latest = latest_triage(db, sam.id)
    assert latest is not None and latest.id == stored.id
    assert (latest.care_level, latest.running, latest.provisional) == ("urgent", "stop", False)
    assert latest.classification == "possible_bone_stress"
    assert latest.answers["hop_pain"] is True
    assert latest.document == json.loads(json.dumps(triage_document(second)))
    assert latest.text == "hurts when I hop"
    assert [r.taken_on for r in triage_history(db, sam.id)] == [today - dt.timedelta(days=7), today]


def test_results_go_when_the_athlete_goes(db: Database, today: dt.date) -> None:
    from niggle.store import athletes as athlete_repo

    sam = create_athlete(db, Athlete("Sam"), today)
    assert sam.id is not None
    result = run_triage(knowledge(), care_contacts("uk"), today)
    save_triage(db, sam.id, result, today)
    with db.begin() as session:
        athlete_repo.delete(session, sam.id)
    assert latest_triage(db, sam.id) is None


def test_the_migration_creates_exactly_the_declared_table(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from niggle.store.base import Base

    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    mine = [d for d in diffs if "triage_results" in repr(d)]
    assert mine == []


def test_the_document_follows_the_contract() -> None:
    known = knowledge()
    result = run_triage(
        known,
        care_contacts("uk"),
        dt.date(2026, 11, 28),
        answers=parse_answers(answers_file(), "a", known),
    )
    document = json.loads(json.dumps(triage_document(result)))
    for key in (
        "schema_version",
        "care_level",
        "care_message",
        "provisional",
        "questions_needed",
        "red_flags",
        "findings",
        "classification",
        "running",
        "advice",
        "claims",
        "trace",
    ):
        assert key in document
    assert set(document["running"]) == {"status", "because"}
    assert set(document["findings"]["training"]["race"]) == {"name", "date"}
    for item in document["advice"]:
        assert set(item["evidence"]) == {"verdict", "certainty", "sources"}
    for entry in document["trace"]:
        assert {"rule", "fired", "because"} <= set(entry)


def test_the_demo_runner_has_a_stored_founding_story_triage(db: Database, today: dt.date) -> None:
    from niggle.services.demo import seed_demo

    summary = seed_demo(db, today)
    assert summary.athlete.id is not None
    stored = latest_triage(db, summary.athlete.id)
    assert stored is not None
    assert (stored.care_level, stored.running, stored.provisional) == ("self_care", "modify", False)
    assert stored.classification == "non_specific"
    assert stored.answers["provoked_by"] == ["intervals", "tempo"]
    assert stored.document["red_flags"] == []
    assert any(step.startswith("triage: self care") for step in summary.steps)
