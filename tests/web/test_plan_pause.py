"""A pause with no run left to change: the plan page explains it, records it as
``niggle adapt --apply`` does (the return-to-run ladder counts from it), and Undo takes it back.

Sam's triage says to pause running (7/10 during runs) and he has already marked the coming
runs skipped, so the proposal changes no session.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi import FastAPI

from niggle.domain.adapt_records import AppliedAdaptation
from niggle.domain.athlete import Athlete
from niggle.domain.dates import week_start
from niggle.domain.units import RaceResult
from niggle.services import adapt
from niggle.services.athletes import create_athlete
from niggle.services.care import care_contacts
from niggle.services.database import open_database
from niggle.services.plans import create_plan, current_plan, demo_race_date, mark_workout
from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
from niggle.store.db import Database
from tests.services.test_triage import NEGATIVE
from tests.web.conftest import NOW, AppFactory, Browser

TODAY = NOW.date()


def _triage(db: Database, athlete_id: int, **answers: object) -> None:
    result = run_triage(
        knowledge(),
        care_contacts("uk"),
        TODAY,
        answers=AnswersInput({**NEGATIVE, **answers}, 38, "male"),  # type: ignore[dict-item]
    )
    save_triage(db, athlete_id, result, TODAY)


@pytest.fixture
def paused_db(web_db_url: str) -> str:
    db = open_database(web_db_url)
    try:
        athlete = create_athlete(db, Athlete(name="Sam", units="km"), TODAY)
        assert athlete.id is not None
        plan = create_plan(
            db, None, TODAY, template_id="first-marathon", race_date=demo_race_date(TODAY),
            start=week_start(TODAY) - dt.timedelta(weeks=2), fitness=RaceResult(5000, 1350),
        ).plan  # fmt: skip
        _triage(db, athlete.id, pain_during_run_nrs=7)
        for workout in plan.workouts:
            if workout.is_run and TODAY <= workout.on < TODAY + dt.timedelta(days=28):
                mark_workout(db, None, workout.on, "skipped", kind=workout.kind)
        view = adapt.propose_adaptation(db, None, TODAY)
        assert view.adaptation.status == "pause_running" and not view.adaptation.changes
    finally:
        db.dispose()
    return web_db_url


@pytest.fixture
def app(paused_db: str, make_app: AppFactory) -> FastAPI:
    return make_app(mode="local")


@pytest.fixture
def sam(app: FastAPI) -> Browser:
    browser = Browser(app)
    browser.follow("/")
    return browser


def _rows(app: FastAPI) -> dict[int | None, tuple[str, str, str]]:
    _, plan = current_plan(app.state.niggle.db, None)
    return {w.id: (w.title, w.status, w.kind) for w in plan.workouts}


def _last(app: FastAPI) -> AppliedAdaptation | None:
    db = app.state.niggle.db
    _, plan = current_plan(db, None)
    return adapt.last_applied(db, adapt.propose_adaptation(db, None, TODAY).athlete, plan)


def _seen(page: str) -> str:
    found = re.search(
        r'action="/plan/adaptation/pause".*?name="seen" value="([0-9a-f]+)"', page, re.S
    )
    assert found, page
    return found.group(1)


def test_the_pause_is_explained_and_offered_when_no_run_is_left_to_change(
    sam: Browser, app: FastAPI
) -> None:
    page = sam.get("/plan").text
    assert "Pause running; cross-train instead" in page
    assert "No run is left in your plan before then, so no session needs changing" in page
    assert "brings running back step by step" in page
    assert "Record the pause" in page and 'action="/plan/adaptation/pause"' in page
    assert "Suggested changes to your plan" not in page  # no diff: nothing to change
    assert "Undo recording the pause" not in page


def test_recording_the_pause_is_the_clis_apply_and_the_ladder_counts_from_it(
    sam: Browser, app: FastAPI
) -> None:
    before = _rows(app)
    recorded = sam.post("/plan/adaptation/pause", {"seen": _seen(sam.get("/plan").text)})
    assert recorded.status_code == 303
    assert recorded.headers["location"] == "/plan?saved=paused"
    assert _rows(app) == before  # no session changed
    last = _last(app)
    assert last is not None
    assert last.status == "pause_running" and last.changes == () and last.as_of == TODAY
    assert last.document["applied"] is False  # the document as apply_adaptation writes it
    assert last.document["status"] == "pause_running"

    page = sam.get("/plan?saved=paused").text
    assert "Recorded: no running for now" in page
    assert f"Running paused since {TODAY:%a} {TODAY.day} {TODAY:%b %Y}" in page
    assert "Undo recording the pause" in page
    assert 'action="/plan/adaptation/pause"' not in page  # recorded once, not offered again

    # A new triage that clears the pause: the return-to-run ladder starts from the record.
    athlete = adapt.propose_adaptation(app.state.niggle.db, None, TODAY).athlete
    assert athlete.id is not None
    _triage(app.state.niggle.db, athlete.id)
    ladder = adapt.propose_adaptation(app.state.niggle.db, None, TODAY).adaptation.ladder
    assert ladder is not None and ladder.stopped_on == TODAY


def test_a_replayed_or_stale_form_records_nothing_new(sam: Browser, app: FastAPI) -> None:
    seen = _seen(sam.get("/plan").text)
    stale = sam.post("/plan/adaptation/pause", {"seen": "0" * 32})
    assert stale.headers["location"] == "/plan?saved=stale"
    assert _last(app) is None
    sam.post("/plan/adaptation/pause", {"seen": seen})
    first = _last(app)
    replay = sam.post("/plan/adaptation/pause", {"seen": seen})
    assert replay.headers["location"] == "/plan?saved=paused"
    assert _last(app) == first  # still the one record
    assert sam.post("/plan/adaptation/undo").headers["location"] == "/plan?saved=pause-undone"
    assert _last(app) is None  # there was only one


def test_undo_takes_the_recorded_pause_back(sam: Browser, app: FastAPI) -> None:
    before = _rows(app)
    sam.post("/plan/adaptation/pause", {"seen": _seen(sam.get("/plan").text)})
    sam.get("/plan")
    undone = sam.post("/plan/adaptation/undo")
    assert undone.headers["location"] == "/plan?saved=pause-undone"
    assert _last(app) is None and _rows(app) == before
    page = sam.get("/plan?saved=pause-undone").text
    assert "The recorded pause was undone" in page
    assert "Record the pause" in page  # offered again while the triage still says pause
    nothing = sam.post("/plan/adaptation/undo")
    assert nothing.headers["location"] == "/plan?saved=nothing-to-undo"


def test_without_the_csrf_token_nothing_is_recorded(sam: Browser, app: FastAPI) -> None:
    page = sam.get("/plan").text
    refused = sam.post("/plan/adaptation/pause", {"seen": _seen(page)}, csrf=False)
    assert refused.status_code == 403
    assert _last(app) is None


def test_at_act_now_levels_only_the_action_is_shown_and_nothing_is_recorded(
    sam: Browser, app: FastAPI
) -> None:
    seen = _seen(sam.get("/plan").text)
    athlete = adapt.propose_adaptation(app.state.niggle.db, None, TODAY).athlete
    assert athlete.id is not None
    _triage(app.state.niggle.db, athlete.id, saddle_numbness=True)
    page = sam.get("/plan").text
    assert 'class="act-now"' in page
    for invite in ("Record the pause", "Pause running", "running back", "Week 1"):
        assert invite not in page
    refused = sam.post("/plan/adaptation/pause", {"seen": seen})
    assert 'class="act-now"' in refused.text
    assert "Record the pause" not in refused.text
    assert _last(app) is None


def test_not_now_records_nothing_and_folds_the_pause_away(sam: Browser, app: FastAPI) -> None:
    sam.get("/plan")
    declined = sam.post("/plan/adaptation/decline")
    assert declined.headers["location"] == "/plan?saved=declined"
    page = sam.get("/plan?saved=declined").text
    assert '<summary><h2 id="pause-h">Pause running; cross-train instead (not recorded)' in page
    assert "Record the pause" in page  # still there, folded, for a change of mind
    assert _last(app) is None
