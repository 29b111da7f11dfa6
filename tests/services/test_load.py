"""``niggle load`` and ``niggle report`` services over stored activities, on both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from niggle.domain.athlete import Athlete, RecordedResult
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.paces import daniels_paces, vdot
from niggle.domain.pain import PainReport
from niggle.domain.units import RaceResult
from niggle.services import activities as log
from niggle.services.athletes import create_athlete
from niggle.services.load import athlete_load, load_document, write_load_report
from niggle.store.db import Database

CONTRACT_KEYS = {
    "schema_version",
    "as_of",
    "acute_7d",
    "chronic_28d",
    "acwr",
    "ctl",
    "atl",
    "tsb",
    "monotony",
    "strain",
    "weekly",
    "flags",
}
FIVE_K = RaceResult(5000, 1350)


@pytest.fixture
def athlete_id(db: Database, today: dt.date) -> int:
    athlete = create_athlete(
        db,
        Athlete(
            name="Sam",
            results=(RecordedResult(FIVE_K, None),),
            hr_max=190,
            hr_rest=55,
            sex="male",
        ),
        today,
    )
    assert athlete.id is not None
    return athlete.id


def test_42_days_of_threshold_hours_give_the_pmc_test_vector(
    db: Database, athlete_id: int, today: dt.date
) -> None:
    first = today - dt.timedelta(days=41)
    for d in range(42):  # an hour at RPE 7 = 420 AU = 100 points, every day
        log.log_run(
            db, athlete_id, on=first + dt.timedelta(d), distance_m=10_000, time_s=3600, today=today,
            rpe=7,
        )  # fmt: skip
    _athlete, profile, summary = athlete_load(db, None, today)
    document = load_document(profile, summary)
    assert document.keys() >= CONTRACT_KEYS
    assert document["schema_version"] == 1
    assert document["as_of"] == today.isoformat()
    assert document["ctl"] == pytest.approx(63.65, abs=0.005)
    assert document["monotony"] is None  # seven identical days: no SD
    assert [f["kind"] for f in document["flags"]] == ["monotony"]
    assert document["method"]["sessions_by_method"]["session_rpe"] == 42
    assert "Impellizzeri" in document["acwr_note"]


def test_runs_without_rpe_are_scored_against_the_athletes_threshold(
    db: Database, athlete_id: int, today: dt.date
) -> None:
    threshold = daniels_paces(vdot(FIVE_K)).threshold_s_per_km
    # 30 minutes at threshold pace / 0.9, i.e. IF 0.9 -> 0.5 h x 0.81 x 100 = 40.5 points.
    metres = 1800 / (threshold / 0.9) * 1000
    log.log_run(db, athlete_id, on=today, distance_m=metres, time_s=1800, today=today)
    log.log_cross(db, athlete_id, sport="swim", on=today, time_s=2700, today=today)
    _athlete, profile, summary = athlete_load(db, "Sam", today)
    document = load_document(profile, summary)
    [week] = document["weekly"]
    # Swim by the product-default RPE 4: 4 x 45 AU x 100/420 = 42.86 points.
    assert week["load"] == pytest.approx(40.5 + 4 * 45 * 100 / 420, abs=0.01)
    assert week["distance_m"] == pytest.approx(metres, abs=0.1)
    assert week["duration_s"] == 1800 + 2700
    assert document["method"]["threshold_s_per_km"] == pytest.approx(threshold, abs=0.05)
    assert document["method"]["sessions_by_method"]["rtss"] == 1
    assert document["method"]["sessions_by_method"]["default_rpe"] == 1


def test_flags_reach_the_document(db: Database, athlete_id: int, today: dt.date) -> None:
    monday = today - dt.timedelta(days=today.weekday() + 14)
    for day, metres in ((1, 8000), (3, 8000), (6, 12_000), (8, 8000), (10, 9000), (12, 14_000)):
        log.log_run(
            db, athlete_id, on=monday + dt.timedelta(day), distance_m=metres,
            time_s=metres * 0.33, today=today,
        )  # fmt: skip
    _athlete, profile, summary = athlete_load(db, None, today)
    flags = load_document(profile, summary)["flags"]
    # 12 km > 1.10 x 8 km and 14 km > 1.10 x 12 km are spikes; the weeks (28 km, then 31 km,
    # +10.7 %) are no jump.
    assert [(f["kind"], f["date"]) for f in flags] == [
        ("long_run_spike", (monday + dt.timedelta(6)).isoformat()),
        ("long_run_spike", (monday + dt.timedelta(12)).isoformat()),
    ]
    assert flags[1]["ratio"] == pytest.approx(14 / 12, abs=1e-3)
    assert "RUNSAFE" in flags[0]["source"]


def test_as_of_before_the_first_activity(db: Database, athlete_id: int, today: dt.date) -> None:
    log.log_run(db, athlete_id, on=today, distance_m=5000, time_s=1500, today=today)
    _athlete, profile, summary = athlete_load(db, None, today - dt.timedelta(days=1))
    document = load_document(profile, summary)
    assert (document["ctl"], document["acwr"], document["weekly"], document["flags"]) == (
        0.0,
        None,
        [],
        [],
    )


def test_no_athlete_is_a_clear_not_found(db: Database, today: dt.date) -> None:
    with pytest.raises(NotFound, match="athlete create"):
        athlete_load(db, None, today)


def test_report_with_pain_overlay(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    for d in range(0, 28, 2):
        day = today - dt.timedelta(days=d)
        log.log_run(
            db, athlete_id, on=day, distance_m=8000, time_s=2700, today=today,
            pain=[PainReport(on=day, region="lower_back", nrs=d % 5, when="during")],
        )  # fmt: skip
    out, data = write_load_report(db, None, tmp_path / "load.png", today, weeks=2)
    assert out.read_bytes().startswith(b"\x89PNG")
    # Only pain inside the two weeks drawn is fetched.
    assert data.pain
    assert all(p.on >= today - dt.timedelta(days=today.weekday() + 7) for p in data.pain)
    assert len(data.summary.weekly) == 2


def test_report_refuses_a_bad_name_before_reading_anything(db: Database, tmp_path: Path) -> None:
    # No athlete exists, so reaching the database would raise NotFound instead.
    with pytest.raises(InvalidInput, match=r"\.html or \.png"):
        write_load_report(db, None, tmp_path / "load.jpg", dt.date(2026, 1, 1))
