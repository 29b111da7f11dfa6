"""A run logged by hand (a check-in) and later imported from the watch is one session.

The hand log has a day and the runner's own rounding; the recording has the real clock and
figures. Counting both would double the week's distance and load, and could raise a spike
flag that changes the runner's plan, so the recording takes the hand log's place and keeps
what only the runner knows: the effort, the notes, the pain reports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.pain import PainReport
from niggle.services import activities as log
from niggle.services.athletes import create_athlete
from niggle.services.imports import import_paths
from niggle.store.db import Database
from tests.importers.activity_files import START, gpx, track

TODAY = dt.date(2026, 11, 28)
DAY = START.date()
POINTS = 2_001  # 2,000 s at 3 m/s: about 6 km


@pytest.fixture
def sam(db: Database) -> int:
    athlete = create_athlete(db, Athlete(name="Sam"), TODAY)
    assert athlete.id is not None
    return athlete.id


@pytest.fixture
def recording(tmp_path: Path) -> Path:
    path = tmp_path / "morning run.gpx"
    path.write_bytes(gpx(track(POINTS)))
    return path


def recorded_distance(db: Database, path: Path) -> float:
    """What the file says, read by importing it for somebody else."""
    other = create_athlete(db, Athlete(name="Other"), TODAY)
    assert other.id is not None
    [activity] = import_paths(db, other.id, [path], TODAY).imported
    assert activity.distance_m is not None and activity.local_date == DAY
    return activity.distance_m


def test_the_recording_replaces_the_hand_log_and_keeps_effort_and_pain(
    db: Database, sam: int, recording: Path
) -> None:
    metres = recorded_distance(db, recording)
    logged = log.log_run(
        db,
        sam,
        on=DAY,
        distance_m=round(metres / 1000) * 1000,  # "6 km", as a runner types it
        time_s=34 * 60,
        today=TODAY,
        rpe=6.0,
        note="back tight at the end",
        pain=[PainReport(on=DAY, region="lower_back", nrs=4, when="during")],
    )
    report = import_paths(db, sam, [recording], TODAY)
    assert report.imported == []
    [duplicate] = report.duplicates
    assert duplicate.replaced and duplicate.activity_id == logged.activity.id
    assert "logged by hand" in duplicate.reason
    [kept] = log.list_activities(db, sam)
    assert kept.id == logged.activity.id
    assert kept.source == "gpx" and kept.distance_m == pytest.approx(metres)
    assert kept.start == START  # the real clock time, no longer noon
    assert kept.rpe == 6.0 and kept.note == "back tight at the end"
    [pain] = log.list_pain_reports(db, sam)
    assert pain.activity_id == kept.id and pain.nrs == 4


def test_of_two_runs_logged_that_day_the_closer_one_is_replaced(
    db: Database, sam: int, recording: Path
) -> None:
    metres = recorded_distance(db, recording)
    short = log.log_run(db, sam, on=DAY, distance_m=3_000, time_s=1_000, today=TODAY)
    near = log.log_run(db, sam, on=DAY, distance_m=metres * 1.08, time_s=2_100, today=TODAY)
    [duplicate] = import_paths(db, sam, [recording], TODAY).duplicates
    assert duplicate.activity_id == near.activity.id
    by_id = {a.id: a for a in log.list_activities(db, sam)}
    assert by_id[short.activity.id].source == "manual"
    assert by_id[near.activity.id].source == "gpx"


@pytest.mark.parametrize(
    ("day", "factor", "sport"),
    [
        (DAY, 2.0, "run"),  # a far longer run that day is another session
        (DAY - dt.timedelta(days=1), 1.0, "run"),  # the day before
        (DAY, 1.0, "ride"),  # a ride of the same length
    ],
)
def test_a_different_session_is_imported_beside_the_hand_log(
    db: Database, sam: int, recording: Path, day: dt.date, factor: float, sport: str
) -> None:
    metres = recorded_distance(db, recording)
    if sport == "run":
        log.log_run(db, sam, on=day, distance_m=metres * factor, time_s=2_000, today=TODAY)
    else:
        log.log_cross(db, sam, sport="ride", on=day, time_s=2_000, today=TODAY)
    report = import_paths(db, sam, [recording], TODAY)
    assert len(report.imported) == 1 and report.duplicates == []
    assert len(log.list_activities(db, sam)) == 2


def test_a_recording_already_stored_is_never_replaced_as_a_hand_log(
    db: Database, sam: int, recording: Path, tmp_path: Path
) -> None:
    first = import_paths(db, sam, [recording], TODAY)
    [stored] = first.imported
    later = tmp_path / "later.gpx"
    later.write_bytes(gpx(track(POINTS), start=START + dt.timedelta(hours=8), name="evening"))
    report = import_paths(db, sam, [later], TODAY)
    assert len(report.imported) == 1  # a second run that day, not the first one redone
    assert {a.source for a in log.list_activities(db, sam)} == {"gpx"}
    assert stored.id in {a.id for a in log.list_activities(db, sam)}


def test_logging_by_hand_after_the_watch_file_adds_to_the_recording(
    db: Database, sam: int, recording: Path
) -> None:
    metres = recorded_distance(db, recording)
    [recorded] = import_paths(db, sam, [recording], TODAY).imported
    logged = log.log_run(
        db,
        sam,
        on=DAY,
        distance_m=round(metres / 1000) * 1000,
        time_s=34 * 60,
        today=TODAY,
        kind="tempo",
        rpe=7.0,
        note="back sore after",
        pain=[PainReport(on=DAY, region="lower_back", nrs=5, when="after")],
    )
    assert logged.added_to_recording and logged.activity.id == recorded.id
    [kept] = log.list_activities(db, sam)
    assert kept.source == "gpx" and kept.distance_m == pytest.approx(metres)
    assert (kept.rpe, kept.kind, kept.note) == (7.0, "tempo", "back sore after")
    [pain] = log.list_pain_reports(db, sam)
    assert pain.activity_id == recorded.id


def test_a_second_run_that_day_can_be_logged_separately(
    db: Database, sam: int, recording: Path
) -> None:
    metres = recorded_distance(db, recording)
    import_paths(db, sam, [recording], TODAY)
    logged = log.log_run(
        db, sam, on=DAY, distance_m=metres, time_s=2_000, today=TODAY, separate=True
    )
    assert not logged.added_to_recording
    assert len(log.list_activities(db, sam)) == 2
