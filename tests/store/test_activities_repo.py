"""The activity repository on SQLite and PostgreSQL: times stay UTC, streams and laps survive."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from sqlalchemy.exc import IntegrityError

from niggle.domain.activity import Activity, Lap
from niggle.domain.athlete import Athlete
from niggle.domain.pain import PainReport
from niggle.domain.streams import make_streams
from niggle.store import activities as repo
from niggle.store import athletes as athlete_repo
from niggle.store.db import Database

BERLIN = dt.timezone(dt.timedelta(hours=1))


def _athlete(db: Database, name: str = "Sam") -> int:
    with db.begin() as session:
        athlete = athlete_repo.add(session, Athlete(name=name))
    assert athlete.id is not None
    return athlete.id


def _run(day: int, hour: int = 7) -> Activity:
    start = dt.datetime(2026, 11, day, hour, 30, tzinfo=BERLIN)
    return Activity(
        sport="run",
        start=start,
        local_date=start.date(),
        elapsed_s=3400.0,
        moving_s=3360.0,
        distance_m=11265.0,
        avg_hr=151.5,
        kind="tempo",
        source="fit",
        device="garmin fenix2",
        laps=(Lap(start=start, elapsed_s=480.0, distance_m=1609.3, avg_hr=140.0),),
    )


def test_activities_round_trip_in_utc_with_laps_and_streams(db: Database) -> None:
    athlete_id = _athlete(db)
    run = _run(20)
    streams = make_streams([0, 1, 2], heart_rate_bpm=[150, 151, 152], distance_m=[0, 3, 6])
    with db.begin() as session:
        activity_id = repo.add(session, athlete_id, run, streams, source_hash="ab" * 32)
    with db.begin() as session:
        back = repo.get(session, athlete_id, activity_id)
        stored_streams = repo.streams_of(session, activity_id)
    assert back is not None and back.id == activity_id
    assert back == run  # ids do not take part in equality
    assert back.start.utcoffset() == dt.timedelta(0)
    assert back.start == run.start
    assert back.laps[0].start == run.laps[0].start
    assert stored_streams is not None
    assert np.array_equal(stored_streams.heart_rate_bpm, [150, 151, 152])


def test_listing_is_by_local_day_inclusive_and_per_athlete(db: Database) -> None:
    sam, alex = _athlete(db, "Sam"), _athlete(db, "Alex")
    with db.begin() as session:
        for day in (18, 20, 22):
            repo.add(session, sam, _run(day))
        repo.add(session, alex, _run(20))
    with db.begin() as session:
        days = [a.local_date.day for a in repo.between(session, sam, None, None)]
        window = repo.between(session, sam, dt.date(2026, 11, 20), dt.date(2026, 11, 22))
    assert days == [18, 20, 22]
    assert [a.local_date.day for a in window] == [20, 22]


def test_start_window_query_compares_instants(db: Database) -> None:
    athlete_id = _athlete(db)
    run = _run(20)  # 07:30 at UTC+1 is 06:30 UTC
    with db.begin() as session:
        repo.add(session, athlete_id, run)
    around = dt.datetime(2026, 11, 20, 6, 31, tzinfo=dt.UTC)
    with db.begin() as session:
        hits = repo.starting_between(
            session, athlete_id, around - dt.timedelta(minutes=2), around + dt.timedelta(minutes=2)
        )
        misses = repo.starting_between(
            session, athlete_id, around + dt.timedelta(hours=1), around + dt.timedelta(hours=2)
        )
    assert len(hits) == 1 and misses == []


def test_the_same_file_and_index_cannot_be_stored_twice(db: Database) -> None:
    athlete_id = _athlete(db)
    with db.begin() as session:
        repo.add(session, athlete_id, _run(20), source_hash="f" * 64, source_index=0)
        repo.add(session, athlete_id, _run(21), source_hash="f" * 64, source_index=1)
    with db.begin() as session:
        assert repo.imported_sources(session, athlete_id) == {"f" * 64: {0, 1}}
        assert repo.id_for_source(session, athlete_id, "f" * 64, 1) is not None
    with pytest.raises(IntegrityError), db.begin() as session:
        repo.add(session, athlete_id, _run(22), source_hash="f" * 64, source_index=0)


def test_pain_reports_round_trip_and_survive_their_activity(db: Database) -> None:
    athlete_id = _athlete(db)
    with db.begin() as session:
        activity_id = repo.add(session, athlete_id, _run(20))
        repo.add_pain(
            session,
            athlete_id,
            PainReport(
                on=dt.date(2026, 11, 20),
                region="lower_back",
                nrs=4,
                when="during",
                activity_id=activity_id,
            ),
        )
    with db.begin() as session:
        assert repo.remove(session, athlete_id, activity_id)
    with db.begin() as session:
        reports = repo.pain_between(session, athlete_id)
        assert repo.streams_of(session, activity_id) is None
    assert len(reports) == 1
    assert reports[0].nrs == 4 and reports[0].when == "during"
    assert reports[0].activity_id is None  # the report outlives the deleted session
