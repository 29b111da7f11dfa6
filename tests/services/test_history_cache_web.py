"""Through the web app, on both backends: Today and Insights served from remembered load and
forecast results still show a new urgent triage and a new run at once."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx2 for its test client
    from fastapi.testclient import TestClient

from niggle.config import Settings
from niggle.services.activities import log_run
from niggle.services.athletes import create_athlete
from niggle.services.care import care_contacts
from niggle.services.demo import demo_athlete
from niggle.services.history_cache import MEMO
from niggle.services.plans import create_demo_plan
from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
from niggle.store.db import Database
from niggle.web.app import create_app
from niggle.web.clock import Clock
from niggle.web.settings import WebSettings
from tests.services.test_triage import NEGATIVE

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
FAST = WebSettings(argon2_time_cost=1, argon2_memory_kib=8192, argon2_parallelism=1)


@pytest.fixture
def sam(db: Database, db_url: str) -> Iterator[tuple[TestClient, int]]:
    MEMO.clear()
    athlete = create_athlete(db, demo_athlete(TODAY), TODAY)
    assert athlete.id is not None
    create_demo_plan(db, athlete, TODAY)
    for days_ago in range(1, 40, 2):
        day = TODAY - dt.timedelta(days=days_ago)
        log_run(db, athlete.id, on=day, distance_m=8_000.0, time_s=2_700.0, today=TODAY, rpe=5)
    app = create_app(Settings(db_url=db_url), FAST, clock=Clock(fixed_now=NOW))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client, athlete.id
    app.state.niggle.db.dispose()


def test_an_urgent_triage_shows_at_once_on_a_remembered_today(
    sam: tuple[TestClient, int], db: Database
) -> None:
    client, athlete_id = sam
    for _ in range(2):  # the second view is served from the memo
        page = client.get("/today")
        assert page.status_code == 200
        assert 'class="act-now"' not in page.text
        assert "/log/pain" in page.text
    assert MEMO.hits > 0
    result = run_triage(
        knowledge(),
        care_contacts("uk"),
        TODAY,
        answers=AnswersInput({**NEGATIVE, "saddle_numbness": True}, 38, "male"),  # type: ignore[dict-item]
    )
    assert result.care_level in ("emergency", "urgent")
    save_triage(db, athlete_id, result, TODAY)
    page = client.get("/today").text
    assert 'class="act-now"' in page
    assert "/log/pain" not in page


def test_a_new_run_changes_insights_at_once(sam: tuple[TestClient, int], db: Database) -> None:
    client, athlete_id = sam
    before = client.get("/insights")
    assert before.status_code == 200
    assert client.get("/insights").text == before.text  # remembered, and identical
    log_run(db, athlete_id, on=TODAY, distance_m=30_000.0, time_s=10_800.0, today=TODAY, rpe=8)
    after = client.get("/insights")
    assert after.status_code == 200
    assert after.text != before.text
    MEMO.clear()
    assert client.get("/insights").text == after.text  # the same page computed from scratch
