"""How hard one session was, in niggle's single load unit.

niggle's load unit is the *load point*, on the TSS scale: 100 points = one hour at threshold
effort. It was chosen over Foster's arbitrary units (AU) because the Performance Management
Chart (CTL/ATL/TSB) is defined and read in TSS terms (TrainingPeaks), rTSS is already on that
scale, and GoldenCheetah's TRIMP(100) normalises heart-rate load to the same anchor. Each
measure is converted once, here (docs/LOAD.md explains the choice):

- session-RPE (Foster 1998; Foster et al. 2001): CR-10 RPE x minutes, in AU. An hour at
  threshold is rated about RPE 7 ("very hard"), i.e. 420 AU, so 1 AU = 100/420 points.
  That anchor is a product default (not trial-based).
- rTSS (TrainingPeaks): hours x IF^2 x 100, IF = speed / threshold speed. Already points.
- Banister TRIMP (Banister 1991): minutes x HRr x a*e^(b*HRr); scaled to points by the TRIMP
  of one hour at threshold heart rate, like GoldenCheetah's TRIMP(100).

Which measure a session gets (first that applies): the runner's RPE; rTSS for runs with a
distance when threshold pace is known; TRIMP when heart rate and the athlete's HR max and
rest are known; otherwise a default RPE by sport and run kind (product default).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from niggle.domain.activity import Activity, RunKind, Sport
from niggle.domain.athlete import Athlete, Sex
from niggle.domain.paces import daniels_paces, vdot

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

LoadMethod = Literal["session_rpe", "rtss", "trimp", "default_rpe", "none"]
LOAD_METHODS: Final[tuple[LoadMethod, ...]] = (
    "session_rpe",
    "rtss",
    "trimp",
    "default_rpe",
    "none",
)
SESSION_RPE, RTSS, TRIMP, DEFAULT_RPE, NO_LOAD = range(5)

# --- Anchors of the single scale --------------------------------------------------------------

POINTS_PER_THRESHOLD_HOUR: Final = 100.0  # TSS convention (TrainingPeaks)
THRESHOLD_HOUR_RPE: Final = 7.0  # product default: an hour at threshold feels "very hard"
AU_PER_THRESHOLD_HOUR: Final = THRESHOLD_HOUR_RPE * 60.0  # 420 AU
POINTS_PER_AU: Final = POINTS_PER_THRESHOLD_HOUR / AU_PER_THRESHOLD_HOUR

# Threshold heart rate when the athlete has not measured one: 90 % of HR max, the middle of
# the 88–92 % HRmax that Daniels' Running Formula gives for T intensity. Product default.
THRESHOLD_HR_FRACTION_OF_MAX: Final = 0.90

# Guard against GPS glitches: no lap or session counts as faster than 1.5 x threshold speed
# (faster than a 400 m repetition for any runner). Product default.
MAX_INTENSITY_FACTOR: Final = 1.5

# Longer than a week is not one session but a recording left running; it carries no load
# rather than an absurd one. Product default (multi-day ultras are far shorter).
MAX_SESSION_S: Final = 7 * 24 * 3600.0
# No single session covers more than 1,000 km; a larger figure is a unit or device error and
# would overflow weekly sums, so it counts as an unknown distance (product default).
MAX_SESSION_M: Final = 1_000_000.0

# Banister TRIMP weighting a*e^(b*HRr), as published (training.md §3). GoldenCheetah keeps
# a = 0.64 for women too and changes only b; niggle uses the published 0.86. Once TRIMP is
# scaled by the TRIMP of a threshold hour (below) the factor a cancels and only b matters.
# When sex is unknown or "other" niggle uses the male constants: they are Banister's original
# derivation and what most tools use by default.
TRIMP_CONSTANTS: Final[dict[str, tuple[float, float]]] = {
    "male": (0.64, 1.92),
    "female": (0.86, 1.67),
}

# Session-RPE when the runner gave none: product defaults (not trial-based), picked so that
# an easy hour lands near an easy hour of rTSS and a hard session near threshold.
DEFAULT_RPE_BY_SPORT: Final[dict[Sport, float]] = {
    "run": 4.0,
    "walk": 2.0,
    "ride": 4.0,
    "swim": 4.0,
    "elliptical": 4.0,
    "row": 4.0,
    "strength": 5.0,
    "other": 4.0,
}
DEFAULT_RPE_BY_RUN_KIND: Final[dict[RunKind, float]] = {
    "easy": 3.0,
    "long": 4.0,
    "tempo": 6.0,
    "intervals": 7.0,
    "race": 8.0,
}
DEFAULT_RPE_SOURCE: Final = "product default (not trial-based)"


@dataclass(frozen=True, slots=True)
class LoadProfile:
    """What the load formulas need to know about the athlete."""

    threshold_s_per_km: float | None = None
    hr_max: float | None = None
    hr_rest: float | None = None
    sex: Sex | None = None

    @property
    def knows_heart_rate(self) -> bool:
        return self.hr_max is not None and self.hr_rest is not None and self.hr_max > self.hr_rest


def load_profile(athlete: Athlete) -> LoadProfile:
    """Threshold pace from the athlete's fitness result (Daniels T pace), HR from the profile.

    Today's fitness is applied to the whole history: older sessions are scored against the
    current threshold, which is a known simplification (docs/LOAD.md).
    """
    result = athlete.fitness_result()
    threshold = daniels_paces(vdot(result)).threshold_s_per_km if result is not None else None
    return LoadProfile(threshold, athlete.hr_max, athlete.hr_rest, athlete.sex)


# --- The formulas, one value at a time (the vectorised versions below must agree) -------------


def foster_session_rpe(rpe: float, minutes: float) -> float:
    """Foster session load in AU: CR-10 RPE x minutes."""
    return rpe * minutes


def session_rpe_points(rpe: float, minutes: float) -> float:
    return foster_session_rpe(rpe, minutes) * POINTS_PER_AU


def intensity_factor(duration_s: float, distance_m: float, threshold_s_per_km: float) -> float:
    """IF = speed / threshold speed = threshold pace / actual pace (capped, see above)."""
    pace_s_per_km = duration_s / (distance_m / 1000.0)
    return min(threshold_s_per_km / pace_s_per_km, MAX_INTENSITY_FACTOR)


def rtss(duration_s: float, distance_m: float, threshold_s_per_km: float) -> float:
    """Running TSS: hours x IF^2 x 100 (one hour at threshold = 100)."""
    factor = intensity_factor(duration_s, distance_m, threshold_s_per_km)
    return duration_s / 3600.0 * factor * factor * POINTS_PER_THRESHOLD_HOUR


def trimp_constants(sex: Sex | None) -> tuple[float, float]:
    return TRIMP_CONSTANTS["female"] if sex == "female" else TRIMP_CONSTANTS["male"]


def heart_rate_reserve_fraction(avg_hr: float, hr_rest: float, hr_max: float) -> float:
    """HRr = (HR - rest) / (max - rest), held to 0..1 so a stale HR max cannot blow it up."""
    return min(max((avg_hr - hr_rest) / (hr_max - hr_rest), 0.0), 1.0)


def banister_trimp(
    minutes: float, avg_hr: float, hr_rest: float, hr_max: float, sex: Sex | None
) -> float:
    """Banister TRIMP: minutes x HRr x a*e^(b*HRr)."""
    a, b = trimp_constants(sex)
    reserve = heart_rate_reserve_fraction(avg_hr, hr_rest, hr_max)
    return minutes * reserve * a * math.exp(b * reserve)


def threshold_hour_trimp(hr_rest: float, hr_max: float, sex: Sex | None) -> float:
    return banister_trimp(60.0, THRESHOLD_HR_FRACTION_OF_MAX * hr_max, hr_rest, hr_max, sex)


def trimp_points(
    minutes: float, avg_hr: float, hr_rest: float, hr_max: float, sex: Sex | None
) -> float:
    """TRIMP on the points scale: 100 x TRIMP / TRIMP(one hour at threshold HR)."""
    raw = banister_trimp(minutes, avg_hr, hr_rest, hr_max, sex)
    return POINTS_PER_THRESHOLD_HOUR * raw / threshold_hour_trimp(hr_rest, hr_max, sex)


def default_rpe(sport: Sport, kind: RunKind | None) -> float:
    if sport == "run" and kind in DEFAULT_RPE_BY_RUN_KIND:
        return DEFAULT_RPE_BY_RUN_KIND[kind]
    return DEFAULT_RPE_BY_SPORT.get(sport, DEFAULT_RPE_BY_SPORT["other"])


# --- Every session at once -------------------------------------------------------------------

# A session's laps replace its average pace in rTSS when they describe the whole run: it keeps
# an interval session's fast reps from being averaged away with its recoveries (IF is squared).
LAP_COVERAGE_TOLERANCE: Final = 0.10


def lap_if_squared_seconds(activity: Activity, threshold_s_per_km: float) -> tuple[float, float]:
    """(seconds, sum of lap seconds x IF^2) over the laps, or (nan, nan) when laps do not fit."""
    laps = activity.laps
    if len(laps) < 2 or not activity.distance_m:
        return math.nan, math.nan
    seconds = 0.0
    weighted = 0.0
    covered = 0.0
    for lap in laps:
        if (
            lap.distance_m is None
            or not 0 <= lap.distance_m < math.inf
            or not 0 < lap.elapsed_s < math.inf
        ):
            return math.nan, math.nan
        factor = min(
            threshold_s_per_km * lap.distance_m / 1000.0 / lap.elapsed_s, MAX_INTENSITY_FACTOR
        )
        seconds += lap.elapsed_s
        weighted += lap.elapsed_s * factor * factor
        covered += lap.distance_m
    if abs(covered - activity.distance_m) > LAP_COVERAGE_TOLERANCE * activity.distance_m:
        return math.nan, math.nan
    return seconds, weighted


@dataclass(frozen=True, eq=False, slots=True)
class SessionLoads:
    """Each activity's load, as columns in input order (numpy arrays of equal length)."""

    day: IntArray  # local date as a proleptic ordinal (date.toordinal())
    load: FloatArray  # load points
    method: IntArray  # index into LOAD_METHODS
    duration_s: FloatArray
    run_distance_m: FloatArray  # running distance; 0 for other sports and runs without one
    is_run: npt.NDArray[np.bool_]
    intensity_factor: FloatArray  # rTSS sessions only, else nan
    trimp: FloatArray  # raw Banister TRIMP where heart rate allows it, else nan

    def __len__(self) -> int:
        return int(self.load.size)

    def method_of(self, index: int) -> LoadMethod:
        return LOAD_METHODS[int(self.method[index])]

    def counts(self) -> dict[LoadMethod, int]:
        tally = np.bincount(self.method, minlength=len(LOAD_METHODS))
        return {name: int(tally[i]) for i, name in enumerate(LOAD_METHODS)}


_COLUMNS: Final = 9  # day, duration, distance, is_run, avg_hr, rpe, default rpe, lap s, lap s*IF^2


def _columns(activities: Sequence[Activity], profile: LoadProfile) -> FloatArray:
    nan = math.nan
    threshold = profile.threshold_s_per_km
    rows = []
    for a in activities:
        lap_s, lap_weighted = (
            lap_if_squared_seconds(a, threshold)
            if a.laps and threshold is not None and a.sport == "run"
            else (nan, nan)
        )
        rows.append(
            (
                a.local_date.toordinal(),
                a.duration_s,
                nan if a.distance_m is None else a.distance_m,
                a.sport == "run",
                nan if a.avg_hr is None else a.avg_hr,
                nan if a.rpe is None else a.rpe,
                default_rpe(a.sport, a.kind),
                lap_s,
                lap_weighted,
            )
        )
    if not rows:
        return np.empty((0, _COLUMNS), dtype=np.float64)
    return np.array(rows, dtype=np.float64)


def session_loads(activities: Sequence[Activity], profile: LoadProfile) -> SessionLoads:
    """Score every session at once; see the module docstring for which measure wins."""
    cols = _columns(activities, profile)
    day = cols[:, 0].astype(np.int64)
    duration = cols[:, 1]
    distance = cols[:, 2]
    is_run = cols[:, 3] > 0
    avg_hr, rpe, fallback_rpe = cols[:, 4], cols[:, 5], cols[:, 6]
    lap_s, lap_weighted = cols[:, 7], cols[:, 8]

    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        timed = np.isfinite(duration) & (duration > 0) & (duration <= MAX_SESSION_S)
        minutes = np.where(timed, duration, 0.0) / 60.0

        has_rpe = timed & np.isfinite(rpe) & (rpe >= 0) & (rpe <= 10)
        srpe = rpe * minutes * POINTS_PER_AU

        threshold = profile.threshold_s_per_km
        has_pace = timed & is_run & np.isfinite(distance) & (distance > 0)
        factor = np.full(duration.shape, np.nan)
        pace_load = factor
        if threshold is None:
            has_pace = np.zeros_like(has_pace)
        else:
            whole = np.minimum(threshold * distance / 1000.0 / duration, MAX_INTENSITY_FACTOR)
            by_laps = np.isfinite(lap_s) & (lap_s > 0)
            factor = np.where(by_laps, np.sqrt(lap_weighted / lap_s), whole)
            hours = np.where(by_laps, lap_s, duration) / 3600.0
            pace_load = hours * factor * factor * POINTS_PER_THRESHOLD_HOUR

        has_hr = timed & np.isfinite(avg_hr) & (avg_hr >= 30) & (avg_hr <= 250)
        raw_trimp = np.full(duration.shape, np.nan)
        hr_load = raw_trimp
        if profile.hr_max is None or profile.hr_rest is None or not profile.knows_heart_rate:
            has_hr = np.zeros_like(has_hr)
        else:
            a, b = trimp_constants(profile.sex)
            reserve = np.clip(
                (avg_hr - profile.hr_rest) / (profile.hr_max - profile.hr_rest), 0.0, 1.0
            )
            raw_trimp = np.where(has_hr, minutes * reserve * a * np.exp(b * reserve), np.nan)
            hr_load = (
                POINTS_PER_THRESHOLD_HOUR
                * raw_trimp
                / threshold_hour_trimp(profile.hr_rest, profile.hr_max, profile.sex)
            )

        default_load = fallback_rpe * minutes * POINTS_PER_AU
        uses_pace = has_pace & ~has_rpe
        method = np.select(
            [~timed, has_rpe, has_pace, has_hr],
            [NO_LOAD, SESSION_RPE, RTSS, TRIMP],
            default=DEFAULT_RPE,
        ).astype(np.int64)
        load = np.select(
            [~timed, has_rpe, has_pace, has_hr],
            [0.0, srpe, pace_load, hr_load],
            default=default_load,
        )
        plausible = np.isfinite(distance) & (distance > 0) & (distance <= MAX_SESSION_M)
        run_distance = np.where(is_run & plausible, distance, 0.0)

    return SessionLoads(
        day=day,
        load=load.astype(np.float64),
        method=method,
        duration_s=np.where(timed, duration, 0.0),
        run_distance_m=run_distance,
        is_run=is_run,
        intensity_factor=np.where(uses_pace, factor, np.nan),
        trimp=raw_trimp,
    )
