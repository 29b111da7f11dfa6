"""VDOT, Riegel and Tanda side by side: test vectors and agreement with the pace engine."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.activity import Activity
from niggle.domain.paces import predict_races
from niggle.domain.race_predictors import (
    Effort,
    TrainingVolume,
    best_effort,
    consensus,
    efforts_from_runs,
    predict,
    tanda_marathon_s,
    training_volume,
)
from niggle.domain.units import METRES_PER_MILE, RACE_DISTANCES_M, RaceResult

TODAY = dt.date(2026, 11, 28)
MARATHON = RACE_DISTANCES_M["marathon"]


def run(days_ago: int, km: float, pace_s_per_km: float, kind: str | None = "easy") -> Activity:
    day = TODAY - dt.timedelta(days=days_ago)
    return Activity(
        sport="run",
        start=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        local_date=day,
        elapsed_s=km * pace_s_per_km,
        distance_m=km * 1000,
        kind=kind,  # type: ignore[arg-type]
    )


def test_tanda_test_vector_60_miles_a_week_at_7_30_per_mile() -> None:
    weekly_km = 60 * METRES_PER_MILE / 1000
    pace = 450 / (METRES_PER_MILE / 1000)
    seconds = tanda_marathon_s(weekly_km, pace)
    assert 2 * 3600 + 59 * 60 + 11 <= round(seconds) <= 2 * 3600 + 59 * 60 + 12


def test_tanda_rewards_volume_and_pace() -> None:
    assert tanda_marathon_s(80, 300) < tanda_marathon_s(40, 300)
    assert tanda_marathon_s(60, 280) < tanda_marathon_s(60, 320)


@pytest.mark.parametrize(
    "result", [RaceResult(5000, 1350), RaceResult(10000, 2700), RaceResult(21097.5, 6300)]
)
def test_vdot_and_riegel_agree_with_the_pace_engine(result: RaceResult) -> None:
    effort = Effort(result.distance_m, result.time_s, TODAY, "race", is_race=True)
    for row in predict_races(result):
        vdot_p, riegel_p, _ = predict(row.distance_m, effort, None)
        assert vdot_p.time_s == pytest.approx(row.vdot_s, rel=1e-9)
        assert riegel_p.time_s == pytest.approx(row.riegel_s, rel=1e-9)


def test_twenty_minute_5k_gives_the_published_marathon_predictions() -> None:
    effort = Effort(5000, 1200, TODAY, "parkrun", is_race=True)
    vdot_p, riegel_p, tanda_p = predict(MARATHON, effort, None)
    assert riegel_p.time_s == pytest.approx(3 * 3600 + 11 * 60 + 49, abs=1)
    assert vdot_p.time_s == pytest.approx(3 * 3600 + 11 * 60 + 17, abs=2)
    assert tanda_p.time_s is None and "8 weeks" in tanda_p.basis
    for p in (vdot_p, riegel_p, tanda_p):
        assert p.bias and p.source
    assert "Vickers" in riegel_p.bias


def test_tanda_applies_to_the_marathon_only() -> None:
    volume = TrainingVolume(8, 50, 330, 30)
    assert predict(MARATHON, None, volume)[2].time_s is not None
    half = predict(RACE_DISTANCES_M["half"], None, volume)[2]
    assert half.time_s is None and "marathon only" in half.basis


def test_tanda_warns_outside_its_validated_range() -> None:
    slow = predict(MARATHON, None, TrainingVolume(8, 20, 420, 20))[2]
    assert slow.time_s is not None and slow.time_s > 3 * 3600 + 36 * 60
    assert slow.note and "2:47–3:36" in slow.note
    inside = predict(MARATHON, None, TrainingVolume(8, 70, 290, 40))[2]
    assert inside.note is None


def test_best_effort_is_the_fittest_recent_one() -> None:
    efforts = [
        Effort(5000, 1300, TODAY - dt.timedelta(days=100), "old 5k", True),  # too old
        Effort(5000, 1380, TODAY - dt.timedelta(days=10), "recent 5k", True),
        Effort(10000, 2760, TODAY - dt.timedelta(days=30), "10k", True),
        Effort(1600, 300, TODAY - dt.timedelta(days=3), "mile", True),  # too short
    ]
    best = best_effort(efforts, TODAY)
    assert best is not None
    assert best.label == max(efforts[1:3], key=lambda e: e.vdot).label
    assert best_effort([], TODAY) is None


def test_runs_become_efforts_and_training_runs_are_flagged() -> None:
    runs = [run(5, 8, 290, "tempo"), run(6, 2, 250, "intervals"), run(9, 10, 270, "race")]
    efforts = efforts_from_runs(runs)
    assert [e.distance_m for e in efforts] == [8000, 10000]  # 2 km is too short
    assert efforts[1].is_race and not efforts[0].is_race
    best = best_effort(efforts, TODAY)
    assert best is not None
    vdot_p = predict(MARATHON, best, None)[0]
    assert (vdot_p.note is None) == best.is_race


def test_training_volume_counts_weeks_from_the_first_logged_run() -> None:
    runs = [run(d, 10, 330) for d in range(0, 21, 2)]  # 11 runs over three weeks
    volume = training_volume(runs, TODAY)
    assert volume is not None
    assert volume.weeks == pytest.approx(3.0)
    assert volume.mean_weekly_km == pytest.approx(110 / 3)
    assert volume.mean_pace_s_per_km == pytest.approx(330)
    assert training_volume([run(d, 10, 330) for d in range(0, 10, 2)], TODAY) is None  # too short
    older = [*runs, run(70, 30, 300)]  # outside the 8 weeks: ignored
    assert training_volume(older, TODAY) == volume


def test_consensus_is_the_median_of_what_applies() -> None:
    effort = Effort(5000, 1350, TODAY, "5k", True)
    three = predict(MARATHON, effort, TrainingVolume(8, 50, 330, 30))
    times = sorted(p.time_s for p in three if p.time_s is not None)
    assert consensus(three) == times[1]
    two = predict(MARATHON, effort, None)
    assert consensus(two) == pytest.approx((two[0].time_s + two[1].time_s) / 2)  # type: ignore[operator]
    assert consensus(predict(MARATHON, None, None)) is None
