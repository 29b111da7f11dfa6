"""The app factory, security headers, the CSP and what every page may contain."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from fastapi import FastAPI
from sqlalchemy import inspect

from niggle.web.api import build_api_router
from niggle.web.deps import csrf_protect
from niggle.web.pages import build_pages_router
from niggle.web.routes import route_table
from niggle.web.security import CONTENT_SECURITY_POLICY
from tests.web.conftest import AppFactory, Browser


def test_importing_the_web_package_does_nothing() -> None:
    probe = (
        "import sys\n"
        "import niggle.web.app, niggle.web.deps, niggle.web.pages, niggle.web.api\n"
        "assert 'uvicorn' not in sys.modules\n"
        "import gc, sqlalchemy\n"
        "engines = [o for o in gc.get_objects() if isinstance(o, sqlalchemy.engine.Engine)]\n"
        "print(len(engines))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "0"


def test_the_factory_migrates_the_database_before_serving(make_app: AppFactory) -> None:
    app = make_app(mode="accounts")
    tables = set(inspect(app.state.niggle.db.engine).get_table_names())
    assert {"users", "web_sessions", "api_tokens", "shares", "audit_log", "athletes"} <= tables


def test_each_factory_call_builds_an_independent_app(make_app: AppFactory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = make_app(mode="accounts")
    # A second SQLite file whichever backend the first app is on: only independence matters.
    second = make_app(db_url=f"sqlite:///{tmp_path / 'other.db'}", mode="accounts")
    assert first is not second
    assert first.state.niggle.db is not second.state.niggle.db
    # The two share their routes (composed once per process) but each answers from its own
    # database: an account made on one does not exist on the other.
    Browser(first).signup("sam")
    assert Browser(first).login("sam").status_code == 303
    refused = Browser(second).login("sam")
    assert refused.status_code != 303 and "sam" not in refused.headers.get("location", "")


def test_shared_routes_give_the_same_openapi_as_including_the_routers(
    accounts_app: FastAPI,
) -> None:
    reference = FastAPI(
        title=accounts_app.title,
        version=accounts_app.version,
        summary=accounts_app.summary,
        description=accounts_app.description,
        openapi_url="/api/v1/openapi.json",
    )
    reference.include_router(build_pages_router())
    reference.include_router(build_api_router())
    assert accounts_app.openapi() == reference.openapi()


@pytest.mark.parametrize("path", ["/login", "/api/v1/health", "/static/niggle.css", "/nowhere"])
def test_security_headers_on_every_kind_of_response(accounts_app: FastAPI, path: str) -> None:
    response = Browser(accounts_app).get(path)
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in headers  # plain HTTP here


def test_the_csp_allows_nothing_inline_and_no_framing() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_https_responses_carry_hsts(accounts_app: FastAPI) -> None:
    response = Browser(accounts_app, base_url="https://niggle.example").get("/login")
    assert response.headers["strict-transport-security"].startswith("max-age=63072000")


def test_pages_are_not_cached_but_the_stylesheet_may_be(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app)
    assert browser.get("/login").headers["cache-control"] == "no-store"
    assert "no-store" not in browser.get("/static/niggle.css").headers.get("cache-control", "")


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)", re.I),  # inline script blocks
    re.compile(r"\son[a-z]+\s*=", re.I),  # event-handler attributes
    re.compile(r"\sstyle\s*=", re.I),  # inline styles (CSP style-src 'self')
    re.compile(r"javascript:", re.I),
    re.compile(r"(src|href)=\"https?://", re.I),  # nothing from another origin
]


def test_no_page_has_inline_script_style_or_external_assets(make_app: AppFactory) -> None:
    app = make_app(mode="local")
    browser = Browser(app)
    browser.follow("/")
    browser.onboard("Sam")
    browser.post("/log/run", {"date": "2026-11-27", "distance": "8", "time": "45:00"})
    browser.post(
        "/log/pain", {"date": "2026-11-27", "region": "lower_back", "nrs": "3", "when": "after"}
    )
    pages = ["/today", "/log", "/insights", "/settings", "/settings/delete", "/nowhere"]
    for path in pages:
        html = browser.get(path).text
        assert "<main" in html, path
        for pattern in INLINE:
            assert not pattern.search(html), (path, pattern.pattern)


def test_the_openapi_document_describes_the_api_only(accounts_app: FastAPI) -> None:
    document = Browser(accounts_app).get("/api/v1/openapi.json").json()
    paths = set(document["paths"])
    assert "/api/v1/athletes/{athlete_id}" in paths
    assert "/api/v1/athletes/{athlete_id}/runs" in paths
    assert all(p.startswith("/api/v1/") for p in paths)
    schemes = document["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_the_interactive_docs_are_off_because_they_need_a_cdn(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app)
    assert browser.get("/docs").status_code == 404
    assert browser.get("/redoc").status_code == 404


def test_every_app_route_comes_from_the_two_routers(accounts_app: FastAPI) -> None:
    """The authorization tests walk the routers; a route added elsewhere would escape them."""
    routers = route_table([*build_pages_router().routes, *build_api_router().routes])
    app_routes = [r for r in route_table(accounts_app.routes) if r.path != "/api/v1/openapi.json"]
    assert {(r.method, r.path) for r in app_routes} == {(r.method, r.path) for r in routers}
    assert len(routers) > 40  # the walk found the routes inside the included routers


def test_every_page_route_has_the_csrf_check() -> None:
    for route in route_table(build_pages_router().routes):
        assert csrf_protect in route.dependencies, route.path


def test_unknown_pages_get_a_friendly_404(accounts_app: FastAPI) -> None:
    response = Browser(accounts_app).get("/no/such/page")
    assert response.status_code == 404
    assert "There is no such page" in response.text
    api = Browser(accounts_app).get("/api/v1/nothing")
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "http_404"


def test_the_app_runs_on_both_backends(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    """The club set-up: accounts on SQLite and on PostgreSQL, one pass through the pages."""
    from dataclasses import replace

    from niggle.config import Settings
    from niggle.web.app import create_app
    from tests.web.conftest import FAST

    app = create_app(Settings(db_url=db_url), replace(FAST, mode="accounts"), clock=clock)
    try:
        runner, coach = Browser(app), Browser(app)
        runner.signup("rhea")
        runner.onboard("Rhea", units="mi")
        runner.post("/log/run", {"date": "2026-11-27", "distance": "5", "time": "40:00"})
        runner.get("/settings")
        code = runner.post("/settings/invites").text.split('class="code">')[1].split("<")[0]
        coach.signup("cole", role="coach")
        coach.get("/coach")
        assert coach.post("/coach/invites", {"code": code}).status_code == 303
        for path in ("/today", "/plan", "/log", "/programme", "/insights", "/settings"):
            assert runner.get(path).status_code == 200, path
        assert "Rhea" in coach.get("/coach").text
    finally:
        app.state.niggle.db.dispose()
