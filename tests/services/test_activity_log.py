"""Logging runs and cross-training by hand, with RPE and pain, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.pain import PainReport, parse_pain
from niggle.services import activities as log
from niggle.services.athletes import create_athlete
from niggle.store.db import Database


@pytest.fixture
def athlete_id(db: Database, today: dt.date) -> int:
    athlete = create_athlete(db, Athlete(name="Sam", units="mi"), today)
    assert athlete.id is not None
    return athlete.id


def test_a_logged_run_with_pain_is_stored_together(
    db: Database, athlete_id: int, today: dt.date
) -> None:
    day = today - dt.timedelta(days=2)
    logged = log.log_run(
        db,
        athlete_id,
        on=day,
        distance_m=11265.4,
        time_s=3360,
        today=today,
        kind="tempo",
        rpe=7,
        pain=[parse_pain("lower_back=4@during", day)],
        note="back tight from mile 4",
    )
    assert logged.activity.id is not None
    [run] = log.list_activities(db, athlete_id)
    assert run.id == logged.activity.id
    assert (run.sport, run.kind, run.rpe, run.local_date) == ("run", "tempo", 7, day)
    assert run.note == "back tight from mile 4"
    [pain] = log.list_pain_reports(db, athlete_id)
    assert (pain.region, pain.nrs, pain.when, pain.activity_id) == (
        "lower_back",
        4,
        "during",
        run.id,
    )


def test_cross_training_is_logged_as_a_session_that_counts(
    db: Database, athlete_id: int, today: dt.date
) -> None:
    logged = log.log_cross(
        db,
        athlete_id,
        sport=log.parse_cross_sport("bike"),
        on=today,
        time_s=2700,
        today=today,
        rpe=5,
    )
    assert logged.activity.sport == "ride" and logged.activity.kind == "cross"
    strength = log.log_cross(db, athlete_id, sport="strength", on=today, time_s=1800, today=today)
    assert strength.activity.kind == "strength"
    assert [a.sport for a in log.list_activities(db, athlete_id, today, today)] == [
        "ride",
        "strength",
    ]


def test_a_refused_pain_report_stores_nothing(
    db: Database, athlete_id: int, today: dt.date
) -> None:
    bad = PainReport(on=today, region="elbow", nrs=3, when="during")
    with pytest.raises(InvalidInput):
        log.log_run(db, athlete_id, on=today, distance_m=5000, time_s=1500, today=today, pain=[bad])
    assert log.list_activities(db, athlete_id) == []


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"on": dt.date(2026, 11, 29)}, "future"),
        ({"rpe": 10.5}, "RPE"),
        ({"time_s": 60}, "faster than any human"),
    ],
)
def test_impossible_runs_are_refused(
    db: Database, athlete_id: int, today: dt.date, changes: dict[str, object], fragment: str
) -> None:
    values: dict[str, object] = {"on": today, "distance_m": 5000.0, "time_s": 1500.0}
    values.update(changes)
    with pytest.raises(InvalidInput, match=fragment):
        log.log_run(db, athlete_id, today=today, **values)  # type: ignore[arg-type]


def test_unknown_cross_sport_and_runs_logged_as_cross_are_refused() -> None:
    with pytest.raises(InvalidInput, match="bike, swim"):
        log.parse_cross_sport("skydiving")


def test_pain_reports_filter_by_day_and_check_their_activity(
    db: Database, athlete_id: int, today: dt.date
) -> None:
    for back in (1, 3, 5):
        log.add_pain_report(
            db,
            athlete_id,
            PainReport(
                on=today - dt.timedelta(days=back),
                region="lower_back",
                nrs=back,
                when="next_morning",
            ),
            today,
        )
    window = log.list_pain_reports(db, athlete_id, today - dt.timedelta(days=3), today)
    assert [p.nrs for p in window] == [3, 1]
    with pytest.raises(NotFound):
        log.add_pain_report(
            db,
            athlete_id,
            PainReport(on=today, region="knee", nrs=2, when="after", activity_id=999),
            today,
        )
