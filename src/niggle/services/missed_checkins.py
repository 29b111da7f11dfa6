"""Missed check-ins: a runner who shares with a coach or physio and has gone quiet.

A runner in pain who stops checking in is one of the things a coach most needs to see, so
the coach's dashboard lists it with the other worries. niggle counts two things, both
**product defaults, not taken from a study** (docs/WEB.md says so too):

1. **Planned sessions with nothing logged.** A key session of the active plan (a run, or
   the cross-training an applied adaptation put in a run's place) on one of the last
   :data:`WINDOW_DAYS` days, still ``planned`` or ``changed`` (not marked done or skipped),
   with neither a session nor a check-in on its day.
2. **Silence while triage is not all clear.** The latest triage asks for more than
   self-care and normal running (a higher care level, a running change, a red flag, or
   unanswered safety questions), and there has been no check-in (a pain report or a
   triage) for :data:`SILENT_DAYS` days or more.

Late entries count. Everything is worked out afresh from what is stored when the dashboard
is opened, and an entry counts for the day it is dated, not the day it was typed, so a run
logged the next day clears its session. A next-morning pain report is about the session
the day before, so a session also stays off the list until the day after it is over
(:data:`GRACE_DAYS`): yesterday's run is never "missed" before its next-morning check-in
was due.

This is coach-facing only. It is kept apart from :func:`niggle.services.overview.
athlete_overview`, which runs on the runner's Today page on every request; here one short
transaction reads the window's planned workouts, its sessions and the recent pain reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from niggle.domain.activity import Activity
from niggle.domain.athlete import Athlete
from niggle.domain.pain import PainReport
from niggle.domain.plans import PlannedWorkout
from niggle.domain.triage.records import TriageRecord
from niggle.store import activities as activities_repo
from niggle.store import plans as plans_repo
from niggle.store.db import Database

# Product defaults (not trial-based). A week matches the plan's weekly rhythm and triage's
# weekly re-screen. One grace day leaves room for the next-morning check-in. Four quiet days
# is longer than the usual gap between two runs of a 3-4-run week, so a runner who is
# checking in after their sessions is not flagged, while a week's silence always is.
WINDOW_DAYS: Final = 7
GRACE_DAYS: Final = 1
SILENT_DAYS: Final = 4
# How far back the last check-in is looked for; older than this reads "none in 60 days".
LOOKBACK_DAYS: Final = 60


@dataclass(frozen=True)
class MissedCheckins:
    as_of: dt.date
    sessions: tuple[PlannedWorkout, ...]  # planned sessions with nothing logged, oldest first
    last_checkin: dt.date | None  # newest pain report or triage in LOOKBACK_DAYS
    silent: bool  # triage not all clear and no check-in for SILENT_DAYS or more

    @property
    def count(self) -> int:
        return len(self.sessions)

    @property
    def days_since_last_checkin(self) -> int | None:
        return None if self.last_checkin is None else (self.as_of - self.last_checkin).days

    @property
    def worrying(self) -> bool:
        return bool(self.sessions) or self.silent

    @property
    def score(self) -> int:
        """How much silence there is, for the coach's ordering: each missed session, plus
        one for silence while triage is not all clear."""
        return len(self.sessions) + (1 if self.silent else 0)


def triage_all_clear(record: TriageRecord | None) -> bool:
    """True when the latest triage asks for nothing beyond self-care and normal running."""
    if record is None:
        return True  # nothing to be clear of; the planned sessions still count
    return (
        record.care_level == "self_care"
        and record.running == "continue"
        and not record.provisional
        and not record.document.get("red_flags")
    )


def _expected(workout: PlannedWorkout) -> bool:
    """A session the runner was meant to do and would log: not optional, not yet marked."""
    if workout.optional or workout.activity_id is not None:
        return False
    if workout.status not in ("planned", "changed"):
        return False  # done or skipped: the runner has told niggle about it
    return workout.is_run or (workout.status == "changed" and workout.kind == "cross")


def _id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise RuntimeError(f"athlete {athlete.name!r} is not stored")
    return athlete.id


def missed_window(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last days whose planned sessions can count as missed on ``as_of``."""
    return as_of - dt.timedelta(days=WINDOW_DAYS), as_of - dt.timedelta(days=1 + GRACE_DAYS)


def missed_checkins(
    db: Database, athlete: Athlete, as_of: dt.date, triage: TriageRecord | None
) -> MissedCheckins:
    """The runner's missed check-ins as of ``as_of``; ``triage`` is their latest (the
    overview has it already, so it is not read again)."""
    athlete_id = _id(athlete)
    first, last = missed_window(as_of)
    with db.begin() as session:
        planned = plans_repo.active_workouts_between(session, athlete_id, first, last)
        activities = activities_repo.plain_between(session, athlete_id, first, as_of)
        # Reaches past the window: it also gives the last check-in, however quiet since.
        pain = activities_repo.pain_between(
            session, athlete_id, as_of - dt.timedelta(days=LOOKBACK_DAYS), as_of
        )
    return missed_from(as_of, planned, activities, pain, triage)


def missed_from(
    as_of: dt.date,
    planned: list[PlannedWorkout],
    activities: list[Activity],
    pain: list[PainReport],
    triage: TriageRecord | None,
) -> MissedCheckins:
    """Missed check-ins from what :func:`missed_checkins` reads: the window's planned
    workouts, the sessions from its first day to ``as_of``, and the pain reports of the last
    LOOKBACK_DAYS days."""
    triage_on = triage.taken_on if triage is not None and triage.taken_on <= as_of else None
    heard = {a.local_date for a in activities} | {p.on for p in pain}
    heard |= {p.on - dt.timedelta(days=1) for p in pain if p.when == "next_morning"}
    if triage_on is not None:
        heard.add(triage_on)
    sessions = tuple(w for w in planned if _expected(w) and w.on not in heard)
    checkins = [p.on for p in pain] + ([triage_on] if triage_on is not None else [])
    latest = max(checkins, default=None)
    quiet = latest is None or (as_of - latest).days >= SILENT_DAYS
    return MissedCheckins(
        as_of=as_of,
        sessions=sessions,
        last_checkin=latest,
        silent=quiet and not triage_all_clear(triage),
    )


def missed_document(missed: MissedCheckins) -> dict[str, Any]:
    """The ``missed_checkins`` part of the overview document."""
    return {
        "count": missed.count,
        "sessions": [
            {
                "date": w.on.isoformat(),
                "kind": w.kind,
                "title": w.title,
                "plan_workout_id": w.id,
            }
            for w in missed.sessions
        ],
        "last_checkin": missed.last_checkin.isoformat() if missed.last_checkin else None,
        "days_since_last_checkin": missed.days_since_last_checkin,
        "silent": missed.silent,
        "rules": {
            "window_days": WINDOW_DAYS,
            "grace_days": GRACE_DAYS,
            "silent_days": SILENT_DAYS,
            "lookback_days": LOOKBACK_DAYS,
            "product_default": True,
        },
    }
