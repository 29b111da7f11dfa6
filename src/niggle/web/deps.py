"""Dependencies every handler declares with ``Annotated`` aliases.

- ``DbDep``: the migrated database.
- ``SessionDep``: the browser session (may be anonymous).
- ``CurrentUser``: the signed-in user of a page; not signed in -> redirect to /login.
- ``CurrentAthlete``: that user's own runner profile; none yet -> redirect to onboarding.
- ``ApiUser``: the user behind an ``Authorization: Bearer`` personal API token (401 without).
- ``ClockDep``: the app's clock (tests pin it).

Sync dependencies run in FastAPI's thread pool, like the sync SQLAlchemy services they call.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import FormData

from niggle.domain.athlete import Athlete
from niggle.services import accounts
from niggle.services.accounts import User
from niggle.web import sessions
from niggle.web.clock import Clock
from niggle.web.context import WebContext
from niggle.web.errors import CsrfFailed, NeedsProfile, NotSignedIn, WrongRole
from niggle.web.sessions import BrowserSession

CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def context_of(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.niggle
    return ctx


def session_of(request: Request) -> BrowserSession | None:
    found = getattr(request.state, "niggle_session", None)
    return found if isinstance(found, BrowserSession) else None


def get_context(request: Request) -> WebContext:
    return context_of(request)


ContextDep = Annotated[WebContext, Depends(get_context)]


def get_db(ctx: ContextDep) -> Database:
    return ctx.db


if TYPE_CHECKING:
    # A type-only import, as the CLI does: web code never uses the store at run time.
    from niggle.store.db import Database

    DbDep = Annotated[Database, Depends(get_db)]
else:
    DbDep = Annotated[object, Depends(get_db)]


def get_clock(ctx: ContextDep) -> Clock:
    return ctx.clock


ClockDep = Annotated[Clock, Depends(get_clock)]


def get_browser_session(request: Request, ctx: ContextDep) -> BrowserSession:
    found = session_of(request)
    if found is None:
        found = sessions.resolve(request, ctx)
        request.state.niggle_session = found
    return found


SessionDep = Annotated[BrowserSession, Depends(get_browser_session)]


def get_current_user(session: SessionDep) -> User:
    if session.user is None:
        raise NotSignedIn()
    return session.user


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_current_athlete(user: CurrentUser, db: DbDep) -> Athlete:
    if user.role != "athlete":
        raise WrongRole("coach")
    athlete = accounts.owned_athlete(db, user)
    if athlete is None:
        raise NeedsProfile()
    return athlete


CurrentAthlete = Annotated[Athlete, Depends(get_current_athlete)]


def get_coach(user: CurrentUser) -> User:
    if user.role != "coach":
        raise WrongRole("athlete")
    return user


CurrentCoach = Annotated[User, Depends(get_coach)]

_bearer = HTTPBearer(auto_error=False, description="A personal API token made in Settings.")


def get_api_user(
    ctx: ContextDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    if credentials is None:
        raise NotSignedIn(api=True)
    user = accounts.user_for_api_token(ctx.db, credentials.credentials, ctx.clock.now())
    if user is None:
        raise NotSignedIn(api=True, message="That API token is unknown or was revoked.")
    return user


ApiUser = Annotated[User, Depends(get_api_user)]


async def posted_form(request: Request) -> FormData:
    """The parsed form, for pages whose fields are not known in advance (already read, and
    cached, by the CSRF check)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(posted_form)]


async def csrf_protect(request: Request, session: SessionDep) -> AsyncIterator[None]:
    """Every state-changing form must carry the session's CSRF token.

    Installed on the pages router, so each page route added later is covered too. The form
    is parsed once here (Starlette caches it for the handler) and its uploaded files are
    closed after the response.
    """
    if request.method not in UNSAFE_METHODS:
        yield
        return
    form = await request.form()
    try:
        expected = session.csrf_token
        sent = form.get(CSRF_FIELD)
        if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
            raise CsrfFailed()
        yield
    finally:
        await form.close()
