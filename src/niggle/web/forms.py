"""Reading form fields as people type them, with the same parsers and messages as the CLI."""

from __future__ import annotations

import datetime as dt

from niggle.domain.activity import RUN_KINDS, RunKind
from niggle.domain.dates import parse_date
from niggle.domain.errors import InvalidInput
from niggle.domain.units import RaceResult, UnitSystem, parse_distance, parse_race_result

RACE_CHOICES = (("5k", "5K"), ("10k", "10K"), ("half", "Half marathon"), ("marathon", "Marathon"))


def optional_text(value: str) -> str | None:
    value = value.strip()
    return value or None


def optional_int(value: str, what: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{what} should be a whole number, not {text!r}.") from None


def optional_date(value: str, what: str) -> dt.date | None:
    text = value.strip()
    return parse_date(text, what) if text else None


def race_result(distance: str, time: str) -> RaceResult | None:
    """A result from a distance choice and a time; both empty means none was given."""
    if not time.strip():
        return None
    if distance not in dict(RACE_CHOICES):
        raise InvalidInput("Choose the race distance: 5K, 10K, half marathon or marathon.")
    return parse_race_result(f"{distance}={time.strip()}")


def weekly_distance(value: str, units: UnitSystem) -> float | None:
    text = value.strip()
    if not text:
        return None
    if text.replace(".", "", 1).isdigit():
        text = f"{text}{units}"
    return parse_distance(text)


def is_number(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


def optional_float(value: str, what: str) -> float | None:
    text = value.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(f"{what} should be a number, not {text!r}.") from None


def run_kind(value: str) -> RunKind | None:
    """A plan's or form's kind of run, or None; cross-training kinds are not runs."""
    for kind in RUN_KINDS:
        if kind == value and kind not in ("cross", "strength", "rest"):
            return kind
    if value.strip():
        raise InvalidInput("Choose the kind of run: easy, tempo, intervals, long or race.")
    return None
