"""The training-load report: weekly volume, the load lines and pain, as a PNG or an HTML page.

matplotlib is imported inside the functions (it is slow to import) and always through the
Agg canvas, never pyplot, so no global backend state is touched. The HTML page carries the
chart inline as a base64 PNG and needs no other file or network access. Files are written to
a temporary name in the same folder and renamed, so a crash never leaves half a report.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import numpy as np

from niggle.domain.dates import week_start
from niggle.domain.errors import InvalidInput
from niggle.domain.load import ACWR_CRITIQUE, LOAD_UNIT, TSB_CONVENTION, LoadSummary
from niggle.domain.pain import PainReport
from niggle.domain.units import UnitSystem, distance_in, format_duration

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ReportFormat = Literal["html", "png"]
FORMATS: Final[dict[str, ReportFormat]] = {".html": "html", ".png": "png"}
MAX_WEEKS: Final = 520

PAIN_COLOURS: Final[dict[str, str]] = {
    "during": "#d62728",
    "after": "#ff7f0e",
    "next_morning": "#9467bd",
    "rest": "#7f7f7f",
}


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows; the service builds it from stored data."""

    athlete: str
    units: UnitSystem
    weeks: int
    summary: LoadSummary  # computed with weeks=N and flags from the first week shown
    pain: Sequence[PainReport]

    @property
    def first_day(self) -> dt.date:
        return week_start(self.summary.as_of) - dt.timedelta(weeks=self.weeks - 1)


def report_format(path: Path) -> ReportFormat:
    """The format a file name asks for; anything but .html or .png is refused."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "no extension"
        raise InvalidInput(
            f"Cannot write a report to {str(path)!r} ({shown}): niggle writes .html or .png "
            "reports. Use for example --out load.html or --out load.png."
        )
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name such as {path / 'load.html'}.")
    if not path.parent.is_dir():
        raise InvalidInput(
            f"The folder {path.parent} does not exist; create it first or choose another path."
        )
    return fmt


def check_weeks(weeks: int) -> int:
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"--weeks must be between 1 and {MAX_WEEKS}, not {weeks}.")
    return weeks


def write_report(path: Path, data: ReportData) -> Path:
    """Draw the report and write it to ``path`` (.html or .png) atomically."""
    fmt = report_format(path)
    png = render_png(data)
    content = png if fmt == "png" else render_html(data, png).encode("utf-8")
    # Exclusive create of a fresh hidden name in the same folder (so the rename is atomic and
    # the file gets the usual permissions, which mkstemp's 0600 would not).
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        with temporary.open("xb") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write the report to {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


# --- the chart -------------------------------------------------------------------------------


def render_png(data: ReportData) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 7.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    volume_axes, load_axes = figure.subplots(2, 1, sharex=True, height_ratios=(1, 1.4))
    _draw_volume(volume_axes, data)
    _draw_load(load_axes, data)
    figure.suptitle(
        f"Training load for {data.athlete}: {data.weeks} weeks to {data.summary.as_of}",
        fontsize=12,
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _x(day: dt.date, first: dt.date) -> float:
    """Days since the first day shown: plain numbers keep matplotlib's date machinery out."""
    return float((day - first).days)


def _week_ticks(axes: Axes, data: ReportData) -> None:
    step = max(1, -(-data.weeks // 8))  # at most 8 labels, so they never overlap
    mondays = [data.first_day + dt.timedelta(weeks=w) for w in range(0, data.weeks, step)]
    labels = [
        m.strftime("%d %b %Y" if i == 0 or m.month < mondays[i - 1].month else "%d %b")
        for i, m in enumerate(mondays)
    ]
    axes.set_xticks([_x(m, data.first_day) for m in mondays], labels)
    axes.set_xlim(-1.0, _x(data.summary.as_of, data.first_day) + 1.0)


def _draw_volume(axes: Axes, data: ReportData) -> None:
    first = data.first_day
    weeks = [w for w in data.summary.weekly if w.week_start >= first]
    centres = [_x(w.week_start, first) + 3.0 for w in weeks]  # a bar centred on its week
    distance = [distance_in(w.distance_m, data.units) for w in weeks]
    axes.bar(centres, distance, width=6, color="#4c78a8", label=f"Running ({data.units})")
    axes.set_ylabel(f"Weekly running ({data.units})")
    load_axes = axes.twinx()
    load_axes.plot(
        centres, [w.load for w in weeks], "o-", color="#333333", label="Weekly load (points)"
    )
    load_axes.set_ylabel("Weekly load (points)")
    load_axes.set_ylim(bottom=0)
    for flag in data.summary.flags:
        if flag.kind == "weekly_jump" and flag.on >= first:
            axes.annotate(
                "+30%",
                (_x(week_start(flag.on), first) + 3.0, 0.0),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                color="#b22222",
                fontsize=8,
            )
    handles = axes.get_legend_handles_labels()[0] + load_axes.get_legend_handles_labels()[0]
    if handles:
        axes.legend(handles=handles, loc="upper left", fontsize=8)
    axes.grid(axis="y", alpha=0.3)


def _draw_load(axes: Axes, data: ReportData) -> None:
    daily = data.summary.daily
    first = data.first_day
    if daily is not None:
        offset = max(0, (first - daily.first_day).days)
        xs = [_x(daily.day(i), first) for i in range(offset, len(daily))]
        curves = daily.curves
        axes.bar(xs, daily.load[offset:], width=0.8, color="#c7d5e8", label="Daily load")
        axes.plot(xs, curves.ctl[offset:], color="#1f77b4", label="Fitness (CTL, 42 d)")
        axes.plot(xs, curves.atl[offset:], color="#e377c2", label="Fatigue (ATL, 7 d)")
        axes.plot(xs, curves.tsb[offset:], color="#2ca02c", label="Form (TSB)")
        spikes = [f.on for f in data.summary.flags if f.kind == "long_run_spike"]
        for on in spikes:
            axes.axvline(_x(on, first), color="#b22222", alpha=0.5, linestyle=":")
        if spikes:
            axes.plot([], [], color="#b22222", linestyle=":", label="Long-run spike")
    else:
        axes.text(0.5, 0.5, "No training logged yet", transform=axes.transAxes, ha="center")
    axes.axhline(0, color="#999999", linewidth=0.8)
    axes.set_ylabel("Load points")
    _week_ticks(axes, data)
    _draw_pain(axes.twinx(), data)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="upper left", fontsize=8, ncols=2)
    axes.grid(axis="y", alpha=0.3)


def _draw_pain(axes: Axes, data: ReportData) -> None:
    axes.set_ylim(-0.5, 10.5)  # a 0 report still shows as a point
    axes.set_ylabel("Pain (0-10)")
    first, last = data.first_day, data.summary.as_of
    shown = [p for p in data.pain if first <= p.on <= last]
    for when, colour in PAIN_COLOURS.items():
        points = [p for p in shown if p.when == when]
        if points:
            axes.scatter(
                [_x(p.on, first) for p in points],
                [p.nrs for p in points],
                color=colour,
                marker="X",
                s=40,
                zorder=5,
                label=f"Pain {when.replace('_', ' ')}",
            )
    if shown:
        axes.legend(loc="upper right", fontsize=8)


# --- the page --------------------------------------------------------------------------------


def _number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None or not np.isfinite(value) else f"{value:.{digits}f}"


def render_html(data: ReportData, png: bytes) -> str:
    s = data.summary
    esc = html.escape
    image = base64.b64encode(png).decode("ascii")
    rows = [
        ("Fitness (CTL, 42 days)", _number(s.ctl), "long-term load you are used to"),
        ("Fatigue (ATL, 7 days)", _number(s.atl), "recent load"),
        ("Form (TSB)", _number(s.tsb), TSB_CONVENTION),
        ("Acute load (7-day EWMA)", _number(s.acute_7d), "Williams et al. 2017"),
        ("Chronic load (28-day EWMA)", _number(s.chronic_28d), "Williams et al. 2017"),
        ("Acute:chronic ratio", _number(s.acwr, 2), ACWR_CRITIQUE),
        ("Monotony (7 days)", _number(s.monotony, 2), "Foster 1998; above 2.0 = days too alike"),
        ("Strain (7 days)", _number(s.strain, 0), "the week's load x monotony (Foster 1998)"),
    ]
    table = "\n".join(
        f"<tr><th>{esc(name)}</th><td>{esc(value)}</td><td>{esc(note)}</td></tr>"
        for name, value, note in rows
    )
    flags = "\n".join(
        f"<li><strong>{esc(f.on.isoformat())} {esc(f.kind)}</strong>: {esc(f.detail)} "
        f"<em>({esc(f.source)})</em></li>"
        for f in s.flags
    )
    weeks = "\n".join(
        f"<tr><td>{w.week_start.isoformat()}</td>"
        f"<td>{distance_in(w.distance_m, data.units):.1f} {data.units}</td>"
        f"<td>{format_duration(w.duration_s)}</td><td>{w.load:.0f}</td><td>{w.sessions}</td></tr>"
        for w in s.weekly
        if w.week_start >= data.first_day
    )
    title = f"Training load for {data.athlete} to {s.as_of.isoformat()}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ text-align: left; padding: 0.25rem 0.75rem; border-bottom: 1px solid #ddd;
          vertical-align: top; }}
img {{ max-width: 100%; }}
.note {{ color: #555; font-size: 0.9rem; }}
</style>
</head>
<body>
<h1>{esc(title)}</h1>
<p class="note">{esc(LOAD_UNIT.capitalize())}.</p>
<img alt="Weekly running, load lines and pain reports" src="data:image/png;base64,{image}">
<h2>Today</h2>
<table>
{table}
</table>
<h2>Warnings</h2>
{f"<ul>{flags}</ul>" if flags else "<p>No load warnings in this period.</p>"}
<h2>Weeks</h2>
<table>
<tr><th>Week of</th><th>Running</th><th>Time</th><th>Load</th><th>Sessions</th></tr>
{weeks}
</table>
<p class="note">niggle gives self-management advice; it never diagnoses.</p>
</body>
</html>
"""
