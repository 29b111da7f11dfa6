"""``niggle adapt``: the plan changes pain and triage call for, applied only with consent."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    from niggle.domain.adapt_records import AppliedChange
    from niggle.domain.plans import PlannedWorkout
    from niggle.domain.units import UnitSystem
    from niggle.services.adapt import AdaptView, UndoneView


def register(app: typer.Typer) -> None:
    app.command("adapt")(adapt)


def adapt(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Work the changes out as of this day (YYYY-MM-DD)."),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Make the changes (nothing changes without it).")
    ] = False,
    undo: Annotated[
        bool, typer.Option("--undo", help="Put the plan back as it was before the last --apply.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="With --apply: do not ask for confirmation.")
    ] = False,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Show how pain and triage change your plan, with the rule and reason for each change."""
    from niggle.domain.dates import parse_date
    from niggle.domain.errors import InvalidInput
    from niggle.services import adapt as service

    if apply and undo:
        raise InvalidInput("Choose --apply or --undo, not both.")
    if undo and as_of:
        raise InvalidInput("--undo puts back the last applied changes; it takes no --as-of.")
    name = get_state(ctx).athlete_name(athlete)
    day = parse_date(as_of, "--as-of") if as_of else None
    with database(ctx) as db:
        if undo:
            undone = service.undo_adaptation(db, name, today())
            if json:
                from niggle.cli.output import emit_json

                emit_json(service.undone_document(undone))
                return
            render_undone(undone)
            return
        view = service.propose_adaptation(db, name, today(), day)
        if apply and view.adaptation.changes and _ask_first(json, yes):
            render_adaptation(view)
            if not typer.confirm("Apply these changes to your plan?", default=False, err=True):
                typer.echo("Nothing changed.", err=True)
                return
        if apply:
            view = service.apply_adaptation(db, name, today(), day)
    if json:
        from niggle.cli.output import emit_json

        emit_json(service.adaptation_document(view))
        return
    if not (apply and _ask_first(json, yes)):
        render_adaptation(view)
    _render_outcome(view, apply)


def _ask_first(json: bool, yes: bool) -> bool:
    """Ask for consent in a terminal; scripts say --apply (or --yes) and are not asked."""
    return not json and not yes and sys.stdin.isatty() and sys.stdout.isatty()


STATUS_WORDS = {
    "continue": "[green]Carry on with the plan[/green]",
    "modify": "[yellow]Keep running, with changes[/yellow]",
    "pause_running": "[red]Pause running; cross-train instead[/red]",
    "stop_and_seek_care": "[bold red]Stop running and see a clinician[/bold red]",
}


def render_adaptation(view: AdaptView) -> None:
    from rich.table import Table

    from niggle.cli.output import console
    from niggle.domain.adapt_workouts import workout_line
    from niggle.services.adapt import rules

    out = console()
    a = view.adaptation
    units = view.athlete.units
    known = rules()
    if a.act_now:
        message = view.triage.document.get("care_message") if view.triage else None
        out.print(f"[bold red]Get care first.[/bold red] {message or ''}")
    out.print(
        f"[bold]{view.athlete.name}[/bold] · {view.plan.race.name} on "
        f"{view.plan.race.date:%d %b %Y} · as of {a.as_of:%a %d %b}: {STATUS_WORDS[a.status]}. "
        f"Next review {a.review_on:%a %d %b}."
    )
    from niggle.cli.checkin import without_retriage

    for trigger in a.triggers:
        out.print(f"[red]•[/red] {without_retriage(trigger.because)}", markup=True)
    if a.changes:
        table = Table(title="Changes to your plan", title_justify="left", show_lines=True)
        for column in ("Date", "Before", "After", "Rule", "Why"):
            table.add_column(column, overflow="fold")
        for change in a.changes:
            table.add_row(
                f"{change.on:%a %d %b}",
                workout_line(change.before, units),
                workout_line(change.after, units),
                f"{change.rule}\n[dim]{known.info[change.rule].code}[/dim]",
                change.because,
            )
        out.print(table)
    else:
        out.print("No changes to the sessions up to the next review.")
    for note in a.notes:
        out.print(f"[yellow]Note:[/yellow] {note.text}")
    if a.retriage:
        out.print("[bold red]Run niggle triage again now:[/bold red] your symptoms have changed.")
    if view.triage is not None and view.triage.document.get("safety_net"):
        out.print(f"[dim]{view.triage.document['safety_net']}[/dim]")


def _render_outcome(view: AdaptView, apply: bool) -> None:
    from niggle.cli.output import console

    out = console()
    if view.applied is not None and not view.adaptation.changes:
        # A pause or stop with no session left to change is still recorded: the return to
        # running counts from it.
        status = view.adaptation.status.replace("_", " ")
        out.print(
            f"[green]Recorded: {status} from {view.adaptation.as_of.isoformat()}.[/green] "
            "No session needed changing. Undo it with: niggle adapt --undo"
        )
    elif view.applied is not None:
        count = len(view.adaptation.changes)
        out.print(
            f"[green]Applied {count} change(s) to your plan.[/green] Undo them with: "
            "niggle adapt --undo"
        )
    elif view.adaptation.changes and not apply:
        out.print("Nothing has changed yet. To make these changes, run: niggle adapt --apply")
    elif apply:
        out.print("Nothing to change: your plan already matches.")


def render_undone(view: UndoneView) -> None:
    from niggle.cli.output import console

    out = console()
    undone = view.undone
    out.print(
        f"[green]Undid the changes applied on {undone.applied_on:%a %d %b}[/green] "
        f"({len(undone.changes)} workout(s) put back as they were)."
    )
    for change in undone.changes:
        if change.before is not None:
            out.print(f"- {change.on:%a %d %b}: {change.before.title}")
    if view.moved_on:
        out.print(
            "[yellow]Note:[/yellow] some of those sessions had changed since (marked done or "
            "linked to a run); they are back as before the adaptation and will link again to "
            "any run logged on their day."
        )


def render_week_reasons(
    workouts: tuple[PlannedWorkout, ...], reasons: dict[int, AppliedChange], units: UnitSystem
) -> None:
    """For ``niggle start``: the coming week's adapted sessions and why each changed."""
    from niggle.cli.output import console
    from niggle.domain.adapt_workouts import workout_line

    out = console()
    shown = [w for w in workouts if w.id in reasons]
    if not shown:
        return
    out.print("\n[bold]Changed for your back, next 7 days[/bold] (niggle adapt):")
    for workout in shown:
        change = reasons[workout.id or 0]
        out.print(
            f"- {workout.on:%a %d %b}: [bold]{workout_line(workout, units)}[/bold] "
            f"[dim]({change.rule})[/dim]",
            markup=True,
        )
        out.print(f"    {change.because}", markup=False)
