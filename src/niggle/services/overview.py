"""One runner at a glance: what the Today page, the coach's dashboard and the coach's view of
a runner show, built from the capabilities that exist (log, pain reports, paces, load).

It adds no rules of its own: load flags come from the load service with their sources, and
pain is shown as the runner reported it. As triage, plans and check-ins land, their
summaries join :class:`AthleteOverview` here so every screen picks them up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from niggle.domain.activity import Activity
from niggle.domain.athlete import Athlete
from niggle.domain.load_flags import LoadFlag
from niggle.domain.paces import PaceReport, pace_report
from niggle.domain.pain import PainReport
from niggle.domain.triage.levels import level_rank
from niggle.domain.triage.records import TriageRecord
from niggle.knowledge.adaptation import load_adaptation_rules
from niggle.services.activities import activity_summary, pain_summary
from niggle.services.history_cache import VersionMemo
from niggle.services.load import flag_document, load_summary
from niggle.services.missed_checkins import (
    LOOKBACK_DAYS,
    MissedCheckins,
    missed_document,
    missed_from,
    missed_window,
)
from niggle.store import activities as activities_repo
from niggle.store import athletes as athletes_repo
from niggle.store import plans as plans_repo
from niggle.store import triage as triage_repo
from niggle.store.db import Database

RECENT_DAYS: Final = 14
PAIN_DAYS: Final = 28
LOAD_WEEKS: Final = 8


@dataclass(frozen=True)
class AthleteOverview:
    athlete: Athlete
    as_of: dt.date
    recent_activities: tuple[Activity, ...]  # the last RECENT_DAYS days, newest first
    last_activity: Activity | None
    week_run_distance_m: float  # running distance in the 7 days ending as_of
    week_runs: int
    recent_pain: tuple[PainReport, ...]  # the last PAIN_DAYS days, newest first
    worst_pain_7d: PainReport | None
    load_flags: tuple[LoadFlag, ...]
    weekly_distance_m: tuple[tuple[dt.date, float], ...]  # Monday weeks, oldest first
    paces: PaceReport | None
    triage: TriageRecord | None = None  # the latest check-in, whatever its age

    @property
    def red_flags(self) -> list[dict[str, Any]]:
        return list(self.triage.document.get("red_flags", [])) if self.triage else []

    @property
    def latest_pain(self) -> PainReport | None:
        return self.recent_pain[0] if self.recent_pain else None

    @property
    def days_since_last_activity(self) -> int | None:
        if self.last_activity is None:
            return None
        return (self.as_of - self.last_activity.local_date).days


def _id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise RuntimeError(f"athlete {athlete.name!r} is not stored")
    return athlete.id


def athlete_overview(db: Database, athlete: Athlete, as_of: dt.date) -> AthleteOverview:
    athlete_id = _id(athlete)
    # Everything but the load in one short transaction: a page view is a handful of small
    # reads, and each transaction of its own costs about as much as the read inside it.
    with db.begin() as session:
        # Read before the history (as load_summary does), so a write in between is seen.
        version = activities_repo.history_version(session, athlete_id)
        recent = activities_repo.plain_between(
            session, athlete_id, as_of - dt.timedelta(days=RECENT_DAYS - 1), as_of
        )
        # A runner back after a break: the newest session, however old, without the history.
        last = recent[-1] if recent else activities_repo.latest_until(session, athlete_id, as_of)
        pain = activities_repo.pain_between(
            session, athlete_id, as_of - dt.timedelta(days=PAIN_DAYS - 1), as_of
        )
        latest = triage_repo.latest(session, athlete_id)
    return _overview_from(db, athlete, as_of, version, recent, last, pain, latest)


def _overview_from(
    db: Database,
    athlete: Athlete,
    as_of: dt.date,
    version: tuple[object, ...],
    recent: list[Activity],
    last: Activity | None,
    pain: list[PainReport],
    latest: TriageRecord | None,
) -> AthleteOverview:
    """The overview from what :func:`athlete_overview` reads (sessions of the last
    RECENT_DAYS days and pain of the last PAIN_DAYS, both oldest first)."""
    week_start = as_of - dt.timedelta(days=6)
    week_runs = [a for a in recent if a.sport == "run" and a.local_date >= week_start]
    pain_week = [p for p in pain if p.on >= week_start]
    worst = max(pain_week, key=lambda p: (p.nrs, p.on)) if pain_week else None
    flags: tuple[LoadFlag, ...] = ()
    weekly: tuple[tuple[dt.date, float], ...] = ()
    if last is not None:
        summary = load_summary(
            db,
            athlete,
            as_of,
            weeks=LOAD_WEEKS,
            flags_since=as_of - dt.timedelta(days=RECENT_DAYS - 1),
            version=version,
        )
        flags = summary.flags
        weekly = tuple((w.week_start, w.distance_m) for w in summary.weekly)
    fitness = athlete.fitness_result()
    return AthleteOverview(
        athlete=athlete,
        as_of=as_of,
        recent_activities=tuple(reversed(recent)),
        last_activity=last,
        week_run_distance_m=sum(a.distance_m or 0.0 for a in week_runs),
        week_runs=len(week_runs),
        recent_pain=tuple(sorted(pain, key=lambda p: (p.on, p.id or 0), reverse=True)),
        worst_pain_7d=worst,
        load_flags=flags,
        weekly_distance_m=weekly,
        paces=pace_report(fitness) if fitness is not None else None,
        triage=latest,
    )


RunnerCard = tuple[AthleteOverview, MissedCheckins]
# One process-wide memo of each runner's dashboard card; see runner_card.
CARD_MEMO: Final = VersionMemo()


def _card(db: Database, athlete_id: int, as_of: dt.date) -> RunnerCard | None:
    """:func:`athlete_overview` and :func:`missed_checkins` for one runner, with every read
    in one transaction: the same results (tests compare them), a third of the round trips.
    Each table is read once over the wider of the two windows and filtered for each part."""
    first, last_day = missed_window(as_of)
    recent_since = as_of - dt.timedelta(days=RECENT_DAYS - 1)
    pain_since = as_of - dt.timedelta(days=PAIN_DAYS - 1)
    lookback_since = as_of - dt.timedelta(days=LOOKBACK_DAYS)
    with db.begin() as session:
        athlete = athletes_repo.get(session, athlete_id)
        if athlete is None:
            return None
        version = activities_repo.history_version(session, athlete_id)
        sessions = activities_repo.plain_between(
            session, athlete_id, min(recent_since, first), as_of
        )
        recent = [a for a in sessions if a.local_date >= recent_since]
        last = recent[-1] if recent else activities_repo.latest_until(session, athlete_id, as_of)
        pain = activities_repo.pain_between(
            session, athlete_id, min(pain_since, lookback_since), as_of
        )
        latest = triage_repo.latest(session, athlete_id)
        planned = plans_repo.active_workouts_between(session, athlete_id, first, last_day)
    overview = _overview_from(
        db, athlete, as_of, version, recent, last, [p for p in pain if p.on >= pain_since], latest
    )
    missed = missed_from(
        as_of,
        planned,
        [a for a in sessions if a.local_date >= first],
        [p for p in pain if p.on >= lookback_since],
        latest,
    )
    return overview, missed


def runner_card(
    db: Database, athlete_id: int, version: int | None, as_of: dt.date
) -> RunnerCard | None:
    """A runner's overview and missed check-ins for a coach's dashboard (None if the runner
    is gone), remembered in this process against their data version.

    ``version`` must have been read (``store.versions``, or with the shares on the
    dashboard) before this call, so anything written since moves it on and is shown on the
    next look. Everything both parts read (the athlete, sessions, pain reports, triage, the
    plan) is versioned by the database's triggers, and the day is part of the key. The
    result is shared between requests and threads: treat it as read-only.
    """
    if version is None:  # no version row (not expected after migration 0010): never keep
        return _card(db, athlete_id, as_of)
    return CARD_MEMO.get_or_compute(
        (db.engine.url, athlete_id),
        (version, as_of),
        lambda: _card(db, athlete_id, as_of),
    )


def attention_order(
    overview: AthleteOverview, missed: MissedCheckins | None = None
) -> tuple[int, int, int, int, int, int, str]:
    """Sort key for a coach's list, worries first: the latest triage's care level and red
    flags, then pain this week above the green band, then load flags, then missed check-ins
    (``niggle.services.missed_checkins``), then green-band pain, then name.

    The care level and red flags are the triage engine's (with their sources) and the green
    band is the pain-monitoring model's (docs/ADAPT.md); the rest is an ordering for the eye,
    not a clinical rule. Pain within the green band comes after missed check-ins because the
    model says carry on at that level, while a runner who has gone quiet has told niggle
    nothing.
    """
    care = level_rank(overview.triage.care_level) if overview.triage else -1
    worst = overview.worst_pain_7d.nrs if overview.worst_pain_7d else -1
    green_max = load_adaptation_rules().bands.green_max
    return (
        -care,
        -len(overview.red_flags),
        -(worst if worst > green_max else -1),
        -len(overview.load_flags),
        -(missed.score if missed is not None else 0),
        -worst,
        overview.athlete.name.lower(),
    )


def overview_document(
    overview: AthleteOverview, missed: MissedCheckins | None = None
) -> dict[str, Any]:
    """The overview as JSON; ``missed_checkins`` is null unless ``missed`` is given."""
    athlete = overview.athlete
    return {
        "schema_version": 1,
        "athlete_id": athlete.id,
        "name": athlete.name,
        "as_of": overview.as_of.isoformat(),
        "last_activity": activity_summary(overview.last_activity)
        if overview.last_activity
        else None,
        "days_since_last_activity": overview.days_since_last_activity,
        "week": {
            "run_distance_m": round(overview.week_run_distance_m, 1),
            "runs": overview.week_runs,
        },
        "recent_activities": [activity_summary(a) for a in overview.recent_activities],
        "recent_pain": [pain_summary(p) for p in overview.recent_pain],
        "worst_pain_7d": pain_summary(overview.worst_pain_7d) if overview.worst_pain_7d else None,
        "load_flags": [flag_document(f) for f in overview.load_flags],
        "weekly": [
            {"week_start": start.isoformat(), "distance_m": round(metres, 1)}
            for start, metres in overview.weekly_distance_m
        ],
        "vdot": round(overview.paces.vdot, 1) if overview.paces else None,
        "triage": _triage_summary(overview.triage),
        "missed_checkins": missed_document(missed) if missed is not None else None,
    }


def _triage_summary(record: TriageRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {
        "taken_on": record.taken_on.isoformat(),
        "care_level": record.care_level,
        "running": record.running,
        "provisional": record.provisional,
        "red_flags": record.document.get("red_flags", []),
    }
