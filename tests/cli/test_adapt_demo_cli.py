"""``niggle demo`` tells the founding story end to end; ``niggle start`` shows the changes."""

from __future__ import annotations

from tests.cli.conftest import Runner

CHAPTERS = [
    "The runner",
    "The plan",
    "Three weeks of history",
    "The pain",
    "Triage",
    "The programme",
    "The adapted plan",
    "The forecast",
    "Try",
]


def test_the_demo_tells_the_story_step_by_step(niggle: Runner) -> None:
    done = niggle("demo")
    assert done.exit_code == 0, done.stderr
    said = " ".join(done.stdout.split())
    for number, title in enumerate(CHAPTERS, start=1):
        assert f"{number}. {title}" in said
    assert "FIRST marathon" in said
    assert "6 x 800 m" in said and "tempo" in said and "amber" in said and "red" in said
    assert "spike_cap" in said and "intensity_swap" in said
    assert "applied so every screen has something to show" in said
    assert "niggle adapt --apply" in said  # says consent is the rule outside the demo
    assert "six weeks off" in said


def test_the_demo_json_carries_the_story_and_the_adapted_plan_is_stored(niggle: Runner) -> None:
    document = niggle("demo", "--json").json()
    assert [c["title"] for c in document["story"]] == CHAPTERS
    adapt = niggle("adapt", "--json").json()
    assert adapt["status"] == "modify" and adapt["changes"] == []  # already applied
    undone = niggle("adapt", "--undo", "--json").json()
    assert len(undone["restored"]) == 3
    proposed = niggle("adapt", "--json").json()
    assert sorted(c["rule"] for c in proposed["changes"]) == [
        "intensity_swap",
        "intensity_swap",
        "spike_cap",
    ]
    rehab = niggle("rehab", "--json").json()
    assert 6 <= len(rehab["programme"]["exercises"]) <= 8
    assert niggle("forecast", "--json").json()["scenarios"]


def test_start_shows_the_coming_weeks_changes_with_reasons(niggle: Runner) -> None:
    done = niggle("start")
    assert done.exit_code == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "Changed for your back" in said
    assert "(intensity_swap)" in said and "Garmin-RUNSAFE" in said
