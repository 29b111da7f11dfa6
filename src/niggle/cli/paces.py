"""``niggle paces``: VDOT, race predictions, Daniels and FIRST training paces."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state

if TYPE_CHECKING:
    from niggle.domain.paces import PaceReport
    from niggle.domain.units import UnitSystem


def register(app: typer.Typer) -> None:
    app.command("paces")(paces)


def paces(
    ctx: typer.Context,
    from_result: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="A race result DISTANCE=TIME, e.g. 5k=22:30 or half=1:45:00. "
            "Default: the athlete's latest result.",
        ),
    ] = None,
    units: Annotated[
        str | None, typer.Option("--units", help="Show paces per km or per mi.")
    ] = None,
    riegel_exponent: Annotated[
        float, typer.Option("--riegel-exponent", help="Riegel's fatigue exponent.")
    ] = 1.06,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Training paces and race predictions from a race result."""
    from niggle.domain.units import parse_race_result, parse_unit_system
    from niggle.services.paces import pace_report_for, paces_document

    shown_units: UnitSystem = parse_unit_system(units) if units else "km"
    if from_result is not None:
        result = parse_race_result(from_result)
        report = pace_report_for(result, riegel_exponent)
    else:
        from niggle.services.paces import athlete_pace_report

        with database(ctx) as db:
            found, report = athlete_pace_report(
                db, get_state(ctx).athlete_name(athlete), riegel_exponent
            )
        if units is None:
            shown_units = found.units
    if json:
        from niggle.cli.output import emit_json

        emit_json(paces_document(report))
        return
    render_paces(report, shown_units)


def render_paces(report: PaceReport, units: UnitSystem) -> None:
    from rich.table import Table

    from niggle.cli.output import console
    from niggle.domain.paces import RIEGEL_MARATHON_CAVEAT
    from niggle.domain.units import (
        METRES_PER_MILE,
        format_distance,
        format_duration,
        format_pace,
    )

    out = console()
    r = report.result
    out.print(
        f"[bold]{format_distance(r.distance_m, units)} in {format_duration(r.time_s)}[/bold]"
        f"  →  VDOT [bold]{report.vdot:.1f}[/bold]"
    )

    predictions = Table(title="Race predictions", title_justify="left")
    predictions.add_column("Race")
    predictions.add_column("VDOT (Daniels)", justify="right")
    predictions.add_column(f"Riegel ^{report.riegel_exponent:g}", justify="right")
    for p in report.predictions:
        predictions.add_row(
            format_distance(p.distance_m, units),
            format_duration(p.vdot_s),
            format_duration(p.riegel_s),
        )
    out.print(predictions)
    out.print(f"[dim]{RIEGEL_MARATHON_CAVEAT}[/dim]")

    d = report.daniels
    daniels = Table(title="Daniels training paces", title_justify="left")
    daniels.add_column("Zone")
    daniels.add_column("Pace", justify="right")
    daniels.add_row(
        "Easy (E)",
        f"{format_pace(d.easy_s_per_km[0], units)} – {format_pace(d.easy_s_per_km[1], units)}",
    )
    daniels.add_row("Marathon (M)", format_pace(d.marathon_s_per_km, units))
    daniels.add_row("Threshold (T)", format_pace(d.threshold_s_per_km, units))
    daniels.add_row("Interval (I)", f"{format_duration(d.interval_s_per_400m)} per 400 m")
    daniels.add_row("Repetition (R)", f"{format_duration(d.repetition_s_per_400m)} per 400 m")
    out.print(daniels)

    f = report.first
    first = Table(
        title=f"FIRST paces (from a {format_duration(f.five_k_s)} 5K)", title_justify="left"
    )
    first.add_column("Session")
    first.add_column("Target", justify="right")
    for metres, seconds in f.rep_s.items():
        first.add_row(f"{metres} m repeat", format_duration(seconds))
    per_km = 1000 / METRES_PER_MILE
    first.add_row("Short tempo", format_pace(f.short_tempo_s_per_mi * per_km, units))
    first.add_row("Mid tempo", format_pace(f.mid_tempo_s_per_mi * per_km, units))
    first.add_row("Long tempo", format_pace(f.long_tempo_s_per_mi * per_km, units))
    first.add_row("Marathon pace", format_pace(f.marathon_pace_s_per_mi * per_km, units))
    first.add_row("Marathon time", format_duration(f.marathon_time_s))
    out.print(first)
