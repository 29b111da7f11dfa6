"""``niggle plan``: the contract's JSON, readable tables, located errors, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.cli.conftest import Runner

TODAY = dt.date.today()  # the CLI reads the real clock
RACE = TODAY + dt.timedelta(weeks=30, days=6 - TODAY.weekday())  # a Sunday, 30 weeks on


@pytest.fixture
def runner(niggle: Runner) -> Runner:
    created = niggle("athlete", "create", "--name", "Sam", "--units", "mi", "--from", "5k=20:00")
    assert created.exit_code == 0, created.stderr
    return niggle


def create(niggle: Runner, *extra: str) -> dict:
    outcome = niggle(
        "plan",
        "create",
        "--template",
        "first-marathon",
        "--race-date",
        RACE.isoformat(),
        "--race-name",
        "Spring Marathon",
        *extra,
        "--json",
    )
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.json()


def test_templates_json_lists_the_four_plans(niggle: Runner) -> None:
    document = niggle("plan", "templates", "--json").json()
    assert document["schema_version"] == 1
    rows = {t["id"]: (t["name"], t["distance_m"], t["weeks"]) for t in document["templates"]}
    assert rows["first-marathon"][1:] == (42195.0, 16)
    assert rows["first-half"][1:] == (21097.5, 18)
    assert rows["first-10k"][1:] == (10000.0, 12)
    assert rows["first-5k"][1:] == (5000.0, 12)


def test_create_and_show_print_the_contracts_json(runner: Runner) -> None:
    created = create(runner)
    assert created["template"] == "first-marathon" and created["warnings"] == []
    shown = runner("plan", "show", "--json").json()
    assert set(shown) >= {"schema_version", "plan_id", "template", "race", "weeks"}
    assert shown["plan_id"] == created["plan_id"]
    assert shown["race"] == {
        "name": "Spring Marathon",
        "date": RACE.isoformat(),
        "distance_m": 42195.0,
    }
    assert [w["index"] for w in shown["weeks"]] == list(range(1, 17))
    week = shown["weeks"][0]
    assert dt.date.fromisoformat(week["start"]).weekday() == 0
    workout = week["workouts"][0]
    assert set(workout) >= {
        "id",
        "date",
        "kind",
        "title",
        "distance_m",
        "duration_s",
        "target_pace_s_per_km",
        "steps",
        "status",
    }
    assert workout["kind"] == "intervals" and workout["status"] == "planned"
    repeat = next(s for s in workout["steps"] if s["type"] == "repeat")
    assert repeat["repeat"] == 3 and repeat["steps"][0]["distance_m"] == 1600.0
    assert repeat["steps"][0]["pace_s_per_km"] == pytest.approx(370 / 1.6, abs=0.7)
    race = shown["weeks"][-1]["workouts"][-1]
    assert (race["kind"], race["date"]) == ("race", RACE.isoformat())
    one = runner("plan", "show", "--week", "3", "--json").json()
    assert [w["index"] for w in one["weeks"]] == [3]


def test_show_without_json_prints_a_week_table(runner: Runner) -> None:
    create(runner)
    outcome = runner("plan", "show", "--week", "2")
    assert outcome.exit_code == 0, outcome.stderr
    assert "Week 2 of 16" in outcome.stdout
    assert "4 x 800 m" in outcome.stdout and "/mi" in outcome.stdout
    assert "All weeks" in outcome.stdout


def test_a_second_plan_archives_the_first(runner: Runner) -> None:
    first = create(runner)
    second = create(runner, "--key-days", "mon,wed,sat")
    assert second["archived_plan_ids"] == [first["plan_id"]]
    assert second["key_days"] == ["mon", "wed", "sat"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--key-days", "tue,wed,sun"), "back to back"),
        (("--key-days", "tue,thu"), "needs 3 key-run days"),
        (("--start", "2001-01-01"), "start on or after"),
        (("--template", "first-ultra"), "No plan template 'first-ultra'"),
        (("--from", "5k=2:00"), "world record"),
    ],
)
def test_bad_requests_are_refused_with_a_message(
    runner: Runner, args: tuple[str, ...], words: str
) -> None:
    outcome = runner(
        "plan",
        "create",
        "--template",
        "first-marathon",
        "--race-date",
        RACE.isoformat(),
        *args,
        "--json",
    )
    assert outcome.exit_code == 1
    assert words in outcome.json()["error"]["message"]
    assert words in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_a_race_in_the_past_is_refused(runner: Runner) -> None:
    outcome = runner(
        "plan",
        "create",
        "--template",
        "first-5k",
        "--race-date",
        (TODAY - dt.timedelta(days=3)).isoformat(),
    )
    assert outcome.exit_code == 1 and "in the past" in outcome.stderr


def test_validate_reports_every_problem_with_line_and_field(niggle: Runner, tmp_path: Path) -> None:
    plan = tmp_path / "mine.yaml"
    plan.write_text(
        "id: mine\nname: Mine\nrace: 5k\nweeks:\n  - week: 1\n    workouts:\n"
        "      - kind: tempo\n        steps:\n          - {work: 3mi, pace: tempo}\n"
        "          - {work: 999km, pace: easy}\n",
        encoding="utf-8",
    )
    outcome = niggle("plan", "validate", str(plan))
    assert outcome.exit_code == 1
    assert (
        f"{plan}:9:31: weeks[0].workouts[0].steps[0].pace: Unknown pace 'tempo'" in outcome.stderr
    )
    assert f"{plan}:10:20: weeks[0].workouts[0].steps[1].work" in outcome.stderr
    assert f"{plan}:7:7: weeks[0].workouts: the last week" in outcome.stderr  # no race
    as_json = niggle("plan", "validate", str(plan), "--json")
    assert as_json.exit_code == 1
    document = as_json.json()
    assert document["valid"] is False and document["error"]["code"] == "invalid_plan"
    assert {(p["line"], p["field"]) for p in document["problems"]} >= {
        (9, "weeks[0].workouts[0].steps[0].pace"),
        (10, "weeks[0].workouts[0].steps[1].work"),
    }


def test_validate_accepts_a_good_file_and_survives_garbage(niggle: Runner, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(
        "id: ok\nname: OK\nrace: 5k\nweeks:\n  - week: 1\n    workouts:\n      - kind: race\n",
        encoding="utf-8",
    )
    assert niggle("plan", "validate", str(good), "--json").json()["valid"] is True
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\x00\xff{[}: :\n\t- ")
    outcome = niggle("plan", "validate", str(garbage))
    assert outcome.exit_code == 1 and "Traceback" not in outcome.stderr
    missing = niggle("plan", "validate", str(tmp_path / "nope.yaml"), "--json")
    assert missing.exit_code == 1 and missing.json()["error"]["code"] == "not_found"


def test_create_from_a_runner_written_file(runner: Runner, tmp_path: Path) -> None:
    plan = tmp_path / "mine.yaml"
    plan.write_text(
        "id: mine\nname: Mine\nrace: 10k\nweeks:\n"
        "  - week: 1\n    workouts:\n"
        "      - {kind: intervals, steps: [{repeat: 5, steps: [{work: 1000m, pace: rep_1000},"
        " {recovery: 2min}]}]}\n"
        "      - {kind: long, steps: [{work: 8mi, pace: long_tempo}]}\n"
        "  - week: 2\n    workouts:\n      - {kind: race}\n",
        encoding="utf-8",
    )
    outcome = runner(
        "plan",
        "create",
        "--file",
        str(plan),
        "--race-date",
        RACE.isoformat(),
        "--key-days",
        "wed,sat",
        "--json",
    )
    assert outcome.exit_code == 0, outcome.stderr
    document = outcome.json()
    assert document["template"] == "mine" and document["length_weeks"] == 2
    kinds = [
        (w["kind"], dt.date.fromisoformat(w["date"]).weekday())
        for w in document["weeks"][0]["workouts"]
    ]
    assert kinds == [("intervals", 2), ("long", 5)]


def test_export_and_mark(runner: Runner, tmp_path: Path) -> None:
    create(runner)
    watch = tmp_path / "watch"
    watch.mkdir()
    outcome = runner(
        "plan",
        "export",
        "--ics",
        str(tmp_path / "plan.ics"),
        "--fit",
        str(watch),
        "--html",
        str(tmp_path / "plan.html"),
        "--json",
    )
    assert outcome.exit_code == 0, outcome.stderr
    written = outcome.json()["written"]
    assert str(tmp_path / "plan.ics") in written and len(list(watch.glob("*.fit"))) == 48
    missing = runner("plan", "export", "--ics", str(tmp_path / "no" / "plan.ics"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    nothing = runner("plan", "export")
    assert nothing.exit_code == 1 and "--ics FILE" in nothing.stderr
    first_run = runner("plan", "show", "--week", "1", "--json").json()["weeks"][0]["workouts"][0]
    marked = runner("plan", "mark", first_run["date"], "--status", "skipped", "--json")
    assert marked.exit_code == 0, marked.stderr
    assert marked.json()["workout"]["status"] == "skipped"
    bad = runner("plan", "mark", first_run["date"], "--status", "finished")
    assert bad.exit_code == 1 and "planned, done, skipped or changed" in bad.stderr


def test_show_without_a_plan_says_how_to_make_one(runner: Runner) -> None:
    outcome = runner("plan", "show", "--json")
    assert outcome.exit_code == 1
    assert "niggle plan create --template" in outcome.json()["error"]["message"]


def test_start_shows_this_week_of_the_demo_plan_above_the_paces(niggle: Runner) -> None:
    outcome = niggle("start")
    assert outcome.exit_code == 0, outcome.stderr
    text = outcome.stdout
    assert "Spring Marathon" in text and "week 3 of 16" in text
    assert "Today (" in text
    assert text.index("Week 3 of 16") < text.index("FIRST paces")
