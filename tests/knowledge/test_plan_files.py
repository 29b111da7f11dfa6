"""Runner-written plan files: a good one loads; broken ones get every problem located."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from niggle.domain.errors import InvalidInput, NotFound
from niggle.knowledge.plans import (
    PlanFileInvalid,
    PlanProblem,
    check_plan_text,
    load_plan_file,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "PLANS.md"

GOOD = textwrap.dedent(
    """\
    # A coach's four-week 10-mile build, written by hand.
    schema_version: 1
    id: coach-ten-miler
    name: Ten-miler sharpener
    race: 10mi
    source: Coach Jo, club plan 2026
    defaults:
      warmup: {warmup: 2km, pace: easy}
    every_week:
      - {kind: cross, time: 45min, title: Spin class, day: mon}
    weeks:
      - week: 1
        workouts:
          - kind: intervals
            steps:
              - warmup
              - repeat: 5
                steps:
                  - {work: "3:00", pace: 5k}
                  - {recovery: 90s}
              - cooldown
          - kind: tempo
            steps:
              - {work: 20min, pace: "4:45/km"}
          - kind: long
            day: sat
            steps:
              - {work: 14km, pace: easy+20s/km}
          - kind: easy
            optional: true
            steps:
              - {work: 5km, pace: easy}
      - week: 2
        note: Lighter week
        workouts:
          - kind: tempo
            steps:
              - {work: 6km, pace: 10k}
          - kind: race
    """
)


def locate(problems: list[PlanProblem]) -> set[tuple[int | None, str]]:
    return {(p.line, p.field) for p in problems}


def test_a_runner_written_plan_loads() -> None:
    template, problems = check_plan_text(GOOD)
    assert problems == []
    assert template is not None
    assert template.id == "coach-ten-miler"
    assert template.race_distance_m == pytest.approx(16093.44)
    assert template.length_weeks == 2
    intervals, tempo, long_run, easy = template.week(1).workouts
    assert intervals.steps[0].distance_m == 2000  # the plan's own default warm-up
    assert intervals.steps[1].repeat == 5
    assert intervals.steps[1].steps[0].duration_s == 180
    assert intervals.steps[1].steps[1].duration_s == 90
    assert intervals.steps[2].duration_s == 600  # niggle's default cool-down
    assert tempo.steps[0].pace == "4:45/km" and tempo.steps[0].duration_s == 1200
    assert long_run.day == 5 and long_run.steps[0].pace == "easy+20s/km"
    assert easy.optional
    assert template.every_week[0].day == 0
    assert template.runs_per_week() == 3  # the Saturday long run is pinned
    race = template.week(2).workouts[1]
    assert race.steps[0].distance_m == pytest.approx(16093.44)  # the race fills in its steps
    assert template.week(2).note == "Lighter week"


def test_load_plan_file_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_plan_file(path).name == "Ten-miler sharpener"


def test_the_example_in_the_docs_is_a_valid_plan() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text("utf-8"), flags=re.S)
    assert blocks, "docs/PLANS.md should hold a full example plan"
    template, problems = check_plan_text(blocks[0])
    assert problems == [] and template is not None


BROKEN = textwrap.dedent(
    """\
    schema_version: 1
    id: Bad Plan
    name: Broken
    race: half
    weeks:
      - week: 1
        workouts:
          - kind: intervals
            steps:
              - warmup
              - repeat: six
                steps:
                  - {work: 800m, pace: tempo}
              - {work: 250km, pace: easy}
              - {work: 800, pace: rep_800}
              - {work: -2mi, pace: easy}
              - {run: 1mi}
          - kind: tempo
            titel: Tempo
            steps:
              - {work: 3mi, pace: mp+}
          - kind: jog
          - kind: long
            day: funday
            optional: maybe
            steps: 13mi
      - week: 3
        workouts:
          - kind: long
            steps:
              - {work: 10mi, pace: easy}
    """
)


def test_every_problem_in_a_broken_plan_is_located() -> None:
    template, problems = check_plan_text(BROKEN)
    assert template is None
    where = locate(problems)
    expected = {
        (2, "id"),
        (11, "weeks[0].workouts[0].steps[1].repeat"),
        (13, "weeks[0].workouts[0].steps[1].steps[0].pace"),
        (14, "weeks[0].workouts[0].steps[2].work"),
        (15, "weeks[0].workouts[0].steps[3].work"),
        (16, "weeks[0].workouts[0].steps[4].work"),
        (17, "weeks[0].workouts[0].steps[5].run"),
        (19, "weeks[0].workouts[1].titel"),
        (21, "weeks[0].workouts[1].steps[0].pace"),
        (22, "weeks[0].workouts[2].kind"),
        (24, "weeks[0].workouts[3].day"),
        (25, "weeks[0].workouts[3].optional"),
        (26, "weeks[0].workouts[3].steps"),
        (27, "weeks[1].week"),
        (29, "weeks[1].workouts"),
    }
    assert expected <= where, sorted(where - expected)
    messages = {(p.line, p.field): p.message for p in problems}
    assert "did you mean 'title'" in messages[(19, "weeks[0].workouts[1].titel")]
    assert "Unknown pace 'tempo'" in messages[(13, "weeks[0].workouts[0].steps[1].steps[0].pace")]
    assert "more than 100 km" in messages[(14, "weeks[0].workouts[0].steps[2].work")]
    assert "no unit" in messages[(15, "weeks[0].workouts[0].steps[3].work")]
    assert "expected 2" in messages[(27, "weeks[1].week")]
    assert "exactly one race" in messages[(29, "weeks[1].workouts")]
    assert all(p.column for p in problems if p.line)


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("id: x\nweeks: [\n  - week: 1\n", 3, "(file)", "not valid YAML"),
        ("id: a\n\tname: b\n", 2, "(file)", "not valid YAML"),
        ("", None, "(file)", "empty"),
        ("- just\n- a list\n", 1, "", "expected a mapping"),
        ("id: ab\nid: cd\nname: n\nrace: 5k\nweeks: []\n", 2, "id", "given twice"),
        ("id: ab\nname: n\nrace: 5k\nweeks: 3\n", 4, "weeks", "expected a list"),
        ("id: ab\nname: n\nrace: 20:00\nweeks: []\n", 3, "race", "the race is a distance"),
        ("id: ab\nname: n\nrace: 5k\n", 1, "weeks", "missing"),
        ("id: ab\nname: n\nrace: 5k\nweeks: []\n", 4, "weeks", "1–52 weeks"),
        (
            "schema_version: 2\nid: ab\nname: n\nrace: 5k\nweeks: []\n",
            1,
            "schema_version",
            "outside",
        ),
    ],
)
def test_malformed_files_are_located(text: str, line: int | None, field: str, words: str) -> None:
    template, problems = check_plan_text(text)
    assert template is None
    assert any(p.line == line and p.field == field and words in p.message for p in problems), (
        problems
    )


def test_race_steps_must_cover_the_race_distance() -> None:
    text = (
        "id: ab\nname: n\nrace: 10k\nweeks:\n  - week: 1\n    workouts:\n"
        "      - kind: race\n        steps:\n          - {work: 5k, pace: race}\n"
    )
    _, problems = check_plan_text(text)
    assert [(p.line, p.field) for p in problems] == [(9, "weeks[0].workouts[0].steps")]
    assert "cover 5.00 km" in problems[0].message


def test_two_runs_pinned_to_one_day_are_refused() -> None:
    text = (
        "id: ab\nname: n\nrace: 5k\nweeks:\n  - week: 1\n    workouts:\n"
        "      - {kind: easy, day: tue, steps: [{work: 3mi, pace: easy}]}\n"
        "      - {kind: tempo, day: tue, steps: [{work: 3mi, pace: mid_tempo}]}\n"
        "      - {kind: race}\n"
    )
    _, problems = check_plan_text(text)
    assert [(p.line, p.field) for p in problems] == [(8, "weeks[0].workouts[1].day")]


def test_yaml_sexagesimal_times_stay_times() -> None:
    # YAML 1.1 reads an unquoted 15:00 as the integer 900; plans mean fifteen minutes.
    text = GOOD.replace('{work: "3:00", pace: 5k}', "{work: 3:00, pace: 5k}")
    template, problems = check_plan_text(text)
    assert problems == [] and template is not None
    assert template.week(1).workouts[0].steps[1].steps[0].duration_s == 180


def test_file_errors_are_refusals_not_tracebacks(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no plan file"):
        load_plan_file(tmp_path / "missing.yaml")
    with pytest.raises(InvalidInput, match="is a folder"):
        load_plan_file(tmp_path)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match="not UTF-8"):
        load_plan_file(latin)
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(PlanFileInvalid) as info:
        load_plan_file(broken)
    assert len(info.value.problems) >= 15
    assert "broken.yaml: line 13, column" in info.value.message
