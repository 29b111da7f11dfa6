"""Long jobs (imports, exports) run beside the page pool, never in it.

With one page thread, an import that is still running must not stop Today from being
served; this is a deadlock test, not a timing one: the import waits until the page has
been answered, so with the import in the page pool the page would never come.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from niggle.web.pages import log as log_page
from niggle.web.settings import load_web_settings
from tests.web.conftest import LOCAL_BASE, AppFactory, Browser

GIVE_UP_S = 20.0  # only reached when something is stuck


@pytest.fixture
def app(make_app: AppFactory) -> FastAPI:
    app = make_app(mode="local", threads=1, long_jobs=1)
    browser = Browser(app)
    browser.follow("/")
    browser.onboard("Sam")
    return app


def test_a_page_is_served_while_an_import_is_still_running(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, page_done = threading.Event(), threading.Event()

    def slow_import(*_args: Any) -> tuple[None, dict[str, Any]]:
        started.set()
        assert page_done.wait(GIVE_UP_S), "the page never came while the import ran"
        return None, {"imported": [], "duplicates": [], "failed": [], "warnings": []}

    monkeypatch.setattr(log_page, "import_uploads", slow_import)

    async def scenario() -> tuple[int, int]:
        async with app.router.lifespan_context(app):  # sizes the pools, as a server does
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url=LOCAL_BASE) as client:
                first = await client.get("/log")
                token = first.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
                upload = asyncio.create_task(
                    client.post(
                        "/log/import",
                        data={"csrf_token": token},
                        files={"files": ("run.gpx", b"<gpx/>", "application/gpx+xml")},
                    )
                )
                await asyncio.to_thread(started.wait, GIVE_UP_S)
                assert started.is_set(), "the import did not start"
                page = await asyncio.wait_for(client.get("/today"), GIVE_UP_S)
                page_done.set()
                uploaded = await asyncio.wait_for(upload, GIVE_UP_S)
                return page.status_code, uploaded.status_code

    page_status, upload_status = asyncio.run(scenario())
    assert page_status == 200 and upload_status == 200


def test_the_pool_sizes_come_from_the_environment_and_are_checked() -> None:
    from niggle.domain.errors import InvalidInput

    settings = load_web_settings({"NIGGLE_WEB_THREADS": "8", "NIGGLE_WEB_LONG_JOBS": "2"})
    assert (settings.threads, settings.long_jobs) == (8, 2)
    assert load_web_settings({}).threads == 4
    for bad in ("0", "many", "1000"):
        with pytest.raises(InvalidInput, match="NIGGLE_WEB_THREADS"):
            load_web_settings({"NIGGLE_WEB_THREADS": bad})
