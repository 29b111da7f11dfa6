"""Accounts in the browser: sign-up, sign-in, cookies, CSRF and the sign-in rate limit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from niggle.web.clock import Clock
from niggle.web.pages import build_pages_router
from niggle.web.routes import route_table
from niggle.web.sessions import COOKIE_NAME
from tests.web.conftest import PASSWORD, AppFactory, Browser


def _set_cookie(response) -> str:  # type: ignore[no-untyped-def]
    return next(v for k, v in response.headers.multi_items() if k == "set-cookie")


def test_signup_signs_in_and_sends_a_runner_to_onboarding(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app)
    response = browser.signup("alice@example.org")
    assert response.status_code == 303
    assert response.headers["location"] == "/onboarding"
    assert browser.follow("/").url.path == "/onboarding"


def test_a_coach_lands_on_the_runner_list(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app)
    assert browser.signup("coach.carol", role="coach").headers["location"] == "/coach"
    page = browser.follow("/")
    assert page.url.path == "/coach"
    assert "Nobody shares with you yet" in page.text


def test_passwords_are_stored_as_argon2id_hashes(accounts_app: FastAPI) -> None:
    Browser(accounts_app).signup("alice")
    with accounts_app.state.niggle.db.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT password_hash FROM users WHERE username='alice'")
        ).scalar()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_session_cookie_is_httponly_samesite_lax_and_not_secure_over_http(
    accounts_app: FastAPI,
) -> None:
    cookie = _set_cookie(Browser(accounts_app).signup("alice"))
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Path=/" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_over_https(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app, base_url="https://niggle.example")
    assert "Secure" in _set_cookie(browser.get("/login"))


def test_settings_can_force_secure_cookies_behind_a_proxy(make_app: AppFactory) -> None:
    app = make_app(mode="accounts", secure_cookies=True)
    assert "Secure" in _set_cookie(Browser(app).get("/login"))


def test_the_session_token_changes_at_sign_in(accounts_app: FastAPI) -> None:
    Browser(accounts_app).signup("alice")
    browser = Browser(accounts_app)
    before = browser.get("/login").cookies[COOKIE_NAME]
    after = browser.post("/login", {"username": "alice", "password": PASSWORD})
    assert after.status_code == 303
    assert after.cookies[COOKIE_NAME] != before


def test_session_tokens_are_not_stored_in_clear(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app)
    token = browser.signup("alice").cookies[COOKIE_NAME]
    with accounts_app.state.niggle.db.engine.connect() as conn:
        stored = [r[0] for r in conn.execute(text("SELECT token_hash FROM web_sessions"))]
    assert token not in stored
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in stored)


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(
    accounts_app: FastAPI,
) -> None:
    Browser(accounts_app).signup("alice")
    browser = Browser(accounts_app)
    wrong = browser.login("alice", "not the password")
    unknown = browser.login("nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "do not match" in wrong.text and "do not match" in unknown.text


def test_signing_out_ends_the_session(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app)
    browser.signup("alice")
    old_cookie = browser.client.cookies[COOKIE_NAME]
    browser.follow("/onboarding")
    assert browser.post("/logout").headers["location"] == "/login"
    replay = Browser(accounts_app)
    replay.client.cookies.set(COOKIE_NAME, old_cookie)
    assert replay.get("/settings").headers["location"].startswith("/login")


def test_pages_need_sign_in_and_come_back_after(accounts_app: FastAPI) -> None:
    Browser(accounts_app).signup("alice")
    browser = Browser(accounts_app)
    response = browser.get("/settings")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/settings"
    browser.get("/login?next=/settings")
    signed_in = browser.post(
        "/login", {"username": "alice", "password": PASSWORD, "next": "/settings"}
    )
    assert signed_in.headers["location"] == "/settings"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/\\evil"])
def test_sign_in_never_redirects_off_site(accounts_app: FastAPI, target: str) -> None:
    Browser(accounts_app).signup("alice")
    browser = Browser(accounts_app)
    browser.get("/login")
    response = browser.post("/login", {"username": "alice", "password": PASSWORD, "next": target})
    assert response.headers["location"] == "/onboarding" or response.headers["location"] == "/today"


def test_short_passwords_and_mismatches_are_refused(accounts_app: FastAPI) -> None:
    browser = Browser(accounts_app)
    browser.get("/signup")
    short = browser.post(
        "/signup", {"username": "alice", "password": "short", "password_again": "short"}
    )
    assert short.status_code == 422
    assert "at least 10 characters" in short.text
    differ = browser.post(
        "/signup",
        {"username": "alice", "password": PASSWORD, "password_again": PASSWORD + "x"},
    )
    assert differ.status_code == 422
    assert "differ" in differ.text


def test_usernames_are_unique_whatever_the_case(accounts_app: FastAPI) -> None:
    Browser(accounts_app).signup("alice")
    again = Browser(accounts_app).signup("ALICE")
    assert again.status_code == 409
    assert "taken" in again.text


def test_sign_up_can_be_closed(make_app: AppFactory) -> None:
    app = make_app(mode="accounts", allow_signup=False)
    browser = Browser(app)
    assert browser.get("/signup").status_code == 404
    assert "Create an account" not in browser.get("/login").text


# CSRF ----------------------------------------------------------------------------------------

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PAGE_FORMS = [
    (r.method, r.path) for r in route_table(build_pages_router().routes) if r.method in UNSAFE
]


def _concrete(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "1", path)


@pytest.mark.parametrize(("method", "path"), PAGE_FORMS)
def test_every_page_form_refuses_a_missing_or_wrong_csrf_token(
    accounts_app: FastAPI, method: str, path: str
) -> None:
    browser = Browser(accounts_app)
    browser.signup("alice")
    browser.follow("/onboarding")
    assert browser.csrf
    for token in (None, "forged-token", browser.csrf[:-1]):
        form = {} if token is None else {"csrf_token": token}
        response = browser.client.request(method, _concrete(path), data=form)
        assert response.status_code == 403, (path, token)
        assert "This form has expired" in response.text


def test_there_are_page_forms_to_protect() -> None:
    assert ("POST", "/login") in PAGE_FORMS
    assert ("POST", "/settings/delete") in PAGE_FORMS
    assert len(PAGE_FORMS) >= 12


def test_the_sign_in_form_is_csrf_protected_too(accounts_app: FastAPI) -> None:
    Browser(accounts_app).signup("alice")
    attacker = Browser(accounts_app)
    response = attacker.post("/login", {"username": "alice", "password": PASSWORD}, csrf=False)
    assert response.status_code == 403


def test_a_csrf_token_from_another_session_is_refused(accounts_app: FastAPI) -> None:
    alice = Browser(accounts_app)
    alice.signup("alice")
    alice.follow("/onboarding")
    mallory = Browser(accounts_app)
    mallory.signup("mallory")
    mallory.follow("/onboarding")
    assert mallory.csrf and alice.csrf and mallory.csrf != alice.csrf
    response = alice.client.post("/onboarding", data={"csrf_token": mallory.csrf, "name": "X"})
    assert response.status_code == 403


# Rate limiting -------------------------------------------------------------------------------


def test_sign_in_is_rate_limited_per_account(accounts_app: FastAPI, clock: Clock) -> None:
    Browser(accounts_app).signup("alice")
    browser = Browser(accounts_app)
    for _ in range(5):
        assert browser.login("alice", "guess guess guess").status_code == 401
    blocked = browser.login("alice", PASSWORD)  # even the right password waits
    assert blocked.status_code == 429
    assert "Too many failed sign-ins" in blocked.text
    assert 0 < int(blocked.headers["retry-after"]) <= 15 * 60
    assert clock.fixed_now is not None
    clock.fixed_now += dt.timedelta(minutes=16)
    assert browser.login("alice", PASSWORD).status_code == 303


def test_sign_in_is_rate_limited_per_client_address(make_app: AppFactory) -> None:
    app = make_app(mode="accounts", login_failures_per_client=4, login_failures_per_account=100)
    Browser(app).signup("zoe")
    browser = Browser(app)
    for name in ("a1", "a2", "a3", "a4"):
        assert browser.login(name, "guess guess guess").status_code == 401
    assert browser.login("zoe", PASSWORD).status_code == 429


def test_a_good_sign_in_clears_the_account_counter(accounts_app: FastAPI) -> None:
    Browser(accounts_app).signup("alice")
    browser = Browser(accounts_app)
    for _ in range(4):
        browser.login("alice", "guess guess guess")
    assert browser.login("alice", PASSWORD).status_code == 303
    other = Browser(accounts_app)
    for _ in range(4):
        assert other.login("alice", "guess guess guess").status_code == 401
