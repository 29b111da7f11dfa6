"""The pace engine against the published rows in shared knowledge (training.md)."""

from __future__ import annotations

import pytest

from niggle.domain.errors import InvalidInput
from niggle.domain.paces import (
    daniels_paces,
    first_paces,
    five_k_equivalent,
    pace_report,
    riegel_time,
    vdot,
    vdot_race_time,
)
from niggle.domain.units import RACE_DISTANCES_M, RaceResult, parse_duration

# Daniels' Running Formula 3rd ed. rows (training.md §2). The book's tables run 1-10 s
# slower than the formula (up to 0.12 % on the 5K), so race times are checked within 0.15 %.
DANIELS_ROWS = {
    40: {"5k": "24:08", "10k": "50:03", "half": "1:50:59", "marathon": "3:49:45"},
    45: {"5k": "21:50", "10k": "45:16", "half": "1:40:20", "marathon": "3:28:26"},
    50: {"5k": "19:57", "10k": "41:21", "half": "1:31:35", "marathon": "3:10:49"},
}
DANIELS_PACES = {
    # E range and M, T per km; I, R per 400 m (seconds)
    40: {"e": (356, 398), "m": 329, "t": 306, "i": 112, "r": 104},
    45: {"e": (323, 363), "m": 297, "t": 278, "i": 102, "r": 94},
    50: {"e": (296, 334), "m": 271, "t": 255, "i": 93, "r": 87},
}


@pytest.mark.parametrize("level", sorted(DANIELS_ROWS))
@pytest.mark.parametrize("race", ["5k", "10k", "half", "marathon"])
def test_vdot_race_times_match_the_published_table(level: int, race: str) -> None:
    published = parse_duration(DANIELS_ROWS[level][race])
    predicted = vdot_race_time(level, RACE_DISTANCES_M[race])
    assert predicted == pytest.approx(published, rel=0.0015)
    assert predicted <= published  # the table is never faster than the formula


@pytest.mark.parametrize("level", sorted(DANIELS_ROWS))
def test_vdot_inverts_a_race_time(level: int) -> None:
    time = vdot_race_time(level, 10000)
    assert vdot(RaceResult(10000, time)) == pytest.approx(level, abs=1e-6)


@pytest.mark.parametrize("level", sorted(DANIELS_PACES))
def test_daniels_training_paces_match_the_table(level: int) -> None:
    row = DANIELS_PACES[level]
    paces = daniels_paces(level)
    # Paces per km within 3 s (the book rounds and runs slightly slow); per 400 m within 1 s.
    assert paces.easy_s_per_km[0] == pytest.approx(row["e"][0], abs=3)
    assert paces.easy_s_per_km[1] == pytest.approx(row["e"][1], abs=3)
    assert paces.marathon_s_per_km == pytest.approx(row["m"], abs=3)
    assert paces.threshold_s_per_km == pytest.approx(row["t"], abs=3)
    assert paces.interval_s_per_400m == pytest.approx(row["i"], abs=1)
    assert paces.repetition_s_per_400m == pytest.approx(row["r"], abs=1)


# FIRST 2012 book rows as transcribed (training.md §1): rep times, tempo paces per mile,
# marathon time. The tables round to the second, so allow 1 s.
FIRST_ROWS = {
    "20:00": {
        "reps": {400: "1:27", 600: "2:12", 800: "2:57", 1000: "3:43", 1200: "4:32",
                 1600: "6:10", 2000: "7:48"},
        "tempo": ("6:43", "6:58", "7:13"),
        "marathon": "3:14:37",
    },
    "25:00": {
        "reps": {400: "1:51", 600: "2:48", 800: "3:45", 1000: "4:44", 1200: "5:44",
                 1600: "7:47", 2000: "9:48"},
        "tempo": ("8:20", "8:35", "8:50"),
        "marathon": "4:03:17",
    },
}  # fmt: skip


@pytest.mark.parametrize("five_k", sorted(FIRST_ROWS))
def test_first_paces_match_the_book_rows(five_k: str) -> None:
    row = FIRST_ROWS[five_k]
    paces = first_paces(parse_duration(five_k))
    for metres, expected in row["reps"].items():  # type: ignore[attr-defined]
        assert paces.rep_s[metres] == pytest.approx(parse_duration(expected), abs=1.0), metres
    short, mid, long_ = (parse_duration(t) for t in row["tempo"])  # type: ignore[union-attr]
    assert paces.short_tempo_s_per_mi == pytest.approx(short, abs=1.0)
    assert paces.mid_tempo_s_per_mi == pytest.approx(mid, abs=1.0)
    assert paces.long_tempo_s_per_mi == pytest.approx(long_, abs=1.0)
    assert paces.marathon_time_s == pytest.approx(parse_duration(row["marathon"]), abs=2.0)


def test_riegel_and_its_exponent() -> None:
    five = RaceResult(5000, 1200)
    # training.md: a 20:00 5K gives a 3:11:49 marathon by Riegel at 1.06.
    assert riegel_time(five, 42195) == pytest.approx(parse_duration("3:11:49"), abs=1)
    assert riegel_time(five, 42195, 1.15) > riegel_time(five, 42195)
    with pytest.raises(InvalidInput, match=r"1\.06"):
        riegel_time(five, 42195, 2.0)


def test_twenty_minute_5k_predictions_agree_with_training_md() -> None:
    report = pace_report(RaceResult(5000, 1200))
    assert report.vdot == pytest.approx(49.8, abs=0.05)
    marathon = next(p for p in report.predictions if p.name == "marathon")
    assert marathon.vdot_s == pytest.approx(parse_duration("3:11:17"), abs=5)


def test_first_paces_come_from_the_5k_equivalent_of_any_race() -> None:
    ten_k = RaceResult(10000, vdot_race_time(45, 10000))
    assert five_k_equivalent(ten_k) == pytest.approx(vdot_race_time(45, 5000), abs=0.5)
    assert five_k_equivalent(RaceResult(5000, 1350)) == 1350
