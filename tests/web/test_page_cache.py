"""The page cache serves a runner's page again only while nothing it shows has changed.

Each test first shows that the page *was* served from memory (the hit count moves), then
that a write of some kind — through the web, through the services as the CLI or another
server process would, or a change of day or session — is seen on the very next request.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import FastAPI

from niggle.config import Settings
from niggle.services import triage
from niggle.services.activities import log_run
from niggle.services.care import care_contacts
from niggle.services.database import open_database
from niggle.web.clock import Clock
from niggle.web.page_cache import CACHEABLE_PATHS, PageMemory
from tests.web.conftest import AppFactory, Browser

PAGES = sorted(CACHEABLE_PATHS)


def memory_of(app: FastAPI) -> PageMemory:
    memory: PageMemory = app.state.page_memory
    return memory


@pytest.fixture
def app(make_app: AppFactory) -> FastAPI:
    return make_app(mode="local")


@pytest.fixture
def runner(app: FastAPI) -> Browser:
    browser = Browser(app)
    browser.follow("/")
    browser.onboard("Sam")
    browser.get("/onboarding/plan")
    form = {
        "template": "first-marathon",
        "race_date": "2027-04-25",
        "key_days": ["tue", "thu", "sun"],
    }
    made = browser.client.post("/plan", data={**form, "csrf_token": browser.csrf})
    assert made.status_code == 303
    return browser


def athlete_id_of(app: FastAPI, name: str = "Sam") -> int:
    from niggle.services.athletes import find_athlete

    found = find_athlete(app.state.niggle.db, name).id
    assert found is not None
    return found


@pytest.mark.parametrize("path", PAGES)
def test_a_second_view_is_served_from_memory_and_is_the_same_page(
    app: FastAPI, runner: Browser, path: str
) -> None:
    first = runner.get(path)
    hits = memory_of(app).hits
    again = runner.get(path)
    assert first.status_code == again.status_code == 200
    assert again.text == first.text
    assert memory_of(app).hits == hits + 1
    # The security headers are still on the remembered page (added outside the cache).
    assert "content-security-policy" in again.headers
    assert again.headers["cache-control"] == first.headers["cache-control"]


def test_a_check_in_through_the_web_shows_at_once(app: FastAPI, runner: Browser) -> None:
    runner.get("/today")
    runner.get("/today")
    assert "Logged today" not in runner.get("/today").text
    saved = runner.post("/today/checkin", {"distance": "7", "time": "40:00", "rpe": "6"})
    assert saved.status_code == 303
    page = runner.get("/today").text
    assert "7" in page and "40:00" in page


def test_an_urgent_triage_saved_elsewhere_replaces_today_at_once(
    app: FastAPI, runner: Browser, clock: Clock
) -> None:
    """H32: a remembered Today page must never hide a new emergency or urgent result."""
    before = runner.get("/today").text
    assert runner.get("/today").text == before
    assert 'class="act-now"' not in before
    # As `niggle triage` would from a terminal, or another server process: straight to the
    # database through the services, nothing to do with this app's memory.
    other = open_database(app.state.niggle.settings.db_url)
    try:
        today = clock.today()
        result = triage.run_triage(
            triage.knowledge(),
            care_contacts("uk"),
            today,
            answers=triage.AnswersInput({"saddle_numbness": True}),
        )
        assert result.care_level == "emergency"
        triage.save_triage(other, athlete_id_of(app), result, today)
    finally:
        other.dispose()
    for path in ("/today", "/plan"):
        page = runner.get(path).text
        assert 'class="act-now"' in page, path
        assert "session-card" not in page and "Training paces" not in page


def test_a_run_imported_by_another_process_shows_on_insights(
    app: FastAPI, runner: Browser, clock: Clock
) -> None:
    before = runner.get("/insights").text
    assert runner.get("/insights").text == before
    other = open_database(app.state.niggle.settings.db_url)
    try:
        today = clock.today()
        log_run(other, athlete_id_of(app), on=today, distance_m=12_345, time_s=3_700, today=today)
    finally:
        other.dispose()
    assert runner.get("/insights").text != before


def test_a_new_day_renders_afresh(app: FastAPI, runner: Browser, clock: Clock) -> None:
    runner.get("/today")
    runner.get("/today")
    misses = memory_of(app).misses
    assert clock.fixed_now is not None
    clock.fixed_now += dt.timedelta(days=1)
    runner.get("/today")
    assert memory_of(app).misses == misses + 1


def test_a_signed_out_session_is_never_served_a_remembered_page(make_app: AppFactory) -> None:
    app = make_app(mode="accounts", host="0.0.0.0")
    browser = Browser(app)
    browser.signup("sam")
    browser.onboard("Sam")
    assert browser.get("/today").status_code == 200
    assert browser.get("/today").status_code == 200
    cookie = browser.client.cookies.get("niggle_session")
    browser.get("/settings")
    browser.post("/logout")
    # The old cookie, replayed (say, from a stolen copy): the session is gone, so no page.
    thief = Browser(app)
    thief.client.cookies.set("niggle_session", cookie or "")
    page = thief.get("/today")
    assert page.status_code in (302, 303) and "/login" in page.headers["location"]


def test_two_runners_never_see_each_others_remembered_pages(make_app: AppFactory) -> None:
    app = make_app(mode="accounts", host="0.0.0.0")
    sam, ana = Browser(app), Browser(app)
    for browser, name in ((sam, "Sam"), (ana, "Ana")):
        browser.signup(name.lower())
        browser.onboard(name)
    for _ in range(2):
        sam_page = sam.get("/today").text
        ana_page = ana.get("/today").text
    assert memory_of(app).hits >= 2
    assert sam.csrf and ana.csrf and sam.csrf != ana.csrf
    assert sam.csrf in sam_page and sam.csrf not in ana_page
    assert ana.csrf in ana_page and ana.csrf not in sam_page


def test_a_change_of_units_in_settings_shows_on_every_page(app: FastAPI, runner: Browser) -> None:
    for path in PAGES:
        runner.get(path)
        assert "/mi" not in runner.get(path).text
    runner.get("/settings")
    assert runner.post("/settings/profile", {"units": "mi"}).status_code == 303
    assert "/mi" in runner.get("/today").text


def test_a_coachs_view_of_a_runner_is_never_remembered(make_app: AppFactory) -> None:
    """Every view by a coach is written to the runner's audit trail, so none is skipped."""
    app = make_app(mode="accounts", host="0.0.0.0")
    runner, coach = Browser(app), Browser(app)
    runner.signup("sam")
    runner.onboard("Sam")
    coach.signup("cath", role="coach")
    runner.get("/settings")
    invite = runner.post("/settings/invites", {})
    code = _invite_code(invite.text)
    coach.get("/coach")
    coach.post("/coach/invites", {"code": code})
    athlete = athlete_id_of(app)
    from niggle.services import audit

    db = app.state.niggle.db
    before = len(audit.audit_trail(db, athlete, limit=100))
    for _ in range(3):
        assert coach.get(f"/coach/athletes/{athlete}").status_code == 200
    assert len(audit.audit_trail(db, athlete, limit=100)) == before + 3
    assert not any(path.startswith("/coach") for path in memory_of(app).paths())


def _invite_code(page: str) -> str:
    import re

    found = re.search(r'class="code">([A-Z0-9-]+)<', page)
    assert found, page
    return found.group(1)


def test_pages_that_set_a_cookie_or_redirect_are_not_kept(make_app: AppFactory) -> None:
    app = make_app(mode="local")
    browser = Browser(app)
    first = browser.get("/today")  # signs the local browser in: a cookie, and no profile yet
    assert first.status_code in (302, 303)
    assert len(memory_of(app)) == 0


def test_the_cache_can_be_turned_off(make_app: AppFactory) -> None:
    app = make_app(mode="local", page_cache=False)
    browser = Browser(app)
    browser.follow("/")
    browser.onboard("Sam")
    browser.get("/today")
    browser.get("/today")
    assert len(memory_of(app)) == 0 and memory_of(app).hits == 0


def test_the_setting_reads_its_environment_variable() -> None:
    from niggle.web.settings import load_web_settings

    assert load_web_settings({}).page_cache is True
    assert load_web_settings({"NIGGLE_WEB_PAGE_CACHE": "0"}).page_cache is False
    assert Settings  # the app's own settings are untouched by the web flag
