"""``niggle load`` (training load today) and ``niggle report`` (the load chart to a file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    import datetime as dt

    from niggle.domain.load import LoadSummary
    from niggle.domain.units import UnitSystem

AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Report load as of this day (YYYY-MM-DD). Default: today."),
]
SHOWN_WEEKS = 8


def register(app: typer.Typer) -> None:
    app.command("load")(load)
    app.command("report")(report)


def _as_of(text: str | None) -> dt.date:
    from niggle.domain.dates import parse_date
    from niggle.domain.load import check_as_of

    return check_as_of(parse_date(text, "--as-of"), today()) if text else today()


def load(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Training load: fitness, fatigue and form, weekly volume and load warnings."""
    from niggle.services.load import athlete_load, load_document

    day = _as_of(as_of)
    with database(ctx) as db:
        found, profile, summary = athlete_load(db, get_state(ctx).athlete_name(athlete), day)
    if json:
        from niggle.cli.output import emit_json

        emit_json(load_document(profile, summary))
        return
    render_load(found.name, summary, found.units)


def report(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Option("--out", help="Where to write the report: a .html or .png file."),
    ],
    weeks: Annotated[int, typer.Option("--weeks", help="How many weeks to draw.")] = 12,
    as_of: AsOfOption = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Draw weekly running, the load lines and pain reports to an HTML page or PNG image."""
    from niggle.exporters.report import check_weeks, report_format
    from niggle.services.load import write_load_report

    fmt = report_format(out)  # refuse a bad name before opening the database
    check_weeks(weeks)
    day = _as_of(as_of)
    with database(ctx) as db:
        written, data = write_load_report(db, get_state(ctx).athlete_name(athlete), out, day, weeks)
    if json:
        from niggle.cli.output import emit_json

        emit_json(
            {
                "schema_version": 1,
                "path": str(written.resolve()),
                "format": fmt,
                "weeks": weeks,
                "as_of": day.isoformat(),
                "flags": len(data.summary.flags),
                "pain_reports": len(data.pain),
            }
        )
        return
    from niggle.cli.output import console

    console().print(f"Wrote the last {weeks} weeks of training load to [bold]{written}[/bold].")


def _value(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def render_load(name: str, summary: LoadSummary, units: UnitSystem) -> None:
    from rich.table import Table

    from niggle.cli.output import console
    from niggle.domain.load import ACWR_CRITIQUE, LOAD_UNIT
    from niggle.domain.units import distance_in, format_duration

    out = console()
    out.print(f"[bold]Training load for {name} on {summary.as_of.isoformat()}[/bold]")
    out.print(f"[dim]Numbers are in {LOAD_UNIT}.[/dim]")
    if summary.daily is None:
        out.print(
            "No training logged up to this day yet. Log a run with: "
            "niggle log run --date DATE --distance 5k --time 30:00, or import your watch files."
        )
        return

    numbers = Table(show_header=False, box=None, padding=(0, 2))
    numbers.add_column(style="bold")
    numbers.add_column(justify="right")
    numbers.add_column(style="dim")
    tsb_meaning = (
        "fresher than your usual training" if summary.tsb >= 0 else "carrying some fatigue"
    )
    numbers.add_row(
        "Fitness (CTL)", _value(summary.ctl), "your usual load, averaged over about 6 weeks"
    )
    numbers.add_row(
        "Fatigue (ATL)", _value(summary.atl), "your recent load, averaged over about a week"
    )
    numbers.add_row(
        "Form (TSB)", _value(summary.tsb), f"yesterday's fitness - fatigue: {tsb_meaning}"
    )
    numbers.add_row("Acute load", _value(summary.acute_7d), "7-day weighted average")
    numbers.add_row("Chronic load", _value(summary.chronic_28d), "28-day weighted average")
    numbers.add_row("Acute:chronic", _value(summary.acwr, 2), "see the note below")
    numbers.add_row(
        "Monotony",
        _value(summary.monotony, 2),
        "how alike the last 7 days were; above 2.0 means too alike",
    )
    numbers.add_row("Strain", _value(summary.strain, 0), "the week's load x monotony")
    out.print(numbers)
    out.print(f"[dim]About the acute:chronic ratio: {ACWR_CRITIQUE}[/dim]")

    if summary.flags:
        out.print("\n[bold yellow]Warnings[/bold yellow]")
        for flag in summary.flags:
            out.print(f"  {flag.on.isoformat()}  [bold]{flag.kind}[/bold]: {flag.detail}")
            out.print(f"  [dim]{flag.source}[/dim]")
    else:
        out.print("\nNo load warnings in the last 4 weeks.")

    weeks = Table(title=f"Last {SHOWN_WEEKS} weeks", title_justify="left")
    weeks.add_column("Week of")
    weeks.add_column("Running", justify="right")
    weeks.add_column("Time", justify="right")
    weeks.add_column("Load", justify="right")
    weeks.add_column("Sessions", justify="right")
    for w in summary.weekly[-SHOWN_WEEKS:]:
        partial = "" if w.days == 7 else f" ({w.days} days so far)"
        weeks.add_row(
            w.week_start.isoformat() + partial,
            f"{distance_in(w.distance_m, units):.1f} {units}",
            format_duration(w.duration_s),
            f"{w.load:.0f}",
            str(w.sessions),
        )
    out.print(weeks)
