"""Browser sessions: a random token in an HttpOnly, SameSite=Lax cookie, kept server-side.

The session row also holds the CSRF token every form carries (synchronizer token pattern).
Handlers never set cookies themselves: they note the change on ``request.state`` and
:class:`SessionCookies` writes the header, so it works whatever response type they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from niggle.services import accounts
from niggle.services import sessions as web_sessions
from niggle.services.accounts import User
from niggle.services.sessions import WebSession
from niggle.web.context import WebContext

COOKIE_NAME: Final = "niggle_session"
_STATE_KEY: Final = "niggle_set_cookie"


@dataclass(frozen=True)
class BrowserSession:
    """The request's session: none yet, anonymous (a CSRF token only) or signed in."""

    token: str | None = None
    record: WebSession | None = None
    user: User | None = None

    @property
    def csrf_token(self) -> str | None:
        return None if self.record is None else self.record.csrf_token


def _remember_cookie(request: Request, token: str | None, max_age: int) -> None:
    request.state.niggle_set_cookie = (token, max_age)


def resolve(request: Request, ctx: WebContext) -> BrowserSession:
    """The session the cookie names; in local mode, a signed-in one is made if needed."""
    now = ctx.clock.now()
    token = request.cookies.get(COOKIE_NAME)
    found = web_sessions.find_session(ctx.db, token, now) if token else None
    if found is not None and (found[1] is not None or not ctx.web.local_mode):
        return BrowserSession(token, found[0], found[1])
    if ctx.web.local_mode:
        user = accounts.ensure_local_user(ctx.db, ctx.web.local_athlete)
        return sign_in(request, ctx, user, old_token=token)
    return BrowserSession()


def ensure_anonymous(request: Request, ctx: WebContext, current: BrowserSession) -> BrowserSession:
    """A session to carry the CSRF token of the sign-in and sign-up forms."""
    if current.record is not None:
        return current
    token, record = web_sessions.start_session(ctx.db, None, ctx.clock.now())
    _remember_cookie(request, token, int(web_sessions.ANONYMOUS_SESSION_LIFETIME.total_seconds()))
    return BrowserSession(token, record, None)


def sign_in(request: Request, ctx: WebContext, user: User, old_token: str | None) -> BrowserSession:
    token, record = web_sessions.sign_in_session(ctx.db, old_token, user.id, ctx.clock.now())
    _remember_cookie(request, token, int(web_sessions.SESSION_LIFETIME.total_seconds()))
    return BrowserSession(token, record, user)


def sign_out(request: Request, ctx: WebContext, current: BrowserSession) -> None:
    if current.token:
        web_sessions.end_session(ctx.db, current.token)
    _remember_cookie(request, None, 0)


def cookie_header(token: str | None, max_age: int, secure: bool) -> bytes:
    value = token or ""
    parts = [f"{COOKIE_NAME}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly", "SameSite=Lax"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts).encode("latin-1")


class SessionCookies:
    """Writes the Set-Cookie header a handler asked for on ``request.state``."""

    def __init__(self, app: ASGIApp, *, secure: bool | None) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        secure = self.secure if self.secure is not None else scope.get("scheme") == "https"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and _STATE_KEY in state:
                token, max_age = state.pop(_STATE_KEY)
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", cookie_header(token, max_age, secure)))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)
