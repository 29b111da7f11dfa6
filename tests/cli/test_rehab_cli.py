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
