"""The four packaged FIRST templates, checked against the week table in training.md."""

from __future__ import annotations

import datetime as dt
import itertools
from importlib.resources import files

import pytest

from niggle.domain.plans import Plan, PlannedWorkout, PlanTemplate, Race, Step
from niggle.domain.plans_schedule import schedule
from niggle.domain.units import METRES_PER_MILE, RACE_DISTANCES_M, parse_duration
from niggle.knowledge.plans import all_templates, load_template, template_ids

MILE = METRES_PER_MILE
TODAY = dt.date(2026, 11, 28)
RACE_DAY = dt.date(2027, 4, 25)  # a Sunday

# training.md section 1, "Marathon plan by week", typed in independently of the YAML:
# KR1 as the work reps in order (metres), KR2 as (miles, pace) segments, KR3 as (miles, pace).
MARATHON_TABLE: dict[int, tuple[list[int], list[tuple[float, str]], tuple[float, str]]] = {
    1: ([1600] * 3, [(2, "easy"), (2, "short_tempo"), (2, "easy")], (13, "mp+30")),
    2: ([800] * 4, [(1, "easy"), (5, "mp"), (1, "easy")], (15, "mp+45")),
    3: (
        [1200, 1000, 800, 600, 400, 200],
        [(1, "easy"), (5, "long_tempo"), (1, "easy")],
        (17, "mp+45"),
    ),
    4: ([1000] * 5, [(1, "easy"), (4, "mid_tempo"), (1, "easy")], (20, "mp+60")),
    5: ([1600] * 3, [(2, "easy"), (3, "short_tempo"), (1, "easy")], (18, "mp+45")),
    6: ([1200] * 2 + [800] * 4, [(5, "mid_tempo")], (20, "mp+45")),
    7: ([800] * 6, [(1, "easy"), (6, "long_tempo"), (1, "easy")], (13, "mp+15")),
    8: ([400] * 12, [(2, "easy"), (3, "short_tempo"), (1, "easy")], (18, "mp+30")),
    9: ([1600, 3200, 800, 800], [(1, "easy"), (4, "mid_tempo"), (1, "easy")], (20, "mp+30")),
    10: ([1200] * 6, [(10, "mp")], (15, "mp+20")),
    11: ([1000, 2000, 1000, 1000], [(1, "easy"), (5, "mp")], (20, "mp+30")),
    12: ([1600] * 3, [(10, "mp")], (15, "mp+10")),
    13: ([400] * 10, [(8, "mp")], (20, "mp+15")),
    14: ([800] * 8, [(5, "mid_tempo")], (13, "mp")),
    15: ([1000] * 5, [(2, "easy"), (3, "short_tempo"), (1, "easy")], (10, "mp")),
    16: ([400] * 6, [(3, "mp")], (26.2, "race")),
}


def flatten(steps: tuple[Step, ...]) -> list[Step]:
    out: list[Step] = []
    for step in steps:
        if step.type == "repeat":
            for _ in range(step.repeat or 1):
                out += flatten(step.steps)
        else:
            out.append(step)
    return out


def scheduled(template: PlanTemplate, five_k_s: float = 1200.0) -> Plan:
    race = Race("Test race", RACE_DAY, template.race_distance_m)
    return schedule(template, race, today=TODAY, units="mi", five_k_s=five_k_s).plan


def test_the_four_templates_exist_with_their_lengths() -> None:
    lengths = {t.id: (t.length_weeks, t.race_distance_m) for t in all_templates()}
    assert lengths == {
        "first-marathon": (16, RACE_DISTANCES_M["marathon"]),
        "first-half": (18, RACE_DISTANCES_M["half"]),
        "first-10k": (12, RACE_DISTANCES_M["10k"]),
        "first-5k": (12, RACE_DISTANCES_M["5k"]),
    }


@pytest.mark.parametrize("template_id", ["first-marathon", "first-half", "first-10k", "first-5k"])
def test_three_key_runs_every_week_before_race_week_and_the_race_on_race_day(
    template_id: str,
) -> None:
    template = load_template(template_id)
    plan = scheduled(template)
    assert plan.start == RACE_DAY - dt.timedelta(weeks=template.length_weeks) + dt.timedelta(1)
    assert {w.week for w in plan.workouts} == set(range(1, template.length_weeks + 1))
    for index in range(1, template.length_weeks):
        week = plan.workouts_in_week(index)
        runs = [w for w in week if w.is_run]
        assert len(runs) == 3, (template_id, index)
        assert [w.on.weekday() for w in runs] == [1, 3, 6]  # default Tue, Thu, Sun
        assert {w.kind for w in runs} & {"intervals"}, (template_id, index)
        assert sum(1 for w in week if w.kind == "cross") == 2
        assert sum(1 for w in week if w.kind == "strength" and w.optional) == 1
        assert all(plan.week_start(index) <= w.on < plan.week_start(index + 1) for w in week)
    races = [w for w in plan.workouts if w.kind == "race"]
    assert len(races) == 1
    assert races[0].on == RACE_DAY == max(w.on for w in plan.workouts)
    assert races[0].distance_m == pytest.approx(template.race_distance_m)


@pytest.mark.parametrize("template_id", ["first-marathon", "first-half", "first-10k", "first-5k"])
def test_every_run_step_has_a_pace_and_every_file_cites_its_source(template_id: str) -> None:
    template = load_template(template_id)
    assert template.source and "Run Less, Run Faster" in template.source
    assert "first_trainer" in template.source
    for week in template.weeks:
        for workout in week.workouts:
            for step in flatten(workout.steps):
                if step.type in ("work", "warmup", "cooldown"):
                    assert step.pace is not None, (template_id, week.index, workout.kind)
    text = (files("niggle.knowledge") / "plans" / f"{template_id}.yaml").read_text("utf-8")
    assert text.startswith("# FIRST")
    assert "Source:" in text
    assert "product default" in text  # cross-training length and strength slot say so


def test_marathon_sets_distances_and_paces_follow_the_training_table() -> None:
    template = load_template("first-marathon")
    for index, (reps, tempo, long_run) in MARATHON_TABLE.items():
        kr1, kr2, kr3 = (w for w in template.week(index).workouts)
        assert kr1.kind == "intervals"
        work = [s for s in flatten(kr1.steps) if s.type == "work"]
        assert [round(s.distance_m or 0) for s in work] == reps, index
        rep_paces = {s.pace for s in work}
        assert all(p and p.startswith("rep_") for p in rep_paces), index
        # Every rep is followed by a recovery before the next rep (FIRST's "RI").
        sequence = [s.type for s in flatten(kr1.steps)]
        between = sequence[sequence.index("work") : len(sequence) - sequence[::-1].index("work")]
        assert all(b == "recovery" for a, b in itertools.pairwise(between) if a == "work"), index
        segments = [(round((s.distance_m or 0) / MILE, 1), s.pace) for s in kr2.steps]
        assert segments == [(float(m), p) for m, p in tempo], index
        if index < 16:
            assert kr3.kind == "long"
            (step,) = kr3.steps
            assert (round((step.distance_m or 0) / MILE, 1), step.pace) == long_run, index
        else:
            assert kr3.kind == "race"
    twenty_milers = [
        w.index
        for w in template.weeks
        if any(
            k.kind == "long" and round(k.steps[0].distance_m or 0) == round(20 * MILE)
            for k in w.workouts
        )
    ]
    assert twenty_milers == [4, 6, 9, 11, 13]  # training.md: five 20-mile runs
    week3 = flatten(template.week(3).workouts[0].steps)
    assert {s.distance_m for s in week3 if s.type == "recovery"} == {200.0}


def _work(workout: PlannedWorkout) -> list[Step]:
    return [s for s in flatten(workout.steps) if s.type == "work"]


@pytest.mark.parametrize(
    ("five_k", "rep_800", "rep_1600", "lt_per_mile", "marathon"),
    [("20:00", "2:57", "6:10", "7:13", "3:14:37"), ("25:00", "3:45", "7:47", "8:50", "4:03:17")],
)
def test_marathon_paces_for_a_given_5k(
    five_k: str, rep_800: str, rep_1600: str, lt_per_mile: str, marathon: str
) -> None:
    plan = scheduled(load_template("first-marathon"), parse_duration(five_k))
    mp_per_mile = parse_duration(marathon) / (42195 / MILE)
    by_week = {i: [w for w in plan.workouts_in_week(i) if w.is_run] for i in range(1, 17)}
    # Week 2: 4 x 800 m, each in the table's 800 m time.
    for step in _work(by_week[2][0]):
        assert step.pace_s_per_km * 0.8 == pytest.approx(parse_duration(rep_800), abs=1)
    # Week 1: 3 x 1600 m.
    for step in _work(by_week[1][0]):
        assert step.pace_s_per_km * 1.6 == pytest.approx(parse_duration(rep_1600), abs=1)
    # Week 3's tempo: 5 mi at LT, and the workout's target pace is that LT pace.
    tempo = by_week[3][1]
    assert tempo.target_pace_s_per_km * MILE / 1000 == pytest.approx(
        parse_duration(lt_per_mile), abs=1
    )
    # Long runs at marathon pace plus N s/mi: week 4 is MP+60, week 14 is MP.
    for week, plus in ((4, 60), (14, 0), (1, 30)):
        long_run = by_week[week][2]
        assert long_run.target_pace_s_per_km * MILE / 1000 == pytest.approx(
            mp_per_mile + plus, abs=1.5
        )
    race = by_week[16][2]
    assert race.duration_s == pytest.approx(parse_duration(marathon), abs=3)


def test_titles_read_like_the_book() -> None:
    plan = scheduled(load_template("first-marathon"))
    titles = {
        w.week: [x.title for x in plan.workouts_in_week(w.week) if x.is_run] for w in plan.workouts
    }
    assert titles[1] == ["3 x 1600 m", "2 mi easy + 2 mi ST + 2 mi easy", "13 mi MP+30 s/mi"]
    assert titles[3][0] == "1200-1000-800-600-400-200 m"
    assert titles[8][0] == "2 x (6 x 400 m)"
    assert titles[10][0] == "3 x (2 x 1200 m)"
    assert titles[16][2] == "Test race"


def test_alternatives_from_the_second_source_are_kept_as_comments() -> None:
    text = (files("niggle.knowledge") / "plans" / "first-marathon.yaml").read_text("utf-8")
    assert text.count("alt (jnui)") >= 8
    assert "alt (jnui): MP+15" in text  # week 12's long run
    assert "alt (jnui): 4 x 1200 m" in text  # week 10


def test_workout_totals_add_up() -> None:
    plan = scheduled(load_template("first-marathon"))
    week1 = [w for w in plan.workouts_in_week(1) if w.is_run]
    # 15 min warm-up + 3 x (1600 + 200) + 10 min cool-down, the timed parts at easy pace.
    easy = next(s.pace_s_per_km for s in week1[0].steps if s.type == "warmup")
    expected = 3 * 1800 + (25 * 60) / easy * 1000
    assert week1[0].distance_m == pytest.approx(expected, rel=1e-6)
    assert week1[1].distance_m == pytest.approx(6 * MILE)
    assert week1[2].distance_m == pytest.approx(13 * MILE)
    assert week1[2].duration_s == pytest.approx(13 * MILE / 1000 * week1[2].target_pace_s_per_km)
    cross = [w for w in plan.workouts_in_week(1) if w.kind == "cross"]
    assert all(w.duration_s == 2400 and w.distance_m is None for w in cross)


def test_template_ids_are_the_file_names() -> None:
    assert template_ids() == ["first-10k", "first-5k", "first-half", "first-marathon"]
    for template_id in template_ids():
        assert load_template(template_id).id == template_id
