"""``niggle forecast`` through the real entry point."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.conftest import Runner

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("niggle.cli.forecast.today", lambda: TODAY)


@pytest.fixture
def sam(niggle: Runner) -> None:
    out = niggle("athlete", "create", "--name", "Sam", "--units", "mi", "--from", "5k=22:30")
    assert out.exit_code == 0, out.stderr


def test_forecast_json_follows_the_contract(niggle: Runner, sam: None) -> None:
    out = niggle(
        "forecast", "--race-date", "2027-03-07", "--distance", "marathon", "--goal", "3:45:00",
        "--race-name", "Spring Marathon", "--json",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    assert out.stdout.count("\n") == 1
    doc = out.json()
    assert doc["schema_version"] == 1
    assert doc["race"] == {
        "name": "Spring Marathon",
        "date": "2027-03-07",
        "distance_m": 42195.0,
        "from": "options",
    }
    assert doc["goal_time_s"] == 13500
    assert 3 * 3600 < doc["predicted_time_s"] < 4 * 3600
    scenarios = {s["id"]: s for s in doc["scenarios"]}
    assert set(scenarios) == {"continue_modified", "cross_train_1_2_weeks", "six_weeks_off"}
    for s in doc["scenarios"]:
        assert isinstance(s["predicted_time_s"], float)
        assert isinstance(s["feasible"], bool)
        assert s["description"] and isinstance(s["notes"], list)
    assert (
        scenarios["six_weeks_off"]["predicted_time_s"]
        > scenarios["cross_train_1_2_weeks"]["predicted_time_s"]
        >= scenarios["continue_modified"]["predicted_time_s"]
    )
    methods = [p["method"] for p in doc["predictions"]]
    assert methods == ["vdot", "riegel", "tanda"]
    assert all(p["bias"] and p["source"] for p in doc["predictions"])


def test_forecast_human_view_shows_predictions_scenarios_and_sources(
    niggle: Runner, sam: None
) -> None:
    out = niggle("forecast", "--race-date", "2027-03-07", "--distance", "marathon")
    assert out.exit_code == 0, out.stderr
    for text in ("VDOT (Daniels)", "Riegel", "Tanda 2011", "Six weeks off", "Vickers", "τ1 = 50"):
        assert text in out.stdout, text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("forecast", "--json"), "--race-date"),
        (("forecast", "--race-date", "2027-03-07", "--json"), "both --race-date and --distance"),
        (
            ("forecast", "--race-date", "2026-11-01", "--distance", "marathon", "--json"),
            "not after today",
        ),
        (
            ("forecast", "--race-date", "2027-02-30", "--distance", "marathon", "--json"),
            "not a real date",
        ),
        (("forecast", "--race-date", "2027-03-07", "--distance", "far", "--json"), "distance"),
        (
            (
                "forecast",
                "--race-date",
                "2027-03-07",
                "--distance",
                "marathon",
                "--goal",
                "1:00:00",
                "--json",
            ),
            "world-record",
        ),
        (
            (
                "forecast",
                "--race-date",
                "2027-03-07",
                "--distance",
                "marathon",
                "--goal",
                "soon",
                "--json",
            ),
            "time",
        ),
    ],
)
def test_bad_input_exits_1_with_a_json_error(
    niggle: Runner, sam: None, args: tuple[str, ...], fragment: str
) -> None:
    out = niggle(*args)
    assert out.exit_code == 1, out.stdout
    assert fragment in out.json()["error"]["message"]
    assert "Traceback" not in out.stderr


def test_no_athlete_is_a_clear_error(niggle: Runner) -> None:
    out = niggle("forecast", "--race-date", "2027-03-07", "--distance", "marathon", "--json")
    assert out.exit_code == 1
    assert "niggle athlete create" in out.json()["error"]["message"]
