"""Browser tier: the real ``niggle serve`` on loopback, driven by Debian's Chromium.

Playwright drives ``/usr/bin/chromium`` (``make browser-deps`` installs it); nothing is
downloaded. Without that binary the whole tier skips with one clear reason, so the suite
still passes on a machine that has no browser.

Each test gets its own server in a subprocess (local single-user mode, 127.0.0.1, a free
port) on a fresh SQLite file, exactly as a runner starts it. Screenshots go to
``out/screenshots/`` (gitignored) so a person can look at them after the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Debian's package; NIGGLE_TEST_CHROMIUM points elsewhere (another distribution's binary).
CHROMIUM = Path(os.environ.get("NIGGLE_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = (
    f"browser tier skipped: {CHROMIUM} is missing (install Debian's chromium package with "
    "make browser-deps or apt-get install -y chromium, or set NIGGLE_TEST_CHROMIUM)"
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "out" / "screenshots"
START_TIMEOUT_S = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    log: Path


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"niggle serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"niggle serve did not answer within {START_TIMEOUT_S:.0f} s:\n{log.read_text()}")


# Per module, so the browser closes when its tests end instead of idling through the suite.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(SKIP_REASON)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def server(chromium: Any, tmp_path: Path) -> Iterator[Server]:
    """``niggle serve`` in local mode on a fresh SQLite file, stopped after the test."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGGLE_")}
    env |= {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-c",
        "from niggle.cli.main import main; main()",
        "--db",
        f"sqlite:///{tmp_path / 'niggle.db'}",
        "serve",
        "--port",
        str(port),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_until_up(process, url, log)
        yield Server(url=url, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def phone(chromium: Any, server: Server) -> Iterator[Any]:
    """A phone-sized page; the test fails on a script error or a request to another site."""
    context = chromium.new_context(viewport=PHONE, base_url=server.url, device_scale_factor=1)
    context.set_default_timeout(10_000)  # a stuck form fails in seconds, not half a minute
    page = context.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Nothing may come from a CDN or any other site: every request stays on this server.
    context.on(
        "request",
        lambda request: (
            None if request.url.startswith(server.url) else elsewhere.append(request.url)
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not elsewhere, f"requests that left the server: {elsewhere}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS
