"""Load warnings a runner should hear about: run spikes, weekly jumps and monotonous weeks.

- ``long_run_spike``: a single run longer than 1.10 x the longest run of the previous 30 days
  (Garmin-RUNSAFE, BJSM 2025, 5,205 runners: injury HRR 1.64 for 10–30 % spikes, 1.52 for
  30–100 %, 2.28 above 100 %). Judged on distance; days with no run in the 30 days before have
  no baseline and are not judged.
- ``weekly_jump``: running distance of a Monday week more than 30 % above the week before
  (Nielsen et al. 2014, novice runners). Flagged on the day the week's running first passes
  1.30 x last week's, so a week in progress is caught as soon as it crosses the line. A week
  after a week with no running has no baseline and is not judged.
- ``monotony``: Foster monotony above 2.0 over the last 7 days (Foster 1998; the commonly
  cited risk line).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from niggle.domain.units import UnitSystem, distance_in

FloatArray = npt.NDArray[np.float64]

FlagKind = Literal["long_run_spike", "weekly_jump", "monotony"]

SPIKE_RATIO: Final = 1.10
SPIKE_LOOKBACK_DAYS: Final = 30
SPIKE_SOURCE: Final = "Garmin-RUNSAFE (Br J Sports Med 2025): single-run spikes over 10 %"
WEEKLY_JUMP_RATIO: Final = 1.30
WEEKLY_JUMP_SOURCE: Final = "Nielsen et al. 2014: weekly increases over 30 %"
MONOTONY_LIMIT: Final = 2.0
MONOTONY_SOURCE: Final = "Foster 1998: monotony above 2.0"
# Ratios are compared with a hair of slack so a run of exactly 1.10 x is not flagged through
# float rounding (11000/10000 must read as 1.10, not 1.1000000000000001).
_RATIO_SLACK: Final = 1e-9


@dataclass(frozen=True, slots=True)
class LoadFlag:
    kind: FlagKind
    on: dt.date
    detail: str
    ratio: float | None  # run / longest, week / last week, or monotony (None: no SD)
    limit: float
    source: str


def _distance(metres: float, units: UnitSystem) -> str:
    return f"{distance_in(metres, units):.1f} {units}"


def _first_index(first_day: dt.date, since: dt.date | None) -> int:
    return 0 if since is None else max(0, (since - first_day).days)


def long_run_spikes(
    first_day: dt.date,
    longest_run_m: FloatArray,
    units: UnitSystem = "km",
    since: dt.date | None = None,
) -> list[LoadFlag]:
    """Spikes in a series of each day's longest run (metres, 0 = no run), day 0 = first_day.

    Only days from ``since`` on are reported; earlier days still serve as the baseline.
    """
    n = longest_run_m.size
    if n == 0:
        return []
    padded = np.concatenate([np.zeros(SPIKE_LOOKBACK_DAYS), longest_run_m])
    # Window i covers padded[i : i+30] = the 30 days before day i.
    previous_best = sliding_window_view(padded, SPIKE_LOOKBACK_DAYS)[:n].max(axis=1)
    # A run after a near-zero baseline gives an infinite ratio, which still flags correctly.
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        ratio = np.where(previous_best > 0, longest_run_m / previous_best, 0.0)
    hits = np.flatnonzero((previous_best > 0) & (ratio > SPIKE_RATIO + _RATIO_SLACK))
    hits = hits[hits >= _first_index(first_day, since)]
    flags = []
    for i in hits:
        r = float(ratio[i])
        flags.append(
            LoadFlag(
                kind="long_run_spike",
                on=first_day + dt.timedelta(days=int(i)),
                detail=(
                    f"A {_distance(float(longest_run_m[i]), units)} run is {r - 1:.0%} longer "
                    f"than your longest run of the 30 days before "
                    f"({_distance(float(previous_best[i]), units)}); keep single runs within "
                    f"+10 %."
                ),
                ratio=r,
                limit=SPIKE_RATIO,
                source=SPIKE_SOURCE,
            )
        )
    return flags


def weekly_jumps(
    first_monday: dt.date,
    daily_run_m: FloatArray,
    units: UnitSystem = "km",
    since: dt.date | None = None,
) -> list[LoadFlag]:
    """Week-on-week running jumps; the series must start on a Monday (day 0 = first_monday)."""
    if first_monday.weekday() != 0:
        raise ValueError("weekly_jumps needs a series that starts on a Monday")
    n = daily_run_m.size
    if n == 0:
        return []
    weeks = -(-n // 7)
    grid = np.zeros(weeks * 7)
    grid[:n] = daily_run_m
    so_far = grid.reshape(weeks, 7).cumsum(axis=1)
    totals = so_far[:, -1]
    previous = np.concatenate([[0.0], totals[:-1]])
    limit = previous * (WEEKLY_JUMP_RATIO + _RATIO_SLACK)
    crossed = (so_far > limit[:, None]) & (previous[:, None] > 0)
    flags = []
    for week in np.flatnonzero(crossed.any(axis=1)):
        day = int(np.argmax(crossed[week]))
        index = int(week) * 7 + day
        if index >= n or index < _first_index(first_monday, since):
            continue
        run_so_far = float(so_far[week, day])
        last_week = float(previous[week])
        flags.append(
            LoadFlag(
                kind="weekly_jump",
                on=first_monday + dt.timedelta(days=index),
                detail=(
                    f"Running this week reached {_distance(run_so_far, units)}, "
                    f"{run_so_far / last_week - 1:.0%} more than last week's "
                    f"{_distance(last_week, units)}; weekly increases over 30 % are linked "
                    f"to injury in newer runners."
                ),
                ratio=run_so_far / last_week,
                limit=WEEKLY_JUMP_RATIO,
                source=WEEKLY_JUMP_SOURCE,
            )
        )
    return flags


def monotony_flag(on: dt.date, monotony: float | None, week_load: float) -> LoadFlag | None:
    """A monotonous week: monotony over 2.0, or the same non-zero load every single day."""
    if monotony is None:
        if week_load <= 0:
            return None
        detail = (
            "The last 7 days carried exactly the same load every day, with no easier or rest "
            "day; vary the days (monotony above 2.0 is the usual warning line)."
        )
        return LoadFlag("monotony", on, detail, None, MONOTONY_LIMIT, MONOTONY_SOURCE)
    if monotony <= MONOTONY_LIMIT:
        return None
    detail = (
        f"Monotony over the last 7 days is {monotony:.2f} (above 2.0): the days are too alike. "
        "Make easy days easier and keep at least one rest day."
    )
    return LoadFlag("monotony", on, detail, monotony, MONOTONY_LIMIT, MONOTONY_SOURCE)
