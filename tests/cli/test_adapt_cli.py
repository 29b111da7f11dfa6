"""``niggle adapt`` as a runner (or a script) drives it: diff, consent, apply, undo."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.conftest import Runner

TODAY = dt.date.today()


def _last(weekday: int) -> dt.date:
    """The most recent such weekday before today (0 = Monday)."""
    back = (TODAY.weekday() - weekday) % 7 or 7
    return TODAY - dt.timedelta(days=back)


@pytest.fixture
def sam(niggle: Runner) -> Runner:
    """A FIRST marathoner whose back hurt (amber) in last week's intervals and tempo run."""
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    race = monday + dt.timedelta(weeks=13, days=6)
    steps = [
        ("athlete", "create", "--name", "Sam", "--units", "mi", "--from", "5k=22:30"),
        ("plan", "create", "--template", "first-marathon", "--race-date", race.isoformat(),
         "--start", (monday - dt.timedelta(weeks=1)).isoformat()),
        ("log", "run", "--date", _last(1).isoformat(), "--distance", "6mi", "--time", "48:00",
         "--kind", "intervals", "--pain", "lower_back=4@during"),
        ("log", "run", "--date", _last(3).isoformat(), "--distance", "7mi", "--time", "56:00",
         "--kind", "tempo", "--pain", "lower_back=5@during"),
        ("log", "run", "--date", _last(5).isoformat(), "--distance", "5mi", "--time", "46:00",
         "--kind", "easy", "--pain", "lower_back=1@during"),
    ]  # fmt: skip
    for step in steps:
        done = niggle(*step)
        assert done.exit_code == 0, (step, done.stderr)
    return niggle


def test_adapt_shows_each_change_with_its_rule_and_reason(sam: Runner) -> None:
    done = sam("adapt", "--json")
    assert done.exit_code == 0, done.stderr
    document = done.json()
    assert document["schema_version"] == 1
    assert document["status"] == "modify"
    assert dt.date.fromisoformat(document["review_on"]) == TODAY + dt.timedelta(days=7)
    swaps = [c for c in document["changes"] if c["rule"] == "intensity_swap"]
    assert {c["before"]["kind"] for c in swaps} == {"intervals", "tempo"}
    assert {c["after"]["kind"] for c in swaps} == {"easy"}
    for change in document["changes"]:
        assert change["because"] and change["rule"] and change["date"]
        assert change["before"]["duration_s"] == change["after"]["duration_s"] or (
            change["rule"] != "intensity_swap"
        )
    assert document["applied"] is False and "--apply" in document["consent"]


def test_nothing_changes_without_apply(sam: Runner) -> None:
    before = sam("plan", "show", "--json").json()
    assert sam("adapt").exit_code == 0
    assert sam("adapt", "--json").exit_code == 0
    assert sam("plan", "show", "--json").json() == before


def test_apply_then_undo_restores_the_plan_exactly(sam: Runner) -> None:
    before = sam("plan", "show", "--json").json()
    applied = sam("adapt", "--apply", "--json")
    assert applied.exit_code == 0, applied.stderr
    assert applied.json()["applied"] is True
    changed = sam("plan", "show", "--json").json()
    statuses = [w["status"] for week in changed["weeks"] for w in week["workouts"]]
    assert statuses.count("changed") == len(applied.json()["changes"])
    assert sam("adapt", "--json").json()["changes"] == []

    undone = sam("adapt", "--undo", "--json")
    assert undone.exit_code == 0, undone.stderr
    assert len(undone.json()["restored"]) == len(applied.json()["changes"])
    assert sam("plan", "show", "--json").json() == before


def test_the_human_diff_is_a_table_with_the_rule_and_why(sam: Runner) -> None:
    done = sam("adapt")
    assert done.exit_code == 0, done.stderr
    for word in (
        "Date",
        "Before",
        "After",
        "Rule",
        "Why",
        "intensity_swap",
        "niggle adapt --apply",
    ):
        assert word in done.stdout
    applied = sam("adapt", "--apply")
    assert "Applied" in applied.stdout and "niggle adapt --undo" in applied.stdout
    assert "Undid" in sam("adapt", "--undo").stdout


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("--apply", "--undo"), "invalid_input", "not both"),
        (("--as-of", "2026-02-30"), "invalid_input", "not a real date"),
        (("--as-of", (TODAY + dt.timedelta(days=2)).isoformat()), "invalid_input", "future"),
        (("--undo",), "not_found", "Nothing to undo"),
    ],
)
def test_bad_requests_exit_1_with_a_message(
    sam: Runner, args: tuple[str, ...], code: str, fragment: str
) -> None:
    done = sam("adapt", *args, "--json")
    assert done.exit_code == 1
    assert done.json()["error"]["code"] == code
    assert fragment in done.json()["error"]["message"]
    assert "Traceback" not in done.stderr


def test_without_a_plan_adapt_says_how_to_make_one(niggle: Runner) -> None:
    assert niggle("athlete", "create", "--name", "Alex").exit_code == 0
    done = niggle("adapt")
    assert done.exit_code == 1 and "niggle plan create" in done.stderr


def test_a_limp_pauses_running_for_cross_training_of_the_same_time(sam: Runner) -> None:
    checked = sam("checkin", "--pain", "2", "--when", "after", "--limping", "--json")
    assert checked.exit_code == 0, checked.stderr
    document = sam("adapt", "--json").json()
    assert document["status"] == "pause_running" and document["retriage"] is True
    runs = [c for c in document["changes"] if c["before"]["kind"] in ("intervals", "tempo", "long")]
    assert runs
    for change in runs:
        assert change["rule"] == "stop_running"
        assert change["after"]["kind"] == "cross"
        assert change["after"]["duration_s"] == change["before"]["duration_s"]


def test_in_a_terminal_apply_asks_first_and_no_changes_nothing(
    sam: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import niggle.cli.adapt as cli

    monkeypatch.setattr(cli, "_ask_first", lambda json, yes: True)
    monkeypatch.setattr(cli.typer, "confirm", lambda *args, **kwargs: False)
    before = sam("plan", "show", "--json").json()
    declined = sam("adapt", "--apply")
    assert declined.exit_code == 0
    assert "Nothing changed" in declined.stderr and "Why" in declined.stdout
    assert sam("plan", "show", "--json").json() == before

    monkeypatch.setattr(cli.typer, "confirm", lambda *args, **kwargs: True)
    accepted = sam("adapt", "--apply")
    assert "Applied" in accepted.stdout
    assert sam("plan", "show", "--json").json() != before


def test_recording_a_pause_with_no_session_to_change_says_what_was_recorded(
    niggle: Runner, cli_db: str
) -> None:
    """Triage says pause (7/10 during runs) and every coming run is already skipped: apply
    records the pause (the return to running counts from it) and says so in words."""
    from niggle.domain.athlete import Athlete
    from niggle.domain.dates import week_start
    from niggle.domain.units import RaceResult
    from niggle.services.athletes import create_athlete
    from niggle.services.care import care_contacts
    from niggle.services.database import open_database
    from niggle.services.plans import create_plan, demo_race_date, mark_workout
    from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
    from tests.services.test_triage import NEGATIVE

    db = open_database(cli_db)
    try:
        athlete = create_athlete(db, Athlete(name="Sam", units="km"), TODAY)
        assert athlete.id is not None
        plan = create_plan(
            db, None, TODAY, template_id="first-marathon", race_date=demo_race_date(TODAY),
            start=week_start(TODAY) - dt.timedelta(weeks=2), fitness=RaceResult(5000, 1350),
        ).plan  # fmt: skip
        answers = AnswersInput({**NEGATIVE, "pain_during_run_nrs": 7}, 38, "male")  # type: ignore[dict-item]
        save_triage(
            db,
            athlete.id,
            run_triage(knowledge(), care_contacts("uk"), TODAY, answers=answers),
            TODAY,
        )
        for workout in plan.workouts:
            if workout.is_run and TODAY <= workout.on < TODAY + dt.timedelta(days=28):
                mark_workout(db, None, workout.on, "skipped", kind=workout.kind)
    finally:
        db.dispose()
    done = niggle("adapt", "--apply")
    assert done.exit_code == 0, done.stderr
    assert f"Recorded: pause running from {TODAY.isoformat()}" in done.stdout
    assert "Applied 0" not in done.stdout
    assert "niggle adapt --undo" in done.stdout
