"""The web app's one clock. Tests hand ``create_app`` a fixed one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Clock:
    """``now`` is aware UTC (sessions, audit); ``today`` is the server's local date.

    A test sets ``fixed_now`` (and may move it on) to pin both.
    """

    fixed_now: dt.datetime | None = None

    def now(self) -> dt.datetime:
        return self.fixed_now if self.fixed_now is not None else dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        if self.fixed_now is not None:
            return self.fixed_now.date()
        return dt.date.today()
