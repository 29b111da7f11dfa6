"""The app factory. Nothing happens at import time; ``create_app`` wires everything.

The database is opened (and migrated) inside the factory, so the app never serves a request
against an old schema, and in local mode the local account exists before the first page.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute

from niggle import __version__
from niggle.config import Settings
from niggle.services import accounts
from niggle.services.accounts import LoginPolicy, PasswordHashing
from niggle.services.database import open_database
from niggle.web import errors, threads
from niggle.web.api import build_api_router
from niggle.web.clock import Clock
from niggle.web.context import WebContext
from niggle.web.page_cache import PageCache, PageMemory
from niggle.web.pages import build_pages_router
from niggle.web.security import BodySizeLimit, HostCheck, SecurityHeaders
from niggle.web.sessions import SessionCookies
from niggle.web.settings import WebSettings, check_bind
from niggle.web.templating import make_environment

API_DESCRIPTION = """\
niggle's JSON API mirrors its services. Authenticate with a personal API token made in
Settings, sent as `Authorization: Bearer TOKEN`. Distances are metres, times seconds and
paces seconds per km unless a field name says otherwise; every document carries
`schema_version`. Errors are `{"error": {"code", "message"}}`.
"""


@functools.cache
def _shared_routes() -> tuple[BaseRoute, ...]:
    """Every page and API route, composed once per process.

    Routes hold the handlers and their dependency graphs, nothing of one app (each request
    finds its app's context on ``request.app.state``), so every app built in this process,
    and the test suite builds one per test, shares them instead of working the same
    graphs out again (about a quarter of a second each time).
    """
    holder = APIRouter()
    holder.include_router(build_pages_router())
    holder.include_router(build_api_router())
    return tuple(holder.routes)


def create_app(
    settings: Settings, web: WebSettings | None = None, *, clock: Clock | None = None
) -> FastAPI:
    web = web or WebSettings()
    check_bind(web)
    db = open_database(settings.db_url)
    try:
        if web.local_mode:
            accounts.ensure_local_user(db, web.local_athlete)
    except Exception:
        db.dispose()
        raise
    ctx = WebContext(
        settings=settings,
        web=web,
        db=db,
        clock=clock or Clock(),
        templates=make_environment(),
        hashing=PasswordHashing(
            time_cost=web.argon2_time_cost,
            memory_kib=web.argon2_memory_kib,
            parallelism=web.argon2_parallelism,
        ),
        login_policy=LoginPolicy(
            window=dt.timedelta(seconds=web.login_window_s),
            per_account=web.login_failures_per_account,
            per_client=web.login_failures_per_client,
        ),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threads.configure(ctx)
        yield
        db.dispose()

    app = FastAPI(
        title="niggle",
        version=__version__,
        summary="A self-hosted coach for runners who get hurt while training.",
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        # The interactive docs load scripts from a CDN and run inline code; the CSP forbids
        # both, and the OpenAPI document is enough for tools.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.niggle = ctx
    errors.install(app)
    app.router.routes.extend(_shared_routes())
    app.mount("/static", StaticFiles(directory=str(files("niggle.web") / "static")), "static")
    # Added innermost first: the security headers wrap everything, including refusals.
    app.add_middleware(SessionCookies, secure=web.secure_cookies)
    app.add_middleware(
        BodySizeLimit, max_body_bytes=web.max_body_bytes, max_upload_bytes=web.max_upload_bytes
    )
    # Inside the Host check, so a refused Host is never answered from memory.
    app.state.page_memory = PageMemory()
    if web.page_cache:
        app.add_middleware(PageCache, context=ctx, memory=app.state.page_memory)
    app.add_middleware(HostCheck, allowed=web.allowed_hosts, loopback_only=web.local_mode)
    app.add_middleware(SecurityHeaders)
    return app
