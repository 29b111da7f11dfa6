"""Missed check-ins on the coach's dashboard, the runner's page and the API.

Ann has a plan and has logged nothing for a week; Bea has no plan and checked in today with
green pain. The coach sees Ann's missed sessions at the top with the other worries, and the
list updates as soon as Ann logs a run late.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi import FastAPI

from niggle.domain.dates import week_start
from niggle.domain.units import RaceResult
from niggle.services.care import care_contacts
from niggle.services.missed_checkins import GRACE_DAYS, SILENT_DAYS, WINDOW_DAYS
from niggle.services.plans import create_plan, demo_race_date
from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
from tests.services.test_triage import NEGATIVE
from tests.web.conftest import NOW, Browser, bearer

TODAY = NOW.date()


def _share(runner: Browser, coach: Browser) -> None:
    runner.get("/settings")
    code = runner.post("/settings/invites").text.split('class="code">')[1].split("<")[0]
    coach.get("/coach")
    assert coach.post("/coach/invites", {"code": code}).status_code == 303


def _card(page: str, name: str) -> str:
    start = page.index(f">{name}</a></h2>")
    end = page.find('<li class="card">', start)
    return page[start : end if end != -1 else len(page)]


def _ids(page: str) -> dict[str, int]:
    return {
        name: int(number)
        for number, name in re.findall(r'href="/coach/athletes/(\d+)">([^<]+)</a>', page)
    }


@pytest.fixture
def club(accounts_app: FastAPI) -> tuple[Browser, Browser, Browser, list[dt.date]]:
    db = accounts_app.state.niggle.db
    ann, bea, coach = Browser(accounts_app), Browser(accounts_app), Browser(accounts_app)
    ann.signup("ann")
    ann.onboard("Ann")
    plan = create_plan(
        db, "Ann", TODAY, template_id="first-marathon", race_date=demo_race_date(TODAY),
        start=week_start(TODAY) - dt.timedelta(weeks=2), fitness=RaceResult(5000, 1350),
    ).plan  # fmt: skip
    first = TODAY - dt.timedelta(days=WINDOW_DAYS)
    last = TODAY - dt.timedelta(days=1 + GRACE_DAYS)
    due = sorted(w.on for w in plan.workouts if w.is_run and first <= w.on <= last)
    bea.signup("bea")
    bea.onboard("Bea")
    logged = bea.post(
        "/log/run",
        {
            "date": TODAY.isoformat(),
            "distance": "5",
            "time": "30:00",
            "pain_region": "lower_back",
            "pain_nrs": "1",
        },
    )
    assert logged.status_code == 303
    coach.signup("carla", role="coach")
    _share(bea, coach)
    _share(ann, coach)
    return ann, bea, coach, due


def test_the_dashboard_lists_missed_sessions_first_with_the_last_check_in(
    club: tuple[Browser, Browser, Browser, list[dt.date]],
) -> None:
    _, _, coach, due = club
    assert len(due) == 3  # Sunday, Tuesday and Thursday runs; Friday's grace day is not over
    page = coach.get("/coach").text
    assert page.index(">Ann</a>") < page.index(">Bea</a>")  # Bea's 1/10 is green: carry on
    ann = _card(page, "Ann")
    assert "Missed check-ins: 3 planned sessions in the last 7 days with nothing logged" in ann
    for day in due:
        assert f"{day:%a} {day.day} {day:%b %Y}" in ann
    assert "none in 60 days" in ann
    bea = _card(page, "Bea")
    assert "Missed check-ins" not in bea
    assert f"{TODAY:%a} {TODAY.day} {TODAY:%b %Y} (0 d ago)" in bea
    assert "not from a study" in page  # the rule is named as niggle's own default


def test_a_run_logged_late_clears_its_session(
    club: tuple[Browser, Browser, Browser, list[dt.date]],
) -> None:
    ann, _, coach, due = club
    late = ann.post(
        "/log/run", {"date": due[0].isoformat(), "distance": "8", "time": "45:00"}
    )  # logged today, dated for the session's day
    assert late.status_code == 303
    card = _card(coach.get("/coach").text, "Ann")
    assert "2 planned sessions in the last 7 days" in card
    assert f"{due[0]:%a} {due[0].day} {due[0]:%b %Y}:" not in card


def test_silence_while_triage_is_not_all_clear_is_shown_and_in_the_api(
    club: tuple[Browser, Browser, Browser, list[dt.date]], accounts_app: FastAPI
) -> None:
    _, _, coach, due = club
    ids = _ids(coach.get("/coach").text)
    quiet_since = TODAY - dt.timedelta(days=SILENT_DAYS + 3)
    # A real triage result that pauses running (pain 7/10 during runs), taken days ago.
    result = run_triage(
        knowledge(),
        care_contacts("uk"),
        quiet_since,
        answers=AnswersInput({**NEGATIVE, "pain_during_run_nrs": 7}, 38, "male"),  # type: ignore[dict-item]
    )
    assert result.running == "pause_running"
    save_triage(accounts_app.state.niggle.db, ids["Ann"], result, quiet_since)
    page = coach.get("/coach").text
    card = _card(page, "Ann")
    assert f"no check-in for {SILENT_DAYS + 3} days while the latest triage is not all clear" in (
        card
    )
    detail = coach.get(f"/coach/athletes/{ids['Ann']}").text
    assert "Missed check-ins: 3 planned sessions" in detail
    assert f"Last check-in (pain report or triage): {quiet_since:%a} {quiet_since.day}" in detail

    token = coach.make_token()
    document = coach.client.get(
        f"/api/v1/athletes/{ids['Ann']}/overview", headers=bearer(token)
    ).json()
    missed = document["missed_checkins"]
    assert missed["count"] == 3 and missed["silent"] is True
    assert [s["date"] for s in missed["sessions"]] == [d.isoformat() for d in due]
    assert missed["last_checkin"] == quiet_since.isoformat()
    assert missed["rules"]["product_default"] is True
    assert document["triage"]["running"] == "pause_running"  # the fields already there stay
    bea = coach.client.get(f"/api/v1/athletes/{ids['Bea']}/overview", headers=bearer(token))
    assert bea.json()["missed_checkins"]["count"] == 0
