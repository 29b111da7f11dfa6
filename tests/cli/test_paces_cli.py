"""``niggle paces`` follows the contract, and refuses bad input without a traceback."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Runner


def test_paces_json_matches_the_contract(niggle: Runner) -> None:
    outcome = niggle("paces", "--from", "5k=22:30", "--json")
    assert outcome.exit_code == 0, outcome.stderr
    doc = outcome.json()
    assert doc["schema_version"] == 1
    assert doc["input"] == {"distance_m": 5000, "time_s": 1350}
    assert 43.0 < doc["vdot"] < 44.0
    assert set(doc["predictions"]) == {"5k", "10k", "half", "marathon"}
    for prediction in doc["predictions"].values():
        assert set(prediction) >= {"riegel_s", "vdot_s"}
    assert doc["predictions"]["marathon"]["riegel_s"] > doc["predictions"]["half"]["riegel_s"]
    assert set(doc["daniels"]) >= {
        "easy_s_per_km",
        "marathon_s_per_km",
        "threshold_s_per_km",
        "interval_s_per_400m",
        "repetition_s_per_400m",
    }
    fast, slow = doc["daniels"]["easy_s_per_km"]
    assert fast < slow
    assert set(doc["first"]) >= {
        "rep_400_s", "rep_600_s", "rep_800_s", "rep_1000_s", "rep_1200_s", "rep_1600_s",
        "rep_2000_s", "short_tempo_s_per_mi", "mid_tempo_s_per_mi", "long_tempo_s_per_mi",
        "marathon_pace_s_per_mi", "marathon_time_s",
    }  # fmt: skip
    assert any("Vickers" in note for note in doc["notes"])


def test_paces_for_people_name_the_riegel_caveat(niggle: Runner) -> None:
    outcome = niggle("paces", "--from", "10k=45:00", "--units", "mi")
    assert outcome.exit_code == 0
    assert "VDOT" in outcome.stdout
    assert "Vickers & Vertosick" in outcome.stdout
    assert "/mi" in outcome.stdout


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("5k=banana", "Cannot read the time"),
        ("5k=7:75", "0–59"),
        ("-5k=22:30", "more than zero"),
        ("abc", "DISTANCE=TIME"),
        ("5k=0:00", "more than zero"),
    ],
)
def test_bad_results_exit_1_with_a_message(niggle: Runner, value: str, fragment: str) -> None:
    outcome = niggle("paces", "--from", value)
    assert outcome.exit_code == 1
    assert fragment in outcome.stderr
    assert "Traceback" not in outcome.stderr + outcome.stdout


def test_json_errors_are_one_document(niggle: Runner) -> None:
    outcome = niggle("paces", "--from", "5k=banana", "--json")
    assert outcome.exit_code == 1
    doc = outcome.json()
    assert doc["error"]["code"] == "invalid_input"
    assert "mm:ss" in doc["error"]["message"]


def test_usage_errors_exit_2(niggle: Runner) -> None:
    outcome = niggle("paces", "--no-such-option")
    assert outcome.exit_code == 2
    assert "No such option" in outcome.stderr


def test_paces_without_a_result_use_the_athlete(niggle: Runner) -> None:
    assert niggle("paces").exit_code == 1  # no athlete yet: told how to create one
    assert niggle("athlete", "create", "--name", "Sam", "--from", "half=1:45:00").exit_code == 0
    outcome = niggle("paces", "--json")
    assert outcome.exit_code == 0
    assert outcome.json()["input"]["distance_m"] == 21097.5
