"""The founding story, end to end in a real browser at phone width.

Sam, a 5K runner training for his first marathon on the FIRST plan, gets lower-back pain in
the 800s and the tempo run. He onboards, makes the plan, logs his runs with their pain,
checks in the next morning, goes through the triage wizard (red flags first, his own words
pre-filling the rest, which he confirms), accepts the plan changes niggle proposes, then
follows his rehab programme and reads the forecast. Every step is screenshotted to
``out/screenshots/founding-story/`` and checked at 390 px wide: no sideways scrolling, main
content on screen.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from tests.browser.steps import FILL_UNANSWERED, Story

STORY = (
    "My lower back started hurting a week ago during the 800m repeats and again in "
    "yesterday's tempo run. It eases when I walk. I had one episode before, two years ago."
)
# Answers the wizard asks for as numbers, as Sam would give them.
NUMBERS = {
    "symptoms_weeks": "1",
    "pain_during_run_nrs": "6",
    "pain_after_run_nrs": "3",
    "pain_at_rest_nrs": "0",
    "previous_episodes": "1",
}


def _race_day(today: dt.date) -> dt.date:
    """A Sunday about 15 weeks out, so the 16-week plan is already in its second week."""
    day = today + dt.timedelta(weeks=15)
    return day + dt.timedelta(days=(6 - day.weekday()) % 7)


def _key_days(today: dt.date) -> list[str]:
    """Today and every other day after it, so there is a session today with rest between."""
    codes = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return [codes[(today.weekday() + offset) % 7] for offset in (0, 2, 4)]


def test_the_founding_story_end_to_end(phone: Any, screenshots: Path) -> None:
    story = Story(phone, screenshots / "founding-story")
    page = phone
    today = dt.date.today()

    # Onboarding, step one: profile, units, a recent 5K.
    story.goto("/")
    assert page.url.endswith("/onboarding")
    assert page.locator("h1").inner_text() == "Welcome to niggle"
    page.fill("#name", "Sam")
    page.check("input[name=units][value=km]")
    page.select_option("#region", "uk")
    page.select_option("#race", "5k")
    page.fill("#race_time", "22:30")
    page.fill("#race_date", (today - dt.timedelta(days=14)).isoformat())
    page.fill("#weekly", "35")
    page.fill("#birth_year", "1988")
    story.snap("onboarding-profile")
    story.submit("Save and continue")

    # Step two: the goal race, the FIRST marathon template, key-run days.
    assert page.url.endswith("/onboarding/plan")
    assert page.locator("h1").inner_text() == "Your goal race"
    race_day = _race_day(today)
    page.select_option("#template", "first-marathon")
    page.fill("#race_name", "Spring Marathon")
    page.fill("#race_date", race_day.isoformat())
    for box in page.locator("input[name=key_days]").all():
        box.uncheck()
    for code in _key_days(today):
        page.check(f"input[name=key_days][value={code}]")
    story.snap("onboarding-goal-race")
    story.submit("Make my plan")

    # The plan calendar.
    story.goto("/plan")
    assert "FIRST marathon" in page.locator("h1").inner_text()
    text = story.main_text()
    assert "Spring Marathon" in text and "of 16" in text
    assert page.locator("section.week.current").count() == 1
    assert page.locator("section.week.current li.session").count() >= 1
    # This week and the next two are open; the other weeks are folded away, so the page
    # stays a few screens long on a phone (it was about 11,000 px with every week open).
    assert page.locator("details.weeks.later > summary").inner_text().startswith("Later weeks")
    height = page.evaluate("() => document.scrollingElement.scrollHeight")
    assert height < 5000, f"the plan calendar is {height} px tall at phone width"
    story.snap("plan")

    # Log the runs that hurt: the 800s, then yesterday's tempo.
    story.goto("/log")
    runs = [
        (5, "8", "45:00", "easy", "", ""),
        (3, "9", "48:00", "intervals", "5", "Lower back tight in the 800s."),
        (1, "12", "58:00", "tempo", "6", "Back hurt from the second mile of the tempo."),
    ]
    for days_ago, distance, time, kind, pain, note in runs:
        page.fill("#run-date", (today - dt.timedelta(days=days_ago)).isoformat())
        page.fill("#run-distance", distance)
        page.fill("#run-time", time)
        page.select_option("#run-kind", kind)
        page.fill("#run-rpe", "7" if pain else "3")
        page.select_option("#run-pain-region", "lower_back")
        page.fill("#run-pain-nrs", pain)
        page.select_option("#run-pain-when", "during")
        page.fill("#run-note", note)
        story.submit("Save run")
    logged = page.locator("table.log tbody tr")
    assert logged.count() == 3
    assert "12" in page.locator("table.log").inner_text()
    assert "Pain reported" in story.main_text()
    story.snap("log-runs")

    # Today: the session with its paces, and the next-morning check-in after the tempo.
    story.goto("/today")
    assert page.locator("h1").inner_text().startswith("Today")
    assert "Hello Sam" in story.main_text()
    assert page.locator("section.session-card").count() >= 1, "a key day with no session"
    assert page.get_by_role("heading", name="After your run").count() >= 1
    morning = page.locator("#morning-h")
    assert morning.is_visible(), "no next-morning check-in after yesterday's run"
    page.fill("#nm-nrs", "2")
    story.snap("today")
    with page.expect_navigation():
        page.locator("section[aria-labelledby=morning-h] button[type=submit]").click()
    # Saved: the card shows the answer instead of asking again.
    assert page.locator("#nm-nrs").count() == 0
    assert "Saved: lower back 2/10 next morning" in morning.locator("..").inner_text()
    # The pain check-in card on Today, pain at rest now.
    page.select_option("#ci-region", "lower_back")
    page.fill("#ci-nrs", "2")
    page.select_option("#ci-when", "rest")
    story.submit("Save check-in")
    story.snap("today-after-check-ins")

    # Triage: red flags first, nothing pre-answered.
    story.goto("/triage")
    assert page.locator("h1").inner_text() == "Check in about your pain"
    first_questions = page.locator("fieldset.question")
    assert first_questions.count() >= 3
    assert "red-flag" in (first_questions.first.get_attribute("class") or "")
    assert page.locator("input:checked").count() == 0
    story.snap("triage-red-flags")
    page.evaluate(FILL_UNANSWERED, NUMBERS)  # "no" to every red flag
    assert page.locator("fieldset.red-flag input[value=yes]:checked").count() == 0
    story.submit("Next")

    # His own words pre-fill the rest.
    assert page.locator("h1").inner_text() == "In your own words"
    page.fill("#text", STORY)
    story.snap("triage-description")
    story.submit("Next")
    assert "What niggle read in your description" in story.main_text()
    assert page.locator("p.from-text").count() >= 1
    prefilled = page.locator("input[name=provoked_by]:checked")
    assert prefilled.count() >= 1, "the description named tempo runs and 800s"
    story.snap("triage-confirm")
    for _ in range(4):  # follow-up pages for questions that turn out to apply
        if "/triage/result" in page.url:
            break
        page.evaluate(FILL_UNANSWERED, NUMBERS)
        story.submit("Next")
    assert "/triage/result" in page.url, story.main_text()
    result = story.main_text()
    assert page.locator("section.act-now").count() == 0, "no red flag was answered yes"
    assert "Running:" in result and "What helps" in result
    story.snap("triage-result")

    # Today now leads with the check-in's advice.
    story.goto("/today")
    note = page.locator("section.triage-note")
    assert note.is_visible() and "Your last check-in" in note.inner_text()
    assert "Running:" in note.inner_text()
    story.snap("today-after-triage")

    # The plan calendar proposes changes for his back, as a diff; nothing changes until he
    # accepts. He accepts, and the sessions change, each with its rule and reason.
    story.goto("/plan")
    proposal = page.locator("section.proposal")
    assert proposal.is_visible(), story.main_text()
    assert "Nothing changes until you accept" in proposal.inner_text()
    proposed = page.locator("ol.diff > li")
    count = proposed.count()
    assert count >= 1
    afters = [proposed.nth(i).locator("ins").inner_text() for i in range(count)]
    for i in range(count):
        item = proposed.nth(i).inner_text()
        assert "Before:" in item and "After:" in item and "Why:" in item and "Rule:" in item
    assert page.locator("li.session.adapted").count() == 0
    story.snap("plan-adaptation-proposed")
    story.submit("Accept these changes")
    assert page.url.endswith("/plan?saved=adapted")
    assert "the changes are in your plan" in story.main_text()
    assert page.locator("section.proposal").count() == 0
    adapted = page.locator("li.session.adapted")
    assert adapted.count() == count, story.main_text()
    shown = page.locator("li.session.adapted strong").all_inner_texts()
    for after in afters:
        assert any(after.split(" · ")[0] == title for title in shown), (after, shown)
    assert adapted.first.locator("p.reason").inner_text().startswith("Changed for your back")
    assert page.get_by_role("button", name="Undo the last changes niggle made").is_visible()
    story.snap("plan-adaptation-accepted")

    # The rehab programme from the triage: exercises with doses, mark today's session done.
    story.goto("/programme")
    assert page.locator("h1").inner_text() == "Programme"
    exercises = page.locator("ul.exercises > li")
    assert exercises.count() >= 1, story.main_text()
    assert re.search(r"level \d+ of \d+", exercises.first.inner_text())
    story.snap("programme")
    page.fill("#pain_during", "2")
    page.check("input[name=target_reached][value=yes]")
    story.submit("Mark session done")
    assert "Sessions done" in story.main_text()
    assert today.isoformat() in page.locator("#done-h + ul").inner_text()
    story.snap("programme-session-done")

    # Insights: volume, load, pain over time and the race forecast.
    story.goto("/insights")
    text = story.main_text()
    assert "Weekly running distance" in text and "Pain over time" in text
    assert page.locator("main svg").count() >= 2
    assert "Spring Marathon" in text and "predicted" in text
    assert page.locator("#forecast-h ~ table tbody tr").count() >= 1
    story.snap("insights-forecast")

    # Settings, the last page in the menu, also fits.
    story.goto("/settings")
    assert page.locator("h1").count() == 1
    story.snap("settings")
