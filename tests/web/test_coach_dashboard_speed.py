"""The coach's dashboard remembers each runner's card, yet shows every change at once.

Cards are kept against the runner's data version (``services.overview.runner_card``); the
access check and the audit run on every view, for every runner, in one query and one
transaction. These tests look from the coach's side after a first (remembering) view.
"""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI

from niggle.services import accounts, sharing
from niggle.services.care import care_contacts
from niggle.services.missed_checkins import missed_checkins
from niggle.services.overview import CARD_MEMO, athlete_overview, attention_order
from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
from tests.services.test_triage import NEGATIVE
from tests.web.conftest import NOW, Browser, bearer

TODAY = NOW.date()
NAMES = ("Ann", "Bea", "Cat")


def _share(runner: Browser, coach: Browser) -> None:
    runner.get("/settings")
    code = runner.post("/settings/invites").text.split('class="code">')[1].split("<")[0]
    coach.get("/coach")
    assert coach.post("/coach/invites", {"code": code}).status_code == 303


def _ids(page: str) -> dict[str, int]:
    return {
        name: int(number)
        for number, name in re.findall(r'href="/coach/athletes/(\d+)">([^<]+)</a>', page)
    }


def _card(page: str, name: str) -> str:
    start = page.index(f">{name}</a></h2>")
    end = page.find('<li class="card">', start)
    return page[start : end if end != -1 else len(page)]


def _page(coach: Browser) -> str:
    response = coach.get("/coach")
    assert response.status_code == 200
    return str(response.text)


@pytest.fixture
def clinic(accounts_app: FastAPI) -> tuple[dict[str, Browser], Browser]:
    coach = Browser(accounts_app)
    coach.signup("carla", role="coach", display_name="Carla the Physio")
    runners = {}
    for name in NAMES:
        runner = Browser(accounts_app)
        runner.signup(name.lower())
        runner.onboard(name)
        _share(runner, coach)
        runners[name] = runner
    return runners, coach


def _dashboard_looks(runner: Browser) -> int:
    token = runner.make_token(f"audit {len(runner.client.cookies)}")
    entries = runner.client.get("/api/v1/access-log", headers=bearer(token)).json()["entries"]
    return sum(1 for e in entries if e["what"] == "coach dashboard")


def test_every_view_logs_each_runner_once_even_when_cards_are_remembered(
    clinic: tuple[dict[str, Browser], Browser],
) -> None:
    runners, coach = clinic
    before = {name: _dashboard_looks(r) for name, r in runners.items()}
    hits = CARD_MEMO.hits
    for _ in range(3):
        assert set(_ids(_page(coach))) == set(NAMES)
    assert CARD_MEMO.hits >= hits + 2 * len(NAMES)  # the later views used remembered cards
    for name, runner in runners.items():
        assert _dashboard_looks(runner) == before[name] + 3


def test_a_new_run_and_pain_report_show_at_once(
    clinic: tuple[dict[str, Browser], Browser],
) -> None:
    runners, coach = clinic
    assert "none reported" in _card(_page(coach), "Bea")
    logged = runners["Bea"].post(
        "/log/run",
        {
            "date": TODAY.isoformat(),
            "distance": "6",
            "time": "36:00",
            "pain_region": "knee",
            "pain_nrs": "6",
        },
    )
    assert logged.status_code == 303
    page = _page(coach)
    card = _card(page, "Bea")
    assert "6/10" in card and "<dd>6 km in 1 run</dd>" in card
    assert page.index(">Bea</a>") < page.index(">Ann</a>")  # pain above green goes first


def test_a_new_triage_shows_at_once_and_goes_first(
    clinic: tuple[dict[str, Browser], Browser], accounts_app: FastAPI
) -> None:
    _, coach = clinic
    page = _page(coach)
    assert "No pain check-in yet." in _card(page, "Cat")
    result = run_triage(
        knowledge(),
        care_contacts("uk"),
        TODAY,
        answers=AnswersInput({**NEGATIVE, "pain_during_run_nrs": 7}, 38, "male"),
    )
    save_triage(accounts_app.state.niggle.db, _ids(page)["Cat"], result, TODAY)
    page = _page(coach)
    assert "No pain check-in yet." not in _card(page, "Cat")
    assert "running: pause running" in _card(page, "Cat")
    assert page.index(">Cat</a>") < page.index(">Ann</a>")


def test_a_revoked_share_disappears_at_once(
    clinic: tuple[dict[str, Browser], Browser],
) -> None:
    runners, coach = clinic
    ann_id = _ids(_page(coach))["Ann"]
    settings = runners["Ann"].get("/settings").text
    share_id = settings.split("/settings/shares/")[1].split("/")[0]
    assert runners["Ann"].post(f"/settings/shares/{share_id}/revoke").status_code == 303
    page = _page(coach)
    assert set(_ids(page)) == {"Bea", "Cat"}
    assert coach.get(f"/coach/athletes/{ann_id}").status_code == 404


def test_remembered_cards_give_the_page_the_per_runner_path_gives(
    clinic: tuple[dict[str, Browser], Browser], accounts_app: FastAPI
) -> None:
    runners, coach = clinic
    runners["Ann"].post(
        "/log/run",
        {
            "date": TODAY.isoformat(),
            "distance": "5",
            "time": "30:00",
            "pain_region": "lower_back",
            "pain_nrs": "2",
        },
    )
    fresh = _page(coach)
    assert _page(coach) == fresh  # from remembered cards
    CARD_MEMO.clear()
    assert _page(coach) == fresh  # computed afresh
    # The order is the one the per-runner functions give, one runner at a time.
    db = accounts_app.state.niggle.db
    viewer = accounts.user_for_api_token(db, coach.make_token("order check"), NOW)
    assert viewer is not None
    keys = []
    for athlete_id in _ids(fresh).values():
        athlete = sharing.athlete_for_viewing(db, viewer, athlete_id, what="test", now=NOW)
        overview = athlete_overview(db, athlete, TODAY)
        missed = missed_checkins(db, athlete, TODAY, overview.triage)
        keys.append((attention_order(overview, missed), athlete.name))
    assert list(_ids(fresh)) == [name for _, name in sorted(keys)]
