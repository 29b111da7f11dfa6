"""Signing in and out, and creating an account (accounts mode)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from niggle.domain.errors import NiggleError
from niggle.services import accounts
from niggle.web import sessions
from niggle.web.deps import ContextDep, SessionDep
from niggle.web.errors import status_for
from niggle.web.templating import render

router = APIRouter()


def home_for(user: accounts.User | None) -> str:
    if user is None:
        return "/login"
    return "/coach" if user.role == "coach" else "/today"


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our name."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/")
def home(session: SessionDep) -> Response:
    return RedirectResponse(home_for(session.user), status_code=303)


@router.get("/login")
def login_form(request: Request, ctx: ContextDep, session: SessionDep, next: str = "") -> Response:
    if session.user is not None:
        return RedirectResponse(safe_next(next, home_for(session.user)), status_code=303)
    request.state.niggle_session = sessions.ensure_anonymous(request, ctx, session)
    return render(request, "login.html", {"next": next, "username": ""})


@router.post("/login")
def login(
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        user = accounts.sign_in(
            ctx.db,
            username=username,
            password=password,
            client=client_address(request),
            now=ctx.clock.now(),
            hashing=ctx.hashing,
            policy=ctx.login_policy,
        )
    except NiggleError as exc:
        response = render(
            request,
            "login.html",
            {"next": next, "username": username, "error": exc.message},
            status_code=status_for(exc),
        )
        if isinstance(exc, accounts.TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
    request.state.niggle_session = sessions.sign_in(request, ctx, user, old_token=session.token)
    return RedirectResponse(safe_next(next, home_for(user)), status_code=303)


@router.post("/logout")
def logout(request: Request, ctx: ContextDep, session: SessionDep) -> Response:
    if ctx.web.local_mode:
        # The local account is signed in automatically; there is nothing to sign out of.
        return RedirectResponse("/", status_code=303)
    sessions.sign_out(request, ctx, session)
    return RedirectResponse("/login", status_code=303)


def _signup_allowed(ctx: ContextDep) -> bool:
    return ctx.web.allow_signup and not ctx.web.local_mode


@router.get("/signup")
def signup_form(request: Request, ctx: ContextDep, session: SessionDep) -> Response:
    if session.user is not None:
        return RedirectResponse(home_for(session.user), status_code=303)
    if not _signup_allowed(ctx):
        return render(
            request,
            "error.html",
            {
                "title": "Sign-up is closed",
                "message": "Ask whoever runs this server for an account.",
            },
            status_code=404,
        )
    request.state.niggle_session = sessions.ensure_anonymous(request, ctx, session)
    blank = {"username": "", "display_name": "", "role": "athlete"}
    return render(request, "signup.html", {"form": blank})


@router.post("/signup")
def signup(
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    username: Annotated[str, Form(max_length=200)] = "",
    display_name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    password_again: Annotated[str, Form(max_length=2000)] = "",
    role: Annotated[str, Form(max_length=20)] = "athlete",
) -> Response:
    if session.user is not None:
        return RedirectResponse(home_for(session.user), status_code=303)
    if not _signup_allowed(ctx):
        return render(
            request,
            "error.html",
            {
                "title": "Sign-up is closed",
                "message": "Ask whoever runs this server for an account.",
            },
            status_code=404,
        )
    form = {"username": username, "display_name": display_name, "role": role}
    if password != password_again:
        return render(
            request,
            "signup.html",
            {"form": form, "error": "The two passwords differ; type them again."},
            status_code=422,
        )
    try:
        user = accounts.register(
            ctx.db,
            username=username,
            password=password,
            role=role,
            display_name=display_name,
            hashing=ctx.hashing,
        )
    except NiggleError as exc:
        return render(
            request,
            "signup.html",
            {"form": form, "error": exc.message},
            status_code=status_for(exc),
        )
    request.state.niggle_session = sessions.sign_in(request, ctx, user, old_token=session.token)
    return RedirectResponse("/onboarding" if user.role == "athlete" else "/coach", status_code=303)
