"""What-if scenarios for the rest of the plan: the training each one implies, day by day.

Every scenario is a list of phases (days, load as a share of the runner's recent daily load,
whether they run), then the modified plan until race day, with a taper in the final two weeks.

Figures (product defaults unless a source is named):
- Modified plan at 95 % of recent load: swapping tempo and interval sessions for easy running
  or cross-training of the same time and effort (clinical.md §4 R6) keeps the minutes; easy
  running lowers session-RPE load a little, while the plan's own build adds some back.
- Cross-training counts 70 % towards running fitness: cross-training at matched time and effort
  preserves much of VO2max (Mujika & Padilla 2000; deep-water running: Eyestone et al. 1993,
  Wilber et al. 1996 † to be re-verified) but not all running-specific adaptation.
- Taper: 2 weeks at 50 % of the load, in line with Bosquet et al. 2007 (MSSE meta-analysis:
  cut volume 41–60 % over two weeks, keep intensity; † to be re-verified).
- Return-to-run ladder after complete rest: 4 weeks climbing from 30 % to 85 % of the load,
  after the walk-run ladder of clinical.md §4 R8 (6 phases, each at least twice, a rest day
  between runs).
- Long runs: back at 80 % of the pre-break longest run after 1-2 weeks of cross-training, at
  50 % (never under the ladder's 3.2 km) after six weeks off; then at most 10 % longer each
  week, the single-run spike cap (clinical.md §4 R5, Garmin-RUNSAFE, BJSM 2025).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

ScenarioId = Literal["continue_modified", "cross_train_1_2_weeks", "six_weeks_off"]
SCENARIO_IDS: Final[tuple[ScenarioId, ...]] = (
    "continue_modified",
    "cross_train_1_2_weeks",
    "six_weeks_off",
)

MODIFIED_LOAD: Final = 0.95
CROSS_TRAINING_TRANSFER: Final = 0.70
TAPER_DAYS: Final = 14
TAPER_LOAD: Final = 0.50
LADDER_LOADS: Final[tuple[float, ...]] = (0.30, 0.50, 0.70, 0.85)  # one per week
LADDER_END_RUN_M: Final = 3200.0  # R8 phase 6: 2.0 mi continuous
LONG_RUN_GROWTH: Final = 1.10  # R5 spike cap
LONG_RUN_BACK_AFTER_CROSS: Final = 0.80
LONG_RUN_BACK_AFTER_REST: Final = 0.50

SCENARIO_SOURCES: Final = (
    "Product defaults (not trial-based): modified plan 95 % of recent load; cross-training "
    "counts 70 % (Mujika & Padilla 2000; Eyestone 1993 †); 2-week taper at 50 % (Bosquet "
    "2007 †); return ladder clinical.md §4 R8; long runs +10 %/week max (R5, Garmin-RUNSAFE 2025)"
)


@dataclass(frozen=True, slots=True)
class Phase:
    days: int
    load: float  # share of the runner's recent daily load
    running: bool
    label: str


@dataclass(frozen=True, slots=True)
class ScenarioPlan:
    id: ScenarioId
    title: str
    description: str
    phases: tuple[Phase, ...]
    # How the long run restarts once running is back: share of the pre-break longest run.
    long_run_restart: float
    long_run_floor_m: float = 0.0

    @property
    def days_before_running(self) -> int:
        """Days until normal training resumes (the long-run build can start)."""
        return sum(p.days for p in self.phases)


def continue_modified() -> ScenarioPlan:
    return ScenarioPlan(
        "continue_modified",
        "Continue, modified",
        "Keep running within the pain rules, swapping only what hurts (tempo, intervals) for "
        "easy running or cross-training of the same time; taper for the last two weeks.",
        (),
        long_run_restart=1.0,
    )


def cross_train(weeks: int) -> ScenarioPlan:
    return ScenarioPlan(
        "cross_train_1_2_weeks",
        f"{weeks} week{'s' if weeks != 1 else ''} cross-training",
        f"{weeks} week{'s' if weeks != 1 else ''} of cross-training only (bike, elliptical or "
        "pool running at the same time and effort), then back to the modified plan.",
        (Phase(7 * weeks, CROSS_TRAINING_TRANSFER, False, "cross-training"),),
        long_run_restart=LONG_RUN_BACK_AFTER_CROSS,
    )


def six_weeks_off() -> ScenarioPlan:
    ladder = tuple(
        Phase(7, load, True, f"return ladder week {i + 1}") for i, load in enumerate(LADDER_LOADS)
    )
    return ScenarioPlan(
        "six_weeks_off",
        "Six weeks off",
        "The forum's advice: six weeks of complete rest, then the walk-run return ladder "
        "before normal training.",
        (Phase(42, 0.0, False, "complete rest"), *ladder),
        long_run_restart=LONG_RUN_BACK_AFTER_REST,
        long_run_floor_m=LADDER_END_RUN_M,
    )


def daily_load_shares(plan: ScenarioPlan, days_to_race: int) -> list[float]:
    """Load share for each day from tomorrow up to the day before the race."""
    shares: list[float] = []
    for phase in plan.phases:
        shares.extend([phase.load] * phase.days)
    total = max(days_to_race - 1, 0)
    shares = shares[:total] + [MODIFIED_LOAD] * max(total - len(shares), 0)
    # Every scenario tapers: no day of the last two weeks carries more than the taper load
    # (rest days and the lighter ladder weeks are already below it).
    for i in range(max(total - TAPER_DAYS, 0), total):
        shares[i] = min(shares[i], TAPER_LOAD)
    return shares
