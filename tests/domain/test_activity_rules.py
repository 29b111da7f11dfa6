"""The checks every activity passes before it is stored."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.activity import Activity, check_rpe, check_training_date, validate_activity
from niggle.domain.errors import InvalidInput

TODAY = dt.date(2026, 11, 28)


def _run(**changes: object) -> Activity:
    values: dict[str, object] = {
        "sport": "run",
        "start": dt.datetime(2026, 11, 20, 7, 0, tzinfo=dt.UTC),
        "local_date": dt.date(2026, 11, 20),
        "elapsed_s": 3360.0,
        "distance_m": 11265.4,
    }
    values.update(changes)
    return Activity(**values)  # type: ignore[arg-type]


def test_a_plausible_run_passes() -> None:
    run = _run()
    assert validate_activity(run, TODAY) is run


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"local_date": dt.date(2026, 11, 29)}, "future"),
        ({"local_date": dt.date(1969, 12, 31)}, "before 1970"),
        ({"elapsed_s": 0.0}, "above zero"),
        ({"elapsed_s": 49 * 3600.0}, "48 hours"),
        ({"distance_m": -5.0}, "zero or more"),
        ({"elapsed_s": 600.0, "distance_m": 42195.0}, "faster than any human"),
        ({"rpe": 11.0}, "outside 0–10"),
    ],
)
def test_impossible_sessions_are_refused(changes: dict[str, object], fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        validate_activity(_run(**changes), TODAY)


def test_a_fast_bike_ride_is_not_a_fast_run() -> None:
    ride = _run(sport="ride", elapsed_s=3600.0, distance_m=45000.0)
    assert validate_activity(ride, TODAY) is ride


def test_rpe_and_dates_on_their_own() -> None:
    assert check_rpe(0) == 0 and check_rpe(10) == 10
    with pytest.raises(InvalidInput):
        check_rpe(float("nan"))
    assert check_training_date(TODAY, TODAY) == TODAY
