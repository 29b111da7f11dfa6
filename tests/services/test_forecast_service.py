"""The forecast service reads the athlete's log and results, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.athlete import Athlete, RecordedResult
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.units import RACE_DISTANCES_M, RaceResult
from niggle.services.activities import log_cross, log_run
from niggle.services.athletes import create_athlete
from niggle.services.forecast import athlete_forecast, forecast_document
from niggle.services.plans import create_plan
from niggle.store.db import Database

MARATHON = RACE_DISTANCES_M["marathon"]


@pytest.fixture
def sam(db: Database, today: dt.date) -> Athlete:
    return create_athlete(
        db,
        Athlete(
            name="Sam",
            units="mi",
            results=(RecordedResult(RaceResult(5000, 1350), today - dt.timedelta(days=40)),),
        ),
        today,
    )


def _three_weeks_of_first(db: Database, athlete: Athlete, today: dt.date) -> None:
    """Three weeks of a FIRST block: tempo, 800s and a long run, plus cross-training."""
    assert athlete.id is not None
    start = today - dt.timedelta(days=27)
    for week in range(4):
        monday = start + dt.timedelta(weeks=week)
        for offset, km, pace, kind in [
            (1, 8, 300, "tempo"),
            (3, 9, 320, "intervals"),
            (6, 19 + week, 350, "long"),
        ]:
            day = monday + dt.timedelta(days=offset)
            if day <= today:
                log_run(
                    db,
                    athlete.id,
                    on=day,
                    distance_m=km * 1000,
                    time_s=km * pace,
                    today=today,
                    kind=kind,
                )  # type: ignore[arg-type]
        log_cross(db, athlete.id, sport="ride", on=monday, time_s=2700, today=today, rpe=4)


def test_forecast_from_options_with_the_log(db: Database, sam: Athlete, today: dt.date) -> None:
    _three_weeks_of_first(db, sam, today)
    result = athlete_forecast(
        db,
        None,
        today,
        race_date=today + dt.timedelta(weeks=13),
        distance_m=MARATHON,
        goal_time_s=3 * 3600 + 45 * 60,
        race_name="Spring Marathon",
    )
    assert result.race_from == "options"
    methods = {p.method: p for p in result.forecast.predictions}
    assert methods["vdot"].time_s is not None
    assert methods["tanda"].time_s is not None  # four weeks of runs in the log
    by_id = {s.id: s for s in result.forecast.scenarios}
    assert by_id["six_weeks_off"].predicted_time_s > by_id["continue_modified"].predicted_time_s
    assert by_id["continue_modified"].long_run_ready_on is not None  # the log's long runs count
    assert not result.forecast.notes  # load and runs were found


def test_the_document_follows_the_contract(db: Database, sam: Athlete, today: dt.date) -> None:
    _three_weeks_of_first(db, sam, today)
    doc = forecast_document(
        athlete_forecast(
            db, None, today, race_date=today + dt.timedelta(weeks=13), distance_m=MARATHON
        )
    )
    assert doc["schema_version"] == 1
    assert doc["race"]["distance_m"] == MARATHON and doc["race"]["date"]
    assert doc["goal_time_s"] is None
    assert isinstance(doc["predicted_time_s"], float)
    assert [s["id"] for s in doc["scenarios"]] == [
        "continue_modified",
        "cross_train_1_2_weeks",
        "six_weeks_off",
    ]
    for s in doc["scenarios"]:
        assert {"id", "description", "predicted_time_s", "feasible", "notes"} <= set(s)
        assert isinstance(s["feasible"], bool) and isinstance(s["notes"], list)
    assert {p["method"] for p in doc["predictions"]} == {"vdot", "riegel", "tanda"}
    assert all(p["bias"] for p in doc["predictions"])


def test_a_profile_result_is_enough_without_a_log(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    result = athlete_forecast(
        db, None, today, race_date=today + dt.timedelta(weeks=10), distance_m=10_000
    )
    vdot_p = result.forecast.predictions[0]
    assert vdot_p.time_s is not None and "race result" in vdot_p.basis
    assert result.forecast.notes  # says what it had to assume


def test_no_race_says_how_to_give_one(db: Database, sam: Athlete, today: dt.date) -> None:
    with pytest.raises(NotFound, match="--race-date"):
        athlete_forecast(db, None, today)
    with pytest.raises(InvalidInput, match="both --race-date and --distance"):
        athlete_forecast(db, None, today, race_date=today + dt.timedelta(days=60))


def test_nothing_to_predict_from(db: Database, today: dt.date) -> None:
    create_athlete(db, Athlete(name="New"), today)
    with pytest.raises(InvalidInput, match="nothing to predict"):
        athlete_forecast(
            db, None, today, race_date=today + dt.timedelta(days=60), distance_m=MARATHON
        )


def test_the_plan_supplies_the_race(db: Database, sam: Athlete, today: dt.date) -> None:
    race_day = today + dt.timedelta(weeks=14)
    create_plan(db, None, today, race_date=race_day, template_id="first-marathon")
    result = athlete_forecast(db, None, today)
    assert result.race_from == "plan"
    assert result.forecast.race.on == race_day
    assert result.forecast.race.distance_m == pytest.approx(MARATHON)
    # Options still win over the plan.
    other = athlete_forecast(db, None, today, race_date=race_day, distance_m=21097.5)
    assert other.race_from == "options" and other.forecast.race.distance_m == 21097.5
