"""Three race-time predictions from recent training, side by side, each with its known bias.

- **VDOT** (Daniels & Gilbert 1979) from the best recent effort: the fitness the effort shows,
  run through Daniels' formula for the race distance.
- **Riegel** (1981) from the same effort: T2 = T1 × (D2/D1)^1.06. Vickers & Vertosick 2016
  (n = 2,303) found it well calibrated up to the half but optimistic for the marathon: at
  least 10 minutes too fast for half of recreational runners.
- **Tanda 2011**, marathon only: pace (s/km) = 17.1 + 140·e^(−0.0053·K) + 0.55·P, with K the
  mean weekly km and P the mean training pace (s/km) over the 8 weeks before. Validated on
  finishers of 2:47–3:36 (RMSE 5.4 min, J Hum Sport Exerc 2022); it underestimated times on a
  large Strava-derived set (willmycroft.com, 2017).

No single method is trustworthy alone, so niggle's headline prediction is the median of those
that apply (the mean when two do). That choice is a product default.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.activity import Activity
from niggle.domain.paces import RIEGEL_EXPONENT, riegel_time, vdot, vdot_race_time
from niggle.domain.units import RACE_DISTANCES_M, RaceResult, format_duration

MARATHON_M: Final = RACE_DISTANCES_M["marathon"]

# Efforts older than this no longer show today's fitness; shorter ones extrapolate badly to
# long races. Both product defaults (not trial-based).
EFFORT_WINDOW_DAYS: Final = 84
MIN_EFFORT_M: Final = 3000.0
# Tanda's window: the 8 weeks before the race (here: before today). Fewer than 3 weeks of
# logged running is too little to average. The minimum is a product default.
TANDA_WINDOW_DAYS: Final = 56
TANDA_MIN_WEEKS: Final = 3
TANDA_VALID_RANGE_S: Final = (2 * 3600 + 47 * 60, 3 * 3600 + 36 * 60)

VDOT_SOURCE: Final = "Daniels & Gilbert 1979 (Oxygen Power); Daniels' Running Formula"
RIEGEL_SOURCE: Final = "Riegel 1981 (American Scientist); Vickers & Vertosick 2016"
TANDA_SOURCE: Final = (
    "Tanda 2011 (J Hum Sport Exerc); validation J Hum Sport Exerc 2022 "
    "(doi 10.14198/jhse.2022.172.05); willmycroft.com 2017"
)
VDOT_BIAS: Final = (
    "Assumes you have done the endurance training for the distance. From a short race it runs "
    "optimistic for the marathon, as Riegel does; from a training run (not all-out) it runs slow."
)
RIEGEL_BIAS: Final = (
    "Optimistic for the marathon: for half of recreational runners it predicted at least 10 "
    "minutes too fast (Vickers & Vertosick 2016)."
)
TANDA_BIAS: Final = (
    "Built from training volume and pace. Validated for finishers between 2:47 and 3:36 "
    "(RMSE 5.4 min); on a large Strava-derived set it predicted times too fast."
)

Method = Literal["vdot", "riegel", "tanda"]


@dataclass(frozen=True, slots=True)
class Effort:
    """A hard effort that shows fitness: a race result or a fast training run."""

    distance_m: float
    time_s: float
    on: dt.date | None
    label: str
    is_race: bool = False

    @property
    def vdot(self) -> float:
        return vdot(RaceResult(self.distance_m, self.time_s))


@dataclass(frozen=True, slots=True)
class TrainingVolume:
    weeks: float
    mean_weekly_km: float
    mean_pace_s_per_km: float
    runs: int


@dataclass(frozen=True, slots=True)
class Prediction:
    method: Method
    time_s: float | None
    basis: str
    bias: str
    source: str
    note: str | None = None


def efforts_from_runs(activities: Iterable[Activity]) -> list[Effort]:
    """Every run long enough to be an effort (its average pace is what counts)."""
    efforts: list[Effort] = []
    for a in activities:
        if not a.is_run or not a.distance_m or a.distance_m < MIN_EFFORT_M or a.duration_s <= 0:
            continue
        label = a.title or (f"{a.kind} run" if a.kind else "run")
        efforts.append(Effort(a.distance_m, a.duration_s, a.local_date, label, a.kind == "race"))
    return efforts


def best_effort(efforts: Iterable[Effort], today: dt.date) -> Effort | None:
    """The recent effort showing the highest VDOT; undated efforts count as recent."""
    since = today - dt.timedelta(days=EFFORT_WINDOW_DAYS)
    recent = [
        e
        for e in efforts
        if e.distance_m >= MIN_EFFORT_M and (e.on is None or since <= e.on <= today)
    ]
    return max(recent, key=lambda e: e.vdot, default=None)


def training_volume(activities: Iterable[Activity], today: dt.date) -> TrainingVolume | None:
    """Mean weekly km and distance-weighted mean pace of runs in the 8 weeks up to today.

    Weeks are counted from the first logged run in the window, so a runner whose log starts
    three weeks ago is not averaged over eight.
    """
    since = today - dt.timedelta(days=TANDA_WINDOW_DAYS - 1)
    runs = [
        a
        for a in activities
        if a.is_run and a.distance_m and a.duration_s > 0 and since <= a.local_date <= today
    ]
    if not runs:
        return None
    first = min(a.local_date for a in runs)
    weeks = max(((today - first).days + 1) / 7.0, 1.0)
    if weeks < TANDA_MIN_WEEKS:
        return None
    km = sum(a.distance_m or 0.0 for a in runs) / 1000.0
    seconds = sum(a.duration_s for a in runs)
    return TrainingVolume(weeks, km / weeks, seconds / km, len(runs))


def tanda_marathon_s(mean_weekly_km: float, mean_pace_s_per_km: float) -> float:
    """Tanda 2011: marathon time (s) from weekly km (K) and training pace (P, s/km)."""
    pace = 17.1 + 140.0 * math.exp(-0.0053 * mean_weekly_km) + 0.55 * mean_pace_s_per_km
    return pace * MARATHON_M / 1000.0


def predict(
    race_distance_m: float,
    effort: Effort | None,
    volume: TrainingVolume | None,
    riegel_exponent: float = RIEGEL_EXPONENT,
) -> tuple[Prediction, ...]:
    """The three predictions for ``race_distance_m``; a method without data gives ``None``."""
    if effort is None:
        no_effort = "No race or hard run of 3 km or more in the last 12 weeks."
        vdot_p = Prediction("vdot", None, no_effort, VDOT_BIAS, VDOT_SOURCE)
        riegel_p = Prediction("riegel", None, no_effort, RIEGEL_BIAS, RIEGEL_SOURCE)
    else:
        when = f" on {effort.on.isoformat()}" if effort.on else ""
        km = effort.distance_m / 1000
        basis = (
            f"{effort.label}: {km:.2f} km in {format_duration(effort.time_s)}{when} "
            f"(VDOT {effort.vdot:.1f})"
        )
        note = None if effort.is_race else "From a training run, not a race: may be slow."
        vdot_p = Prediction(
            "vdot",
            vdot_race_time(effort.vdot, race_distance_m),
            basis,
            VDOT_BIAS,
            VDOT_SOURCE,
            note,
        )
        riegel_p = Prediction(
            "riegel",
            riegel_time(
                RaceResult(effort.distance_m, effort.time_s), race_distance_m, riegel_exponent
            ),
            basis,
            RIEGEL_BIAS,
            RIEGEL_SOURCE,
            note,
        )
    tanda_p = _tanda(race_distance_m, volume)
    return (vdot_p, riegel_p, tanda_p)


def _tanda(race_distance_m: float, volume: TrainingVolume | None) -> Prediction:
    if abs(race_distance_m - MARATHON_M) > 1.0:
        return Prediction(
            "tanda", None, "Tanda's model is for the marathon only.", TANDA_BIAS, TANDA_SOURCE
        )
    if volume is None:
        return Prediction(
            "tanda",
            None,
            f"Needs at least {TANDA_MIN_WEEKS} weeks of logged runs in the last 8 weeks.",
            TANDA_BIAS,
            TANDA_SOURCE,
        )
    time_s = tanda_marathon_s(volume.mean_weekly_km, volume.mean_pace_s_per_km)
    low, high = TANDA_VALID_RANGE_S
    note = None
    if not low <= time_s <= high:
        note = "Outside the 2:47–3:36 range the model was validated on: treat it as rough."
    basis = (
        f"{volume.mean_weekly_km:.1f} km a week at {volume.mean_pace_s_per_km:.0f} s/km over "
        f"{volume.weeks:.1f} weeks ({volume.runs} runs)"
    )
    return Prediction("tanda", time_s, basis, TANDA_BIAS, TANDA_SOURCE, note)


def consensus(predictions: Sequence[Prediction]) -> float | None:
    """The median of the predictions that have a time (the mean of two); None if none do."""
    times = [p.time_s for p in predictions if p.time_s is not None]
    if not times:
        return None
    return float(statistics.median(times))
