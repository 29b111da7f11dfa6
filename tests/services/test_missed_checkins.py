"""Missed check-ins on both backends: planned sessions with nothing logged, silence while
triage is not all clear, late entries, and where they put a runner in the coach's list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.dates import week_start
from niggle.domain.load_flags import LoadFlag
from niggle.domain.pain import PainReport
from niggle.domain.plans import PlannedWorkout
from niggle.domain.triage.levels import CareLevel, RunningStatus
from niggle.domain.triage.records import TriageRecord
from niggle.domain.units import RaceResult
from niggle.services.activities import add_pain_report, log_run
from niggle.services.athletes import create_athlete
from niggle.services.missed_checkins import (
    GRACE_DAYS,
    SILENT_DAYS,
    WINDOW_DAYS,
    MissedCheckins,
    missed_checkins,
    missed_document,
    triage_all_clear,
)
from niggle.services.overview import AthleteOverview, attention_order, overview_document
from niggle.services.plans import create_plan, current_plan, demo_race_date, mark_workout
from niggle.store.db import Database


@pytest.fixture
def sam(db: Database, today: dt.date) -> Athlete:
    return create_athlete(db, Athlete(name="Sam", units="km"), today)


def _plan(db: Database, today: dt.date) -> tuple[PlannedWorkout, ...]:
    create_plan(
        db, None, today, template_id="first-marathon", race_date=demo_race_date(today),
        start=week_start(today) - dt.timedelta(weeks=2), fitness=RaceResult(5000, 1350),
    )  # fmt: skip
    workouts: tuple[PlannedWorkout, ...] = current_plan(db, None)[1].workouts
    return workouts


def _due(workouts: tuple[PlannedWorkout, ...], today: dt.date) -> list[dt.date]:
    """The runs niggle expected in the window: from WINDOW_DAYS ago to the day before
    yesterday (yesterday's next-morning check-in is still due today)."""
    first = today - dt.timedelta(days=WINDOW_DAYS)
    last = today - dt.timedelta(days=1 + GRACE_DAYS)
    return sorted(w.on for w in workouts if w.is_run and not w.optional and first <= w.on <= last)


def _triage(
    on: dt.date,
    care: CareLevel = "self_care",
    running: RunningStatus = "continue",
    *,
    red_flags: list[dict[str, Any]] | None = None,
) -> TriageRecord:
    return TriageRecord(
        athlete_id=1,
        taken_on=on,
        care_level=care,
        running=running,
        classification="non_specific",
        provisional=False,
        document={"red_flags": red_flags or []},
    )


def test_planned_sessions_with_nothing_logged_are_missed_until_something_is(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    assert sam.id is not None
    workouts = _plan(db, today)
    due = _due(workouts, today)
    assert len(due) >= 3, due  # a three-run week sits in the window
    yesterday = today - dt.timedelta(days=1)

    missed = missed_checkins(db, sam, today, None)
    assert [w.on for w in missed.sessions] == due
    assert all(w.on != yesterday for w in missed.sessions)  # the grace day
    assert missed.count == len(due) and missed.worrying
    assert missed.last_checkin is None and not missed.silent  # no triage: nothing to clear

    # A run logged late (today) but dated for its day clears that session.
    log_run(db, sam.id, on=due[0], distance_m=8000, time_s=2700, today=today)
    # A next-morning check-in is about the session the day before.
    morning = due[1] + dt.timedelta(days=1)
    add_pain_report(db, sam.id, PainReport(on=morning, region="lower_back", nrs=1,
                                           when="next_morning"), today)  # fmt: skip
    # Marking a session skipped tells niggle about it too.
    mark_workout(db, None, due[2], "skipped")

    after = missed_checkins(db, sam, today, None)
    assert [w.on for w in after.sessions] == due[3:]
    assert after.last_checkin == morning
    assert after.days_since_last_checkin == (today - morning).days


def test_a_check_in_on_the_day_clears_the_session_and_a_triage_counts_as_one(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    assert sam.id is not None
    due = _due(_plan(db, today), today)
    add_pain_report(db, sam.id, PainReport(on=due[0], region="lower_back", nrs=0,
                                           when="rest"), today)  # fmt: skip
    triage = _triage(due[1])
    missed = missed_checkins(db, sam, today, triage)
    assert [w.on for w in missed.sessions] == due[2:]
    assert missed.last_checkin == due[1]


def test_sessions_before_the_plan_started_are_not_missed(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    create_plan(
        db, None, today, template_id="first-marathon", race_date=demo_race_date(today),
        start=today, fitness=RaceResult(5000, 1350),
    )  # fmt: skip
    assert missed_checkins(db, sam, today, None).sessions == ()


def test_silence_counts_only_while_the_latest_triage_is_not_all_clear(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    assert sam.id is not None
    long_ago = today - dt.timedelta(days=10)
    green = missed_checkins(db, sam, today, _triage(long_ago))
    assert not green.silent and not green.worrying  # no plan, all clear: nothing is expected
    assert green.last_checkin == long_ago

    worried = _triage(long_ago, "soon", "pause_running")
    quiet = missed_checkins(db, sam, today, worried)
    assert quiet.silent and quiet.worrying and quiet.score == 1
    assert quiet.days_since_last_checkin == 10

    edge = today - dt.timedelta(days=SILENT_DAYS)
    add_pain_report(db, sam.id, PainReport(on=edge, region="lower_back", nrs=4,
                                           when="after"), today)  # fmt: skip
    assert missed_checkins(db, sam, today, worried).silent  # SILENT_DAYS quiet: flagged

    recent = edge + dt.timedelta(days=1)
    add_pain_report(db, sam.id, PainReport(on=recent, region="lower_back", nrs=4,
                                           when="after"), today)  # fmt: skip
    heard = missed_checkins(db, sam, today, worried)
    assert not heard.silent and heard.last_checkin == recent


@pytest.mark.parametrize(
    ("record", "clear"),
    [
        (None, True),
        (_triage(dt.date(2026, 11, 20)), True),
        (_triage(dt.date(2026, 11, 20), "routine"), False),
        (_triage(dt.date(2026, 11, 20), running="modify"), False),
        (_triage(dt.date(2026, 11, 20), red_flags=[{"id": "x", "urgency": "soon"}]), False),
    ],
)
def test_all_clear_means_self_care_and_normal_running_with_no_red_flag(
    record: TriageRecord | None, clear: bool
) -> None:
    assert triage_all_clear(record) is clear


def _overview(
    name: str, today: dt.date, *, pain: int | None = None, flags: int = 0, red: bool = False
) -> AthleteOverview:
    worst = None if pain is None else PainReport(today, "lower_back", pain, "during")
    triage = _triage(today, "soon", red_flags=[{"id": "x"}]) if red else None
    flag = LoadFlag("weekly_jump", today, "a jump", 1.5, 1.3, "test")
    return AthleteOverview(
        athlete=Athlete(name=name, id=1), as_of=today, recent_activities=(),
        last_activity=None, week_run_distance_m=0.0, week_runs=0,
        recent_pain=(worst,) if worst else (), worst_pain_7d=worst,
        load_flags=(flag,) * flags, weekly_distance_m=(), paces=None, triage=triage,
    )  # fmt: skip


def test_missed_check_ins_come_after_red_flags_pain_and_load_but_before_the_rest(
    today: dt.date,
) -> None:
    quiet = MissedCheckins(today, (), None, silent=True)
    nothing = MissedCheckins(today, (), today, silent=False)
    rows = [
        (_overview("Ann", today, pain=1), nothing),  # green-band pain: carry on
        (_overview("Bea", today), quiet),
        (_overview("Cal", today, flags=1), nothing),
        (_overview("Dee", today, pain=6), nothing),
        (_overview("Eve", today, red=True), nothing),
        (_overview("Fay", today), nothing),
    ]
    rows.sort(key=lambda row: attention_order(*row))
    assert [o.athlete.name for o, _ in rows] == ["Eve", "Dee", "Cal", "Bea", "Ann", "Fay"]


def test_the_overview_document_gains_missed_check_ins_and_keeps_its_fields(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    _plan(db, today)
    overview = _overview("Sam", today)
    plain = overview_document(overview)
    assert plain["missed_checkins"] is None and plain["schema_version"] == 1
    missed = missed_checkins(db, sam, today, None)
    document = overview_document(overview, missed)
    assert set(plain) == set(document)
    part = document["missed_checkins"]
    assert part == missed_document(missed)
    assert part["count"] == missed.count > 0
    assert [s["date"] for s in part["sessions"]] == [w.on.isoformat() for w in missed.sessions]
    assert part["rules"]["product_default"] is True
    assert part["rules"]["silent_days"] == SILENT_DAYS
