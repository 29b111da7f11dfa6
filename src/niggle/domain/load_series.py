"""Day-by-day load: exponentially weighted averages, the PMC, monotony and strain.

Every average here is the same recursion, y_t = y_{t-1} + lambda * (x_t - y_{t-1}), started
from 0 on the day before the series begins:
- Williams et al. 2017 (BJSM 51:209): acute and chronic EWMA with lambda = 2/(N+1), N = 7, 28.
- TrainingPeaks PMC: CTL with lambda = 1/42, ATL with 1/7; TSB = yesterday's CTL - yesterday's
  ATL (WKO's ``shift(tl(tss,42) - tl(tss,7), 1)``). GoldenCheetah's 1 - e^(-1/N) differs.
- Foster 1998: monotony = mean / SD of the last 7 days' load (rest days count as 0; niggle uses
  the population SD, training.md §3), strain = the week's load x monotony.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

ACUTE_DAYS: Final = 7
CHRONIC_DAYS: Final = 28
CTL_DAYS: Final = 42
ATL_DAYS: Final = 7
MONOTONY_DAYS: Final = 7

# Within one block the closed form scales terms by (1 - lambda)^-k; keep that below 1e150 so
# loads of any realistic size stay far from float overflow.
_MAX_SCALE_DECADES: Final = 150.0


def williams_lambda(days: int) -> float:
    """lambda = 2 / (N + 1) (Williams et al. 2017): 0.25 for 7 days, 0.069 for 28."""
    return 2.0 / (days + 1)


def pmc_lambda(days: int) -> float:
    """lambda = 1 / N, the TrainingPeaks CTL/ATL constant."""
    return 1.0 / days


def ewma(values: npt.ArrayLike, lam: float, start: float = 0.0) -> FloatArray:
    """Exponentially weighted moving average, y_t = lam * x_t + (1 - lam) * y_{t-1}.

    Vectorised with the closed form y_j = d^(j+1) * y_-1 + lam * d^j * sum_k<=j d^-k x_k
    (d = 1 - lam), evaluated block by block so d^-k never overflows.
    """
    x = np.asarray(values, dtype=np.float64)
    if not 0.0 < lam <= 1.0:
        raise ValueError(f"lambda must be in (0, 1], not {lam}")
    out = np.empty_like(x)
    if x.size == 0:
        return out
    decay = 1.0 - lam
    if decay == 0.0:
        out[:] = x
        return out
    block = max(1, min(x.size, int(_MAX_SCALE_DECADES / -math.log10(decay))))
    grow = decay ** -np.arange(block, dtype=np.float64)
    shrink = decay ** np.arange(block, dtype=np.float64)
    carry = start
    for first in range(0, x.size, block):
        part = x[first : first + block]
        m = part.size
        sums = np.cumsum(part * grow[:m])
        out[first : first + m] = shrink[:m] * (decay * carry + lam * sums)
        carry = float(out[first + m - 1])
    return out


def ewma_loop(values: list[float], lam: float, start: float = 0.0) -> list[float]:
    """The same average as a plain loop: the reference the vectorised one is tested against."""
    out = []
    level = start
    for value in values:
        level += lam * (value - level)
        out.append(level)
    return out


@dataclass(frozen=True, eq=False, slots=True)
class LoadCurves:
    """Daily curves over a series of daily loads (index 0 = the first day)."""

    acute: FloatArray  # Williams EWMA, 7 days
    chronic: FloatArray  # Williams EWMA, 28 days
    ctl: FloatArray  # TrainingPeaks fitness, 42 days
    atl: FloatArray  # TrainingPeaks fatigue, 7 days
    tsb: FloatArray  # form: yesterday's CTL - yesterday's ATL

    @property
    def acwr(self) -> FloatArray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.chronic > 0, self.acute / self.chronic, np.nan)


def load_curves(daily_load: FloatArray) -> LoadCurves:
    ctl = ewma(daily_load, pmc_lambda(CTL_DAYS))
    atl = ewma(daily_load, pmc_lambda(ATL_DAYS))
    tsb = np.empty_like(ctl)
    if tsb.size:
        tsb[0] = 0.0  # both start from 0 the day before the series
        tsb[1:] = ctl[:-1] - atl[:-1]
    return LoadCurves(
        acute=ewma(daily_load, williams_lambda(ACUTE_DAYS)),
        chronic=ewma(daily_load, williams_lambda(CHRONIC_DAYS)),
        ctl=ctl,
        atl=atl,
        tsb=tsb,
    )


@dataclass(frozen=True, slots=True)
class MonotonyStrain:
    week_load: float
    mean: float
    sd: float  # population SD (divide by 7)
    monotony: float | None  # None when the SD is 0 (every day the same, or no load at all)
    strain: float | None


def monotony_and_strain(last_days: npt.ArrayLike) -> MonotonyStrain:
    """Foster monotony and strain over a window of daily loads (rest days as 0)."""
    week = np.asarray(last_days, dtype=np.float64)
    if week.size == 0:
        return MonotonyStrain(0.0, 0.0, 0.0, None, None)
    total = float(week.sum())
    mean = float(week.mean())
    sd = float(week.std(ddof=0))
    if sd <= 1e-9 * max(1.0, abs(mean)):
        return MonotonyStrain(total, mean, 0.0, None, None if total else 0.0)
    monotony = mean / sd
    return MonotonyStrain(total, mean, sd, monotony, total * monotony)


def last_window(daily: FloatArray, days: int) -> FloatArray:
    """The last ``days`` values, padded with leading zeros (rest) when the series is shorter."""
    if daily.size >= days:
        return daily[daily.size - days :]
    return np.concatenate([np.zeros(days - daily.size), daily])
