"""Local single-user mode: signed in without a password, and only ever on loopback."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from niggle.cli.main import main
from niggle.config import Settings
from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput
from niggle.services.athletes import create_athlete
from niggle.services.database import open_database
from niggle.web.app import create_app
from niggle.web.server import url_for
from niggle.web.sessions import COOKIE_NAME
from niggle.web.settings import WebSettings, check_bind, is_loopback
from tests.web.conftest import AppFactory, Browser


def test_the_browser_is_signed_in_without_a_password(local_app: FastAPI) -> None:
    browser = Browser(local_app)
    first = browser.get("/")
    assert first.status_code == 303
    assert COOKIE_NAME in first.cookies
    assert browser.follow("/").url.path == "/onboarding"
    browser.onboard("Sam")
    page = browser.follow("/")
    assert page.url.path == "/today"
    assert "Hello Sam" in page.text


def test_the_local_account_exists_before_the_first_request(local_app: FastAPI) -> None:
    with local_app.state.niggle.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT username, is_local, password_hash FROM users")).all()
    assert [(r[0], bool(r[1]), r[2]) for r in rows] == [("local", True, None)]


def test_there_is_no_sign_in_sign_up_or_sign_out_in_local_mode(local_app: FastAPI) -> None:
    browser = Browser(local_app)
    assert browser.get("/login").headers["location"] == "/today"
    assert browser.get("/signup").status_code == 303
    page = browser.follow("/onboarding")
    assert "Sign out" not in page.text
    assert browser.post("/logout").headers["location"] == "/"


def test_the_local_account_adopts_the_athlete_made_with_the_cli(
    web_db_url: str, make_app: AppFactory
) -> None:
    db = open_database(web_db_url)
    create_athlete(db, Athlete(name="Cli Sam", units="mi"), dt.date(2026, 11, 28))
    db.dispose()
    browser = Browser(make_app(mode="local"))
    page = browser.follow("/")
    assert page.url.path == "/today"
    assert "Hello Cli Sam" in page.text


def test_the_local_account_can_adopt_a_named_athlete(web_db_url: str, make_app: AppFactory) -> None:
    db = open_database(web_db_url)
    for name in ("First", "Second"):
        create_athlete(db, Athlete(name=name), dt.date(2026, 11, 28))
    db.dispose()
    page = Browser(make_app(mode="local", local_athlete="Second")).follow("/")
    assert "Hello Second" in page.text


def test_an_unknown_athlete_name_stops_the_start(make_app: AppFactory) -> None:
    with pytest.raises(Exception, match="No athlete called 'Nobody'"):
        make_app(mode="local", local_athlete="Nobody")


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "192.168.1.5"])
def test_local_mode_answers_only_to_loopback_host_names(local_app: FastAPI, host: str) -> None:
    """A DNS-rebinding page would arrive with its own host name; it gets nothing."""
    response = Browser(local_app).client.get("/today", headers={"host": host})
    assert response.status_code == 400
    assert COOKIE_NAME not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_host_names_are_fine(local_app: FastAPI, host: str) -> None:
    assert Browser(local_app).client.get("/", headers={"host": host}).status_code == 303


# SQLite only: the proof that the database was never touched is that no file appears.
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_local_mode_refuses_a_non_loopback_address(host: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="--accounts"):
        check_bind(WebSettings(mode="local", host=host))
    with pytest.raises(InvalidInput, match=r"only listens on 127\.0\.0\.1"):
        create_app(Settings(db_url=f"sqlite:///{tmp_path / 'x.db'}"), WebSettings(host=host))
    assert not (tmp_path / "x.db").exists()  # refused before the database was touched


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.0.1", "::1", "localhost"])
def test_loopback_addresses_are_recognised(host: str) -> None:
    assert is_loopback(host)
    check_bind(WebSettings(mode="local", host=host))


def test_accounts_mode_may_bind_anywhere() -> None:
    check_bind(WebSettings(mode="accounts", host="0.0.0.0"))


# niggle serve ---------------------------------------------------------------------------------
# SQLite only: these test the command's bind rules and that a refusal creates no database file.


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_serve_refuses_local_mode_on_a_public_address(
    capsys: pytest.CaptureFixture[str],
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start"))
    code, _out, err = _run(
        capsys, "serve", "--host", "0.0.0.0", "--db", f"sqlite:///{tmp_path / 's.db'}"
    )
    assert code == 1
    assert "Local mode signs in without a password" in err
    assert "niggle serve --host 0.0.0.0 --accounts" in err
    assert not (tmp_path / "s.db").exists()


def test_serve_starts_uvicorn_on_loopback_in_local_mode(
    capsys: pytest.CaptureFixture[str],
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    code, _out, err = _run(
        capsys, "serve", "--port", "8765", "--db", f"sqlite:///{tmp_path / 's.db'}"
    )
    assert code == 0, err
    ((app, options),) = calls
    assert isinstance(app, FastAPI)
    assert options["host"] == "127.0.0.1"
    assert options["port"] == 8765
    assert "http://127.0.0.1:8765" in err
    assert "local mode" in err
    app.state.niggle.db.dispose()


def test_serve_with_accounts_may_listen_everywhere(
    capsys: pytest.CaptureFixture[str],
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import uvicorn

    calls: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    code, _out, err = _run(
        capsys, "serve", "--host", "0.0.0.0", "--accounts", "--db", f"sqlite:///{tmp_path / 's.db'}"
    )
    assert code == 0, err
    app, options = calls[0]
    assert options["host"] == "0.0.0.0"
    assert app.state.niggle.web.mode == "accounts"
    assert "HTTPS" in err
    app.state.niggle.db.dispose()


def test_ipv6_urls_are_bracketed() -> None:
    assert url_for("::1", 8000) == "http://[::1]:8000"
    assert url_for("127.0.0.1", 80) == "http://127.0.0.1:80"
