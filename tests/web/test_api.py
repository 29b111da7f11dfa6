"""The JSON API: tokens, and one check per service it mirrors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.web.conftest import Browser, bearer


class Api:
    def __init__(self, browser: Browser, token: str) -> None:
        self.browser = browser
        self.token = token

    def __call__(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.browser.client.request(
            method, f"/api/v1{path}", headers=bearer(self.token), **kwargs
        )


@pytest.fixture
def runner(accounts_app: FastAPI) -> tuple[Api, int]:
    browser = Browser(accounts_app)
    browser.signup("ana")
    browser.onboard("Ana", units="mi", race_time="22:30", race_date="2026-10-01")
    api = Api(browser, browser.make_token())
    return api, api("GET", "/me").json()["athlete_id"]


def test_the_api_needs_a_token(accounts_app: FastAPI) -> None:
    client = Browser(accounts_app).client
    missing = client.get("/api/v1/me")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["code"] == "not_signed_in"
    wrong = client.get("/api/v1/me", headers=bearer("ngl_made-up"))
    assert wrong.status_code == 401
    assert "unknown or was revoked" in wrong.json()["error"]["message"]


def test_the_session_cookie_alone_does_not_open_the_api(accounts_app: FastAPI) -> None:
    """Cookies ride along on cross-site requests; tokens do not, so the API needs no CSRF."""
    browser = Browser(accounts_app)
    browser.signup("ana")
    assert browser.client.get("/api/v1/me").status_code == 401


def test_the_health_check_needs_nothing(accounts_app: FastAPI) -> None:
    assert Browser(accounts_app).client.get("/api/v1/health").json()["status"] == "ok"


def test_tokens_are_hashed_at_rest_listed_and_revocable(
    accounts_app: FastAPI, runner: tuple[Api, int]
) -> None:
    api, _ = runner
    with accounts_app.state.niggle.db.engine.connect() as conn:
        stored = [r[0] for r in conn.execute(text("SELECT token_hash FROM api_tokens"))]
    assert api.token not in stored
    tokens = api("GET", "/tokens").json()["tokens"]
    assert [t["name"] for t in tokens] == ["script"]
    assert api.token.startswith(tokens[0]["hint"])
    assert tokens[0]["last_used_at"] is not None
    assert api("DELETE", f"/tokens/{tokens[0]['id']}").status_code == 204
    assert api("GET", "/me").status_code == 401


def test_me_and_my_athletes(runner: tuple[Api, int]) -> None:
    api, athlete_id = runner
    me = api("GET", "/me").json()
    assert me["user"]["username"] == "ana"
    assert me["user"]["role"] == "athlete"
    assert api("GET", "/athletes").json()["athletes"] == [
        {"id": athlete_id, "name": "Ana", "access": "owner"}
    ]


def test_athlete_document_follows_the_cli_contract(runner: tuple[Api, int]) -> None:
    api, athlete_id = runner
    doc = api("GET", f"/athletes/{athlete_id}").json()
    assert doc["schema_version"] == 1
    assert doc["name"] == "Ana"
    assert doc["units"] == "mi"
    assert doc["results"][0]["time_s"] == 1350
    assert doc["vdot"] == pytest.approx(43.4, abs=0.2)


def test_changing_the_athlete(runner: tuple[Api, int]) -> None:
    api, athlete_id = runner
    changed = api(
        "PATCH",
        f"/athletes/{athlete_id}",
        json={
            "units": "km",
            "race_distance_m": 10000,
            "race_time_s": 2820,
            "race_date": "2026-11-01",
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["units"] == "km"
    assert len(changed.json()["results"]) == 2
    bad = api("PATCH", f"/athletes/{athlete_id}", json={"race_distance_m": 10000})
    assert bad.status_code == 422
    assert "race_time_s" in bad.json()["error"]["message"]
    unknown_field = api("PATCH", f"/athletes/{athlete_id}", json={"password": "x"})
    assert unknown_field.status_code == 422


def test_paces_follow_the_cli_contract(runner: tuple[Api, int]) -> None:
    api, athlete_id = runner
    paces = api("GET", f"/athletes/{athlete_id}/paces").json()
    assert paces["input"] == {"distance_m": 5000.0, "time_s": 1350.0}
    assert set(paces["daniels"]) >= {"easy_s_per_km", "threshold_s_per_km"}
    calculator = api("GET", "/paces", params={"from": "5k=22:30"}).json()
    assert calculator["vdot"] == paces["vdot"]
    nonsense = api("GET", "/paces", params={"from": "5k=2:00"})
    assert nonsense.status_code == 422
    assert "world record" in nonsense.json()["error"]["message"]


def test_logging_runs_and_pain_then_reading_them_back(runner: tuple[Api, int]) -> None:
    api, athlete_id = runner
    run = api(
        "POST",
        f"/athletes/{athlete_id}/runs",
        json={
            "date": "2026-11-27",
            "distance_m": 11265,
            "time_s": 3360,
            "kind": "tempo",
            "rpe": 7,
            "pain": [{"region": "lower_back", "nrs": 4, "when": "during"}],
        },
    )
    assert run.status_code == 201, run.text
    assert len(run.json()["pain_report_ids"]) == 1
    cross = api(
        "POST",
        f"/athletes/{athlete_id}/cross-training",
        json={"date": "2026-11-26", "sport": "bike", "time_s": 2700},
    )
    assert cross.status_code == 201
    pain = api(
        "POST",
        f"/athletes/{athlete_id}/pain-reports",
        json={"date": "2026-11-28", "region": "lower_back", "nrs": 2, "when": "next_morning"},
    )
    assert pain.status_code == 201
    log = api("GET", f"/athletes/{athlete_id}/activities").json()
    assert [a["sport"] for a in log["activities"]] == ["ride", "run"]
    assert sorted(p["nrs"] for p in log["pain_reports"]) == [2, 4]
    one = api("GET", f"/athletes/{athlete_id}/activities/{run.json()['id']}").json()
    assert one["activity"]["kind"] == "tempo"
    window = api(
        "GET", f"/athletes/{athlete_id}/pain-reports", params={"start": "2026-11-28"}
    ).json()
    assert [p["nrs"] for p in window["pain_reports"]] == [2]


@pytest.mark.parametrize(
    "body",
    [
        {"date": "2026-11-27", "distance_m": 10000, "time_s": 60},  # faster than anyone
        {"date": "2030-01-01", "distance_m": 10000, "time_s": 3000},  # in the future
        {"date": "2026-11-27", "distance_m": -5, "time_s": 3000},
        {
            "date": "2026-11-27",
            "distance_m": 10000,
            "time_s": 3000,
            "pain": [{"region": "soul", "nrs": 3}],
        },
        {
            "date": "2026-11-27",
            "distance_m": 10000,
            "time_s": 3000,
            "pain": [{"region": "knee", "nrs": 11}],
        },
        {"date": "not a date", "distance_m": 10000, "time_s": 3000},
    ],
)
def test_bad_runs_are_refused_with_a_reason(runner: tuple[Api, int], body: dict[str, Any]) -> None:
    api, athlete_id = runner
    response = api("POST", f"/athletes/{athlete_id}/runs", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["message"]
    assert api("GET", f"/athletes/{athlete_id}/activities").json()["activities"] == []


def test_overview_and_load(runner: tuple[Api, int]) -> None:
    api, athlete_id = runner
    api(
        "POST",
        f"/athletes/{athlete_id}/runs",
        json={"date": "2026-11-25", "distance_m": 8000, "time_s": 2700, "rpe": 5},
    )
    overview = api("GET", f"/athletes/{athlete_id}/overview").json()
    assert overview["week"] == {"run_distance_m": 8000.0, "runs": 1}
    assert overview["last_activity"]["date"] == "2026-11-25"
    load = api("GET", f"/athletes/{athlete_id}/load").json()
    assert load["as_of"] == "2026-11-28"
    assert load["weekly"][-1]["distance_m"] == 8000.0
    assert "acwr" in load


def test_sharing_through_the_api(accounts_app: FastAPI, runner: tuple[Api, int]) -> None:
    api, athlete_id = runner
    coach_browser = Browser(accounts_app)
    coach_browser.signup("cyrus", role="coach")
    coach = Api(coach_browser, coach_browser.make_token())
    invite = api("POST", "/invites")
    assert invite.status_code == 201
    code = invite.json()["code"]
    assert coach("POST", "/invites/accept", json={"code": code.lower()}).status_code == 200
    assert coach("POST", "/invites/accept", json={"code": code}).status_code == 404  # single use
    assert [a["access"] for a in coach("GET", "/athletes").json()["athletes"]] == ["shared"]
    assert coach("GET", f"/athletes/{athlete_id}/overview").status_code == 200
    share_id = api("GET", "/shares").json()["shared_with"][0]["id"]
    assert api("DELETE", f"/shares/{share_id}").status_code == 204
    assert coach("GET", f"/athletes/{athlete_id}/overview").status_code == 404
    log = api("GET", "/access-log").json()["entries"]
    assert [e["action"] for e in log][:2] == ["revoke", "view"]


def test_a_runner_cannot_accept_an_invite(runner: tuple[Api, int]) -> None:
    api, _ = runner
    code = api("POST", "/invites").json()["code"]
    response = api("POST", "/invites/accept", json={"code": code})
    assert response.status_code == 422
    assert "coach and physio" in response.json()["error"]["message"]
