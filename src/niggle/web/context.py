"""What every request handler needs, built once by ``create_app`` and kept on ``app.state``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from niggle.config import Settings
from niggle.services.accounts import LoginPolicy, PasswordHashing
from niggle.web.clock import Clock
from niggle.web.settings import WebSettings

if TYPE_CHECKING:
    from anyio import CapacityLimiter
    from jinja2 import Environment

    from niggle.store.db import Database


@dataclass
class WebContext:
    settings: Settings
    web: WebSettings
    db: Database
    clock: Clock
    templates: Environment
    hashing: PasswordHashing = field(default_factory=PasswordHashing)
    login_policy: LoginPolicy = field(default_factory=LoginPolicy)
    # Imports and exports run on this limiter, not the page pool (web/threads.py); made by
    # the app's lifespan, inside the event loop.
    long_jobs: CapacityLimiter | None = None
