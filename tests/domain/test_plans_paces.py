"""Plan pace references resolve to FIRST's published paces (training.md section 1 rows)."""

from __future__ import annotations

import pytest

from niggle.domain.errors import InvalidInput
from niggle.domain.plans_paces import (
    PACE_NAMES,
    pace_label,
    parse_pace_ref,
    plan_paces,
    race_time_from_five_k,
)
from niggle.domain.units import METRES_PER_MILE, parse_duration

PER_MILE = METRES_PER_MILE / 1000.0

# first_trainer table rows quoted in training.md: rep times (per rep) and tempo paces per mile.
ROWS = {
    "20:00": {
        "reps": {400: "1:27", 600: "2:12", 800: "2:57", 1000: "3:43", 1200: "4:32", 1600: "6:10"},
        "st": "6:43",
        "mt": "6:58",
        "lt": "7:13",
        "marathon": "3:14:37",
    },
    "25:00": {
        "reps": {400: "1:51", 600: "2:48", 800: "3:45", 1000: "4:44", 1200: "5:44", 1600: "7:47"},
        "st": "8:20",
        "mt": "8:35",
        "lt": "8:50",
        "marathon": "4:03:17",
    },
}


@pytest.mark.parametrize("five_k", sorted(ROWS))
def test_named_paces_match_the_first_table(five_k: str) -> None:
    row = ROWS[five_k]
    paces = plan_paces(parse_duration(five_k), 42195.0)
    for metres, rep in row["reps"].items():
        rep_time = paces.resolve(f"rep_{metres}") * metres / 1000.0
        assert rep_time == pytest.approx(parse_duration(rep), abs=1.0), metres
    for name, key in (("short_tempo", "st"), ("mid_tempo", "mt"), ("long_tempo", "lt")):
        per_mile = paces.resolve(name) * PER_MILE
        assert per_mile == pytest.approx(parse_duration(row[key]), abs=1.0), name
    marathon_time = paces.resolve("mp") * 42.195
    assert marathon_time == pytest.approx(parse_duration(row["marathon"]), abs=2.0)
    # The plan's own race pace for a marathon is the same marathon pace.
    assert paces.resolve("race") == pytest.approx(paces.resolve("mp"), abs=0.05)


def test_race_equivalents_match_the_first_table_for_a_20_minute_5k() -> None:
    # training.md: "For a 20:00 5K the equivalent 10K is 41:51 and the half 1:32:42."
    assert race_time_from_five_k(1200, 10000) == pytest.approx(parse_duration("41:51"), abs=1)
    assert race_time_from_five_k(1200, 21097.5) == pytest.approx(parse_duration("1:32:42"), abs=1)
    paces = plan_paces(1200, 21097.5)
    assert paces.resolve("hmp") * 21.0975 == pytest.approx(parse_duration("1:32:42"), abs=1)
    assert paces.resolve("race") == pytest.approx(paces.resolve("hmp"))


def test_other_distances_use_vdot_equivalence() -> None:
    thirty_k = race_time_from_five_k(1200, 30000)
    assert race_time_from_five_k(1200, 21097.5) < thirty_k < race_time_from_five_k(1200, 42195)


def test_offsets_are_seconds_per_mile_unless_per_km_is_said() -> None:
    paces = plan_paces(1500, 42195.0)
    assert paces.resolve("mp+45") * PER_MILE == pytest.approx(
        paces.resolve("mp") * PER_MILE + 45, abs=1e-6
    )
    assert paces.resolve("mp+30s/km") == pytest.approx(paces.resolve("mp") + 30)
    assert paces.resolve("5k-10") * PER_MILE == pytest.approx(300 * PER_MILE - 10)
    assert paces.resolve("4:30/km") == pytest.approx(270)
    assert paces.resolve("7:15/mi") == pytest.approx(435 / PER_MILE)


@pytest.mark.parametrize(
    "text",
    ["tempo", "mp+", "rep_900", "mp++3", "", "4:30", "mp+400", "MP+", "easy pace"],
)
def test_unknown_or_malformed_references_are_refused_with_help(text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_pace_ref(text)
    assert "easy" in info.value.message or "unit" in info.value.message


def test_every_named_pace_resolves_and_is_ordered_sensibly() -> None:
    paces = plan_paces(1350, 42195.0)
    values = {name: paces.resolve(name) for name in PACE_NAMES}
    assert values["rep_400"] < values["rep_1600"] < values["5k"] < values["short_tempo"]
    assert values["short_tempo"] < values["mid_tempo"] < values["long_tempo"] < values["mp"]
    assert values["mp"] < values["easy"]


def test_labels_follow_the_runner_units() -> None:
    assert pace_label("mp+45", "mi") == "MP+45 s/mi"
    assert pace_label("mp+45", "km") == "MP+28 s/km"
    assert pace_label("short_tempo", "km") == "ST"
    assert pace_label("rep_800", "mi") == "800 m pace"
