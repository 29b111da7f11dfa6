"""How the web app runs: local single-user mode or accounts, cookies, limits.

Kept free of FastAPI so ``niggle serve`` can check its options before importing the server.
Environment variables (all optional) are read by :func:`load_web_settings`, never at import.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.errors import InvalidInput

Mode = Literal["local", "accounts"]

MIB: Final = 1024 * 1024
# Product defaults. Forms and JSON bodies are small; an upload may be a whole Strava or
# Garmin export, which is usually tens to a few hundred megabytes.
DEFAULT_MAX_BODY_BYTES: Final = 1 * MIB
DEFAULT_MAX_UPLOAD_BYTES: Final = 512 * MIB
LOOPBACK_NAMES: Final = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


@dataclass(frozen=True)
class WebSettings:
    """``mode="local"`` signs the browser in as the one local account without a password.

    ``secure_cookies``: True always marks the session cookie Secure, False never does, None
    (the default) marks it Secure when the request arrived over HTTPS (directly, or through
    a reverse proxy whose X-Forwarded-Proto uvicorn trusts).
    """

    mode: Mode = "local"
    host: str = "127.0.0.1"
    secure_cookies: bool | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    # Host headers accepted in accounts mode ("*" accepts any); local mode accepts only
    # loopback names, which defeats DNS-rebinding attacks on the password-less session.
    allowed_hosts: tuple[str, ...] = ("*",)
    # The athlete the local account adopts when several exist (local mode only).
    local_athlete: str | None = None
    allow_signup: bool = True
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4
    login_window_s: int = 15 * 60
    login_failures_per_account: int = 5
    login_failures_per_client: int = 20
    # Remember each runner's rendered Today, Plan, Insights and Programme pages until any of
    # their data changes (web/page_cache.py). Off only to measure or debug the render itself.
    page_cache: bool = True
    # Product defaults measured on the project's two-core machine (web/threads.py): worker
    # threads for pages and API calls, and how many imports or exports run at once.
    threads: int = 4
    long_jobs: int = 4

    @property
    def local_mode(self) -> bool:
        return self.mode == "local"


def is_loopback(host: str) -> bool:
    name = host.strip().lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(settings: WebSettings) -> None:
    """Refuse local mode on an address other machines can reach."""
    if settings.local_mode and not is_loopback(settings.host):
        raise InvalidInput(
            f"Local mode signs in without a password, so it only listens on 127.0.0.1, not "
            f"{settings.host}. To serve other machines, turn on accounts: "
            f"niggle serve --host {settings.host} --accounts"
        )


def _flag(value: str | None) -> bool | None:
    if value is None or value.strip() == "":
        return None
    return value.strip().lower() not in ("0", "false", "no", "off")


def _megabytes(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"{name} must be a number of megabytes, e.g. 512.") from None
    if value <= 0:
        raise InvalidInput(f"{name} must be more than 0.")
    return int(value * MIB)


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name)
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number, e.g. {default}.") from None
    if not 1 <= value <= 256:
        raise InvalidInput(f"{name} must be between 1 and 256, not {value}.")
    return value


def load_web_settings(
    env: Mapping[str, str] | None = None,
    *,
    mode: Mode = "local",
    host: str = "127.0.0.1",
    local_athlete: str | None = None,
) -> WebSettings:
    """Settings from the command line plus ``NIGGLE_WEB_*`` variables.

    NIGGLE_WEB_SECURE_COOKIES (1/0), NIGGLE_WEB_MAX_UPLOAD_MB, NIGGLE_WEB_MAX_BODY_MB,
    NIGGLE_WEB_ALLOWED_HOSTS (comma-separated), NIGGLE_WEB_SIGNUP (1/0),
    NIGGLE_WEB_PAGE_CACHE (1/0), NIGGLE_WEB_THREADS, NIGGLE_WEB_LONG_JOBS (whole numbers).
    """
    env = os.environ if env is None else env
    hosts = tuple(h.strip() for h in env.get("NIGGLE_WEB_ALLOWED_HOSTS", "*").split(",") if h)
    return WebSettings(
        mode=mode,
        host=host,
        secure_cookies=_flag(env.get("NIGGLE_WEB_SECURE_COOKIES")),
        max_body_bytes=_megabytes(env, "NIGGLE_WEB_MAX_BODY_MB", DEFAULT_MAX_BODY_BYTES),
        max_upload_bytes=_megabytes(env, "NIGGLE_WEB_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_BYTES),
        allowed_hosts=hosts or ("*",),
        local_athlete=local_athlete,
        allow_signup=_flag(env.get("NIGGLE_WEB_SIGNUP")) is not False,
        page_cache=_flag(env.get("NIGGLE_WEB_PAGE_CACHE")) is not False,
        threads=_count(env, "NIGGLE_WEB_THREADS", WebSettings.threads),
        long_jobs=_count(env, "NIGGLE_WEB_LONG_JOBS", WebSettings.long_jobs),
    )
