"""Training load for ``niggle load`` and the ``niggle report`` chart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from niggle.domain.activity import Activity
from niggle.domain.athlete import Athlete
from niggle.domain.dates import week_start
from niggle.domain.load import (
    ACWR_CRITIQUE,
    FLAG_WINDOW_DAYS,
    LOAD_UNIT,
    TSB_CONVENTION,
    LoadSummary,
    compute_load,
)
from niggle.domain.load_flags import LoadFlag
from niggle.domain.session_load import (
    AU_PER_THRESHOLD_HOUR,
    DEFAULT_RPE_SOURCE,
    THRESHOLD_HR_FRACTION_OF_MAX,
    LoadProfile,
    load_profile,
    trimp_constants,
)
from niggle.exporters.report import ReportData, check_weeks, report_format, write_report
from niggle.services.activities import list_pain_reports
from niggle.services.athletes import find_athlete
from niggle.services.history_cache import MEMO, HistoryVersion, history_version
from niggle.store import activities as repo
from niggle.store.db import Database

DEFAULT_REPORT_WEEKS = 12


def _athlete_id(athlete: Athlete) -> int:
    if athlete.id is None:  # every stored athlete has one; this guards programming errors
        raise RuntimeError(f"athlete {athlete.name!r} has no id")
    return athlete.id


def athlete_load(
    db: Database,
    name: str | None,
    as_of: dt.date,
    *,
    weeks: int | None = None,
    flags_since: dt.date | None = None,
) -> tuple[Athlete, LoadProfile, LoadSummary]:
    """The named (or only) athlete's load as of the end of ``as_of``.

    All history up to ``as_of`` is read: the 42-day fitness average needs months to settle.
    """
    athlete = find_athlete(db, name)
    summary = load_summary(db, athlete, as_of, weeks=weeks, flags_since=flags_since)
    return athlete, load_profile(athlete), summary


class HistoryReader:
    """The athlete's sessions up to ``as_of``, read from the database at most once, and only
    if something remembered has to be computed again."""

    def __init__(self, db: Database, athlete_id: int, as_of: dt.date) -> None:
        self._db, self._athlete_id, self._as_of = db, athlete_id, as_of
        self._read: list[Activity] | None = None

    def __call__(self) -> list[Activity]:
        if self._read is None:
            with self._db.begin() as session:
                self._read = repo.plain_between(session, self._athlete_id, None, self._as_of)
        return self._read


def load_summary(
    db: Database,
    athlete: Athlete,
    as_of: dt.date,
    *,
    weeks: int | None = None,
    flags_since: dt.date | None = None,
    version: HistoryVersion | None = None,
    history: HistoryReader | None = None,
) -> LoadSummary:
    """``compute_load`` over the athlete's whole history, remembered until it changes
    (services/history_cache.py). The summary is shared: do not change it."""
    athlete_id = _athlete_id(athlete)
    if version is None:  # read before the history, so a write in between is never hidden
        version = history_version(db, athlete_id)
    sessions = history or HistoryReader(db, athlete_id, as_of)
    return MEMO.get_or_compute(
        db,
        athlete_id,
        version,
        ("load", athlete, as_of, weeks, flags_since),
        lambda: compute_load(
            sessions(),
            load_profile(athlete),
            as_of,
            units=athlete.units,
            weeks=weeks,
            flags_since=flags_since,
        ),
    )


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def flag_document(flag: LoadFlag) -> dict[str, Any]:
    return {
        "kind": flag.kind,
        "date": flag.on.isoformat(),
        "detail": flag.detail,
        "ratio": _round(flag.ratio, 3),
        "limit": flag.limit,
        "source": flag.source,
    }


def method_document(profile: LoadProfile, summary: LoadSummary) -> dict[str, Any]:
    """How the numbers were made, so a reader can check them (docs/LOAD.md has the detail)."""
    trimp_a, trimp_b = trimp_constants(profile.sex)
    return {
        "load_unit": LOAD_UNIT,
        "session_load_order": ["session_rpe", "rtss", "trimp", "default_rpe"],
        "session_rpe_au_per_threshold_hour": AU_PER_THRESHOLD_HOUR,
        "threshold_s_per_km": _round(profile.threshold_s_per_km, 1),
        "threshold_hr_fraction_of_max": THRESHOLD_HR_FRACTION_OF_MAX,
        "trimp_constants": {"a": trimp_a, "b": trimp_b, "sex": profile.sex or "unknown"},
        "default_rpe": DEFAULT_RPE_SOURCE,
        "sessions_by_method": summary.methods,
        "acute_chronic": "EWMA, lambda = 2/(N+1), N = 7 and 28 days (Williams et al. 2017)",
        "pmc": TSB_CONVENTION,
        "monotony": "Foster 1998: mean / population SD of the last 7 days' load (rest = 0)",
        "weekly_distance": "running only; duration and load include cross-training",
        "flags_window_days": FLAG_WINDOW_DAYS,
    }


def load_document(profile: LoadProfile, summary: LoadSummary) -> dict[str, Any]:
    """The contract's JSON for ``niggle load``; SI units, loads in load points."""
    return {
        "schema_version": 1,
        "as_of": summary.as_of.isoformat(),
        "acute_7d": _round(summary.acute_7d),
        "chronic_28d": _round(summary.chronic_28d),
        "acwr": _round(summary.acwr),
        "acwr_note": ACWR_CRITIQUE,
        "ctl": _round(summary.ctl),
        "atl": _round(summary.atl),
        "tsb": _round(summary.tsb),
        "monotony": _round(summary.monotony),
        "strain": _round(summary.strain),
        "week_load": _round(summary.week.week_load),
        "weekly": [
            {
                "week_start": w.week_start.isoformat(),
                "distance_m": round(w.distance_m, 1),
                "duration_s": round(w.duration_s, 1),
                "load": round(w.load, 2),
                "sessions": w.sessions,
                "runs": w.runs,
                "days": w.days,
            }
            for w in summary.weekly
        ],
        "flags": [flag_document(f) for f in summary.flags],
        "method": method_document(profile, summary),
    }


def write_load_report(
    db: Database,
    name: str | None,
    out: Path,
    as_of: dt.date,
    weeks: int = DEFAULT_REPORT_WEEKS,
) -> tuple[Path, ReportData]:
    """Draw the last ``weeks`` weeks to ``out`` (.html or .png); checks the path first."""
    report_format(out)
    check_weeks(weeks)
    first_day = week_start(as_of) - dt.timedelta(weeks=weeks - 1)
    athlete, _profile, summary = athlete_load(db, name, as_of, weeks=weeks, flags_since=first_day)
    pain = list_pain_reports(db, _athlete_id(athlete), first_day, as_of)
    data = ReportData(athlete.name, athlete.units, weeks, summary, pain)
    return write_report(out, data), data
