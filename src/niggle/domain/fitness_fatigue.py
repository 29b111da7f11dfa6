"""Banister's fitness-fatigue (impulse-response) model, and how niggle maps it to race time.

The model (Banister et al. 1975; Morton, Fitz-Clarke & Banister 1990):

    p(t) = p0 + k1·g(t) − k2·h(t)
    g(t) = g(t−1)·e^(−1/τ1) + w(t)        fitness
    h(t) = h(t−1)·e^(−1/τ2) + w(t)        fatigue

Parameters are GoldenCheetah's defaults (src/Metrics/Banister.cpp): τ1 = 50 days, τ2 = 11
days, and its starting gains k1 = k2. GoldenCheetah then fits k1, k2 and p0 to the athlete's
performance tests; niggle has no such tests, so it keeps k1 = k2 and sets their size from
detraining evidence instead (below). The load unit w does not matter: every load is taken
relative to the runner's own recent daily load, so the model is scale-free.

**Mapping performance to race time.** Performance is expressed in VDOT units, on race
mornings: today's predicted time comes from race efforts and training volume, so it stands for
a rested runner, and niggle compares it with "today, after a taper" (the same two-week taper
every scenario ends with). The change in k·(g − h) between that state and race morning moves
VDOT, and the race time for the new VDOT comes from Daniels' formula.

The gain k is calibrated on detraining evidence rather than fitted: VO2max is a fitness
measure, so 28 days of complete rest must lower the fitness term k·g by
``DETRAINING_ANCHOR_DROP`` (8 %) of VDOT, the middle of the 4–14 % fall in VO2max that
Mujika & Padilla (Detraining, Part I, Sports Med 2000;30:79-87) report for trained athletes
after under four weeks of inactivity († to be re-verified against the paper; Coyle et al. 1984
report ~7 % within 12–21 days). With τ1 = 50 d that makes the fitness term worth 18.6 % of
VDOT. The anchor is a product calibration, not a fitted parameter. A known limit: with k1 = k2
a taper never raises performance in this model; because the baseline and every scenario end
with the same taper, that limit shifts all of them alike rather than favouring one.

Before the log starts, the runner is assumed to have trained steadily at the load of their
first four logged weeks (fitness and fatigue start at that load's steady state), so a short
log does not read as a beginner's. Product default.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

TAU_FITNESS_DAYS: Final = 50.0  # GoldenCheetah default τ1
TAU_FATIGUE_DAYS: Final = 11.0  # GoldenCheetah default τ2
GAIN_RATIO: Final = 1.0  # k2 / k1: GoldenCheetah's starting values are equal (0.2 and 0.2)
DETRAINING_ANCHOR_DAYS: Final = 28
DETRAINING_ANCHOR_DROP: Final = 0.08
SEED_DAYS: Final = 28

BANISTER_SOURCE: Final = (
    "Banister impulse-response model (Morton, Fitz-Clarke & Banister 1990); GoldenCheetah "
    "defaults τ1 = 50 d, τ2 = 11 d, k1 = k2"
)
DETRAINING_SOURCE: Final = (
    "Mujika & Padilla 2000 (Sports Med): VO2max falls 4–14 % with <4 weeks of inactivity in "
    "trained athletes; Coyle et al. 1984: ~7 % in 12–21 days († to be re-verified)"
)


@dataclass(frozen=True, slots=True)
class FitnessFatigue:
    fitness: float
    fatigue: float

    @property
    def form(self) -> float:
        """k·(g − h) with k1 = k2 = 1: the part of performance training explains."""
        return self.fitness - GAIN_RATIO * self.fatigue


def _decay(tau: float) -> float:
    return math.exp(-1.0 / tau)


def steady_state(daily_load: float) -> FitnessFatigue:
    """Where fitness and fatigue settle after training at ``daily_load`` every day for ever."""
    return FitnessFatigue(
        daily_load / (1.0 - _decay(TAU_FITNESS_DAYS)),
        daily_load / (1.0 - _decay(TAU_FATIGUE_DAYS)),
    )


def advance(state: FitnessFatigue, daily_loads: Iterable[float]) -> FitnessFatigue:
    """Apply one day's load after another (the recursion above)."""
    g_decay, h_decay = _decay(TAU_FITNESS_DAYS), _decay(TAU_FATIGUE_DAYS)
    g, h = state.fitness, state.fatigue
    for w in daily_loads:
        g = g * g_decay + w
        h = h * h_decay + w
    return FitnessFatigue(g, h)


def from_history(daily_loads: Sequence[float]) -> FitnessFatigue:
    """Today's state from the logged days, seeded at the steady state of the first weeks."""
    if not daily_loads:
        return FitnessFatigue(0.0, 0.0)
    first = daily_loads[:SEED_DAYS]
    seed = steady_state(sum(first) / len(first))
    return advance(seed, daily_loads)


def fitness_share() -> float:
    """Share of VDOT that the fitness term k·g carries at steady training (≈ 0.186)."""
    return DETRAINING_ANCHOR_DROP / (1.0 - math.exp(-DETRAINING_ANCHOR_DAYS / TAU_FITNESS_DAYS))


def vdot_per_unit_form(vdot_now: float, reference_load: float) -> float:
    """The gain k (VDOT per unit of g − h) from the detraining anchor.

    ``reference_load`` is the runner's recent mean daily load; at its steady state the fitness
    term is worth :func:`fitness_share` of today's VDOT.
    """
    return fitness_share() * vdot_now / steady_state(reference_load).fitness


def projected_vdot(
    vdot_now: float,
    now: FitnessFatigue,
    later: FitnessFatigue,
    reference_load: float,
) -> float:
    """VDOT on a later day, from the change in fitness minus fatigue between the two states."""
    if reference_load <= 0:
        return vdot_now
    k = vdot_per_unit_form(vdot_now, reference_load)
    return vdot_now + k * (later.form - now.form)
