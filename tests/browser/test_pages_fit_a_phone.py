"""Every page a new runner can reach, before there is anything in it, at phone width.

The founding story checks the pages full of data; this checks them empty (no plan, no runs,
no check-in), where the wording and layout are different, and the not-found page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.steps import Story

EMPTY_PAGES = {
    "/today": "No training plan yet",
    "/plan": "You have no training plan yet",
    "/log": "Nothing logged in the last",
    "/triage": "Some back pain needs care straight away",
    "/programme": "Your exercise programme is built from a pain check-in",
    "/insights": "No runs yet",
    "/settings": "",
}


def test_a_new_runners_pages_fit_a_phone(phone: Any, screenshots: Path) -> None:
    story = Story(phone, screenshots / "empty-pages")
    page = phone
    story.goto("/")
    assert page.url.endswith("/onboarding")
    story.snap("onboarding")
    page.fill("#name", "Alex")  # only the name is required
    story.submit("Save and continue")
    assert page.url.endswith("/onboarding/plan")
    story.snap("onboarding-goal-race")
    with page.expect_navigation():
        page.get_by_role("link", name="Skip for now").click()
    assert page.url.endswith("/today")

    for path, wording in EMPTY_PAGES.items():
        story.goto(path)
        assert wording in story.main_text(), f"{path}: {story.main_text()[:300]}"
        assert page.locator("nav a[aria-current=page]").count() <= 1
        story.snap(path.strip("/"))

    response = page.goto("/plan/workouts/999999/nothing-here")
    assert response is not None and response.status == 404
    story.snap("not-found")
