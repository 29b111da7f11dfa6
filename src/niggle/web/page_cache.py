"""A runner's own pages, remembered until any of their data changes.

Today, Plan, Insights and Programme read years of history, the plan and the latest triage,
and a runner (or the browser tests, or a phone left open) asks for them again and again
between writes. This middleware keeps each rendered page against the *version* of that
runner's data, a value the database's own triggers renew with every insert, update or
delete of anything of theirs (migration 0010; ``store/versions.py``). A page is served
from memory only when, in the same request:

- the cookie names a live, signed-in session (one indexed query that also reads the version),
- that session asked for exactly this path and query before,
- the runner's version is the one the page was rendered under, and
- the day is the same (the pages are about today).

So a new triage result, check-in, import, plan change or settings change, from the web,
the CLI or another server process, is shown on the very next request: nothing is served
from before a write. Signing out deletes the session, so its pages are never served again.

Only pages that say so are kept (:func:`mark_cacheable`), only 200 responses that set no
cookie, and never a coach's or physio's view of a runner, which must be audited each time.
The browser itself is still told not to store health data (``Cache-Control: no-store``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import anyio.to_thread
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from niggle.services import sessions as web_sessions
from niggle.services.accounts import digest
from niggle.services.history_cache import VersionMemo
from niggle.web.context import WebContext
from niggle.web.sessions import COOKIE_NAME

CACHEABLE_KEY: Final = "niggle_page_cacheable"
# The pages that may be kept. Each also marks its response (mark_cacheable), so a path here
# whose handler does not opt in is simply never kept; other paths skip the session probe.
CACHEABLE_PATHS: Final = frozenset({"/today", "/plan", "/insights", "/programme"})
# Product default: a few pages for each of a few hundred active browsers; a page is tens of
# kilobytes, so the whole cache stays well under 50 MB.
MAX_PAGES: Final = 1024

Stamp = tuple[int, int, object]  # (user id, data version, today)
PageKey = tuple[str, str, bytes]  # (session token digest, path, query string)


def mark_cacheable(request: Request) -> None:
    """Called by a runner's own page: this response depends only on their data and today."""
    request.state.niggle_page_cacheable = True


@dataclass(frozen=True)
class _Page:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def _cookie(scope: Scope) -> str | None:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == COOKIE_NAME and token:
                    return token
    return None


class PageMemory(VersionMemo):
    """The remembered pages of one app: a bounded, thread-safe LRU of pages by session,
    path and query, each kept against the stamp it was rendered under."""

    def __init__(self, max_pages: int = MAX_PAGES) -> None:
        super().__init__(max_pages)

    def page(self, key: PageKey, stamp: Stamp) -> _Page | None:
        found = self.get(key, stamp)
        return found if isinstance(found, _Page) else None

    def paths(self) -> list[str]:
        return [key[1] for key in self.keys() if isinstance(key, tuple)]


class PageCache:
    """ASGI middleware: serve a remembered page when nothing it shows can have changed."""

    def __init__(self, app: ASGIApp, *, context: WebContext, memory: PageMemory) -> None:
        self.app = app
        self.context = context
        self.memory = memory

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"] not in CACHEABLE_PATHS
        ):
            await self.app(scope, receive, send)
            return
        token = _cookie(scope)
        if token is None:
            await self.app(scope, receive, send)
            return
        ctx = self.context
        probe = await anyio.to_thread.run_sync(
            web_sessions.probe_session, ctx.db, token, ctx.clock.now()
        )
        if probe is None or probe.version is None:
            await self.app(scope, receive, send)
            return
        key: PageKey = (digest(token), scope["path"], scope.get("query_string", b""))
        stamp: Stamp = (probe.user_id, probe.version, ctx.clock.today())
        page = self.memory.page(key, stamp)
        if page is not None:
            await send(
                {"type": "http.response.start", "status": page.status, "headers": page.headers}
            )
            await send({"type": "http.response.body", "body": page.body})
            return
        await self._render_and_keep(scope, receive, send, key, stamp)

    async def _render_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: PageKey, stamp: Stamp
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        state = scope.get("state", {})
        if start is None or start["status"] != 200 or not state.get(CACHEABLE_KEY):
            return
        headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", ()))
        if any(name.lower() == b"set-cookie" for name, _ in headers):
            return
        self.memory.put(key, stamp, _Page(200, headers, b"".join(chunks)))
