"""Units: what runners type parses to SI, formats back, and bad input says how to fix it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from niggle.domain.errors import InvalidInput
from niggle.domain.units import (
    METRES_PER_MILE,
    RaceResult,
    format_distance,
    format_duration,
    format_pace,
    parse_distance,
    parse_duration,
    parse_pace,
    parse_race_result,
    parse_unit_system,
    race_key,
)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("5k", 5000.0),
        ("10K", 10000.0),
        ("half", 21097.5),
        ("marathon", 42195.0),
        ("800m", 800.0),
        ("7mi", 7 * METRES_PER_MILE),
        ("12.5km", 12500.0),
        (" 25 miles ", 25 * METRES_PER_MILE),
        ("parkrun", 5000.0),
    ],
)
def test_distances_parse_to_metres(text: str, metres: float) -> None:
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("-5k", "more than zero"),
        ("0km", "more than zero"),
        ("abc", "Cannot read"),
        ("12", "no unit"),
        ("5 parsecs", "Unknown distance unit"),
        ("", "No distance"),
        ("5000km", "over 1,000 km"),
    ],
)
def test_bad_distances_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_distance(text)
    assert fragment in caught.value.message
    assert "800m, 7mi" in caught.value.message  # and how to fix it


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("22:30", 1350), ("1:45:00", 6300), ("56:00", 3360), ("0:59", 59), ("4:05.5", 245.5)],
)
def test_times_parse_to_seconds(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("7:75", "0–59"),
        ("0:00", "more than zero"),
        ("abc", "Cannot read"),
        ("-5:00", "negative"),
        ("1:75:00", "0–59"),
        ("22:3", "two digits"),
        ("45", "Cannot read"),
    ],
)
def test_bad_times_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_duration(text)
    assert fragment in caught.value.message
    assert "mm:ss" in caught.value.message


def test_paces_read_in_either_unit() -> None:
    assert parse_pace("4:30/km", "mi") == pytest.approx(270)
    assert parse_pace("7:15/mi", "km") == pytest.approx(435 / METRES_PER_MILE * 1000)
    assert parse_pace("7:15", "mi") == parse_pace("7:15/mi", "km")
    with pytest.raises(InvalidInput, match="outside"):
        parse_pace("0:30/km", "km")


def test_race_results_need_distance_and_time() -> None:
    assert parse_race_result("5k=22:30") == RaceResult(5000.0, 1350.0)
    with pytest.raises(InvalidInput, match="DISTANCE=TIME"):
        parse_race_result("5k 22:30")
    with pytest.raises(InvalidInput, match="world record"):
        parse_race_result("marathon=1:00:00")
    with pytest.raises(InvalidInput, match="walking"):
        parse_race_result("5k=3:00:00")
    with pytest.raises(InvalidInput, match="banana"):
        parse_race_result("5k=banana")


def test_formatting_rounds_to_the_second() -> None:
    assert format_duration(1350) == "22:30"
    assert format_duration(6299.6) == "1:45:00"
    assert format_pace(270, "km") == "4:30/km"
    assert format_pace(270, "mi") == "7:15/mi"
    assert format_distance(42195, "mi") == "marathon"
    assert format_distance(800, "km") == "800 m"
    assert format_distance(7 * METRES_PER_MILE, "mi") == "7 mi"
    assert race_key(21097.5) == "half"
    assert race_key(12000) is None


def test_unit_systems() -> None:
    assert parse_unit_system("Miles") == "mi"
    assert parse_unit_system("km") == "km"
    with pytest.raises(InvalidInput, match="km or mi"):
        parse_unit_system("furlongs")


@given(st.integers(min_value=1, max_value=14 * 24 * 3600 - 1))
def test_durations_round_trip(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.floats(min_value=150, max_value=1500), st.sampled_from(["km", "mi"]))
def test_paces_round_trip_within_a_second(seconds_per_km: float, units: str) -> None:
    shown = format_pace(seconds_per_km, units)  # type: ignore[arg-type]
    back = parse_pace(shown, "km")
    # Formatting rounds to whole seconds per unit; a mile is 1.609 km.
    assert abs(back - seconds_per_km) <= 0.5 + 1e-9 if units == "km" else 0.32


@given(st.text(max_size=30))
def test_any_text_parses_or_is_refused_cleanly(text: str) -> None:
    for parse in (parse_distance, parse_duration, parse_race_result):
        try:
            parse(text)
        except InvalidInput as exc:
            assert exc.message
