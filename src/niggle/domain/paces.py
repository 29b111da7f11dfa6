"""The pace engine: VDOT, race predictions, Daniels training paces and FIRST paces.

Sources:
- Daniels J, Gilbert J. *Oxygen Power* (1979): the oxygen cost of running at speed v and the
  fraction of VO2max sustainable for t minutes. VDOT = VO2(v) / %VO2max(t).
- Daniels J. *Daniels' Running Formula*, 3rd ed. (2014), pace tables, used as test vectors.
- Riegel PS. "Athletic records and human endurance", American Scientist 69 (1981):
  T2 = T1 * (D2/D1) ** 1.06.
- Vickers AJ, Vertosick EA. BMC Sports Sci Med Rehabil 8:39 (2016): Riegel "dramatically
  underestimated" marathon times for recreational runners.
- Pierce B, Murr S, Moss R. *Run Less, Run Faster* (2012 ed.) pace tables, as transcribed in
  bendaten/first_trainer; the linear fit is from "Reverse-engineering the FIRST Marathon
  Program" (marathon pace = 1.15313 x 5K pace).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from niggle.domain.errors import InvalidInput
from niggle.domain.units import METRES_PER_MILE, RACE_DISTANCES_M, RaceResult

# --- Daniels & Gilbert (1979) --------------------------------------------------------------


def oxygen_cost(speed_m_per_min: float) -> float:
    """VO2 (ml/kg/min) needed to run at ``speed_m_per_min``."""
    v = speed_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def fraction_sustainable(minutes: float) -> float:
    """Fraction of VO2max a runner can hold for a race lasting ``minutes``."""
    return (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def speed_for_oxygen(vo2: float) -> float:
    """Inverse of :func:`oxygen_cost`: the speed (m/min) that costs ``vo2``."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def vdot(result: RaceResult) -> float:
    minutes = result.time_s / 60.0
    return oxygen_cost(result.distance_m / minutes) / fraction_sustainable(minutes)


def vdot_race_time(vdot_value: float, distance_m: float) -> float:
    """Race time (s) that a runner of ``vdot_value`` should run over ``distance_m``.

    %VO2max depends on the race's own duration, so there is no closed form: bisect on t.
    """
    if vdot_value <= 0:
        raise InvalidInput("VDOT must be positive.")
    lo, hi = 0.5, 3000.0  # minutes
    for _ in range(80):
        mid = (lo + hi) / 2
        if oxygen_cost(distance_m / mid) > vdot_value * fraction_sustainable(mid):
            lo = mid  # too fast for this fitness: the race takes longer
        else:
            hi = mid
    return (lo + hi) / 2 * 60.0


# --- Riegel (1981) ---------------------------------------------------------------------------

RIEGEL_EXPONENT: Final = 1.06
RIEGEL_MARATHON_CAVEAT: Final = (
    "Riegel's formula runs optimistic for the marathon: for half of recreational runners it "
    "predicted times at least 10 minutes too fast (Vickers & Vertosick 2016)."
)


def riegel_time(result: RaceResult, distance_m: float, exponent: float = RIEGEL_EXPONENT) -> float:
    if not 1.0 <= exponent <= 1.3:
        raise InvalidInput(f"Riegel exponent {exponent} is outside 1.00–1.30; 1.06 is usual.")
    ratio: float = (distance_m / result.distance_m) ** exponent
    return result.time_s * ratio


@dataclass(frozen=True, slots=True)
class RacePrediction:
    name: str
    distance_m: float
    riegel_s: float
    vdot_s: float


def predict_races(
    result: RaceResult, riegel_exponent: float = RIEGEL_EXPONENT
) -> list[RacePrediction]:
    fitness = vdot(result)
    return [
        RacePrediction(
            name=name,
            distance_m=distance,
            riegel_s=riegel_time(result, distance, riegel_exponent),
            vdot_s=vdot_race_time(fitness, distance),
        )
        for name, distance in RACE_DISTANCES_M.items()
    ]


# --- Daniels training paces ------------------------------------------------------------------

# Fractions of VDOT back-solved from the published tables (VDOT 40/45/50 rows) so that the
# formula reproduces them within 3 s/km: E 63–73 %, T 88 %, I 98 %, R 107.5 %. M is the
# formula's own marathon race pace, as in the book.
EASY_SLOW_FRACTION: Final = 0.63
EASY_FAST_FRACTION: Final = 0.73
THRESHOLD_FRACTION: Final = 0.88
INTERVAL_FRACTION: Final = 0.98
REPETITION_FRACTION: Final = 1.075


@dataclass(frozen=True, slots=True)
class DanielsPaces:
    easy_s_per_km: tuple[float, float]  # (fast end, slow end)
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_400m: float
    repetition_s_per_400m: float


def _seconds_per(distance_m: float, vdot_value: float, fraction: float) -> float:
    return distance_m / speed_for_oxygen(fraction * vdot_value) * 60.0


def daniels_paces(vdot_value: float) -> DanielsPaces:
    return DanielsPaces(
        easy_s_per_km=(
            _seconds_per(1000, vdot_value, EASY_FAST_FRACTION),
            _seconds_per(1000, vdot_value, EASY_SLOW_FRACTION),
        ),
        marathon_s_per_km=vdot_race_time(vdot_value, RACE_DISTANCES_M["marathon"]) / 42.195,
        threshold_s_per_km=_seconds_per(1000, vdot_value, THRESHOLD_FRACTION),
        interval_s_per_400m=_seconds_per(400, vdot_value, INTERVAL_FRACTION),
        repetition_s_per_400m=_seconds_per(400, vdot_value, REPETITION_FRACTION),
    )


# --- FIRST paces -----------------------------------------------------------------------------

# Track repeats: seconds per rep faster than the same distance at 5K race pace. Fitted to the
# 2012 book's tables (first_trainer transcription, rows 20:00 and 25:00): each rep time is
# exactly linear in 5K time with these offsets, within the table's 1 s rounding.
FIRST_REP_OFFSETS_S: Final[dict[int, float]] = {
    400: -9.0,
    600: -12.0,
    800: -15.0,
    1000: -16.5,
    1200: -16.0,
    1600: -13.5,
    2000: -12.0,
}
# Tempo runs: seconds per mile slower than 5K pace per mile (2012 tables: +17/+32/+47).
FIRST_TEMPO_OFFSETS_S_PER_MI: Final[dict[str, float]] = {"short": 17.0, "mid": 32.0, "long": 47.0}
# Marathon pace = 1.15313 x 5K pace (linear regression on the 2012 tables, R = 1.00).
FIRST_MARATHON_FACTOR: Final = 1.15313
FIRST_EASY_OFFSET_S_PER_MI: Final = 112.0


@dataclass(frozen=True, slots=True)
class FirstPaces:
    five_k_s: float
    rep_s: dict[int, float]
    short_tempo_s_per_mi: float
    mid_tempo_s_per_mi: float
    long_tempo_s_per_mi: float
    marathon_pace_s_per_mi: float
    marathon_time_s: float
    easy_s_per_mi: float

    def long_run_s_per_mi(self, plus_s_per_mi: float) -> float:
        """FIRST long runs are set as marathon pace plus N seconds per mile."""
        return self.marathon_pace_s_per_mi + plus_s_per_mi


def first_paces(five_k_time_s: float) -> FirstPaces:
    five_k_pace_mi = five_k_time_s / (5000.0 / METRES_PER_MILE)
    marathon_pace = FIRST_MARATHON_FACTOR * five_k_pace_mi
    return FirstPaces(
        five_k_s=five_k_time_s,
        rep_s={
            metres: five_k_time_s * metres / 5000.0 + offset
            for metres, offset in FIRST_REP_OFFSETS_S.items()
        },
        short_tempo_s_per_mi=five_k_pace_mi + FIRST_TEMPO_OFFSETS_S_PER_MI["short"],
        mid_tempo_s_per_mi=five_k_pace_mi + FIRST_TEMPO_OFFSETS_S_PER_MI["mid"],
        long_tempo_s_per_mi=five_k_pace_mi + FIRST_TEMPO_OFFSETS_S_PER_MI["long"],
        marathon_pace_s_per_mi=marathon_pace,
        marathon_time_s=marathon_pace * RACE_DISTANCES_M["marathon"] / METRES_PER_MILE,
        easy_s_per_mi=five_k_pace_mi + FIRST_EASY_OFFSET_S_PER_MI,
    )


def five_k_equivalent(result: RaceResult) -> float:
    """The 5K time of equal VDOT fitness; FIRST paces always start from a 5K."""
    if abs(result.distance_m - 5000.0) < 0.5:
        return result.time_s
    return vdot_race_time(vdot(result), 5000.0)


@dataclass(frozen=True, slots=True)
class PaceReport:
    """Everything ``niggle paces`` shows for one race result."""

    result: RaceResult
    vdot: float
    predictions: list[RacePrediction]
    daniels: DanielsPaces
    first: FirstPaces
    riegel_exponent: float


def pace_report(result: RaceResult, riegel_exponent: float = RIEGEL_EXPONENT) -> PaceReport:
    fitness = vdot(result)
    return PaceReport(
        result=result,
        vdot=fitness,
        predictions=predict_races(result, riegel_exponent),
        daniels=daniels_paces(fitness),
        first=first_paces(five_k_equivalent(result)),
        riegel_exponent=riegel_exponent,
    )
