"""Goal race and plan from the browser: onboarding step two, the calendar, Today's session."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi import FastAPI

from niggle.web.clock import Clock
from tests.web.conftest import AppFactory, Browser

TUESDAY = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def runner(make_app: AppFactory, clock: Clock) -> Browser:
    clock.fixed_now = TUESDAY
    browser = Browser(make_app(mode="local"))
    browser.follow("/")
    assert browser.onboard("Sam", units="mi").headers["location"] == "/onboarding/plan"
    return browser


def _plan(browser: Browser, **fields: str | list[str]) -> object:
    form: dict[str, object] = {
        "template": "first-marathon",
        "race_date": "2027-03-21",
        "race_name": "Spring Marathon",
        "key_days": ["tue", "thu", "sun"],
        "back": "onboarding",
    }
    form.update(fields)
    browser.get("/onboarding/plan")
    return browser.client.post("/plan", data={**form, "csrf_token": browser.csrf})


def test_onboarding_offers_the_templates_and_a_skip(runner: Browser) -> None:
    page = runner.get("/onboarding/plan").text
    assert "first-marathon" in page and "first-5k" in page
    assert 'value="tue" checked' in page
    assert 'href="/today"' in page


def test_making_a_plan_shows_todays_session_with_paces(runner: Browser) -> None:
    response = _plan(runner)
    assert response.headers["location"] == "/today"  # type: ignore[attr-defined]
    today = runner.get("/today").text
    assert 'class="card session-card"' in today
    assert "/mi" in today  # the session's paces in the runner's units
    assert "After your run" in today
    calendar = runner.get("/plan").text
    assert "Spring Marathon" in calendar
    assert "this week" in calendar
    assert calendar.count('<section class="week') >= 10


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"race_date": ""}, "date of your goal race"),
        ({"key_days": ["mon", "tue", "sun"]}, "back to back"),
        ({"key_days": ["tue"]}, "needs 3"),
        ({"template": "no-such-plan"}, "no-such-plan"),
    ],
)
def test_plan_mistakes_are_explained_on_the_same_page(
    runner: Browser, fields: dict[str, object], message: str
) -> None:
    response = _plan(runner, **fields)  # type: ignore[arg-type]
    assert response.status_code in (404, 422)  # type: ignore[attr-defined]
    assert message in response.text  # type: ignore[attr-defined]
    assert "Your goal race" in response.text  # type: ignore[attr-defined]


def test_the_after_run_check_in_logs_the_run_and_pain(runner: Browser) -> None:
    _plan(runner)
    runner.get("/today")
    response = runner.post(
        "/today/checkin",
        {
            "kind": "intervals",
            "distance": "6",
            "time": "50:00",
            "rpe": "8",
            "region": "lower_back",
            "pain_during": "4",
            "pain_after": "2",
        },
    )
    assert response.headers["location"] == "/today?saved=checkin"
    today = runner.get("/today?saved=checkin").text
    assert "Thank you for checking in" in today
    assert "After your run" not in today  # logged already
    log = runner.get("/log").text
    assert "lower back 4/10 during" in log and "lower back 2/10 after" in log
    assert "intervals" in log


def test_skipping_and_undoing_a_session(runner: Browser) -> None:
    _plan(runner)
    today = runner.get("/today").text
    workout_id = re.search(r"/plan/workouts/(\d+)/status", today).group(1)  # type: ignore[union-attr]
    skipped = runner.post(
        f"/plan/workouts/{workout_id}/status", {"status": "skipped", "back": "today"}
    )
    assert skipped.headers["location"] == "/today"
    assert "I am skipping this one" not in runner.get("/today").text
    runner.get("/plan")
    undo = runner.post(f"/plan/workouts/{workout_id}/status", {"status": "planned"})
    assert undo.headers["location"] == "/plan?saved=marked"
    bad = runner.post(f"/plan/workouts/{workout_id}/status", {"status": "finished"})
    assert bad.status_code == 422


def test_next_morning_pain_is_asked_after_a_run(runner: Browser, clock: Clock) -> None:
    _plan(runner)
    runner.get("/today")
    runner.post("/today/checkin", {"kind": "intervals", "distance": "6", "time": "50:00"})
    assert clock.fixed_now is not None
    clock.fixed_now += dt.timedelta(days=1)
    page = runner.get("/today").text
    assert "This morning, after yesterday" in page
    activity_id = re.search(r'name="activity_id" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    saved = runner.post(
        "/log/pain",
        {
            "date": "2026-12-02",
            "when": "next_morning",
            "activity_id": activity_id,
            "region": "lower_back",
            "nrs": "3",
            "back": "today",
        },
    )
    assert saved.headers["location"] == "/today?saved=checkin"
    assert "lower back 3/10 next morning" in runner.get("/log").text


def test_a_pain_report_cannot_point_at_someone_elses_session(accounts_app: FastAPI) -> None:
    owner = Browser(accounts_app)
    owner.signup("owner")
    owner.onboard("Owner")
    owner.post("/log/run", {"date": "2026-11-27", "distance": "5", "time": "30:00"})
    other = Browser(accounts_app)
    other.signup("other")
    other.onboard("Other")
    response = other.post(
        "/log/pain",
        {"date": "2026-11-28", "region": "knee", "nrs": "2", "when": "after", "activity_id": "1"},
    )
    assert response.status_code == 404
