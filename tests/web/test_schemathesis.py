"""Schemathesis against the API's own OpenAPI document: no operation answers with a 5xx.

The app runs in-process (schemathesis' ASGI transport, no server) on a fresh database with
one seeded runner: a profile, a plan, a logged run and a pain report, so the fuzzed
requests reach real objects as well as made-up ids. Every operation is tried three ways:
- with the runner's personal API token and ``athlete_id`` pinned to the runner's own id,
  so bodies and query strings are fuzzed behind the authorization check;
- with the token and generated ids (negative, zero, huge), which must end in 404 or 422;
- with no token (or a malformed one), which must be refused, never served.

The run is bounded (a few examples per operation, no stateful phase) so it stays well
under a minute on a loaded two-core machine; the coverage phase stays on because its
boundary values (huge integers, empty strings, wrong types) are where 500s hide.

It runs on SQLite and on PostgreSQL (the app fixture is parametrized), with the same
examples on both: PostgreSQL's 32-bit integer columns are where those boundary values
overflow, and the coverage phase is most of the time anyway (one example instead of four
saved only about 10 of some 30 seconds per backend).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from tests.web.conftest import Browser, bearer

MAX_EXAMPLES = 4

CONFIG = {
    "generation": {"max-examples": MAX_EXAMPLES},
    "phases": {"stateful": {"enabled": False}},
}


@dataclass(frozen=True)
class Runner:
    token: str
    token_id: int
    athlete_id: int


@pytest.fixture
def runner(accounts_app: FastAPI) -> Runner:
    browser = Browser(accounts_app)
    browser.signup("ana")
    browser.onboard("Ana", race_time="22:30", race_date="2026-10-01")
    token = browser.make_token()
    client = browser.client
    me = client.get("/api/v1/me", headers=bearer(token)).json()
    athlete_id = me["athlete_id"]
    api = f"/api/v1/athletes/{athlete_id}"
    template = client.get("/api/v1/plan-templates", headers=bearer(token)).json()
    plan = client.post(
        f"{api}/plan",
        headers=bearer(token),
        json={"template": template["templates"][0]["id"], "race_date": "2027-03-14"},
    )
    assert plan.status_code in (200, 201), plan.text
    run = client.post(
        f"{api}/runs",
        headers=bearer(token),
        json={"date": "2026-11-27", "distance_m": 8000, "time_s": 2700},
    )
    assert run.status_code in (200, 201), run.text
    pain = client.post(
        f"{api}/pain-reports",
        headers=bearer(token),
        json={"date": "2026-11-27", "region": "knee", "nrs": 3, "when": "after"},
    )
    assert pain.status_code in (200, 201), pain.text
    tokens = client.get("/api/v1/tokens", headers=bearer(token)).json()["tokens"]
    return Runner(token=token, token_id=tokens[0]["id"], athlete_id=athlete_id)


def load_schema(app: FastAPI, **extra: Any) -> Any:
    config = SchemathesisConfig.from_dict({**CONFIG, **extra})
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, config=config)


@pytest.fixture
def any_ids_schema(accounts_app: FastAPI, runner: Runner) -> Any:
    return load_schema(accounts_app)


@pytest.fixture
def own_runner_schema(accounts_app: FastAPI, runner: Runner) -> Any:
    return load_schema(accounts_app, parameters={"path.athlete_id": runner.athlete_id})


any_ids = schemathesis.pytest.from_fixture("any_ids_schema")
own_runner = schemathesis.pytest.from_fixture("own_runner_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request: pytest.FixtureRequest) -> None:
    """schemathesis 4.32 renames the running test through ``node._nodeid``, which pytest 9
    no longer has; giving it one keeps its per-operation reporting working."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


BOUNDED = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    # The seeded app is a function-scoped fixture that every generated case shares on purpose
    # (the cases need the seeded runner); requests through the app are slow-ish to generate.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def keep_the_token(case: Any, runner: Runner) -> None:
    """Revoking the token this test runs on would turn every later case into a 401."""
    if (
        case.method == "DELETE"
        and case.path.endswith("/tokens/{token_id}")
        and case.path_parameters.get("token_id") == runner.token_id
    ):
        case.path_parameters["token_id"] = runner.token_id + 1


@own_runner.parametrize()
@BOUNDED
def test_no_server_error_on_the_runners_own_routes(case: Any, runner: Runner) -> None:
    keep_the_token(case, runner)
    case.call_and_validate(headers=bearer(runner.token), checks=[not_a_server_error])


@any_ids.parametrize()
@BOUNDED
def test_no_server_error_with_any_ids(case: Any, runner: Runner) -> None:
    keep_the_token(case, runner)
    case.call_and_validate(headers=bearer(runner.token), checks=[not_a_server_error])


@any_ids.parametrize()
@BOUNDED
def test_no_server_error_without_a_token(case: Any) -> None:
    response = case.call_and_validate(checks=[not_a_server_error])
    if case.path != "/api/v1/health":
        # Refused one way or another (401 no token, 400/422 bad input first): never served.
        assert response.status_code >= 400, response.text


@pytest.mark.parametrize("huge", [2**31, 2**63, 10**30])
def test_an_id_too_big_for_the_database_is_invalid_input_not_a_crash(
    accounts_app: FastAPI, runner: Runner, huge: int
) -> None:
    """Found by the fuzzing above: such ids reached the database and overflowed (500)."""
    client = Browser(accounts_app).client
    for path in (
        f"/api/v1/athletes/{huge}",
        f"/api/v1/athletes/{runner.athlete_id}/activities/{huge}",
        f"/api/v1/shares/{huge}",
    ):
        method = "DELETE" if "/shares/" in path else "GET"
        response = client.request(method, path, headers=bearer(runner.token))
        assert response.status_code == 422, (path, response.text)
        assert response.json()["error"]["code"] == "invalid_input"
    pain = client.post(
        f"/api/v1/athletes/{runner.athlete_id}/pain-reports",
        headers=bearer(runner.token),
        json={"date": "2026-11-27", "region": "knee", "nrs": 2, "activity_id": huge},
    )
    assert pain.status_code == 422, pain.text


def test_an_id_too_big_for_the_database_on_a_page_is_a_form_error(
    accounts_app: FastAPI,
) -> None:
    coach = Browser(accounts_app)
    coach.signup("cal", role="coach")
    page = coach.get(f"/coach/athletes/{2**63}")
    assert page.status_code == 422
    assert "text/html" in page.headers["content-type"]
    assert coach.get("/coach/athletes/0").status_code == 422
