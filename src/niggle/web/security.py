"""ASGI middleware for the security the whole app shares: headers, body limits, Host check.

Written as plain ASGI (not Starlette's BaseHTTPMiddleware) so uploads stream through
without being buffered and the limits apply while the body is being read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Everything the pages use comes from this origin; no inline script or style runs, and no
# other site may frame the app (clickjacking) or receive its forms.
CONTENT_SECURITY_POLICY: Final = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: Final[tuple[tuple[bytes, bytes], ...]] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
# Two years, the value hstspreload.org asks for; sent only on HTTPS responses.
HSTS: Final = b"max-age=63072000; includeSubDomains"


def _is_https(scope: Scope) -> bool:
    return scope.get("scheme") == "https"


class SecurityHeaders:
    """Adds the security headers to every response; health data is never cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = list(SECURITY_HEADERS)
                if not static:
                    extra.append((b"cache-control", b"no-store"))
                if _is_https(scope):
                    extra.append((b"strict-transport-security", HSTS))
                headers.extend(h for h in extra if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """Raised while reading a request body over the cap; FastAPI passes HTTPException on."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))
        self.limit = limit


def too_large_message(limit: int) -> str:
    megabytes = limit / (1024 * 1024)
    size = f"{megabytes:.0f} MB" if megabytes >= 1 else f"{limit // 1024} KB"
    return (
        f"That request is larger than the {size} this server accepts. Upload a smaller file, "
        "or split a large export into parts."
    )


def is_upload_path(path: str) -> bool:
    """Upload routes end in /import or /imports; they get the larger upload cap."""
    return path.rstrip("/").rsplit("/", 1)[-1] in ("import", "imports")


class BodySizeLimit:
    """Refuses bodies over the cap with 413: at once from Content-Length, else mid-stream."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_upload_bytes: int,
        is_upload: Callable[[str], bool] = is_upload_path,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes
        self.is_upload = is_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_upload_bytes if self.is_upload(scope["path"]) else self.max_body_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, send, limit)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(scope, send, limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    message = too_large_message(limit)
    if scope["path"].startswith("/api/"):
        body = json.dumps({"error": {"code": "too_large", "message": message}}).encode()
        kind = b"application/json"
    else:
        body = (
            "<!doctype html><html lang=en><meta charset=utf-8><title>Too large</title>"
            f"<h1>Too large</h1><p>{message}</p><p><a href=/>Back to niggle</a></p></html>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HostCheck:
    """Answers 400 to a Host header outside the allowed names.

    In local mode only loopback names pass: a page on another site that rebinds its DNS
    name to 127.0.0.1 would otherwise be able to read the password-less session's pages.
    """

    def __init__(self, app: ASGIApp, *, allowed: tuple[str, ...], loopback_only: bool) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}
        self.loopback_only = loopback_only

    def accepts(self, host_header: str) -> bool:
        from niggle.web.settings import LOOPBACK_NAMES

        host = host_header.lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if host.startswith("[") and "]:" in host:
            name = host.split("]:", 1)[0] + "]"
        if self.loopback_only:
            return name in LOOPBACK_NAMES or name in self.allowed
        return "*" in self.allowed or name in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = ""
            for key, value in scope.get("headers", []):
                if key == b"host":
                    host = value.decode("latin-1")
                    break
            if not self.accepts(host):
                body = b"Invalid Host header"
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [(b"content-type", b"text/plain"), _length(body)],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def _length(body: bytes) -> tuple[bytes, bytes]:
    return (b"content-length", str(len(body)).encode())
