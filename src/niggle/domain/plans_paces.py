"""Pace references in plans (``rep_800``, ``short_tempo``, ``mp+45``, ``4:30/km``) and their values.

Plans name paces symbolically so one template serves every runner; the values come from the
runner's fitness, expressed as a 5K time, through the FIRST tables (:func:`first_paces`).

Race paces for the plan's own race (``race``, ``hmp``, ``10k``) use the FIRST equivalent-time
table as transcribed in bendaten/first_trainer ``database/training_db.json``. Every column of
that table is a fixed multiple of the 5K time (least-squares fit over its 91 rows, residuals
within its 1 s rounding apart from one typo, the 25:20 row's 10K): 10K = 2.0923 x 5K,
half = 4.6351 x 5K, marathon = 9.7312 x 5K (the last equals FIRST's 1.15313 x 5K pace).
Test vector: a 20:00 5K gives 41:51, 1:32:42 and 3:14:37 (training.md section 1).
Other race distances fall back to Daniels' VDOT equivalence, as :func:`five_k_equivalent` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from niggle.domain.errors import InvalidInput
from niggle.domain.paces import FirstPaces, first_paces, vdot, vdot_race_time
from niggle.domain.units import (
    METRES_PER_KM,
    METRES_PER_MILE,
    RaceResult,
    UnitSystem,
    parse_pace,
)

# Multiples of the 5K time (first_trainer equivalent-time table; see the module docstring).
FIRST_EQUIVALENT_FACTORS: Final[dict[float, float]] = {
    5000.0: 1.0,
    10000.0: 2.0923,
    21097.5: 4.6351,
    42195.0: 9.7312,
}

REP_DISTANCES: Final = (400, 600, 800, 1000, 1200, 1600, 2000)

# Every symbolic pace a plan may name, with the words a runner reads.
PACE_NAMES: Final[dict[str, str]] = {
    "easy": "easy",
    **{f"rep_{m}": f"{m} m repeat pace" for m in REP_DISTANCES},
    "short_tempo": "short tempo",
    "mid_tempo": "mid tempo",
    "long_tempo": "long tempo",
    "5k": "5K pace",
    "10k": "10K pace",
    "hmp": "half marathon pace",
    "mp": "marathon pace",
    "race": "race pace",
}
_SHORT_NAMES: Final[dict[str, str]] = {
    "easy": "easy",
    "short_tempo": "ST",
    "mid_tempo": "MT",
    "long_tempo": "LT",
    "5k": "5K",
    "10k": "10K",
    "hmp": "HMP",
    "mp": "MP",
    "race": "RP",
}

PACE_HELP: Final = (
    "Use one of " + ", ".join(PACE_NAMES) + ", optionally with an offset in seconds per mile "
    "(mp+45, hmp+20) or per km (mp+30s/km), or a fixed pace such as 4:30/km or 7:15/mi."
)

_REF_RE: Final = re.compile(
    r"^(?P<base>[a-z0-9_]+)(?:(?P<sign>[+-])(?P<n>\d+(?:\.\d+)?)(?:s)?(?P<per>/km|/mi)?)?$"
)
# An offset bigger than this is a typo: FIRST long runs go up to MP+60 s/mi.
MAX_OFFSET_S_PER_KM: Final = 180.0


@dataclass(frozen=True, slots=True)
class PaceRef:
    """A parsed pace reference: a named pace plus an offset, or a fixed pace."""

    text: str
    base: str | None = None
    offset_s_per_km: float = 0.0
    fixed_s_per_km: float | None = None


def parse_pace_ref(text: str) -> PaceRef:
    raw = text.strip().lower().replace(" ", "")
    if not raw:
        raise InvalidInput(f"No pace given. {PACE_HELP}")
    if ":" in raw:
        if not raw.endswith(("/km", "/mi", "/mile", "/k")):
            raise InvalidInput(
                f"The fixed pace {text!r} needs a unit, e.g. 4:30/km or 7:15/mi. {PACE_HELP}"
            )
        return PaceRef(text=raw, fixed_s_per_km=parse_pace(raw, "km"))
    match = _REF_RE.match(raw)
    if match is None or match.group("base") not in PACE_NAMES:
        raise InvalidInput(f"Unknown pace {text!r}. {PACE_HELP}")
    offset = 0.0
    if match.group("n") is not None:
        seconds = float(match.group("n")) * (-1 if match.group("sign") == "-" else 1)
        # FIRST writes long-run offsets in seconds per mile; /km is for metric coaches.
        per_mile = match.group("per") != "/km"
        offset = seconds * METRES_PER_KM / METRES_PER_MILE if per_mile else seconds
        if abs(offset) > MAX_OFFSET_S_PER_KM:
            raise InvalidInput(
                f"The offset in {text!r} is over 3 minutes per km; check it. {PACE_HELP}"
            )
    return PaceRef(text=raw, base=match.group("base"), offset_s_per_km=offset)


def pace_label(text: str, units: UnitSystem) -> str:
    """A short label for titles: ``mp+45`` -> ``MP+45 s/mi`` (or the /km equivalent)."""
    ref = parse_pace_ref(text)
    if ref.fixed_s_per_km is not None:
        return ref.text
    base = ref.base or ""
    name = _SHORT_NAMES.get(base, PACE_NAMES.get(base, base))
    if base.startswith("rep_"):
        name = f"{base[4:]} m pace"
    if not ref.offset_s_per_km:
        return name
    per_unit = ref.offset_s_per_km * (METRES_PER_MILE / METRES_PER_KM if units == "mi" else 1)
    return f"{name}{'+' if per_unit > 0 else '-'}{abs(per_unit):.0f} s/{units}"


def race_time_from_five_k(five_k_s: float, distance_m: float) -> float:
    """Equivalent race time for ``distance_m`` from a 5K time (FIRST table, else VDOT)."""
    for metres, factor in FIRST_EQUIVALENT_FACTORS.items():
        if abs(distance_m - metres) < 0.5:
            return five_k_s * factor
    return vdot_race_time(vdot(RaceResult(5000.0, five_k_s)), distance_m)


@dataclass(frozen=True, slots=True)
class PlanPaces:
    """Every named pace, in seconds per km, for one runner's fitness and one race."""

    five_k_s: float
    race_distance_m: float
    first: FirstPaces
    named_s_per_km: dict[str, float]

    def resolve(self, text: str) -> float:
        ref = parse_pace_ref(text)
        if ref.fixed_s_per_km is not None:
            return ref.fixed_s_per_km
        return self.named_s_per_km[ref.base or ""] + ref.offset_s_per_km


def plan_paces(five_k_s: float, race_distance_m: float) -> PlanPaces:
    if five_k_s <= 0:
        raise InvalidInput("The 5K time that sets plan paces must be positive.")
    first = first_paces(five_k_s)
    per_km_from_mile = METRES_PER_KM / METRES_PER_MILE
    named = {
        "easy": first.easy_s_per_mi * per_km_from_mile,
        **{f"rep_{m}": first.rep_s[m] / m * METRES_PER_KM for m in REP_DISTANCES},
        "short_tempo": first.short_tempo_s_per_mi * per_km_from_mile,
        "mid_tempo": first.mid_tempo_s_per_mi * per_km_from_mile,
        "long_tempo": first.long_tempo_s_per_mi * per_km_from_mile,
        "5k": five_k_s / 5.0,
        "10k": race_time_from_five_k(five_k_s, 10000.0) / 10.0,
        "hmp": race_time_from_five_k(five_k_s, 21097.5) / 21.0975,
        "mp": first.marathon_pace_s_per_mi * per_km_from_mile,
        "race": race_time_from_five_k(five_k_s, race_distance_m) / race_distance_m * 1000.0,
    }
    return PlanPaces(five_k_s, race_distance_m, first, named)
