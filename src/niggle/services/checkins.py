"""Check-ins: pain during a run, after it and the next morning, with the R7 signs.

A check-in stores a pain report (the training log's ``pain_reports``) and, beside it, its band
and the signs triage does not hold day to day (limping, new leg symptoms), in one transaction.
It links to the session it is about: the activity given, else the run logged that day (the
day before, for a next-morning check-in) when there is exactly one, and through it to the plan
workout that run completed. When it hits a stop-running trigger or symptoms have changed, it
says to run triage again (the safety net).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from niggle.domain.activity import Activity, check_training_date
from niggle.domain.adapt_checkin import band_advice, band_of, symptom_changes
from niggle.domain.adapt_pain import Band, pain_sessions
from niggle.domain.adapt_records import CheckinRecord
from niggle.domain.adapt_triggers import CheckinFlags, Trigger, flag_triggers, pain_triggers
from niggle.domain.athlete import Athlete
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.domain.pain import PainReport, PainWhen, check_nrs, parse_region, parse_when
from niggle.domain.plans import PlannedWorkout
from niggle.knowledge.adaptation import load_adaptation_rules
from niggle.services.activities import get_activity, list_activities, list_pain_reports
from niggle.services.athletes import find_athlete
from niggle.services.plans import current_plan
from niggle.services.triage import latest_triage
from niggle.store import activities as activity_repo
from niggle.store import checkins as repo
from niggle.store.db import Database

CHECKIN_WHEN: Final[tuple[PainWhen, ...]] = ("during", "after", "next_morning", "rest")
LOOKBACK_DAYS: Final = 60
RETRIAGE: Final = (
    "Run niggle triage again now, and answer every safety question: this check-in suggests "
    "your symptoms have changed."
)


@dataclass(frozen=True)
class CheckinResult:
    athlete: Athlete
    report: PainReport
    record: CheckinRecord
    activity: Activity | None
    workout: PlannedWorkout | None
    advice: str
    link_note: str | None
    triggers: tuple[Trigger, ...]
    changes: tuple[str, ...]

    @property
    def band(self) -> Band:
        return self.record.band

    @property
    def retriage(self) -> bool:
        return bool(self.changes) or any(t.retriage for t in self.triggers)


def _athlete_id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise RuntimeError(f"athlete {athlete.name!r} has no id")
    return athlete.id


def _session_day(on: dt.date, when: PainWhen) -> dt.date:
    return on - dt.timedelta(days=1) if when == "next_morning" else on


def _link(
    db: Database, athlete_id: int, on: dt.date, when: PainWhen, activity_id: int | None
) -> tuple[Activity | None, str | None]:
    """The session the check-in is about, and a note when niggle could not choose one."""
    session_day = _session_day(on, when)
    if activity_id is not None:
        activity = get_activity(db, athlete_id, activity_id)
        allowed = {session_day, on} if when in ("next_morning", "rest") else {on}
        if activity.local_date not in allowed:
            raise InvalidInput(
                f"Activity {activity_id} was on {activity.local_date.isoformat()}, but this "
                f"{when.replace('_', ' ')} check-in is for {on.isoformat()}. Give the run's "
                "date with --date (the morning after it for --when next_morning)."
            )
        return activity, None
    if when == "rest":
        return None, None
    that_day = list_activities(db, athlete_id, session_day, session_day)
    runs = [a for a in that_day if a.is_run]
    if len(runs) == 1:
        return runs[0], None
    if not runs and len(that_day) == 1:
        return that_day[0], None
    if len(that_day) > 1:
        ids = ", ".join(str(a.id) for a in that_day)
        return None, (
            f"Several sessions were logged on {session_day.isoformat()} (ids {ids}); say which "
            "one with --activity ID to link the check-in to it."
        )
    return None, (
        f"No session is logged on {session_day.isoformat()}; the check-in is kept on its own. "
        "Log the run (niggle log run) to link them."
    )


def _workout_for(
    db: Database, athlete: Athlete, activity: Activity | None
) -> PlannedWorkout | None:
    if activity is None or activity.id is None:
        return None
    try:
        _, plan = current_plan(db, athlete.name)
    except NotFound:
        return None
    return next((w for w in plan.workouts if w.activity_id == activity.id), None)


def checkin_flags(
    db: Database, athlete_id: int, start: dt.date, end: dt.date
) -> list[CheckinFlags]:
    with db.begin() as session:
        records = repo.between(session, athlete_id, start, end)
    return [
        CheckinFlags(r.on, r.limping, r.new_leg_symptoms)
        for r in records
        if r.limping is not None or r.new_leg_symptoms is not None
    ]


def record_checkin(
    db: Database,
    athlete_name: str | None,
    today: dt.date,
    *,
    on: dt.date,
    nrs: int,
    when: str = "during",
    region: str = "lower_back",
    activity_id: int | None = None,
    note: str | None = None,
    limping: bool | None = None,
    new_leg_symptoms: bool | None = None,
) -> CheckinResult:
    rules = load_adaptation_rules()
    check_training_date(on, today, "The check-in's date (--date)")
    timing = parse_when(when)
    check_nrs(nrs)
    where = parse_region(region)
    if note is not None and len(note) > 2000:
        raise InvalidInput("Check-in notes are limited to 2,000 characters.")
    athlete = find_athlete(db, athlete_name)
    athlete_id = _athlete_id(athlete)
    activity, link_note = _link(db, athlete_id, on, timing, activity_id)
    workout = _workout_for(db, athlete, activity)
    report = PainReport(
        on=on,
        region=where,
        nrs=nrs,
        when=timing,
        activity_id=activity.id if activity is not None else None,
        note=note,
    )
    band = band_of(report, rules.bands)
    first = on - dt.timedelta(days=LOOKBACK_DAYS)
    earlier = list_pain_reports(db, athlete_id, first, on)
    # The report and its flags are stored together or not at all.
    with db.begin() as session:
        if (
            activity is not None
            and activity_repo.get(session, athlete_id, activity.id or 0) is None
        ):
            raise Conflict("The session this check-in is about was just deleted; check in again.")
        stored = activity_repo.add_pain(session, athlete_id, report)
        if stored.id is None:
            raise RuntimeError("pain report stored without an id")
        record = repo.add(
            session,
            CheckinRecord(
                athlete_id=athlete_id,
                pain_report_id=stored.id,
                on=on,
                band=band,
                limping=limping,
                new_leg_symptoms=new_leg_symptoms,
                plan_workout_id=workout.id if workout is not None else None,
            ),
        )
    triggers = _triggers_now(db, athlete, athlete_id, on, rules)
    return CheckinResult(
        athlete=athlete,
        report=stored,
        record=record,
        activity=activity,
        workout=workout,
        advice=band_advice(stored, band, rules.bands),
        link_note=link_note,
        triggers=tuple(triggers),
        changes=tuple(symptom_changes(stored, earlier, rules.bands)),
    )


def _triggers_now(
    db: Database, athlete: Athlete, athlete_id: int, on: dt.date, rules: Any
) -> list[Trigger]:
    """The stop-running triggers the check-ins now hit (triage's own come from adapt)."""
    first = on - dt.timedelta(days=LOOKBACK_DAYS)
    reports = list_pain_reports(db, athlete_id, first, on)
    activities = list_activities(db, athlete_id, first, on)
    sessions = pain_sessions(reports, activities, {}, rules.bands)
    flags = checkin_flags(db, athlete_id, first, on)
    triage = latest_triage(db, athlete_id)
    return [*flag_triggers(flags, triage, on), *pain_triggers(sessions, reports, on, rules)]


def checkin_document(result: CheckinResult) -> dict[str, Any]:
    report = result.report
    document: dict[str, Any] = {
        "schema_version": 1,
        "checkin_id": result.record.id,
        "pain_report_id": report.id,
        "athlete": result.athlete.name,
        "date": report.on.isoformat(),
        "region": report.region,
        "pain": report.nrs,
        "when": report.when,
        "band": result.band,
        "advice": result.advice,
        "activity_id": report.activity_id,
        "plan_workout_id": result.workout.id if result.workout is not None else None,
        "plan_workout": (
            {
                "date": result.workout.on.isoformat(),
                "kind": result.workout.kind,
                "title": result.workout.title,
            }
            if result.workout is not None
            else None
        ),
        "limping": result.record.limping,
        "new_leg_symptoms": result.record.new_leg_symptoms,
        "note": report.note,
        "link_note": result.link_note,
        "stop_triggers": [
            {"rule": t.rule, "status": t.status, "because": t.because} for t in result.triggers
        ],
        "symptoms_changed": list(result.changes),
        "retriage": result.retriage,
        "retriage_message": RETRIAGE if result.retriage else None,
        "next": "Run niggle adapt to see what this means for your plan.",
    }
    return document
