"""Athletes: several live in one database; create, find, show and update them."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.athlete import Athlete, RecordedResult
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.domain.units import RaceResult
from niggle.services.athletes import (
    athlete_document,
    create_athlete,
    find_athlete,
    list_athletes,
    update_athlete,
)
from niggle.services.paces import athlete_pace_report
from niggle.store.db import Database


def test_several_athletes_live_in_one_database(db: Database, today: dt.date) -> None:
    create_athlete(db, Athlete(name="Sam", units="mi"), today)
    create_athlete(db, Athlete(name="Priya", units="km", sex="female"), today)
    assert [a.name for a in list_athletes(db)] == ["Sam", "Priya"]
    assert find_athlete(db, "priya").sex == "female"  # names match without case
    with pytest.raises(Conflict, match="--athlete"):
        find_athlete(db, None)
    with pytest.raises(NotFound, match="Sam, Priya"):
        find_athlete(db, "Nobody")


def test_no_athlete_yet_says_how_to_create_one(db: Database) -> None:
    with pytest.raises(NotFound, match="niggle athlete create"):
        find_athlete(db, None)


def test_names_are_unique(db: Database, today: dt.date) -> None:
    create_athlete(db, Athlete(name="Sam"), today)
    with pytest.raises(Conflict, match="already exists"):
        create_athlete(db, Athlete(name="sam"), today)
    assert len(list_athletes(db)) == 1


def test_create_show_and_update_round_trip(db: Database, today: dt.date) -> None:
    created = create_athlete(
        db,
        Athlete(
            name="Sam",
            units="mi",
            birth_year=1988,
            sex="male",
            results=(RecordedResult(RaceResult(5000, 1350), dt.date(2026, 10, 1)),),
            weekly_distance_m=40000,
            hr_max=186,
            hr_rest=52,
        ),
        today,
    )
    assert created.id is not None
    shown = find_athlete(db, None)
    assert shown == created
    doc = athlete_document(shown, today)
    assert doc["schema_version"] == 1
    assert doc["age"] == 38
    assert doc["vdot"] == pytest.approx(43.4, abs=0.05)
    assert doc["results"][0]["distance"] == "5k"

    updated = update_athlete(
        db, "Sam", today, units="km", result=RaceResult(10000, 2700), hr_rest=50
    )
    assert updated.units == "km"
    assert updated.hr_rest == 50
    assert updated.birth_year == 1988  # untouched fields stay
    assert len(updated.results) == 2
    assert find_athlete(db, "Sam") == updated


def test_the_latest_dated_result_sets_the_paces(db: Database, today: dt.date) -> None:
    create_athlete(
        db,
        Athlete(
            name="Sam",
            results=(
                RecordedResult(RaceResult(5000, 1500), dt.date(2026, 9, 1)),
                RecordedResult(RaceResult(5000, 1350), dt.date(2025, 9, 1)),
            ),
        ),
        today,
    )
    _, report = athlete_pace_report(db, None)
    assert report.result.time_s == 1500


def test_impossible_values_are_refused_and_nothing_is_written(db: Database, today: dt.date) -> None:
    for bad, fragment in [
        (Athlete(name="  "), "needs a name"),
        (Athlete(name="Kid", birth_year=today.year - 12), "16 and over"),
        (Athlete(name="Future", birth_year=today.year + 1), "future"),
        (Athlete(name="Heart", hr_max=300), "120–230"),
        (Athlete(name="Rest", hr_rest=15), "25–110"),
        (
            Athlete(
                name="Ahead",
                results=(RecordedResult(RaceResult(5000, 1350), today + dt.timedelta(days=3)),),
            ),
            "in the future",
        ),
    ]:
        with pytest.raises(InvalidInput, match=fragment):
            create_athlete(db, bad, today)
    assert list_athletes(db) == []
