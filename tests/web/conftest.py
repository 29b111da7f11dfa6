"""Web fixtures: an app per test on a fresh database, and a browser that carries CSRF tokens.

Every test that builds an app runs twice, on SQLite and on PostgreSQL (skipped, and counted in
the summary, when the PostgreSQL tier is off).

Password hashing uses cheap argon2 parameters here so the suite stays fast; the algorithm
(argon2id) and code path are the production ones.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    # Starlette asks for httpx2 for its test client; httpx still works and is what we ship.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from fastapi import FastAPI

from niggle.config import Settings
from niggle.services.history_cache import MEMO
from niggle.services.overview import CARD_MEMO
from niggle.web.app import create_app
from niggle.web.clock import Clock
from niggle.web.settings import WebSettings

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
FAST = WebSettings(argon2_time_cost=1, argon2_memory_kib=8192, argon2_parallelism=1)
LOCAL_BASE = "http://127.0.0.1:8000"
PASSWORD = "correct horse battery"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A TestClient that remembers the last CSRF token a page gave it and sends it back."""

    def __init__(self, app: FastAPI, base_url: str = LOCAL_BASE) -> None:
        self.client = TestClient(app, base_url=base_url, follow_redirects=False)
        self.csrf: str | None = None

    def _remember(self, response: Any) -> Any:
        found = (
            CSRF_RE.search(response.text)
            if "text/html" in response.headers.get("content-type", "")
            else None
        )
        if found:
            self.csrf = found.group(1)
        return response

    def get(self, path: str, **kwargs: Any) -> Any:
        return self._remember(self.client.get(path, **kwargs))

    def follow(self, path: str) -> Any:
        return self._remember(self.client.get(path, follow_redirects=True))

    def post(self, path: str, data: dict[str, str] | None = None, *, csrf: bool = True) -> Any:
        form = dict(data or {})
        if csrf:
            if self.csrf is None:
                self.follow("/")
            assert self.csrf, "no page has given this browser a CSRF token yet"
            form.setdefault("csrf_token", self.csrf)
        return self._remember(self.client.post(path, data=form))

    def signup(self, username: str, role: str = "athlete", display_name: str = "") -> Any:
        self.get("/signup")
        return self.post(
            "/signup",
            {
                "username": username,
                "display_name": display_name or username.title(),
                "password": PASSWORD,
                "password_again": PASSWORD,
                "role": role,
            },
        )

    def login(self, username: str, password: str = PASSWORD) -> Any:
        self.get("/login")
        return self.post("/login", {"username": username, "password": password})

    def onboard(self, name: str, **fields: str) -> Any:
        self.get("/onboarding")
        form = {"name": name, "units": "km", "region": "uk", "race": "5k", "race_time": "22:30"}
        form.update(fields)
        return self.post("/onboarding", form)

    def upload(self, *files: tuple[str, bytes]) -> Any:
        """Post files to the Log page's upload form, as its file picker would."""
        return self.client.post(
            "/log/import",
            data={"csrf_token": self.csrf},
            files=[("files", (name, data, "application/octet-stream")) for name, data in files],
        )

    def make_token(self, name: str = "script") -> str:
        self.get("/settings")
        page = self.post("/settings/tokens", {"name": name})
        found = re.search(r"(ngl_[A-Za-z0-9_-]+)", page.text)
        assert found, page.text
        return found.group(1)


AppFactory = Callable[..., FastAPI]


@pytest.fixture
def clock() -> Clock:
    return Clock(fixed_now=NOW)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database file per test session; each test gets a copy (fast)."""
    from niggle.services.database import open_database

    path = tmp_path_factory.mktemp("template") / "web.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def web_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database on each backend: every app-using test runs on both.

    SQLite: a copy of the session's migrated file. PostgreSQL: the session's migrated schema,
    emptied (the same URL serves every test). In-process caches keyed on the database URL are
    cleared too, so a reused URL never answers with an earlier test's results.
    """
    MEMO.clear()
    CARD_MEMO.clear()
    if request.param == "sqlite":
        target = tmp_path / "web.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("migrated_postgres_url")
    request.getfixturevalue("postgres_schemas").empty(url)
    return url


@pytest.fixture
def make_app(web_db_url: str, clock: Clock) -> Iterator[AppFactory]:
    """``make_app(mode="accounts", max_body_bytes=...)`` builds an app on the test database."""
    built: list[FastAPI] = []

    def build(db_url: str | None = None, **overrides: Any) -> FastAPI:
        app = create_app(
            Settings(db_url=db_url or web_db_url), replace(FAST, **overrides), clock=clock
        )
        built.append(app)
        return app

    yield build
    for app in built:
        app.state.niggle.db.dispose()


@pytest.fixture
def accounts_app(make_app: AppFactory) -> FastAPI:
    return make_app(mode="accounts", host="0.0.0.0")


@pytest.fixture
def local_app(make_app: AppFactory) -> FastAPI:
    return make_app(mode="local")


@pytest.fixture
def browser_for(accounts_app: FastAPI) -> Callable[[], Browser]:
    return lambda: Browser(accounts_app)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def runner_on_log(local_app: FastAPI) -> Browser:
    """Sam, onboarded in local mode, on the Log page (so the upload form's token is set)."""
    browser = Browser(local_app)
    browser.follow("/")
    browser.onboard("Sam")
    browser.get("/log")
    return browser
