"""The audit log: every look by someone else at a runner's data is recorded and shown to them."""

from __future__ import annotations

from fastapi import FastAPI

from tests.web.conftest import Browser, bearer


def _shared_pair(app: FastAPI) -> tuple[Browser, Browser, int]:
    runner, coach = Browser(app), Browser(app)
    runner.signup("rhea")
    runner.onboard("Rhea Runner")
    coach.signup("cole", role="coach", display_name="Cole the Physio")
    runner.get("/settings")
    page = runner.post("/settings/invites")
    code = page.text.split('class="code">')[1].split("<")[0]
    coach.get("/coach")
    assert coach.post("/coach/invites", {"code": code}).status_code == 303
    athlete_id = int(coach.get("/coach").text.split('href="/coach/athletes/')[1].split('"')[0])
    return runner, coach, athlete_id


def _access_log(runner: Browser) -> list[dict[str, object]]:
    token = runner.make_token("audit reader")
    entries: list[dict[str, object]] = runner.client.get(
        "/api/v1/access-log", headers=bearer(token)
    ).json()["entries"]
    return entries


def test_a_coach_viewing_a_runner_is_logged(accounts_app: FastAPI) -> None:
    runner, coach, athlete_id = _shared_pair(accounts_app)
    before = len(_access_log(runner))
    assert coach.get(f"/coach/athletes/{athlete_id}").status_code == 200
    entries = _access_log(runner)
    assert len(entries) == before + 1
    newest = entries[0]
    assert newest["who"] == "Cole the Physio"
    assert newest["action"] == "view"
    assert newest["what"] == "runner overview"


def test_the_dashboard_and_api_reads_are_logged_too(accounts_app: FastAPI) -> None:
    runner, coach, athlete_id = _shared_pair(accounts_app)
    coach.get("/coach")
    token = coach.make_token("coach script")
    coach.client.get(f"/api/v1/athletes/{athlete_id}/activities", headers=bearer(token))
    what = [e["what"] for e in _access_log(runner)]
    assert "coach dashboard" in what
    assert "API: activities" in what


def test_sharing_and_revoking_are_logged(accounts_app: FastAPI) -> None:
    runner, _coach, _ = _shared_pair(accounts_app)
    settings = runner.get("/settings").text
    share_id = settings.split("/settings/shares/")[1].split("/")[0]
    runner.post(f"/settings/shares/{share_id}/revoke")
    actions = [e["action"] for e in _access_log(runner)]
    assert "share" in actions
    assert actions[0] == "revoke"


def test_the_runner_sees_who_looked_in_settings(accounts_app: FastAPI) -> None:
    runner, coach, athlete_id = _shared_pair(accounts_app)
    coach.get(f"/coach/athletes/{athlete_id}")
    page = runner.get("/settings").text
    assert "Who looked at your data" in page
    assert "Cole the Physio" in page
    assert "runner overview" in page


def test_a_runner_reading_their_own_data_is_not_logged(accounts_app: FastAPI) -> None:
    runner = Browser(accounts_app)
    runner.signup("solo")
    runner.onboard("Solo Runner")
    token = runner.make_token()
    me = runner.client.get("/api/v1/me", headers=bearer(token)).json()
    runner.client.get(f"/api/v1/athletes/{me['athlete_id']}", headers=bearer(token))
    runner.get("/today")
    assert _access_log(runner) == []


def test_refused_looks_are_not_logged_as_views(accounts_app: FastAPI) -> None:
    runner, _coach, athlete_id = _shared_pair(accounts_app)
    stranger = Browser(accounts_app)
    stranger.signup("stranger", role="coach")
    assert stranger.get(f"/coach/athletes/{athlete_id}").status_code == 404
    assert all(e["who"] != "Stranger" for e in _access_log(runner))
