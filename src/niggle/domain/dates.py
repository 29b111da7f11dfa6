"""Dates as runners type them, and the Monday-start weeks the contract uses."""

from __future__ import annotations

import datetime as dt

from niggle.domain.errors import InvalidInput


def parse_date(text: str, what: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{what} {text!r} is not a real date. Write it as YYYY-MM-DD, e.g. 2027-04-25."
        ) from None


def week_start(day: dt.date) -> dt.date:
    """Weeks start on Monday (ISO 8601)."""
    return day - dt.timedelta(days=day.weekday())
