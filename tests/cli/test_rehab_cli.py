"""``niggle rehab`` and ``niggle rehab log`` through the real entry point."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.conftest import Runner

BUILD_DAY = dt.date(2026, 11, 2)  # a Monday


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """A settable clock for the rehab commands."""
    now = [BUILD_DAY]
    monkeypatch.setattr("niggle.cli.rehab.today", lambda: now[0])
    return now


@pytest.fixture
def sam(niggle: Runner) -> None:
    assert niggle("athlete", "create", "--name", "Sam", "--units", "mi").exit_code == 0


def test_rehab_json_follows_the_contract(niggle: Runner, sam: None, clock: list[dt.date]) -> None:
    out = niggle(
        "rehab",
        "--classification",
        "non_specific",
        "--provoked-by",
        "tempo,intervals",
        "--key-days",
        "tue,thu,sun",
        "--cross-days",
        "mon,sat",
        "--json",
    )
    assert out.exit_code == 0, out.stderr
    doc = out.json()
    assert doc["schema_version"] == 1
    programme = doc["programme"]
    assert programme["sessions_per_week"] in (2, 3)
    assert 6 <= len(programme["exercises"]) <= 8
    for exercise in programme["exercises"]:
        for key in ("id", "name", "dose", "progression", "regression", "cautions"):
            assert key in exercise
        assert isinstance(exercise["cautions"], list)
        assert exercise["source"]
    weekdays = {dt.date.fromisoformat(d).weekday() for d in programme["schedule"]}
    assert weekdays == {0, 5}  # Monday and Saturday: the cross-training days
    assert out.stdout.count("\n") == 1  # exactly one JSON document


def test_rehab_log_progresses_after_two_green_sessions(
    niggle: Runner, sam: None, clock: list[dt.date]
) -> None:
    assert niggle("rehab", "--classification", "non_specific").exit_code == 0
    clock[0] = BUILD_DAY + dt.timedelta(days=6)
    for day in ("2026-11-03", "2026-11-05"):
        out = niggle(
            "rehab", "log", "--date", day, "--pain", "1", "--settled", "yes",
            "--target-reached", "yes", "--json",
        )  # fmt: skip
        assert out.exit_code == 0, out.stderr
    doc = out.json()
    assert doc["colour"] == "green"
    assert doc["level_changes"] and all(c["to_level"] == 3 for c in doc["level_changes"])
    shown = niggle("rehab", "--json").json()
    assert {e["level"] for e in shown["programme"]["exercises"]} == {3}


def test_rehab_human_view_shows_exercises_cautions_and_running_advice(
    niggle: Runner, sam: None, clock: list[dt.date]
) -> None:
    out = niggle("rehab", "--classification", "non_specific", "--provoked-by", "extension")
    assert out.exit_code == 0, out.stderr
    assert "Knee to chest" in out.stdout
    assert "Prone press-up" not in out.stdout
    assert "Cautions" in out.stdout and "Running:" in out.stdout


def test_urgent_triage_gets_no_programme_in_json_or_text(
    niggle: Runner, sam: None, clock: list[dt.date]
) -> None:
    out = niggle(
        "rehab", "--classification", "possible_bone_stress", "--care-level", "urgent", "--json"
    )
    assert out.exit_code == 0
    doc = out.json()
    assert doc["status"] == "withheld"
    assert doc["programme"]["exercises"] == []
    text = niggle("rehab", "--classification", "non_specific", "--care-level", "emergency")
    assert "No exercise programme" in text.stdout
    assert "Squat" not in text.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("rehab", "--json"), "no rehab programme"),
        (("rehab", "--classification", "broken", "--json"), "Unknown classification"),
        (("rehab", "--provoked-by", "tempo", "--json"), "--classification"),
        (
            ("rehab", "--classification", "non_specific", "--key-days", "someday", "--json"),
            "weekday",
        ),
        (("rehab", "log", "--date", "2026-13-01", "--json"), "not a real date"),
        (("rehab", "log", "--date", "2026-11-01", "--pain", "2", "--json"), "no rehab programme"),
    ],
)
def test_bad_input_exits_1_with_a_json_error(
    niggle: Runner, sam: None, clock: list[dt.date], args: tuple[str, ...], fragment: str
) -> None:
    out = niggle(*args)
    assert out.exit_code == 1
    assert fragment in out.json()["error"]["message"]
    assert "Traceback" not in out.stderr


def test_log_refuses_a_bad_yes_no_and_pain_out_of_range(
    niggle: Runner, sam: None, clock: list[dt.date]
) -> None:
    niggle("rehab", "--classification", "non_specific")
    out = niggle("rehab", "log", "--date", "2026-11-02", "--settled", "maybe", "--json")
    assert out.exit_code == 1 and "yes or no" in out.json()["error"]["message"]
    assert niggle("rehab", "log", "--date", "2026-11-02", "--pain", "12").exit_code == 2


NO_RED_FLAGS = {
    **dict.fromkeys(
        [
            "saddle_numbness", "bladder_change", "bowel_change", "sexual_function_change",
            "bilateral_leg_numbness_or_weakness", "bilateral_leg_pain", "progressive_leg_weakness",
            "leg_pain_below_knee", "leg_numbness_or_tingling", "osteoporosis_or_long_term_steroids",
            "hop_pain", "focal_bone_tenderness", "groin_pain_weight_bearing",
            "unable_to_bear_weight", "recent_mileage_jump", "energy_deficiency_risk",
            "cancer_history", "unexplained_weight_loss", "constant_night_pain", "fever_or_unwell",
            "infection_risk", "pulsating_abdomen_or_faint", "urinary_symptoms_or_loin_pain",
            "first_episode", "morning_stiffness_over_30min", "improves_with_exercise",
            "night_waking_second_half", "pain_next_morning_worse",
        ],
        False,
    ),
    "trauma_onset": "none",
    "symptoms_weeks": 1,
    "pain_during_run_nrs": 4,
    "pain_after_run_nrs": 3,
    "pain_at_rest_nrs": 0,
    "eases_with_walking_or_sitting": True,
    "previous_episodes": 1,
}  # fmt: skip


def test_rehab_is_built_from_the_stored_triage(niggle: Runner, sam: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    answers = tmp_path / "answers.json"
    body = {
        "age": 38,
        "sex": "male",
        "answers": {**NO_RED_FLAGS, "extension_pain": True, "provoked_by": ["tempo", "intervals"]},
    }
    answers.write_text(json.dumps(body))
    triage = niggle("triage", "--answers", str(answers), "--json")
    assert triage.exit_code == 0, triage.stderr
    doc = niggle("rehab", "--json").json()
    assert doc["programme"]["built_from"].startswith("triage of")
    ids = [e["id"] for e in doc["programme"]["exercises"]]
    assert "prone_press_up" not in ids and "knee_to_chest" in ids

    # A new triage with a bone-stress warning sign withdraws the programme.
    body["answers"] = {**body["answers"], "hop_pain": True, "focal_bone_tenderness": True}
    answers.write_text(json.dumps(body))
    urgent = niggle("triage", "--answers", str(answers), "--json")
    assert urgent.json()["care_level"] in ("urgent", "emergency"), urgent.stdout
    withdrawn = niggle("rehab", "--json").json()
    assert withdrawn["status"] == "withheld" and withdrawn["programme"]["exercises"] == []
