"""Distances, durations and paces: parsing what runners type, and formatting it back.

Internally everything is SI: metres, seconds, and seconds per kilometre. The athlete's unit
system (``km`` or ``mi``) only decides how values are shown and how bare paces are read.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.errors import InvalidInput

UnitSystem = Literal["km", "mi"]
UNIT_SYSTEMS: Final[tuple[UnitSystem, ...]] = ("km", "mi")

METRES_PER_MILE: Final = 1609.344
METRES_PER_KM: Final = 1000.0

# The named race distances; the half is exactly half the marathon (IAAF/World Athletics).
RACE_DISTANCES_M: Final[dict[str, float]] = {
    "5k": 5000.0,
    "10k": 10000.0,
    "half": 21097.5,
    "marathon": 42195.0,
}
_RACE_ALIASES: Final[dict[str, str]] = {
    "5k": "5k",
    "5km": "5k",
    "parkrun": "5k",
    "10k": "10k",
    "10km": "10k",
    "half": "half",
    "hm": "half",
    "half-marathon": "half",
    "halfmarathon": "half",
    "half_marathon": "half",
    "marathon": "marathon",
    "full": "marathon",
    "mar": "marathon",
}

_UNIT_METRES: Final[dict[str, float]] = {
    "m": 1.0,
    "metre": 1.0,
    "metres": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "k": METRES_PER_KM,
    "km": METRES_PER_KM,
    "kms": METRES_PER_KM,
    "kilometre": METRES_PER_KM,
    "kilometres": METRES_PER_KM,
    "kilometer": METRES_PER_KM,
    "kilometers": METRES_PER_KM,
    "mi": METRES_PER_MILE,
    "mile": METRES_PER_MILE,
    "miles": METRES_PER_MILE,
}

_DISTANCE_RE: Final = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*([a-z]+)\s*$")
_TIME_RE: Final = re.compile(r"^\s*(-?\d+)(?::(\d+(?:\.\d+)?))?(?::(\d+(?:\.\d+)?))?\s*$")

DISTANCE_HELP: Final = (
    "Use a race name (5k, 10k, half, marathon) or a number with a unit: 800m, 7mi, 12.5km."
)
TIME_HELP: Final = "Use mm:ss or h:mm:ss, for example 22:30 or 1:45:00."


def parse_unit_system(text: str) -> UnitSystem:
    value = text.strip().lower()
    if value in ("km", "metric", "kilometres", "kilometers"):
        return "km"
    if value in ("mi", "mile", "miles", "imperial"):
        return "mi"
    raise InvalidInput(f"Unknown units {text!r}. Choose km or mi.")


def parse_distance(text: str) -> float:
    """Return metres for a runner's distance such as ``5k``, ``half``, ``800m`` or ``7mi``."""
    raw = text.strip().lower()
    if not raw:
        raise InvalidInput(f"No distance given. {DISTANCE_HELP}")
    alias = _RACE_ALIASES.get(raw)
    if alias is not None:
        return RACE_DISTANCES_M[alias]
    match = _DISTANCE_RE.match(raw)
    if match is None:
        if re.fullmatch(r"\s*[+-]?\d+(?:\.\d+)?\s*", raw):
            raise InvalidInput(f"Distance {text!r} has no unit. {DISTANCE_HELP}")
        raise InvalidInput(f"Cannot read the distance {text!r}. {DISTANCE_HELP}")
    number, unit = float(match.group(1)), match.group(2)
    if unit not in _UNIT_METRES:
        raise InvalidInput(f"Unknown distance unit {unit!r} in {text!r}. {DISTANCE_HELP}")
    metres = number * _UNIT_METRES[unit]
    if not math.isfinite(metres) or metres <= 0:
        raise InvalidInput(f"Distance {text!r} must be more than zero. {DISTANCE_HELP}")
    if metres > 1_000_000:
        raise InvalidInput(f"Distance {text!r} is over 1,000 km; check the unit. {DISTANCE_HELP}")
    return metres


def parse_duration(text: str) -> float:
    """Return seconds for ``mm:ss`` or ``h:mm:ss`` (seconds may carry decimals)."""
    raw = text.strip()
    match = _TIME_RE.match(raw)
    if match is None or match.group(2) is None:
        raise InvalidInput(f"Cannot read the time {text!r}. {TIME_HELP}")
    first, second, third = match.group(1), match.group(2), match.group(3)
    if first.startswith("-"):
        raise InvalidInput(f"Time {text!r} is negative. {TIME_HELP}")
    two_digits = re.compile(r"\d{2}(?:\.\d+)?")
    if third is None:
        hours, minutes, seconds = 0, int(first), float(second)
        if not two_digits.fullmatch(second):
            raise InvalidInput(f"Seconds in {text!r} need two digits. {TIME_HELP}")
    else:
        if not re.fullmatch(r"\d{2}", second) or not two_digits.fullmatch(third):
            raise InvalidInput(f"Minutes and seconds in {text!r} need two digits. {TIME_HELP}")
        hours, minutes, seconds = int(first), int(second), float(third)
        if minutes > 59:
            raise InvalidInput(
                f"Minutes in {text!r} must be 0–59 when hours are given. {TIME_HELP}"
            )
    if seconds >= 60:
        raise InvalidInput(f"Seconds in {text!r} must be 0–59. {TIME_HELP}")
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise InvalidInput(f"Time {text!r} must be more than zero. {TIME_HELP}")
    if total > 14 * 24 * 3600:
        raise InvalidInput(f"Time {text!r} is over two weeks; check it. {TIME_HELP}")
    return total


def parse_pace(text: str, units: UnitSystem) -> float:
    """Return seconds per km for ``4:30/km``, ``7:15/mi`` or a bare ``7:15`` in ``units``."""
    raw = text.strip().lower().replace(" ", "")
    per: UnitSystem = units
    for suffix, unit in (("/km", "km"), ("/k", "km"), ("/mi", "mi"), ("/mile", "mi")):
        if raw.endswith(suffix):
            raw, per = raw[: -len(suffix)], unit  # type: ignore[assignment]
            break
    seconds = parse_duration(raw)
    per_km = seconds if per == "km" else seconds * METRES_PER_KM / METRES_PER_MILE
    if per_km < 100 or per_km > 1800:
        raise InvalidInput(
            f"Pace {text!r} is outside 1:40–30:00 per km; check the unit (/km or /mi)."
        )
    return per_km


@dataclass(frozen=True, slots=True)
class RaceResult:
    distance_m: float
    time_s: float

    @property
    def speed_m_per_s(self) -> float:
        return self.distance_m / self.time_s


def parse_race_result(text: str) -> RaceResult:
    """Read ``DISTANCE=TIME`` such as ``5k=22:30`` or ``half=1:45:00``."""
    if "=" not in text:
        raise InvalidInput(
            f"Cannot read the race result {text!r}. Write DISTANCE=TIME, for example 5k=22:30."
        )
    distance_text, time_text = text.split("=", 1)
    result = RaceResult(parse_distance(distance_text), parse_duration(time_text))
    check_plausible_result(result)
    return result


def check_plausible_result(result: RaceResult) -> None:
    """Refuse results faster than world records or slower than walking, which mean a typo."""
    pace = result.time_s / (result.distance_m / 1000.0)
    if result.distance_m < 400:
        raise InvalidInput("Race results must be 400 m or longer to estimate fitness.")
    # 2:20/km is faster than every world record from 1500 m up; 20:00/km is a slow walk.
    if pace < 140:
        raise InvalidInput(
            f"{format_duration(result.time_s)} for {format_distance(result.distance_m, 'km')} "
            "would beat the world record; check the time and distance."
        )
    if pace > 1200:
        raise InvalidInput(
            f"{format_duration(result.time_s)} for {format_distance(result.distance_m, 'km')} "
            "is slower than walking pace (20:00/km); check the time and distance."
        )


def format_duration(seconds: float) -> str:
    """``1350`` -> ``22:30``; ``6300`` -> ``1:45:00``. Rounds to the whole second."""
    total = round(seconds)
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def pace_in(seconds_per_km: float, units: UnitSystem) -> float:
    return seconds_per_km if units == "km" else seconds_per_km * METRES_PER_MILE / METRES_PER_KM


def format_pace(seconds_per_km: float, units: UnitSystem) -> str:
    return f"{format_duration(pace_in(seconds_per_km, units))}/{units}"


def distance_in(metres: float, units: UnitSystem) -> float:
    return metres / (METRES_PER_KM if units == "km" else METRES_PER_MILE)


def format_distance(metres: float, units: UnitSystem) -> str:
    for name, value in RACE_DISTANCES_M.items():
        if abs(metres - value) < 0.5:
            return {"5k": "5K", "10k": "10K", "half": "half marathon", "marathon": "marathon"}[name]
    if metres < 1000 and abs(metres - round(metres)) < 1e-6 and round(metres) % 100 == 0:
        return f"{round(metres)} m"
    value = distance_in(metres, units)
    text = f"{value:.1f}" if abs(value - round(value)) > 0.05 else f"{round(value)}"
    return f"{text} {units}"


def race_key(distance_m: float) -> str | None:
    """The contract's name for a standard race distance, if ``distance_m`` is one."""
    for name, value in RACE_DISTANCES_M.items():
        if abs(distance_m - value) < 0.5:
            return name
    return None
