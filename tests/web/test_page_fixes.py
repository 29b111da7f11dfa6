"""Pages remember what was saved, say "no runs yet" in words, and the calendar fits a phone.

Findings from the browser tests: the next-morning question on Today and the programme's
"target reached" answer came back blank after saving; Insights drew an empty chart for a
new runner; the plan calendar listed every week open (about 11,000 px tall on a phone).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from niggle.services.database import open_database
from niggle.services.demo import seed_demo
from niggle.web.clock import Clock
from tests.web.conftest import AppFactory, Browser

TUESDAY = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def runner(make_app: AppFactory, clock: Clock) -> Browser:
    clock.fixed_now = TUESDAY
    browser = Browser(make_app(mode="local"))
    browser.follow("/")
    browser.onboard("Sam")
    return browser


def test_the_next_morning_answer_is_shown_once_saved(runner: Browser) -> None:
    runner.get("/log")
    runner.post("/log/run", {"date": "2026-11-30", "distance": "8", "time": "45:00"})
    page = runner.get("/today").text
    assert 'id="nm-nrs"' in page
    activity_id = re.search(r'name="activity_id" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    saved = runner.post(
        "/log/pain",
        {
            "date": "2026-12-01",
            "when": "next_morning",
            "activity_id": activity_id,
            "region": "lower_back",
            "nrs": "3",
            "back": "today",
        },
    )
    assert saved.headers["location"] == "/today?saved=checkin"
    after = runner.get("/today").text
    assert "This morning, after yesterday" in after
    assert 'id="nm-nrs"' not in after  # the question is not asked again
    assert "Saved: lower back 3/10 next morning." in after


def test_a_next_morning_report_for_another_day_does_not_hide_the_question(
    runner: Browser,
) -> None:
    runner.get("/log")
    runner.post("/log/run", {"date": "2026-11-30", "distance": "8", "time": "45:00"})
    runner.post(
        "/log/pain",
        {"date": "2026-11-30", "region": "lower_back", "nrs": "2", "when": "next_morning"},
    )
    assert 'id="nm-nrs"' in runner.get("/today").text


def test_insights_say_no_runs_yet_instead_of_an_empty_chart(runner: Browser) -> None:
    page = runner.get("/insights").text
    assert "No runs yet in the last" in page
    assert 'href="/log"' in page
    assert "Running distance per week" not in page


DEMO_DAY = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo(web_db_url: str, make_app: AppFactory, clock: Clock) -> Browser:
    db = open_database(web_db_url)
    seed_demo(db, DEMO_DAY.date())
    db.dispose()
    clock.fixed_now = DEMO_DAY
    browser = Browser(make_app(mode="local"))
    browser.follow("/")
    return browser


@pytest.mark.parametrize(("answer", "words"), [("yes", "reached"), ("no", "not reached")])
def test_the_programme_shows_the_saved_target_answer(
    demo: Browser, answer: str, words: str
) -> None:
    page = demo.get("/programme").text
    assert "Saved today" not in page
    assert 'name="target_reached" value="yes" checked' not in page
    demo.post(
        "/programme/sessions",
        {"date": DEMO_DAY.date().isoformat(), "pain_during": "2", "target_reached": answer},
    )
    after = demo.get("/programme?saved=1").text
    assert f'name="target_reached" value="{answer}" checked' in after
    other = "no" if answer == "yes" else "yes"
    assert f'name="target_reached" value="{other}" checked' not in after
    assert f"Saved today: pain 2/10, target {words}." in after


def test_the_calendar_opens_this_week_and_the_next_two_only(demo: Browser) -> None:
    page = demo.get("/plan").text
    current = int(re.search(r"week (\d+) of (\d+)", page).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"week \d+ of (\d+)", page).group(1))  # type: ignore[union-attr]
    earlier = page[page.index('<details class="weeks earlier">') : page.index("</details>")]
    later_start = page.index('<details class="weeks later">')
    later = page[later_start : page.index("</details>", later_start)]
    assert f"Earlier weeks ({current - 1})" in earlier
    assert earlier.count('<section class="week') == current - 1
    assert f"Later weeks ({total - current - 2})" in later
    assert later.count('<section class="week') == total - current - 2
    outside = page.replace(earlier, "").replace(later, "")
    shown = re.findall(r'<h2 id="week-(\d+)"', outside)
    assert [int(n) for n in shown] == [current, current + 1, current + 2]
    assert 'class="week current"' in outside
