"""``niggle forecast``: predicted race time now, and on race day under what-if scenarios."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    from niggle.domain.units import UnitSystem
    from niggle.services.forecast import AthleteForecast


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast)


def forecast(
    ctx: typer.Context,
    race_date: Annotated[
        str | None,
        typer.Option("--race-date", help="Race day (YYYY-MM-DD). Default: your plan's race."),
    ] = None,
    distance: Annotated[
        str | None,
        typer.Option("--distance", help="Race distance: 5k, 10k, half, marathon or e.g. 30km."),
    ] = None,
    goal: Annotated[
        str | None, typer.Option("--goal", help="Your goal time, h:mm:ss, e.g. 3:45:00.")
    ] = None,
    race_name: Annotated[str | None, typer.Option("--race-name", help="The race's name.")] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Race-time predictions side by side, and what six weeks off would cost."""
    from niggle.domain.dates import parse_date
    from niggle.domain.units import parse_distance, parse_duration
    from niggle.services.forecast import athlete_forecast, forecast_document

    with database(ctx) as db:
        result = athlete_forecast(
            db,
            get_state(ctx).athlete_name(athlete),
            today(),
            race_date=parse_date(race_date, "--race-date") if race_date else None,
            distance_m=parse_distance(distance) if distance else None,
            goal_time_s=parse_duration(goal) if goal else None,
            race_name=race_name,
        )
    if json:
        from niggle.cli.output import emit_json

        emit_json(forecast_document(result))
        return
    render_forecast(result, result.athlete.units)


def render_forecast(result: AthleteForecast, units: UnitSystem) -> None:
    from rich.table import Table

    from niggle.cli.output import console
    from niggle.domain.units import format_distance, format_duration

    out = console()
    f = result.forecast
    name = f" ({f.race.name})" if f.race.name else ""
    out.print(
        f"[bold]{format_distance(f.race.distance_m, units)}{name} on {f.race.on.isoformat()}[/bold]"
        f" – {(f.race.on - f.today).days} days away"
    )
    goal = f"  Goal: {format_duration(f.goal_time_s)}" if f.goal_time_s else ""
    out.print(
        f"Predicted from recent training: [bold]{format_duration(f.predicted_time_s)}[/bold] "
        f"(VDOT {f.vdot_now:.1f}){goal}"
    )

    predictions = Table(title="Three predictions, side by side", title_justify="left")
    predictions.add_column("Method")
    predictions.add_column("Time", justify="right")
    predictions.add_column("Based on")
    predictions.add_column("Known bias")
    labels = {"vdot": "VDOT (Daniels)", "riegel": "Riegel", "tanda": "Tanda 2011"}
    for p in f.predictions:
        basis = p.basis + (f"\n[dim]{p.note}[/dim]" if p.note else "")
        predictions.add_row(
            labels[p.method],
            format_duration(p.time_s) if p.time_s is not None else "–",
            basis,
            f"[dim]{p.bias}[/dim]",
        )
    out.print(predictions)

    scenarios = Table(title="Race day, what if…", title_justify="left", show_lines=True)
    scenarios.add_column("Scenario")
    scenarios.add_column("Race-day time", justify="right")
    scenarios.add_column("Feasible", justify="center")
    scenarios.add_column("Suggested goal", justify="right")
    scenarios.add_column("Notes")
    for s in f.scenarios:
        time_text = format_duration(s.predicted_time_s)
        if s.range_s:
            time_text = f"{format_duration(s.range_s[0])}\nto {format_duration(s.range_s[1])}"
        scenarios.add_row(
            f"[bold]{s.title}[/bold]",
            time_text,
            "[green]yes[/green]" if s.feasible else "[red]no[/red]",
            format_duration(s.suggested_goal_s),
            "\n".join(s.notes),
        )
    out.print(scenarios)
    for s in f.scenarios:
        out.print(f"[bold]{s.title}:[/bold] {s.description}")
    for note in f.notes:
        out.print(f"[yellow]Note:[/yellow] {note}")
    out.print("[dim]How these are worked out:[/dim]")
    for a in f.assumptions:
        out.print(f"[dim]  • {a.name}: {a.value} ({a.source})[/dim]")
