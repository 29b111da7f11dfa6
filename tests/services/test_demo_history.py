"""The demo's training history tells the founding story: FIRST key runs, cross-training,
and low back pain during the 6 x 800 m and the 7-mile tempo."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.units import METRES_PER_MILE
from niggle.services.activities import list_activities, list_pain_reports
from niggle.services.athletes import create_athlete
from niggle.services.demo import seed_demo
from niggle.services.demo_history import seed_history
from niggle.store.db import Database


def _check_story(db: Database, athlete_id: int, today: dt.date) -> None:
    activities = list_activities(db, athlete_id)
    assert activities and all(a.local_date < today for a in activities)
    assert {"run", "ride", "swim", "elliptical"} <= {a.sport for a in activities}
    assert all(a.rpe is not None for a in activities)  # session-RPE for the load figures
    by_id = {a.id: a for a in activities}
    during = [p for p in list_pain_reports(db, athlete_id) if p.when == "during"]
    assert [p.region for p in during] == ["lower_back", "lower_back"]
    assert [p.nrs for p in during] == [4, 6]
    hurt = [by_id[p.activity_id] for p in during]
    titles = {a.title for a in hurt}
    assert "6 x 800 m" in titles
    tempo = next(a for a in hurt if a.kind == "tempo")
    assert tempo.distance_m == pytest.approx(7 * METRES_PER_MILE, rel=0.03)
    days = (activities[-1].local_date - activities[0].local_date).days
    assert 21 <= days <= 35  # base weeks plus about three weeks of the plan


def test_history_without_a_plan_follows_first_rhythm(db: Database, today: dt.date) -> None:
    athlete = create_athlete(db, Athlete(name="Sam"), today)
    assert athlete.id is not None
    summary = seed_history(db, athlete.id, today)
    assert "6 x 800 m (4/10)" in summary and "7-mile tempo (6/10)" in summary
    _check_story(db, athlete.id, today)


def test_seed_demo_logs_the_plan_s_completed_workouts(sqlite_db: Database, today: dt.date) -> None:
    summary = seed_demo(sqlite_db, today)
    assert summary.athlete.id is not None
    assert any(step.startswith("history:") for step in summary.steps)
    _check_story(sqlite_db, summary.athlete.id, today)
