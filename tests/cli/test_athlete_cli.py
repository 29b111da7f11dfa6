"""``niggle athlete`` create / show / update / list per the contract."""

from __future__ import annotations

from tests.cli.conftest import Runner


def test_create_then_show(niggle: Runner) -> None:
    created = niggle(
        "athlete", "create", "--name", "Sam", "--units", "mi", "--birth-year", "1988",
        "--sex", "male", "--from", "5k=22:30", "--weekly", "25mi", "--json",
    )  # fmt: skip
    assert created.exit_code == 0, created.stderr
    doc = created.json()
    assert doc["name"] == "Sam"
    assert doc["units"] == "mi"
    assert doc["weekly_distance_m"] == 25 * 1609.344
    assert doc["results"][0]["time_s"] == 1350

    shown = niggle("athlete", "show", "--json").json()
    assert shown["id"] == doc["id"]
    human = niggle("athlete", "show")
    assert "Sam" in human.stdout
    assert "25 mi" in human.stdout


def test_update_adds_a_result_and_changes_units(niggle: Runner) -> None:
    niggle("athlete", "create", "--name", "Sam")
    outcome = niggle(
        "athlete", "update", "--from", "10k=47:00", "--race-date", "2026-10-04", "--units", "km",
        "--json",
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.stderr
    doc = outcome.json()
    assert doc["units"] == "km"
    assert doc["results"] == [
        {
            "distance_m": 10000.0,
            "distance": "10k",
            "time_s": 2820.0,
            "date": "2026-10-04",
            "vdot": doc["results"][0]["vdot"],
        }
    ]


def test_several_athletes_and_the_athlete_option(niggle: Runner) -> None:
    niggle("athlete", "create", "--name", "Sam", "--from", "5k=22:30")
    niggle("athlete", "create", "--name", "Priya", "--from", "5k=20:00")
    ambiguous = niggle("athlete", "show")
    assert ambiguous.exit_code == 1
    assert "--athlete" in ambiguous.stderr
    assert niggle("athlete", "show", "--athlete", "Priya", "--json").json()["name"] == "Priya"
    assert niggle("--athlete", "Sam", "paces", "--json").json()["input"]["time_s"] == 1350
    listed = niggle("athlete", "list", "--json").json()
    assert [a["name"] for a in listed["athletes"]] == ["Sam", "Priya"]


def test_bad_input_is_refused_clearly(niggle: Runner) -> None:
    cases = [
        (("athlete", "create"), "--name"),
        (("athlete", "create", "--name", "A", "--units", "furlongs"), "km or mi"),
        (("athlete", "create", "--name", "A", "--sex", "robot"), "female, male or other"),
        (("athlete", "create", "--name", "A", "--weekly", "-3mi"), "more than zero"),
        (("athlete", "create", "--name", "A", "--race-date", "2026-02-30", "--from", "5k=20:00"),
         "not a real date"),
        (("athlete", "create", "--name", "A", "--region", "mars"), "Unknown region"),
    ]  # fmt: skip
    for args, fragment in cases:
        outcome = niggle(*args)
        assert outcome.exit_code == 1, args
        assert fragment in outcome.stderr, (args, outcome.stderr)
        assert "Traceback" not in outcome.stderr
    assert niggle("athlete", "list", "--json").json()["athletes"] == []


def test_a_second_athlete_with_the_same_name_is_refused(niggle: Runner) -> None:
    assert niggle("athlete", "create", "--name", "Sam").exit_code == 0
    again = niggle("athlete", "create", "--name", "Sam", "--json")
    assert again.exit_code == 1
    assert again.json()["error"]["code"] == "conflict"
