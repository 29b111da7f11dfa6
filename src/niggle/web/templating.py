"""Jinja2 set-up and the one way handlers render a page.

Autoescaping is on for every template; the only markup that bypasses it is the SVG that
:mod:`niggle.web.charts` builds from numbers (with its text escaped there).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from niggle.domain.plans import Step
from niggle.domain.plans_text import KIND_NAMES, step_lines
from niggle.domain.units import (
    UnitSystem,
    format_distance,
    format_duration,
    format_pace,
)


def _pace(seconds_per_km: float | None, units: UnitSystem = "km") -> str:
    return "–" if seconds_per_km is None else format_pace(seconds_per_km, units)


def _distance(metres: float | None, units: UnitSystem = "km") -> str:
    if metres is None:
        return "–"
    return f"0 {units}" if metres == 0 else format_distance(metres, units)


def _duration(seconds: float | None) -> str:
    return "–" if seconds is None else format_duration(seconds)


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "–"
    return f"{value:%a} {value.day} {value:%b %Y}"


def _moment(value: dt.datetime | None) -> str:
    return "–" if value is None else f"{value:%Y-%m-%d %H:%M} UTC"


def _steps(steps: tuple[Step, ...], units: UnitSystem = "km") -> list[tuple[int, str]]:
    """A workout's steps as (depth, text) lines: repeats nest their steps one level deeper."""
    lines = []
    for line in step_lines(steps, units):
        stripped = line.lstrip(" ")
        lines.append(((len(line) - len(stripped)) // 2, stripped))
    return lines


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("niggle.web", "templates"),
        autoescape=select_autoescape(["html", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        pace=_pace,
        distance=_distance,
        duration=_duration,
        day=_day,
        moment=_moment,
        steps=_steps,
        kind_name=lambda kind: KIND_NAMES.get(kind, kind),
    )
    return env


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``template`` with the request's user, CSRF token and mode filled in."""
    from niggle.web.deps import context_of, session_of

    ctx = context_of(request)
    session = session_of(request)
    values: dict[str, Any] = {
        "request": request,
        "user": session.user if session else None,
        "csrf_token": session.csrf_token if session else None,
        "local_mode": ctx.web.local_mode,
        "allow_signup": ctx.web.allow_signup and not ctx.web.local_mode,
        "active": None,
        "error": None,
        "notice": None,
    }
    values.update(context or {})
    html = ctx.templates.get_template(template).render(values)
    return HTMLResponse(html, status_code=status_code)
