"""``niggle checkin`` as a runner types it, and as a hostile one does."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.conftest import Runner

TODAY = dt.date.today()
YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()


@pytest.fixture
def sam(niggle: Runner) -> Runner:
    assert niggle("athlete", "create", "--name", "Sam", "--units", "mi").exit_code == 0
    done = niggle("log", "run", "--date", YESTERDAY, "--distance", "7mi", "--time", "56:00",
                  "--kind", "tempo", "--json")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    return niggle


def test_a_check_in_is_stored_linked_and_banded(sam: Runner) -> None:
    run_id = sam("activities", "--json").json()["activities"][0]["id"]
    done = sam("checkin", "--date", YESTERDAY, "--pain", "4", "--when", "during", "--json")
    assert done.exit_code == 0, done.stderr
    document = done.json()
    assert document["schema_version"] == 1
    assert isinstance(document["checkin_id"], int)
    assert document["band"] == "amber"
    assert document["activity_id"] == run_id
    assert (document["region"], document["pain"], document["when"]) == ("lower_back", 4, "during")
    pain = sam("activities", "--json").json()["pain_reports"]
    assert [(p["nrs"], p["activity_id"]) for p in pain] == [(4, run_id)]


def test_next_morning_is_the_default_day_today_about_yesterdays_run(sam: Runner) -> None:
    done = sam("checkin", "--pain", "1", "--when", "next_morning", "--json")
    assert done.exit_code == 0, done.stderr
    document = done.json()
    assert document["date"] == TODAY.isoformat()
    assert document["band"] == "green" and document["activity_id"] is not None


def test_the_human_check_in_shows_the_band_and_what_to_do(sam: Runner) -> None:
    done = sam("checkin", "--date", YESTERDAY, "--pain", "7")
    assert done.exit_code == 0, done.stderr
    assert "RED" in done.stdout and "stop running this session" in done.stdout
    assert "niggle adapt" in done.stdout


def test_limping_asks_for_triage_again(sam: Runner) -> None:
    done = sam("checkin", "--pain", "2", "--when", "after", "--limping", "--json")
    document = done.json()
    assert document["limping"] is True and document["retriage"] is True
    assert "niggle triage" in document["retriage_message"]
    assert document["stop_triggers"][0]["status"] == "pause_running"
    human = sam("checkin", "--pain", "2", "--when", "after", "--new-leg-symptoms")
    assert "Run niggle triage again now" in human.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--pain", "11"), "outside 0-10"),
        (("--pain", "four"), "not a whole number"),
        (("--pain", "3", "--date", (TODAY + dt.timedelta(days=1)).isoformat()), "in the future"),
        (("--pain", "3", "--date", "2026-13-01"), "not a real date"),
        (("--pain", "3", "--region", "spleen"), "Unknown body region"),
        (("--pain", "3", "--when", "soon"), "Unknown pain timing"),
        (("--pain", "3", "--activity", "424242"), "no activity 424242"),
        ((), "--pain N"),
    ],
)
def test_bad_check_ins_exit_1_and_store_nothing(
    sam: Runner, args: tuple[str, ...], fragment: str
) -> None:
    done = sam("checkin", *args, "--json")
    assert done.exit_code == 1
    assert fragment in done.json()["error"]["message"]
    assert "Traceback" not in done.stderr
    assert sam("activities", "--json").json()["pain_reports"] == []


def test_without_an_athlete_checkin_says_how_to_create_one(niggle: Runner) -> None:
    done = niggle("checkin", "--pain", "3")
    assert done.exit_code == 1 and "niggle athlete create" in done.stderr
