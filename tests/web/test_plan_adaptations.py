"""Adaptations on the plan calendar and in the API: the diff, Accept, Decline, Undo.

Sam (the demo runner) has the founding story's history: back pain in the 800s and the tempo
run. niggle proposes to swap the hard sessions and cap the long run; nothing changes until
he accepts, and undo puts every session back exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from fastapi import FastAPI

from niggle.services import adapt
from niggle.services.athletes import create_athlete
from niggle.services.care import care_contacts
from niggle.services.database import open_database
from niggle.services.demo import demo_athlete
from niggle.services.demo_history import seed_history
from niggle.services.plans import create_demo_plan, current_plan
from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
from tests.services.test_triage import NEGATIVE
from tests.web.conftest import NOW, AppFactory, Browser, bearer

TODAY = NOW.date()


@pytest.fixture
def sam_db(web_db_url: str) -> str:
    """The founding story's runner, plan and history, made with the services."""
    db = open_database(web_db_url)
    try:
        athlete = create_athlete(db, demo_athlete(TODAY), TODAY)
        plan = create_demo_plan(db, athlete, TODAY)
        assert athlete.id is not None
        seed_history(db, athlete.id, TODAY, plan.workouts)
    finally:
        db.dispose()
    return web_db_url


@pytest.fixture
def app(sam_db: str, make_app: AppFactory) -> FastAPI:
    return make_app(mode="local")


@pytest.fixture
def sam(app: FastAPI) -> Browser:
    browser = Browser(app)
    browser.follow("/")
    return browser


def _plan_rows(app: FastAPI) -> dict[int, tuple[str, str, str]]:
    _, plan = current_plan(app.state.niggle.db, None)
    return {w.id: (w.title, w.status, w.note or "") for w in plan.workouts}


def _seen(page: str) -> str:
    found = re.search(r'name="seen" value="([0-9a-f]+)"', page)
    assert found, page
    return found.group(1)


def test_the_calendar_shows_the_proposal_as_a_diff_and_changes_nothing(
    sam: Browser, app: FastAPI
) -> None:
    before = _plan_rows(app)
    page = sam.get("/plan").text
    assert "Suggested changes to your plan" in page
    assert "Nothing changes until you accept" in page
    proposal = adapt.propose_adaptation(app.state.niggle.db, None, TODAY).adaptation
    assert len(proposal.changes) == 3
    diff = page[page.index('<ol class="diff">') : page.index("</ol>")]
    assert diff.count("<li>") == len(proposal.changes)
    for change in proposal.changes:
        assert change.rule in diff
        assert change.because.replace("'", "&#39;") in diff
        assert change.before is not None and change.before.title in diff
    assert "intensity_swap" in diff and "spike_cap" in diff
    assert 'action="/plan/adaptation/accept"' in page
    assert 'action="/plan/adaptation/decline"' in page
    assert "Undo the last changes" not in page  # nothing applied yet
    assert _plan_rows(app) == before


def test_accept_applies_the_set_and_the_calendar_gives_each_reason(
    sam: Browser, app: FastAPI
) -> None:
    page = sam.get("/plan").text
    accepted = sam.post("/plan/adaptation/accept", {"seen": _seen(page)})
    assert accepted.status_code == 303
    assert accepted.headers["location"] == "/plan?saved=adapted"
    changed = {i: row for i, row in _plan_rows(app).items() if row[1] == "changed"}
    assert len(changed) == 3
    calendar = sam.get("/plan?saved=adapted").text
    assert "the changes are in your plan" in calendar
    assert "Suggested changes to your plan" not in calendar  # nothing left to propose
    assert calendar.count("Changed for your back:") == 3
    assert calendar.count('adapted"') >= 3  # the sessions are highlighted
    assert "Rule: " in calendar and "(intensity_swap)" in calendar
    assert "Undo the last changes niggle made" in calendar


def test_undo_puts_the_sessions_back_exactly(sam: Browser, app: FastAPI) -> None:
    before = _plan_rows(app)
    sam.post("/plan/adaptation/accept", {"seen": _seen(sam.get("/plan").text)})
    assert _plan_rows(app) != before
    sam.get("/plan")
    undone = sam.post("/plan/adaptation/undo")
    assert undone.headers["location"] == "/plan?saved=undone"
    assert _plan_rows(app) == before
    page = sam.get("/plan?saved=undone").text
    assert "back as they were" in page
    assert "Suggested changes to your plan" in page  # offered again
    again = sam.post("/plan/adaptation/undo")
    assert again.headers["location"] == "/plan?saved=nothing-to-undo"


def test_decline_writes_nothing_and_folds_the_proposal_away(sam: Browser, app: FastAPI) -> None:
    before = _plan_rows(app)
    sam.get("/plan")
    declined = sam.post("/plan/adaptation/decline")
    assert declined.headers["location"] == "/plan?saved=declined"
    page = sam.get("/plan?saved=declined").text
    assert "Nothing changed" in page
    assert "Suggested changes (declined)" in page
    assert re.search(r"<details>\s*<summary><h2 id=\"proposal-h\">", page)
    assert _plan_rows(app) == before


def test_accept_refuses_a_proposal_the_runner_did_not_see(sam: Browser, app: FastAPI) -> None:
    before = _plan_rows(app)
    sam.get("/plan")
    stale = sam.post("/plan/adaptation/accept", {"seen": "0" * 32})
    assert stale.headers["location"] == "/plan?saved=stale"
    assert _plan_rows(app) == before
    assert "nothing was changed" in sam.get("/plan?saved=stale").text


def test_the_forms_need_the_csrf_token(sam: Browser, app: FastAPI) -> None:
    before = _plan_rows(app)
    page = sam.get("/plan").text
    for action in ("accept", "decline", "undo"):
        refused = sam.post(f"/plan/adaptation/{action}", {"seen": _seen(page)}, csrf=False)
        assert refused.status_code == 403
    assert _plan_rows(app) == before


def _urgent(app: FastAPI) -> None:
    result = run_triage(
        knowledge(),
        care_contacts("uk"),
        TODAY,
        answers=AnswersInput(
            {**NEGATIVE, "saddle_numbness": True},  # type: ignore[dict-item]
            38,
            "male",
        ),
    )
    db = app.state.niggle.db
    athlete = adapt.propose_adaptation(db, None, TODAY).athlete
    assert athlete.id is not None
    save_triage(db, athlete.id, result, TODAY)
    assert result.care_level in ("emergency", "urgent")


def test_at_act_now_levels_the_plan_shows_only_the_action(sam: Browser, app: FastAPI) -> None:
    sam.get("/plan")
    token = sam.csrf
    _urgent(app)
    before = _plan_rows(app)
    page = sam.get("/plan").text
    assert 'class="act-now"' in page
    for invite in ("Suggested changes", "Week 1", "Accept", "/mi", "/km"):
        assert invite not in page
    assert token is not None
    undo = sam.client.post("/plan/adaptation/undo", data={"csrf_token": token})
    assert 'class="act-now"' in undo.text
    assert _plan_rows(app) == before


# ------------------------------------------------------------------------------------ API


@pytest.fixture
def api(sam: Browser, app: FastAPI) -> tuple[Any, str, int]:
    token = sam.make_token()
    athlete_id = sam.client.get("/api/v1/me", headers=bearer(token)).json()["athlete_id"]
    return sam.client, token, int(athlete_id)


def test_the_api_proposes_applies_and_undoes(api: Any, app: FastAPI) -> None:
    client, token, athlete_id = api
    before = _plan_rows(app)
    base = f"/api/v1/athletes/{athlete_id}/plan/adaptation"
    proposal = client.get(base, headers=bearer(token))
    assert proposal.status_code == 200, proposal.text
    document = proposal.json()
    assert document["schema_version"] == 1 and document["applied"] is False
    assert "POST to this address" in document["consent"]
    assert {c["rule"] for c in document["changes"]} == {"intensity_swap", "spike_cap"}
    for change in document["changes"]:
        assert set(change) >= {"date", "before", "after", "rule", "because"}
    assert _plan_rows(app) == before

    applied = client.post(base, headers=bearer(token))
    assert applied.status_code == 200, applied.text
    assert applied.json()["applied"] is True
    assert applied.json()["adaptation_id"] is not None
    assert sum(row[1] == "changed" for row in _plan_rows(app).values()) == 3
    assert client.get(base, headers=bearer(token)).json()["changes"] == []

    undone = client.post(f"{base}/undo", headers=bearer(token))
    assert undone.status_code == 200, undone.text
    assert len(undone.json()["restored"]) == 3
    assert _plan_rows(app) == before
    nothing = client.post(f"{base}/undo", headers=bearer(token))
    assert nothing.status_code == 404
    assert nothing.json()["error"]["code"]


def test_the_api_needs_a_token(api: Any) -> None:
    client, _, athlete_id = api
    base = f"/api/v1/athletes/{athlete_id}/plan/adaptation"
    assert client.get(base).status_code == 401
    assert client.post(base).status_code == 401
    assert client.post(f"{base}/undo").status_code == 401


def test_after_the_race_the_calendar_proposes_nothing(
    app: FastAPI, clock: Any, sam: Browser
) -> None:
    clock.fixed_now = NOW + dt.timedelta(days=400)
    page = sam.get("/plan")
    assert page.status_code == 200
    assert "Suggested changes" not in page.text
