"""Request bodies over the cap are refused with 413 and a message that says what to do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from niggle.web.security import is_upload_path, too_large_message
from niggle.web.settings import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES, load_web_settings
from tests.web.conftest import AppFactory, Browser, bearer


@pytest.fixture
def small_app(make_app: AppFactory) -> FastAPI:
    return make_app(mode="accounts", max_body_bytes=4096, max_upload_bytes=64 * 1024)


def test_an_oversized_form_is_refused_from_its_content_length(small_app: FastAPI) -> None:
    browser = Browser(small_app)
    browser.get("/login")
    response = browser.post("/login", {"username": "x" * 10_000, "password": "y"})
    assert response.status_code == 413
    assert "larger than the 4 KB this server accepts" in response.text
    assert response.headers["content-security-policy"]


def test_an_oversized_streamed_body_is_refused_while_reading(small_app: FastAPI) -> None:
    """Without Content-Length (chunked upload) the cap applies as the bytes arrive."""
    browser = Browser(small_app)
    browser.get("/login")

    def chunks() -> Iterator[bytes]:
        yield f"csrf_token={browser.csrf}&username=".encode()
        for _ in range(20):
            yield b"x" * 1024

    response = browser.client.post(
        "/login",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413
    assert "this server accepts" in response.text


def test_the_api_answers_413_in_json(small_app: FastAPI) -> None:
    response = Browser(small_app).client.post(
        "/api/v1/invites/accept", headers=bearer("ngl_x"), content=b"{" + b" " * 10_000 + b"}"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_bodies_under_the_cap_pass(small_app: FastAPI) -> None:
    browser = Browser(small_app)
    browser.get("/login")
    assert browser.post("/login", {"username": "nobody", "password": "wrong"}).status_code == 401


def test_upload_routes_get_the_larger_cap() -> None:
    assert is_upload_path("/log/import")
    assert is_upload_path("/api/v1/athletes/3/imports")
    assert not is_upload_path("/log/run")
    assert not is_upload_path("/important")
    assert DEFAULT_MAX_UPLOAD_BYTES > DEFAULT_MAX_BODY_BYTES


def test_the_caps_are_configurable_in_megabytes() -> None:
    settings = load_web_settings(
        {"NIGGLE_WEB_MAX_UPLOAD_MB": "50", "NIGGLE_WEB_MAX_BODY_MB": "0.5"}
    )
    assert settings.max_upload_bytes == 50 * 1024 * 1024
    assert settings.max_body_bytes == 512 * 1024
    with pytest.raises(Exception, match="number of megabytes"):
        load_web_settings({"NIGGLE_WEB_MAX_UPLOAD_MB": "lots"})


def test_the_message_names_the_cap_in_megabytes() -> None:
    assert "512 MB" in too_large_message(DEFAULT_MAX_UPLOAD_BYTES)
