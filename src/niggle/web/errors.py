"""Turning refusals into answers: a page with the message for people, JSON for scripts.

Domain and service refusals (:class:`NiggleError`) already say what is wrong and how to fix
it; here they only get a status code. Unexpected errors never show a traceback.
"""

from __future__ import annotations

import logging
from typing import Final
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from niggle.domain.errors import Conflict, InvalidInput, NiggleError, NotFound
from niggle.services.accounts import SignInFailed, TooManyAttempts

log = logging.getLogger("niggle.web")


class NotSignedIn(Exception):
    def __init__(self, *, api: bool = False, message: str | None = None) -> None:
        super().__init__(message or "Sign in first.")
        self.api = api
        self.message = message or (
            "Send a personal API token as 'Authorization: Bearer TOKEN'; make one in Settings."
            if api
            else "Sign in first."
        )


class NeedsProfile(Exception):
    """A runner's account without a runner profile yet: onboarding comes first."""


class WrongRole(Exception):
    """A page for the other role: send the user to their own home page."""

    def __init__(self, role: str) -> None:
        super().__init__(role)
        self.role = role


class CsrfFailed(Exception):
    pass


STATUS: Final[tuple[tuple[type[NiggleError], int], ...]] = (
    (TooManyAttempts, 429),
    (SignInFailed, 401),
    (NotFound, 404),
    (Conflict, 409),
    (InvalidInput, 422),
)


def status_for(exc: NiggleError) -> int:
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 400


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_json(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse(
        {"schema_version": 1, "error": {"code": code, "message": message}},
        status_code=status,
        headers=headers,
    )


def error_page(request: Request, status: int, title: str, message: str) -> Response:
    from niggle.web.templating import render

    return render(request, "error.html", {"title": title, "message": message}, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(NiggleError)
    async def refused(request: Request, exc: NiggleError) -> Response:
        status = status_for(exc)
        headers = {}
        if isinstance(exc, TooManyAttempts):
            headers["Retry-After"] = str(exc.retry_after_s)
        if is_api(request):
            return error_json(status, exc.code, exc.message, headers)
        response = error_page(request, status, "That did not work", exc.message)
        response.headers.update(headers)
        return response

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        if exc.api or is_api(request):
            return error_json(401, "not_signed_in", exc.message, {"WWW-Authenticate": "Bearer"})
        target = "/login"
        if request.method == "GET" and request.url.path not in ("/", "/login"):
            target += "?next=" + quote(request.url.path, safe="/")
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(NeedsProfile)
    async def needs_profile(request: Request, exc: NeedsProfile) -> Response:
        if is_api(request):
            return error_json(404, "no_profile", "This account has no runner profile yet.")
        return RedirectResponse("/onboarding", status_code=303)

    @app.exception_handler(WrongRole)
    async def wrong_role(request: Request, exc: WrongRole) -> Response:
        if is_api(request):
            return error_json(404, "not_found", "Nothing here for this account.")
        return RedirectResponse("/coach" if exc.role == "coach" else "/today", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        return error_page(
            request,
            403,
            "This form has expired",
            "For your safety each form works once per session. Go back, reload the page and "
            "send it again.",
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = "There is no such page. Check the address, or start again from Today."
        if is_api(request):
            code = "too_large" if exc.status_code == 413 else f"http_{exc.status_code}"
            return error_json(exc.status_code, code, message, dict(exc.headers or {}))
        return error_page(request, exc.status_code, "Sorry", message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg')}"
            for e in exc.errors()
        )
        if is_api(request):
            return JSONResponse(
                {
                    "schema_version": 1,
                    "error": {"code": "invalid_input", "message": problems},
                    "detail": exc.errors(),
                },
                status_code=422,
            )
        return error_page(request, 422, "Please check the form", problems)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        message = (
            "niggle hit an unexpected problem; nothing was saved half-way. Please try again, "
            "and report it if it happens again."
        )
        if is_api(request):
            return error_json(500, "internal_error", message)
        return error_page(request, 500, "Something went wrong", message)
