"""One read of the history for the Insights page gives what the two services give apart."""

from __future__ import annotations

import datetime as dt

from niggle.domain.athlete import Athlete
from niggle.domain.session_load import load_profile
from niggle.services.activities import log_run
from niggle.services.athletes import create_athlete
from niggle.services.demo import DEMO_NAME, seed_demo
from niggle.services.forecast import athlete_forecast, forecast_document, load_and_forecast
from niggle.services.load import athlete_load, load_document
from niggle.store.db import Database


def test_load_and_forecast_match_the_separate_services(db: Database, today: dt.date) -> None:
    seed_demo(db, today)
    since = today - dt.timedelta(weeks=12)
    athlete, profile, expected = athlete_load(db, DEMO_NAME, today, weeks=12, flags_since=since)
    summary, forecast = load_and_forecast(db, DEMO_NAME, today, weeks=12, flags_since=since)
    assert load_document(load_profile(athlete), summary) == load_document(profile, expected)
    assert summary.weekly == expected.weekly
    assert summary.flags == expected.flags
    assert forecast is not None
    assert forecast.race_from == "plan"
    assert forecast_document(forecast) == forecast_document(athlete_forecast(db, DEMO_NAME, today))


def test_without_a_plan_there_is_no_forecast_but_still_the_load(
    db: Database, today: dt.date
) -> None:
    created = create_athlete(db, Athlete(name="Ana"), today)
    assert created.id is not None
    log_run(db, created.id, on=today, distance_m=8000, time_s=2700, today=today, rpe=5)
    summary, forecast = load_and_forecast(db, "Ana", today, weeks=4)
    assert forecast is None
    _, _, expected = athlete_load(db, "Ana", today, weeks=4)
    assert summary.weekly == expected.weekly
    assert summary.weekly[-1].distance_m == 8000
