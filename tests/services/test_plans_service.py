"""Plan use cases on both backends: create, archive, progress from the log, mark, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from niggle.domain.athlete import Athlete, RecordedResult
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.domain.units import METRES_PER_MILE, RaceResult
from niggle.knowledge.plans import PlanFileInvalid
from niggle.services.activities import log_cross, log_run
from niggle.services.athletes import create_athlete
from niggle.services.plans import (
    create_demo_plan,
    create_plan,
    current_plan,
    export_plan,
    mark_workout,
    plan_document,
    week_view,
)
from niggle.store.db import Database

MILE = METRES_PER_MILE
RACE = dt.date(2027, 4, 25)


@pytest.fixture
def sam(db: Database, today: dt.date) -> Athlete:
    athlete = Athlete(
        name="Sam",
        units="mi",
        results=(RecordedResult(RaceResult(5000, 1200), today - dt.timedelta(days=30)),),
    )
    return create_athlete(db, athlete, today)


def test_create_a_first_marathon_from_the_athletes_fitness(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    created = create_plan(
        db, None, today, template_id="first-marathon", race_date=RACE, race_name="London"
    )
    plan = created.plan
    assert created.warnings == () and created.archived_plan_ids == ()
    assert plan.id is not None and plan.athlete_id == sam.id
    assert plan.five_k_s == 1200 and plan.race.name == "London"
    _, shown = current_plan(db, None)
    assert shown.id == plan.id and len(shown.workouts) == 96


def test_fitness_from_another_distance_goes_through_its_5k_equivalent(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    created = create_plan(
        db,
        None,
        today,
        template_id="first-10k",
        race_date=RACE,
        fitness=RaceResult(21097.5, 5562),  # FIRST's half for a 20:00 5K (1:32:42)
    )
    assert created.plan.five_k_s == pytest.approx(1200, abs=25)  # VDOT equivalence, not FIRST's
    assert created.plan.race.name == "10K"


def test_no_fitness_means_no_named_paces(db: Database, today: dt.date) -> None:
    create_athlete(db, Athlete(name="New"), today)
    with pytest.raises(InvalidInput, match="--from 5k="):
        create_plan(db, None, today, template_id="first-5k", race_date=RACE)


def test_a_second_plan_archives_the_first(db: Database, sam: Athlete, today: dt.date) -> None:
    first = create_plan(db, None, today, template_id="first-marathon", race_date=RACE).plan
    second = create_plan(db, None, today, template_id="first-half", race_date=RACE)
    assert second.archived_plan_ids == (first.id,)
    _, active = current_plan(db, None)
    assert active.id == second.plan.id and active.template_id == "first-half"


def test_a_runner_written_plan_file(
    db: Database, sam: Athlete, today: dt.date, tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: my-5k\nname: My 5K\nrace: 5k\nweeks:\n"
        "  - week: 1\n    workouts:\n"
        "      - {kind: tempo, steps: [{work: 3mi, pace: short_tempo}]}\n"
        "      - {kind: long, steps: [{work: 6mi, pace: '8:30/mi'}]}\n"
        "  - week: 2\n    workouts:\n      - {kind: race}\n",
        encoding="utf-8",
    )
    created = create_plan(db, None, today, plan_file=path, race_date=RACE, key_days=(2, 5))
    plan = created.plan
    assert plan.template_id == "my-5k" and plan.length_weeks == 2
    assert [(w.kind, w.on.weekday()) for w in plan.workouts] == [
        ("tempo", 2),
        ("long", 5),
        ("race", 6),
    ]
    assert plan.workouts[1].target_pace_s_per_km == pytest.approx(510 / MILE * 1000)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nweeks: 3\n", encoding="utf-8")
    with pytest.raises(PlanFileInvalid) as info:
        create_plan(db, None, today, plan_file=broken, race_date=RACE)
    assert "line 1" in info.value.message


def test_template_and_file_are_exclusive(db: Database, sam: Athlete, today: dt.date) -> None:
    with pytest.raises(InvalidInput, match="not both"):
        create_plan(db, None, today, race_date=RACE)


def test_joining_late_checks_the_longest_logged_run(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    race = today + dt.timedelta(weeks=13, days=1)  # week 1 was two weeks ago
    warned = create_plan(db, None, today, template_id="first-marathon", race_date=race)
    assert any("no recent runs to check" in w for w in warned.warnings)
    assert sam.id is not None
    log_run(
        db, sam.id, on=today - dt.timedelta(days=6), distance_m=8 * MILE, time_s=4000, today=today
    )
    short = create_plan(db, None, today, template_id="first-marathon", race_date=race)
    assert any("longest recent run is 8 mi" in w for w in short.warnings)
    log_run(
        db, sam.id, on=today - dt.timedelta(days=3), distance_m=17 * MILE, time_s=9000, today=today
    )
    ready = create_plan(db, None, today, template_id="first-marathon", race_date=race)
    assert [w for w in ready.warnings if "longest" in w or "recent" in w] == []


def test_logged_sessions_complete_the_matching_workouts(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    plan = create_demo_plan(db, sam, today)
    assert sam.id is not None
    sunday = dt.date(2026, 11, 22)  # week 2's long run, already marked done by the demo
    tuesday = dt.date(2026, 11, 24)
    assert plan.week_of(tuesday) == 3
    mark_workout(db, None, tuesday, "planned")
    mark_workout(db, None, tuesday + dt.timedelta(days=1), "planned", kind="cross")
    logged = log_run(db, sam.id, on=tuesday, distance_m=9000, time_s=2700, today=today, kind="easy")
    ride = log_cross(
        db, sam.id, sport="ride", on=tuesday + dt.timedelta(days=1), time_s=2400, today=today
    )
    _, shown = current_plan(db, None)
    tue = next(w for w in shown.workouts_on(tuesday) if w.is_run)
    wed = next(w for w in shown.workouts_on(tuesday + dt.timedelta(days=1)) if w.kind == "cross")
    assert (tue.status, tue.activity_id) == ("changed", logged.activity.id)
    assert (wed.status, wed.activity_id) == ("done", ride.activity.id)
    assert next(w for w in shown.workouts_on(sunday)).status == "done"


def test_mark_a_workout(db: Database, sam: Athlete, today: dt.date) -> None:
    plan = create_plan(db, None, today, template_id="first-marathon", race_date=RACE).plan
    tuesday = plan.workouts[0].on
    _, marked = mark_workout(db, None, tuesday, "skipped")
    assert marked.status == "skipped" and marked.kind == "intervals"
    wednesday = tuesday + dt.timedelta(days=1)  # cross-training and the strength slot
    with pytest.raises(Conflict, match="--kind"):
        mark_workout(db, None, wednesday, "done")
    _, strength = mark_workout(db, None, wednesday, "done", kind="strength")
    assert strength.status == "done"
    with pytest.raises(NotFound, match="no workout on 2027-01-04"):
        mark_workout(db, None, dt.date(2027, 1, 4), "done")


def test_plan_document_follows_the_contract(db: Database, sam: Athlete, today: dt.date) -> None:
    plan = create_plan(db, None, today, template_id="first-marathon", race_date=RACE).plan
    document = plan_document(plan, week=3, today=today)
    assert document["schema_version"] == 1
    assert document["template"] == "first-marathon"
    assert document["race"] == {"name": "Marathon", "date": "2027-04-25", "distance_m": 42195.0}
    (week,) = document["weeks"]
    assert week["index"] == 3 and week["start"] == "2027-01-18"
    first = week["workouts"][0]
    assert set(first) >= {
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
    assert {s["type"] for s in first["steps"]} <= {
        "warmup",
        "work",
        "recovery",
        "cooldown",
        "repeat",
    }
    assert len(plan_document(plan)["weeks"]) == 16
    with pytest.raises(InvalidInput, match="from 1 to 16"):
        plan_document(plan, week=17)


def test_export_writes_every_format_and_refuses_a_missing_folder(
    db: Database, sam: Athlete, today: dt.date, tmp_path: Path
) -> None:
    create_plan(db, None, today, template_id="first-5k", race_date=RACE)
    fit_dir = tmp_path / "watch"
    fit_dir.mkdir()
    exported = export_plan(
        db,
        None,
        today,
        ics=tmp_path / "p.ics",
        fit_dir=fit_dir,
        html=tmp_path / "p.html",
        markdown=tmp_path / "p.md",
    )
    names = {p.name for p in exported.written}
    assert {"p.ics", "p.html", "p.md"} <= names
    assert len(list(fit_dir.glob("*.fit"))) == 36  # 12 weeks x 3 runs, the race included
    assert not list(tmp_path.glob(".*.part"))  # no temporary files left behind
    with pytest.raises(InvalidInput, match="does not exist"):
        export_plan(db, None, today, ics=tmp_path / "again.ics", fit_dir=tmp_path / "missing")
    assert not (tmp_path / "again.ics").exists()  # nothing written when one target is wrong


def test_demo_plan_puts_today_in_week_three(db: Database, sam: Athlete, today: dt.date) -> None:
    plan = create_demo_plan(db, sam, today)
    assert plan.race.name == "Spring Marathon" and plan.race.date.weekday() == 6
    assert plan.week_of(today) == 3 and plan.first_week == 1
    assert 13 * 7 <= (plan.race.date - today).days <= 14 * 7
    past = [w for w in plan.workouts if w.on < today and not w.optional]
    assert past and all(w.status == "done" for w in past)
    view = week_view(db, None, today)
    assert view is not None and view.week == 3
    assert all(plan.week_start(3) <= w.on < plan.week_start(4) for w in view.workouts)
