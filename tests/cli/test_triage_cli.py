"""``niggle triage`` and ``niggle triage-report`` per the contract, run as a user would."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Runner

NEGATIVE: dict[str, Any] = {
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
FOUNDING = {
    **NEGATIVE,
    "symptoms_weeks": 1,
    "previous_episodes": 1,
    "pain_during_run_nrs": 6,
    "provoked_by": ["intervals", "tempo"],
    "eases_with_walking_or_sitting": True,
}


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run without a terminal unless they say otherwise."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def write_answers(tmp_path: Path, answers: dict[str, Any], age: int | None = 38) -> str:
    path = tmp_path / "answers.json"
    document: dict[str, Any] = {"sex": "male", "answers": answers}
    if age is not None:
        document["age"] = age
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_answers_file_gives_the_contract_document(niggle: Runner, tmp_path: Path) -> None:
    outcome = niggle("triage", "--answers", write_answers(tmp_path, FOUNDING), "--json")
    assert outcome.exit_code == 0, outcome.stderr
    doc = outcome.json()
    assert doc["schema_version"] == 1
    assert (doc["care_level"], doc["provisional"], doc["classification"]) == (
        "self_care",
        False,
        "non_specific",
    )
    assert doc["running"]["status"] == "modify"
    assert doc["red_flags"] == []
    assert doc["findings"]["provoked_by"] == ["intervals", "tempo"]
    assert doc["findings"]["previous_episodes"] == 1
    assert all(a["evidence"]["sources"] for a in doc["advice"])
    assert doc["saved"] is False and "no athlete yet" in doc["not_saved_because"]
    assert outcome.stdout.count("\n") == 1  # exactly one JSON document


def test_results_are_saved_with_the_only_athlete(
    niggle: Runner, tmp_path: Path, cli_db: str
) -> None:
    niggle("athlete", "create", "--name", "Sam", "--birth-year", "1988", "--sex", "male")
    answers = {key: value for key, value in FOUNDING.items()}
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": answers}), encoding="utf-8")  # age from the athlete
    doc = niggle("triage", "--answers", str(path), "--json").json()
    assert doc["saved"] is True and doc["athlete"] == "Sam" and doc["age"] is not None
    assert doc["provisional"] is False

    from niggle.services.database import open_database
    from niggle.services.triage import latest_triage

    db = open_database(cli_db)
    try:
        stored = latest_triage(db, 1)
    finally:
        db.dispose()
    assert stored is not None and stored.id == doc["triage_id"]
    assert stored.document["care_level"] == "self_care"


def test_emergency_shows_only_the_action_and_the_safety_net(niggle: Runner, tmp_path: Path) -> None:
    answers = {**FOUNDING, "bowel_change": True}
    outcome = niggle("triage", "--answers", write_answers(tmp_path, answers))
    assert outcome.exit_code == 0, outcome.stderr
    shown = outcome.stdout
    assert "Call 999 now" in shown
    assert "bowel change" in shown  # what to tell them
    assert "bladder or bowels" in shown  # the safety net
    for inviting in ("What helps", "Keep running", "traffic light", "evidence says", "stretch"):
        assert inviting not in shown
    doc = niggle("triage", "--answers", write_answers(tmp_path, answers), "--json").json()
    assert doc["care_level"] == "emergency" and doc["running"]["status"] == "stop"
    assert {a["kind"] for a in doc["advice"]} <= {"action", "comfort", "safety_net"}


def test_urgent_output_also_shows_only_the_action(niggle: Runner, tmp_path: Path) -> None:
    outcome = niggle("triage", "--answers", write_answers(tmp_path, {**FOUNDING, "hop_pain": True}))
    assert "get checked today" in outcome.stdout.lower()
    assert "NHS 111" in outcome.stdout
    assert "What helps" not in outcome.stdout and "Keep running" not in outcome.stdout


def test_unanswered_safety_questions_are_listed_and_the_answer_is_provisional(
    niggle: Runner, tmp_path: Path
) -> None:
    partial = {k: v for k, v in FOUNDING.items() if k not in ("hop_pain", "cancer_history")}
    outcome = niggle("triage", "--answers", write_answers(tmp_path, partial, age=None))
    assert "Provisional" in outcome.stdout
    assert "hop_pain" in outcome.stdout and "cancer_history" in outcome.stdout
    doc = niggle("triage", "--answers", write_answers(tmp_path, partial, age=None), "--json").json()
    assert doc["provisional"] is True
    # with the age unknown, the older-runner fracture question applies too
    assert doc["questions_needed"][:4] == ["age", "cancer_history", "sudden_onset", "hop_pain"]


def test_region_changes_who_to_call(niggle: Runner, tmp_path: Path) -> None:
    answers = write_answers(tmp_path, {**FOUNDING, "saddle_numbness": True})
    doc = niggle("triage", "--answers", answers, "--region", "au", "--json").json()
    assert "000" in doc["care_message"] and doc["region"] == "au"
    bad = niggle("triage", "--answers", answers, "--region", "atlantis", "--json")
    assert bad.exit_code == 1 and bad.json()["error"]["code"] == "invalid_input"


def test_without_input_or_a_terminal_it_refuses_clearly(niggle: Runner) -> None:
    outcome = niggle("triage")
    assert outcome.exit_code == 1
    assert "run it in a terminal" in outcome.stderr and "--answers FILE" in outcome.stderr
    forced = niggle("triage", "--interactive")
    assert forced.exit_code == 1 and "needs a terminal" in forced.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"answers": {"saddle_numbness": "nope"}}',
            "answers.saddle_numbness: answer true or false",
        ),
        ('{"answers": {"saddle": true}}', "answers.saddle: niggle has no question"),
        ("{oops", "not valid JSON"),
    ],
)
def test_bad_answers_files_exit_1_with_a_located_message(
    niggle: Runner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    outcome = niggle("triage", "--answers", str(path), "--json")
    assert outcome.exit_code == 1
    assert message in outcome.json()["error"]["message"]
    assert "bad.json" in outcome.stderr and "Traceback" not in outcome.stderr


def test_missing_unreadable_and_binary_files_are_refused(niggle: Runner, tmp_path: Path) -> None:
    assert "does not exist" in niggle("triage", "--answers", str(tmp_path / "no.json")).stderr
    assert "is not a file" in niggle("triage", "--text", str(tmp_path)).stderr
    binary = tmp_path / "post.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert "not UTF-8" in niggle("triage", "--text", str(binary)).stderr
    both = niggle("triage", "--text", "-", "--answers", "-")
    assert both.exit_code == 1 and "Only one of" in both.stderr


def test_answers_can_come_from_standard_input(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"age": 40, "answers": FOUNDING})))
    doc = niggle("triage", "--answers", "-", "--json").json()
    assert doc["care_level"] == "self_care" and doc["age"] == 40


def test_a_licensed_questionnaire_can_be_loaded(niggle: Runner, tmp_path: Path) -> None:
    instrument = tmp_path / "instrument.yaml"
    instrument.write_text(
        "version: 1\nquestionnaire:\n  id: clinic_tool\n  name: Clinic tool\n"
        "  time_frame: 2 weeks\n  source: test\n  licence: operator's licence (test)\n"
        "  scales: {agree: [{label: disagree, score: 0}, {label: agree, score: 1}]}\n"
        "  items:\n    - {id: ct_one, text: One, scale: agree, subscales: [distress]}\n"
        "  bands:\n    - {band: high, subscale: distress, subscale_at_least: 1}\n"
        "    - {band: low}\n",
        encoding="utf-8",
    )
    answers = write_answers(tmp_path, {**FOUNDING, "ct_one": 1})
    doc = niggle(
        "triage", "--answers", answers, "--questionnaire", str(instrument), "--json"
    ).json()
    assert doc["psychosocial"] == {
        "instrument": "clinic_tool",
        "band": "high",
        "total": 1,
        "missing": [],
    }
    assert doc["care_level"] == "routine"
    refused = niggle("triage", "--answers", answers, "--json")  # ct_one unknown without it
    assert refused.exit_code == 1 and "ct_one" in refused.json()["error"]["message"]


def test_triage_report_meets_the_gates(niggle: Runner) -> None:
    outcome = niggle("triage-report", "--json")
    assert outcome.exit_code == 0, outcome.stderr
    doc = outcome.json()
    assert doc["vignettes"] >= 60
    assert doc["exact_level"]["rate"] >= 0.8
    for row in doc["levels"]:
        assert row["n"] >= 12
        if row["level"] in ("emergency", "urgent"):
            assert row["at_or_above"]["rate"] == 1.0
    assert {"emergency", "care_vs_self_care"} == set(doc["kopka"])
    human = niggle("triage-report")
    assert "Exact level" in human.stdout and "Under-triage" in human.stdout
    assert "independent clinician panel" in human.stdout
