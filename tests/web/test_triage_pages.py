"""The triage wizard: red flags first, the runner's words pre-fill, act-now shows only action."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tests.web.conftest import AppFactory, Browser

YES_NO = re.compile(r'name="([a-z_]+)" value="yes"')
CHOICE = re.compile(r'name="([a-z_]+)" value="none"')


@pytest.fixture
def runner(make_app: AppFactory) -> Browser:
    browser = Browser(make_app(mode="local"))
    browser.follow("/")
    browser.onboard("Sam", birth_year="1988")
    return browser


def _state(page: str) -> dict[str, str]:
    found = re.search(r'name="answers_json" value="([^"]*)"', page)
    assert found, page
    return {"answers_json": html.unescape(found.group(1))}


def _all_no(page: str) -> dict[str, Any]:
    form: dict[str, Any] = dict.fromkeys(YES_NO.findall(page), "no")
    form.update(dict.fromkeys(CHOICE.findall(page), "none"))
    return form


def test_the_first_page_is_the_red_flags_with_nothing_pre_answered(runner: Browser) -> None:
    page = runner.get("/triage").text
    asked = YES_NO.findall(page)
    assert asked[:3] == ["saddle_numbness", "bladder_change", "bowel_change"]
    assert "checked" not in page
    assert 'class="question red-flag"' in page


def test_an_emergency_answer_stops_and_shows_only_the_action(runner: Browser) -> None:
    page = runner.get("/triage").text
    form = _all_no(page) | _state(page) | {"saddle_numbness": "yes"}
    done = runner.post("/triage/safety", form)
    assert done.headers["location"] == "/triage/result"
    result = runner.get("/triage/result").text
    assert 'class="act-now"' in result
    assert "What helps" not in result and "Running:" not in result
    assert "saddle numbness" in result
    today = runner.get("/today").text
    assert 'class="act-now"' in today
    for invitation in ("After your run", "Training paces", "Pain check-in", "session-card"):
        assert invitation not in today


def test_an_urgent_answer_asks_what_could_make_it_an_emergency_first(runner: Browser) -> None:
    # A past cancer is urgent; with new leg tingling it becomes an emergency (clinical.md CA1).
    page = runner.get("/triage").text
    form = _all_no(page) | _state(page) | {"cancer_history": "yes"}
    follow_up = runner.post("/triage/safety", form)
    assert follow_up.status_code == 200
    assert "leg_numbness_or_tingling" in YES_NO.findall(follow_up.text)
    answered = {"leg_numbness_or_tingling": "yes", "followup": "1"} | _state(follow_up.text)
    for name in YES_NO.findall(follow_up.text):
        answered.setdefault(name, "no")
    done = runner.post("/triage/safety", answered)
    assert done.headers["location"] == "/triage/result"
    result = runner.get("/triage/result").text
    assert 'class="act-now"' in result
    assert "999" in result


def test_unanswered_red_flags_are_asked_again(runner: Browser) -> None:
    page = runner.get("/triage").text
    form = _all_no(page) | _state(page)
    del form["bladder_change"]
    again = runner.post("/triage/safety", form)
    assert again.status_code == 422
    assert "Please answer every question" in again.text


def test_tampered_hidden_answers_are_refused(runner: Browser) -> None:
    page = runner.get("/triage").text
    form = _all_no(page) | {"answers_json": '{"saddle_numbness": "perhaps"}'}
    response = runner.post("/triage/safety", form)
    assert response.status_code == 422


def test_the_whole_check_in_with_a_description(runner: Browser) -> None:
    first = runner.get("/triage").text
    describe = runner.post("/triage/safety", _all_no(first) | _state(first))
    assert "In your own words" in describe.text
    story = (
        "My lower back hurts during tempo runs and 800m repeats. It eases when I walk. "
        "I had one episode before."
    )
    rest = runner.post("/triage/describe", _state(describe.text) | {"text": story})
    assert "What niggle read in your description" in rest.text
    assert "From your description" in rest.text
    assert re.search(r'value="tempo" checked', rest.text)
    form = _all_no(rest.text) | _state(rest.text) | {"text": story}
    form.update(
        {
            "symptoms_weeks": "1",
            "pain_during_run_nrs": "6",
            "pain_after_run_nrs": "2",
            "pain_at_rest_nrs": "0",
            "previous_episodes": "1",
            "provoked_by": ["tempo", "intervals"],
            "provoked_by__shown": "1",
            "eases_with_walking_or_sitting": "yes",
        }
    )
    for scale in re.findall(r'name="(psy_[a-z_]+)" value="0"', rest.text):
        form[scale] = "1"
    page = rest
    for _ in range(3):  # follow-up pages for questions that turn out to apply
        page = runner.client.post("/triage/answers", data={**form, "csrf_token": runner.csrf})
        if page.status_code == 303:
            break
        assert page.status_code == 200, page.text
        form = _all_no(page.text) | _state(page.text) | {"text": story, "followup": "1"}
    assert page.headers["location"] == "/triage/result"
    result = runner.get("/triage/result").text
    assert "Running:" in result
    assert "What helps" in result
    today = runner.get("/today").text
    assert "Your last check-in" in today
