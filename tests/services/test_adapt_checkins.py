"""Check-ins on both backends: linking, validation, bands, flags and the safety net."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.dates import week_start
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.units import METRES_PER_MILE, RaceResult
from niggle.services.activities import list_pain_reports, log_cross, log_run
from niggle.services.athletes import create_athlete
from niggle.services.checkins import checkin_document, checkin_flags, record_checkin
from niggle.services.plans import create_plan, demo_race_date
from niggle.store import checkins as repo
from niggle.store.db import Database


@pytest.fixture
def sam(db: Database, today: dt.date) -> Athlete:
    return create_athlete(db, Athlete(name="Sam", units="mi"), today)


def _run(db: Database, athlete: Athlete, on: dt.date, today: dt.date, kind: str = "tempo") -> int:
    assert athlete.id is not None
    logged = log_run(
        db, athlete.id, on=on, distance_m=7 * METRES_PER_MILE, time_s=3300, today=today,
        kind=kind,  # type: ignore[arg-type]
    )  # fmt: skip
    assert logged.activity.id is not None
    return logged.activity.id


def test_a_check_in_links_to_the_run_that_day_and_its_plan_workout(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    create_plan(
        db, None, today, template_id="first-marathon", race_date=demo_race_date(today),
        start=week_start(today) - dt.timedelta(weeks=1), fitness=RaceResult(5000, 1350),
    )  # fmt: skip
    thursday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=3)
    run_id = _run(db, sam, thursday, today)

    result = record_checkin(db, None, today, on=thursday, nrs=4, when="during")

    assert result.report.activity_id == run_id
    assert result.workout is not None and result.workout.kind == "tempo"
    assert result.band == "amber"
    document = checkin_document(result)
    assert document["schema_version"] == 1
    assert document["checkin_id"] == result.record.id
    assert document["band"] == "amber" and document["plan_workout_id"] == result.workout.id
    assert "allowed" in document["advice"]


def test_a_next_morning_check_in_is_about_the_run_the_day_before(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    yesterday = today - dt.timedelta(days=1)
    run_id = _run(db, sam, yesterday, today)
    result = record_checkin(db, None, today, on=today, nrs=1, when="next_morning")
    assert result.report.activity_id == run_id
    assert result.band == "green" and "Settled" in result.advice


def test_with_two_sessions_that_day_niggle_asks_which(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    first = _run(db, sam, today, today)
    _run(db, sam, today, today, kind="easy")
    result = record_checkin(db, None, today, on=today, nrs=3)
    assert result.report.activity_id is None
    assert result.link_note is not None and "--activity" in result.link_note
    chosen = record_checkin(db, None, today, on=today, nrs=3, activity_id=first)
    assert chosen.report.activity_id == first


def test_a_cross_training_session_alone_that_day_is_linked(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    assert sam.id is not None
    ride = log_cross(db, sam.id, sport="ride", on=today, time_s=2400, today=today)
    result = record_checkin(db, None, today, on=today, nrs=2)
    assert result.report.activity_id == ride.activity.id


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"on": dt.date(2026, 11, 29), "nrs": 3}, InvalidInput, "in the future"),
        ({"nrs": 11}, InvalidInput, "outside 0-10"),
        ({"nrs": -1}, InvalidInput, "outside 0-10"),
        ({"nrs": 3, "region": "spleen"}, InvalidInput, "Unknown body region"),
        ({"nrs": 3, "when": "lunchtime"}, InvalidInput, "Unknown pain timing"),
        ({"nrs": 3, "activity_id": 999}, NotFound, "no activity 999"),
        ({"nrs": 3, "note": "x" * 2001}, InvalidInput, "2,000 characters"),
    ],
)
def test_bad_check_ins_are_refused_and_nothing_is_stored(
    db: Database,
    sam: Athlete,
    today: dt.date,
    kwargs: dict[str, object],
    error: type[Exception],
    message: str,
) -> None:
    arguments: dict[str, object] = {"on": today, **kwargs}
    with pytest.raises(error, match=message):
        record_checkin(db, None, today, **arguments)  # type: ignore[arg-type]
    assert sam.id is not None
    assert list_pain_reports(db, sam.id) == []


def test_an_activity_on_another_day_is_refused(db: Database, sam: Athlete, today: dt.date) -> None:
    run_id = _run(db, sam, today - dt.timedelta(days=3), today)
    with pytest.raises(InvalidInput, match="Give the run's date"):
        record_checkin(db, None, today, on=today, nrs=3, activity_id=run_id)


def test_limping_is_kept_pauses_running_and_asks_for_triage_again(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    result = record_checkin(db, None, today, on=today, nrs=2, when="rest", limping=True)
    assert result.record.limping is True and result.record.new_leg_symptoms is None
    assert result.retriage
    assert [t.status for t in result.triggers] == ["pause_running"]
    assert sam.id is not None
    flags = checkin_flags(db, sam.id, today, today)
    assert [(f.limping, f.new_leg_symptoms) for f in flags] == [(True, None)]
    cleared = record_checkin(db, None, today, on=today, nrs=0, when="rest", limping=False)
    assert cleared.triggers == ()


def test_red_pain_twice_in_a_row_hits_a_stop_trigger(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    for days_ago in (3, 1):
        _run(db, sam, today - dt.timedelta(days=days_ago), today)
        result = record_checkin(db, None, today, on=today - dt.timedelta(days=days_ago), nrs=7)
    assert result.band == "red" and result.retriage
    assert any("2 sessions in a row" in t.because for t in result.triggers)
    assert "stop running this session" in result.advice


def test_pain_somewhere_new_counts_as_changed_symptoms(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    record_checkin(db, None, today, on=today - dt.timedelta(days=2), nrs=3)
    result = record_checkin(db, None, today, on=today, nrs=2, region="left_hamstring")
    assert result.changes == ("pain in a new place (left hamstring)",)
    assert result.retriage and checkin_document(result)["retriage_message"]


def test_the_report_and_its_flags_are_one_record(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    result = record_checkin(db, None, today, on=today, nrs=5, when="after", new_leg_symptoms=True)
    assert sam.id is not None
    (report,) = list_pain_reports(db, sam.id)
    with db.begin() as session:
        (record,) = repo.between(session, sam.id)
    assert record.pain_report_id == report.id == result.report.id
    assert (record.band, record.new_leg_symptoms) == ("amber", True)
