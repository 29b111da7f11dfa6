"""The training log: runs and cross-training logged by hand, pain reports, and listings.

Other capabilities (load, reports, triage, adaptation) read the log through
:func:`list_activities` and :func:`list_pain_reports`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from niggle.domain.activity import (
    Activity,
    RunKind,
    Sport,
    check_training_date,
    recording_match,
    validate_activity,
)
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.pain import PainReport, validate_pain_report
from niggle.domain.streams import Streams
from niggle.store import activities as repo
from niggle.store.db import Database

# A session logged by hand has a day but no clock time; noon UTC keeps it on that day for
# every time zone from UTC-11 to UTC+11 and orders it after early-morning imports.
MANUAL_START: Final = dt.time(12, 0, tzinfo=dt.UTC)

# What runners type for cross-training, mapped to the canonical sport.
CROSS_SPORTS: Final[dict[str, Sport]] = {
    "bike": "ride",
    "ride": "ride",
    "cycle": "ride",
    "cycling": "ride",
    "spin": "ride",
    "swim": "swim",
    "swimming": "swim",
    "elliptical": "elliptical",
    "cross-trainer": "elliptical",
    "crosstrainer": "elliptical",
    "strength": "strength",
    "gym": "strength",
    "weights": "strength",
    "row": "row",
    "rowing": "row",
    "erg": "row",
    "walk": "walk",
    "hike": "walk",
}


@dataclass(frozen=True)
class LoggedSession:
    activity: Activity
    pain_reports: tuple[PainReport, ...] = ()
    # True when the day already held a recording of this session (a watch file imported
    # before the runner logged it by hand): the runner's effort, notes and pain went onto
    # that recording instead of counting the session twice.
    added_to_recording: bool = False


def parse_cross_sport(text: str) -> Sport:
    sport = CROSS_SPORTS.get(text.strip().lower())
    if sport is None:
        raise InvalidInput(
            f"Unknown cross-training sport {text!r}. Use bike, swim, elliptical, strength or row."
        )
    return sport


def _log(
    db: Database,
    athlete_id: int,
    activity: Activity,
    pain: Sequence[PainReport],
    today: dt.date,
    separate: bool = False,
) -> LoggedSession:
    """``separate``: the runner says this is another session, not one already recorded."""
    activity = validate_activity(activity, today)
    checked = [validate_pain_report(replace(p, on=activity.local_date), today) for p in pain]
    # The session and its pain reports are stored together or not at all.
    with db.begin() as session:
        day = repo.between(session, athlete_id, activity.local_date, activity.local_date)
        recording = None if separate else recording_match(activity, day)
        if recording is not None and recording.id is not None:
            # The watch's file of this session arrived first: keep its figures and add what
            # the runner says, so the week's distance and load count the session once
            # (imports do the same the other way round: services.imports).
            stored = repo.add_runner_notes(
                session,
                athlete_id,
                recording.id,
                rpe=activity.rpe,
                kind=activity.kind,
                title=activity.title,
                note=activity.note,
            )
        else:
            stored = replace(activity, id=repo.add(session, athlete_id, activity))
        reports = tuple(
            repo.add_pain(session, athlete_id, replace(p, activity_id=stored.id)) for p in checked
        )
    return LoggedSession(stored, reports, added_to_recording=recording is not None)


def log_run(
    db: Database,
    athlete_id: int,
    *,
    on: dt.date,
    distance_m: float,
    time_s: float,
    today: dt.date,
    kind: RunKind | None = None,
    rpe: float | None = None,
    pain: Sequence[PainReport] = (),
    note: str | None = None,
    title: str | None = None,
    separate: bool = False,
) -> LoggedSession:
    check_training_date(on, today)
    run = Activity(
        sport="run",
        start=dt.datetime.combine(on, MANUAL_START),
        local_date=on,
        elapsed_s=time_s,
        moving_s=time_s,
        distance_m=distance_m,
        rpe=rpe,
        kind=kind,
        title=title,
        note=note,
        source="manual",
    )
    return _log(db, athlete_id, run, pain, today, separate)


def log_cross(
    db: Database,
    athlete_id: int,
    *,
    sport: Sport,
    on: dt.date,
    time_s: float,
    today: dt.date,
    rpe: float | None = None,
    distance_m: float | None = None,
    pain: Sequence[PainReport] = (),
    note: str | None = None,
    title: str | None = None,
) -> LoggedSession:
    if sport == "run":
        raise InvalidInput("Log runs with: niggle log run --date DATE --distance 7mi --time 56:00")
    check_training_date(on, today)
    session = Activity(
        sport=sport,
        start=dt.datetime.combine(on, MANUAL_START),
        local_date=on,
        elapsed_s=time_s,
        moving_s=time_s,
        distance_m=distance_m,
        rpe=rpe,
        kind="strength" if sport == "strength" else "cross",
        title=title,
        note=note,
        source="manual",
    )
    return _log(db, athlete_id, session, pain, today)


def add_pain_report(
    db: Database, athlete_id: int, report: PainReport, today: dt.date
) -> PainReport:
    """Store one pain report (``niggle checkin`` uses this too)."""
    report = validate_pain_report(report, today)
    with db.begin() as session:
        if (
            report.activity_id is not None
            and repo.get(session, athlete_id, report.activity_id) is None
        ):
            raise NotFound(
                f"There is no activity {report.activity_id}; list them with: niggle activities"
            )
        return repo.add_pain(session, athlete_id, report)


def list_activities(
    db: Database, athlete_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[Activity]:
    """The athlete's activities on local days ``start``..``end`` (inclusive), in start order."""
    with db.begin() as session:
        return repo.between(session, athlete_id, start, end)


def list_pain_reports(
    db: Database, athlete_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[PainReport]:
    with db.begin() as session:
        return repo.pain_between(session, athlete_id, start, end)


def get_activity(db: Database, athlete_id: int, activity_id: int) -> Activity:
    with db.begin() as session:
        found = repo.get(session, athlete_id, activity_id)
    if found is None:
        raise NotFound(f"There is no activity {activity_id}; list them with: niggle activities")
    return found


def activity_streams(db: Database, athlete_id: int, activity_id: int) -> Streams | None:
    """The per-second samples of an imported activity (None for a session logged by hand)."""
    get_activity(db, athlete_id, activity_id)
    with db.begin() as session:
        return repo.streams_of(session, activity_id)


def activity_summary(activity: Activity) -> dict[str, Any]:
    """One activity as the contract's import summary carries it, plus the log's fields."""
    return {
        "id": activity.id,
        "start": activity.start.isoformat(),
        "date": activity.local_date.isoformat(),
        "sport": activity.sport,
        "kind": activity.kind,
        "title": activity.title,
        "distance_m": None if activity.distance_m is None else round(activity.distance_m, 1),
        "duration_s": round(activity.duration_s, 1),
        "elapsed_s": round(activity.elapsed_s, 1),
        "moving_s": None if activity.moving_s is None else round(activity.moving_s, 1),
        "elevation_gain_m": activity.elevation_gain_m,
        "avg_hr": activity.avg_hr,
        "max_hr": activity.max_hr,
        "avg_cadence": activity.avg_cadence,
        "rpe": activity.rpe,
        "source": activity.source,
        "laps": len(activity.laps),
    }


def pain_summary(report: PainReport) -> dict[str, Any]:
    return {
        "id": report.id,
        "date": report.on.isoformat(),
        "region": report.region,
        "nrs": report.nrs,
        "when": report.when,
        "activity_id": report.activity_id,
        "note": report.note,
    }


def activities_document(
    activities: Sequence[Activity], pain: Sequence[PainReport] = ()
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "activities": [activity_summary(a) for a in activities],
        "pain_reports": [pain_summary(p) for p in pain],
    }
