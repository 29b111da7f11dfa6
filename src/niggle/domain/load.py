"""Training load as of a day: weekly volume, EWMA and PMC curves, monotony, strain and flags.

The input is plain domain data (activities, the athlete's load profile, the day to report
on); everything is computed as numpy arrays over one daily series, so ten years of history
takes milliseconds (benchmarks/bench_load.py). Formulas and their sources live in
``session_load`` (one session's load), ``load_series`` (averages, monotony) and ``load_flags``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from niggle.domain.activity import Activity
from niggle.domain.dates import week_start
from niggle.domain.errors import InvalidInput
from niggle.domain.load_flags import (
    LoadFlag,
    long_run_spikes,
    monotony_flag,
    weekly_jumps,
)
from niggle.domain.load_series import (
    MONOTONY_DAYS,
    FloatArray,
    LoadCurves,
    MonotonyStrain,
    last_window,
    load_curves,
    monotony_and_strain,
)
from niggle.domain.session_load import (
    IntArray,
    LoadMethod,
    LoadProfile,
    SessionLoads,
    session_loads,
)
from niggle.domain.units import UnitSystem

# Flags older than this are history, not news (product default).
FLAG_WINDOW_DAYS: Final = 28
# A report date may run ahead of today (to see fatigue fall over a taper), but not by years:
# every day up to it becomes an array entry (product default).
MAX_DAYS_AHEAD: Final = 366

LOAD_UNIT: Final = "load points: 100 = one hour at threshold effort (TSS scale)"

ACWR_CRITIQUE: Final = (
    "The acute:chronic ratio is shown because coaches ask for it, not because it predicts "
    "injury. Acute load is part of chronic load, so the two are mathematically coupled "
    "(Lolli et al. 2019). Impellizzeri et al. (2020) found that dividing acute load by a "
    "fixed number (odds ratio 1.95) or by random chronic loads (1.16–2.07) 'predicted' "
    "injury almost as well as the real ratio (2.45), with C-statistics barely above chance "
    "(0.574 against 0.5). In 5,205 runners (Garmin-RUNSAFE 2025) a higher ratio was not linked "
    "to more injuries. niggle's warnings use the single-run spike rule instead."
)
TSB_CONVENTION: Final = (
    "TrainingPeaks convention: CTL and ATL include today's load; TSB is yesterday's CTL "
    "minus yesterday's ATL (form coming into today)."
)


@dataclass(frozen=True, slots=True)
class WeekVolume:
    """One Monday week. Distance is running only; time and load count every session."""

    week_start: dt.date
    distance_m: float
    duration_s: float
    load: float
    sessions: int
    runs: int
    days: int  # days of the week up to the report date (7 unless it is the current week)


@dataclass(frozen=True, eq=False, slots=True)
class DailyLoad:
    """Daily series from ``first_day`` (a Monday) to the report date, inclusive."""

    first_day: dt.date
    load: FloatArray
    run_distance_m: FloatArray
    curves: LoadCurves

    def __len__(self) -> int:
        return int(self.load.size)

    def day(self, index: int) -> dt.date:
        return self.first_day + dt.timedelta(days=index)


@dataclass(frozen=True, eq=False, slots=True)
class LoadSummary:
    as_of: dt.date
    acute_7d: float
    chronic_28d: float
    acwr: float | None
    ctl: float
    atl: float
    tsb: float
    week: MonotonyStrain  # monotony and strain over the 7 days ending as_of
    weekly: tuple[WeekVolume, ...]
    flags: tuple[LoadFlag, ...]
    methods: dict[LoadMethod, int]  # how many sessions each load measure scored
    daily: DailyLoad | None  # None when there is no activity up to as_of
    sessions: SessionLoads

    @property
    def monotony(self) -> float | None:
        return self.week.monotony

    @property
    def strain(self) -> float | None:
        return self.week.strain


def check_as_of(as_of: dt.date, today: dt.date) -> dt.date:
    latest = today + dt.timedelta(days=MAX_DAYS_AHEAD)
    if as_of > latest:
        raise InvalidInput(
            f"--as-of {as_of.isoformat()} is more than a year after today "
            f"({today.isoformat()}). Pick a day up to {latest.isoformat()}."
        )
    return as_of


def compute_load(
    activities: Sequence[Activity],
    profile: LoadProfile,
    as_of: dt.date,
    *,
    units: UnitSystem = "km",
    flags_since: dt.date | None = None,
    weeks: int | None = None,
) -> LoadSummary:
    """Load as of the end of ``as_of``; later activities are ignored.

    ``flags_since`` (default: the last 28 days) limits which flags are reported; ``weeks``
    keeps only the last N Monday weeks in ``weekly`` (default: every week since the first
    activity).
    """
    if weeks is not None and weeks < 1:
        raise ValueError("weeks must be at least 1")
    since = flags_since or as_of - dt.timedelta(days=FLAG_WINDOW_DAYS - 1)
    kept = [a for a in activities if a.local_date <= as_of]
    sessions = session_loads(kept, profile)
    if not kept:
        return _empty(as_of, sessions)

    first_day = week_start(dt.date.fromordinal(int(sessions.day.min())))
    n = as_of.toordinal() - first_day.toordinal() + 1
    index = sessions.day - first_day.toordinal()
    daily_load = _sum_by(index, sessions.load, n)
    daily_run = _sum_by(index, sessions.run_distance_m, n)
    longest = np.zeros(n)
    np.maximum.at(longest, index, sessions.run_distance_m)
    curves = load_curves(daily_load)

    week = monotony_and_strain(last_window(daily_load, MONOTONY_DAYS))
    flags = [
        *long_run_spikes(first_day, longest, units, since),
        *weekly_jumps(first_day, daily_run, units, since),
    ]
    monotonous = monotony_flag(as_of, week.monotony, week.week_load)
    if monotonous is not None and monotonous.on >= since:
        flags.append(monotonous)
    flags.sort(key=lambda f: (f.on, f.kind))

    last = n - 1
    chronic = float(curves.chronic[last])
    return LoadSummary(
        as_of=as_of,
        acute_7d=float(curves.acute[last]),
        chronic_28d=chronic,
        acwr=float(curves.acute[last]) / chronic if chronic > 0 else None,
        ctl=float(curves.ctl[last]),
        atl=float(curves.atl[last]),
        tsb=float(curves.tsb[last]),
        week=week,
        weekly=_weekly(first_day, n, index, sessions, daily_load, daily_run, weeks),
        flags=tuple(flags),
        methods=sessions.counts(),
        daily=DailyLoad(first_day, daily_load, daily_run, curves),
        sessions=sessions,
    )


def _weekly(
    first_monday: dt.date,
    n: int,
    index: IntArray,
    sessions: SessionLoads,
    daily_load: FloatArray,
    daily_run: FloatArray,
    keep: int | None,
) -> tuple[WeekVolume, ...]:
    count = -(-n // 7)
    week_of = index // 7
    day_week = np.arange(n, dtype=np.int64) // 7
    load = _sum_by(day_week, daily_load, count)
    run = _sum_by(day_week, daily_run, count)
    duration = _sum_by(week_of, sessions.duration_s, count)
    total = np.bincount(week_of, minlength=count)
    runs = np.bincount(week_of[sessions.is_run], minlength=count)
    first = 0 if keep is None else max(0, count - keep)
    return tuple(
        WeekVolume(
            week_start=first_monday + dt.timedelta(weeks=w),
            distance_m=float(run[w]),
            duration_s=float(duration[w]),
            load=float(load[w]),
            sessions=int(total[w]),
            runs=int(runs[w]),
            days=min(7, n - 7 * w),
        )
        for w in range(first, count)
    )


def _sum_by(index: IntArray, values: FloatArray, length: int) -> FloatArray:
    """Sum ``values`` into ``length`` bins by ``index`` (one pass, no Python loop)."""
    return np.bincount(index, weights=values, minlength=length).astype(np.float64, copy=False)


def _empty(as_of: dt.date, sessions: SessionLoads) -> LoadSummary:
    return LoadSummary(
        as_of=as_of,
        acute_7d=0.0,
        chronic_28d=0.0,
        acwr=None,
        ctl=0.0,
        atl=0.0,
        tsb=0.0,
        week=monotony_and_strain(np.zeros(MONOTONY_DAYS)),
        weekly=(),
        flags=(),
        methods=sessions.counts(),
        daily=None,
        sessions=sessions,
    )
