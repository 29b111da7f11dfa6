"""Every route, tried by the wrong person with someone else's ids.

Alice (a runner) shares with Carol (a coach). Bob (another runner) and Dave (a coach Alice
does not share with) try every route in the app's route table with Alice's ids: her athlete,
activity, API token, invite and share. The table is read from the app, so a route added
later is tried too; a route with a path parameter this file has no id for fails the test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from niggle.config import Settings
from niggle.web.api import build_api_router
from niggle.web.app import create_app
from niggle.web.clock import Clock
from niggle.web.pages import build_pages_router
from niggle.web.routes import RouteInfo, route_table
from tests.web.conftest import FAST, NOW, Browser, bearer

SECRET_NAME = "Zephyrine"
SECRET_NOTE = "alice-secret-note"
MARKERS = (SECRET_NAME, SECRET_NOTE)
ROUTES = route_table([*build_pages_router().routes, *build_api_router().routes])
OWN_HOMES = {"/today", "/coach", "/onboarding", "/login"}
# Valid form fields for page routes that take an id, so the attempt fails on authorization
# rather than on a missing field.
PAGE_FORMS: dict[str, dict[str, str]] = {
    "/plan/workouts/{workout_id}/status": {"status": "skipped"}
}

API_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/api/v1/athletes/{athlete_id}"): {"units": "mi"},
    ("POST", "/api/v1/athletes/{athlete_id}/runs"): {
        "date": "2026-11-27",
        "distance_m": 8000,
        "time_s": 2700,
    },
    ("POST", "/api/v1/athletes/{athlete_id}/cross-training"): {
        "date": "2026-11-27",
        "sport": "bike",
        "time_s": 1800,
    },
    ("POST", "/api/v1/athletes/{athlete_id}/pain-reports"): {
        "date": "2026-11-27",
        "region": "lower_back",
        "nrs": 3,
        "when": "after",
    },
    ("POST", "/api/v1/athletes/{athlete_id}/plan"): {
        "template": "first-10k",
        "race_date": "2027-04-04",
    },
    ("POST", "/api/v1/athletes/{athlete_id}/plan/workouts/{workout_id}"): {"status": "skipped"},
    # No body: listed so the shared coach is shown to be refused these changes too.
    ("POST", "/api/v1/athletes/{athlete_id}/plan/adaptation"): {},
    ("POST", "/api/v1/athletes/{athlete_id}/plan/adaptation/undo"): {},
    ("POST", "/api/v1/athletes/{athlete_id}/programme/sessions"): {"date": "2026-11-27"},
}
# Multipart routes: the files to send instead of a JSON body.
API_FILES: dict[tuple[str, str], list[tuple[str, tuple[str, bytes, str]]]] = {
    ("POST", "/api/v1/athletes/{athlete_id}/imports"): [
        ("files", ("run.gpx", b"<gpx></gpx>", "application/gpx+xml"))
    ],
}


@dataclass
class World:
    app: FastAPI
    alice: Browser
    bob: Browser
    carol: Browser
    dave: Browser
    tokens: dict[str, str]
    ids: dict[str, int]


def _api(browser: Browser, token: str, method: str, path: str, **kwargs: Any) -> Any:
    return browser.client.request(method, path, headers=bearer(token), **kwargs)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("authz") / "web.db"
        db_url = f"sqlite:///{path}"
    else:
        # A schema of its own: this world lives for the whole module, while the shared web
        # schema is emptied before every test.
        db_url = request.getfixturevalue("postgres_schemas").new()
    app = create_app(
        Settings(db_url=db_url),
        replace(FAST, mode="accounts", host="0.0.0.0"),
        clock=Clock(fixed_now=NOW),
    )
    people = {name: Browser(app) for name in ("alice", "bob", "carol", "dave")}
    alice, bob, carol, dave = people.values()
    alice.signup("alice")
    alice.onboard(f"Alice {SECRET_NAME}")
    bob.signup("bob")
    bob.onboard("Bob Ordinary")
    carol.signup("carol", role="coach")
    dave.signup("dave", role="coach")
    tokens = {name: b.make_token(f"{name}'s script") for name, b in people.items()}

    me = _api(alice, tokens["alice"], "GET", "/api/v1/me").json()
    athlete_id = me["athlete_id"]
    run = _api(
        alice,
        tokens["alice"],
        "POST",
        f"/api/v1/athletes/{athlete_id}/runs",
        json={
            "date": "2026-11-26",
            "distance_m": 10000,
            "time_s": 3000,
            "note": SECRET_NOTE,
            "pain": [{"region": "lower_back", "nrs": 4, "when": "during", "note": SECRET_NOTE}],
        },
    )
    assert run.status_code == 201, run.text
    invite = _api(alice, tokens["alice"], "POST", "/api/v1/invites").json()
    accepted = _api(
        carol, tokens["carol"], "POST", "/api/v1/invites/accept", json={"code": invite["code"]}
    )
    assert accepted.status_code == 200, accepted.text
    share_id = accepted.json()["athletes_sharing_with_me"][0]["id"]
    pending = _api(alice, tokens["alice"], "POST", "/api/v1/invites").json()
    plan = _api(
        alice,
        tokens["alice"],
        "POST",
        f"/api/v1/athletes/{athlete_id}/plan",
        json={"template": "first-5k", "race_date": "2027-03-07", "race_name": SECRET_NOTE},
    )
    assert plan.status_code == 201, plan.text
    workout_id = plan.json()["weeks"][-1]["workouts"][0]["id"]
    alice_tokens = _api(alice, tokens["alice"], "GET", "/api/v1/tokens").json()["tokens"]
    ids = {
        "athlete_id": athlete_id,
        "activity_id": run.json()["id"],
        "token_id": alice_tokens[0]["id"],
        "invite_id": pending["id"],
        "share_id": share_id,
        "workout_id": workout_id,
    }
    yield World(app, alice, bob, carol, dave, tokens, ids)
    app.state.niggle.db.dispose()


def _fill(route: RouteInfo, ids: dict[str, int]) -> str:
    missing = [p for p in route.path_params if p not in ids]
    if missing:
        pytest.fail(f"{route.method} {route.path}: add an id of Alice's for {missing}")
    return re.sub(r"\{([a-z_]+)\}", lambda m: str(ids[m.group(1)]), route.path)


def _attempt(world: World, who: str, route: RouteInfo, ids: dict[str, int]) -> Any:
    browser: Browser = getattr(world, who)
    path = _fill(route, ids)
    if route.is_api:
        key = (route.method, route.path)
        if key in API_FILES:
            return _api(browser, world.tokens[who], route.method, path, files=API_FILES[key])
        body = API_BODIES.get(key)
        if route.has_body and body is None:
            pytest.fail(f"{route.method} {route.path}: add a valid body to API_BODIES")
        return _api(browser, world.tokens[who], route.method, path, json=body)
    if route.method == "GET":
        return browser.get(path)
    browser.follow("/settings")  # a fresh CSRF token of the attacker's own session
    return browser.post(path, PAGE_FORMS.get(route.path, {}))


WITH_IDS = [r for r in ROUTES if r.path_params]
WITHOUT_IDS = [r for r in ROUTES if not r.path_params and r.method == "GET"]


def _ids(route: RouteInfo) -> str:
    return f"{route.method} {route.path}"


@pytest.mark.parametrize("who", ["bob", "dave"])
@pytest.mark.parametrize("route", WITH_IDS, ids=_ids)
def test_nobody_reaches_alices_objects(world: World, route: RouteInfo, who: str) -> None:
    response = _attempt(world, who, route, world.ids)
    if route.is_api:
        assert response.status_code == 404, response.text
    else:
        assert response.status_code in (303, 404), response.text
        if response.status_code == 303:
            assert response.headers["location"] in OWN_HOMES
    for marker in MARKERS:
        assert marker not in response.text


@pytest.mark.parametrize("route", WITH_IDS, ids=_ids)
def test_alices_ids_look_exactly_like_ids_that_do_not_exist(world: World, route: RouteInfo) -> None:
    real = _attempt(world, "bob", route, world.ids)
    fake = _attempt(world, "bob", route, dict.fromkeys(world.ids, 987654))
    assert real.status_code == fake.status_code
    assert re.sub(r"\d+", "N", real.text) == re.sub(r"\d+", "N", fake.text)


@pytest.mark.parametrize("who", ["bob", "dave", "carol"])
@pytest.mark.parametrize("route", WITHOUT_IDS, ids=_ids)
def test_own_pages_show_nobody_elses_data(world: World, route: RouteInfo, who: str) -> None:
    browser: Browser = getattr(world, who)
    if route.is_api:
        response = _api(browser, world.tokens[who], "GET", route.path, params={"from": "5k=25:00"})
    else:
        response = browser.get(route.path)
    if who == "carol" and route.path in ("/coach", "/api/v1/athletes", "/api/v1/shares"):
        return  # Carol is shared with; the positive tests below cover what she sees
    for marker in MARKERS:
        assert marker not in response.text, route.path


def test_the_shared_coach_sees_alice_and_only_reads(world: World) -> None:
    athlete_id = world.ids["athlete_id"]
    page = world.carol.get(f"/coach/athletes/{athlete_id}")
    assert page.status_code == 200
    assert SECRET_NAME in page.text
    assert SECRET_NAME in world.carol.get("/coach").text
    token = world.tokens["carol"]
    assert _api(world.carol, token, "GET", f"/api/v1/athletes/{athlete_id}").status_code == 200
    for (method, template), body in API_BODIES.items():
        path = re.sub(r"\{([a-z_]+)\}", lambda m: str(world.ids[m.group(1)]), template)
        refused = _api(world.carol, token, method, path, json=body)
        assert refused.status_code == 404, (method, path)
    for (method, template), files in API_FILES.items():
        path = template.replace("{athlete_id}", str(athlete_id))
        assert _api(world.carol, token, method, path, files=files).status_code == 404


def test_a_runner_account_cannot_use_coach_pages(world: World) -> None:
    response = world.bob.get(f"/coach/athletes/{world.ids['athlete_id']}")
    assert response.status_code == 303
    assert response.headers["location"] == "/today"


def test_alice_still_has_everything_after_the_attempts(world: World) -> None:
    token = world.tokens["alice"]
    athlete_id = world.ids["athlete_id"]
    profile = _api(world.alice, token, "GET", f"/api/v1/athletes/{athlete_id}").json()
    assert profile["units"] == "km"
    log = _api(world.alice, token, "GET", f"/api/v1/athletes/{athlete_id}/activities").json()
    assert [a["id"] for a in log["activities"]] == [world.ids["activity_id"]]
    assert len(log["pain_reports"]) == 1
    shares = _api(world.carol, world.tokens["carol"], "GET", "/api/v1/shares").json()
    assert [s["id"] for s in shares["athletes_sharing_with_me"]] == [world.ids["share_id"]]
    plan = _api(world.alice, token, "GET", f"/api/v1/athletes/{athlete_id}/plan").json()
    assert plan["template"] == "first-5k"
    statuses = {w["id"]: w["status"] for wk in plan["weeks"] for w in wk["workouts"]}
    assert statuses[world.ids["workout_id"]] == "planned"
    settings = world.alice.get("/settings").text
    assert f"/settings/invites/{world.ids['invite_id']}/cancel" in settings
    assert f"/settings/tokens/{world.ids['token_id']}/revoke" in settings


def test_every_route_with_an_id_was_tried() -> None:
    params = {p for r in WITH_IDS for p in r.path_params}
    assert params == {
        "athlete_id",
        "activity_id",
        "token_id",
        "invite_id",
        "share_id",
        "workout_id",
    }
    assert len(WITH_IDS) >= 15
