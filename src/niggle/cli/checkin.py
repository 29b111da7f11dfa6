"""``niggle checkin``: record pain during a run, after it, or the next morning."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    from niggle.services.checkins import CheckinResult


def register(app: typer.Typer) -> None:
    app.command("checkin")(checkin)


def checkin(
    ctx: typer.Context,
    pain: Annotated[
        str | None, typer.Option("--pain", help="Pain 0 (none) to 10 (worst imaginable).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The day (YYYY-MM-DD). Default: today.")
    ] = None,
    when: Annotated[
        str,
        typer.Option("--when", help="during, after or next_morning (the morning after a run)."),
    ] = "during",
    region: Annotated[
        str, typer.Option("--region", help="Where it hurts, e.g. lower_back, left_knee.")
    ] = "lower_back",
    activity: Annotated[
        int | None,
        typer.Option("--activity", help="The session it is about (see: niggle activities)."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything worth noting.")] = None,
    limping: Annotated[
        bool | None,
        typer.Option("--limping/--no-limping", help="Are you limping? (pauses running)"),
    ] = None,
    new_leg_symptoms: Annotated[
        bool | None,
        typer.Option(
            "--new-leg-symptoms/--no-new-leg-symptoms",
            help="New pain, numbness, tingling or weakness in a leg? (pauses running)",
        ),
    ] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Record how much it hurt, so niggle can keep your plan within your limits."""
    from niggle.domain.dates import parse_date
    from niggle.domain.errors import InvalidInput
    from niggle.domain.pain import parse_nrs
    from niggle.services.checkins import checkin_document, record_checkin

    if pain is None:
        raise InvalidInput("Give your pain with --pain N: 0 (none) to 10 (worst imaginable).")
    nrs = parse_nrs(pain)
    day = parse_date(date, "--date") if date else today()
    with database(ctx) as db:
        result = record_checkin(
            db,
            get_state(ctx).athlete_name(athlete),
            today(),
            on=day,
            nrs=nrs,
            when=when,
            region=region,
            activity_id=activity,
            note=note,
            limping=limping,
            new_leg_symptoms=new_leg_symptoms,
        )
    if json:
        from niggle.cli.output import emit_json

        emit_json(checkin_document(result))
        return
    render_checkin(result)


BAND_STYLE = {"green": "green", "amber": "yellow", "red": "red"}


def without_retriage(text: str) -> str:
    """A trigger's reason without its re-triage sentence, which is printed once at the end."""
    from niggle.domain.adapt_triggers import RETRIAGE

    return text.replace(RETRIAGE, "").strip()


def render_checkin(result: CheckinResult) -> None:
    from niggle.cli.output import console
    from niggle.services.checkins import RETRIAGE

    out = console()
    report = result.report
    where = report.region.replace("_", " ")
    linked = ""
    if result.activity is not None:
        linked = f", about {result.activity.title or result.activity.sport}"
        if result.workout is not None:
            linked += f" (plan: {result.workout.title})"
    style = BAND_STYLE[result.band]
    out.print(
        f"Check-in saved: {report.nrs}/10 {where}, {report.when.replace('_', ' ')}, "
        f"{report.on:%a %d %b}{linked}. [{style}]{result.band.upper()}[/{style}]"
    )
    out.print(result.advice, markup=False)
    if result.link_note:
        out.print(f"[dim]{result.link_note}[/dim]")
    for trigger in result.triggers:
        out.print(f"[red]•[/red] {without_retriage(trigger.because)}")
    if result.retriage:
        reasons = "; ".join(result.changes)
        out.print(f"[bold red]{RETRIAGE}[/bold red]" + (f" ({reasons})" if reasons else ""))
    out.print("Next: niggle adapt shows what this means for your plan.")
