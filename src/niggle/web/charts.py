"""Charts as SVG drawn on the server: no script, no external asset, works offline.

Each chart is a plain ``<svg role="img">`` with a title and description for screen readers;
the pages also show the numbers in a table. Colours come from classes in niggle.css, so the
CSP (``style-src 'self'``) needs no inline styles. Text is escaped here, the one place the
templates accept markup that Jinja did not escape.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

from markupsafe import Markup

WIDTH: Final = 640
HEIGHT: Final = 220
LEFT: Final = 44
RIGHT: Final = 12
TOP: Final = 30  # room for the unit above the top tick label, so the two never overlap
BOTTOM: Final = 28


@dataclass(frozen=True)
class Series:
    name: str
    css_class: str
    points: Sequence[tuple[dt.date, float]]


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"


def _frame(title: str, description: str, body: list[str]) -> Markup:
    ident = "c" + hashlib.sha1(f"{title}|{description}".encode()).hexdigest()[:8]
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}t {ident}d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}t">{escape(title)}</title>',
        f'<desc id="{ident}d">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    return Markup("".join(parts))


def _y_axis(top_value: float, unit: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    lines = []
    for i in range(5):
        value = top_value * i / 4
        y = TOP + plot_h - plot_h * i / 4
        lines.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(_number(value))}</text>"
        )
    lines.append(
        f'<text class="axis" x="{LEFT - 6}" y="{TOP - 12}" text-anchor="end">{escape(unit)}</text>'
    )
    return lines


def bar_chart(
    bars: Sequence[tuple[str, float]], *, title: str, unit: str, highlight_last: bool = False
) -> Markup:
    """Vertical bars with labels underneath (e.g. weekly distance)."""
    top_value = _nice_max(max((v for _, v in bars), default=0.0))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    body = _y_axis(top_value, unit)
    slot = plot_w / max(len(bars), 1)
    label_every = max(1, math.ceil(len(bars) / 8))
    for i, (label, value) in enumerate(bars):
        h = plot_h * max(value, 0.0) / top_value
        x = LEFT + i * slot + slot * 0.15
        css = "bar current" if highlight_last and i == len(bars) - 1 else "bar"
        body.append(
            f'<rect class="{css}" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{h:.1f}"><title>{escape(label)}: '
            f"{escape(_number(value))} {escape(unit)}</title></rect>"
        )
        if i % label_every == 0:
            body.append(
                f'<text class="axis" x="{x + slot * 0.35:.1f}" y="{HEIGHT - 8}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    description = ", ".join(f"{label}: {_number(v)} {unit}" for label, v in bars) or "no data"
    return _frame(title, description, body)


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    unit: str,
    y_max: float | None = None,
    dots: bool = False,
) -> Markup:
    """Lines (or dots) over dates, sharing one y axis starting at zero."""
    dates = [d for s in series for d, _ in s.points]
    values = [v for s in series for _, v in s.points if math.isfinite(v)]
    top_value = y_max if y_max is not None else _nice_max(max(values, default=0.0))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    body = _y_axis(top_value, unit)
    if dates:
        first, last = min(dates), max(dates)
        span = max((last - first).days, 1)

        def x_of(day: dt.date) -> float:
            return LEFT + plot_w * (day - first).days / span

        def y_of(value: float) -> float:
            return TOP + plot_h - plot_h * min(max(value, 0.0), top_value) / top_value

        for s in series:
            points = [(x_of(d), y_of(v)) for d, v in s.points if math.isfinite(v)]
            if dots:
                body.extend(
                    f'<circle class="dot {s.css_class}" cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
                    for x, y in points
                )
            elif len(points) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                body.append(f'<polyline class="line {s.css_class}" points="{path}"/>')
        for day in (first, last):
            anchor = "start" if day == first else "end"
            body.append(
                f'<text class="axis" x="{x_of(day):.1f}" y="{HEIGHT - 8}" '
                f'text-anchor="{anchor}">{escape(f"{day.day} {day:%b}")}</text>'
            )
    description = "; ".join(
        f"{s.name}: {len(s.points)} points"
        + (f", last {_number(s.points[-1][1])}" if s.points else "")
        for s in series
    )
    return _frame(title, description or "no data", body)
