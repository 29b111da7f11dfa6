"""``niggle rehab``: the exercise programme, and ``niggle rehab log`` for completed sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    from niggle.services.rehab import LoggedRehab, RehabView, WeekContext

app = typer.Typer(
    help="Your rehab exercise programme: see it, and log the sessions you do.",
    invoke_without_command=True,
)


def _week(key_days: str | None, cross_days: str | None) -> WeekContext | None:
    """The week given as options; None lets the service read it from the plan."""
    from niggle.domain.rehab_schedule import dates_in_window, parse_weekdays
    from niggle.services.rehab import WeekContext

    if key_days is None and cross_days is None:
        return None
    now = today()
    return WeekContext(
        key_run_dates=dates_in_window(now, parse_weekdays(key_days)) if key_days else (),
        cross_training_dates=dates_in_window(now, parse_weekdays(cross_days, "--cross-days"))
        if cross_days
        else (),
    )


@app.callback()
def rehab(
    ctx: typer.Context,
    classification: Annotated[
        str | None,
        typer.Option(
            "--classification",
            help="What triage found: non_specific, possible_radicular, possible_bone_stress, "
            "possible_inflammatory or possible_serious. Builds a new programme.",
        ),
    ] = None,
    care_level: Annotated[
        str | None,
        typer.Option(
            "--care-level",
            help="Triage's care level: emergency, urgent, soon, routine or self_care "
            "(default routine).",
        ),
    ] = None,
    provoked_by: Annotated[
        str | None,
        typer.Option(
            "--provoked-by",
            help="What brings the pain on, e.g. tempo,intervals or bending,sitting or extension.",
        ),
    ] = None,
    ready_for_impact: Annotated[
        bool,
        typer.Option(
            "--ready-for-impact", help="Running again pain-free: add late-stage hopping work."
        ),
    ] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build a fresh programme from the same findings.")
    ] = False,
    key_days: Annotated[
        str | None,
        typer.Option("--key-days", help="Your key run days this week, e.g. tue,thu,sun."),
    ] = None,
    cross_days: Annotated[
        str | None,
        typer.Option("--cross-days", help="Your cross-training days, e.g. mon,sat."),
    ] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Show your programme: 6-8 exercises, 2-3 sessions a week, with levels and cautions."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = get_state(ctx)
        return
    from niggle.domain.errors import InvalidInput
    from niggle.domain.rehab import RehabNeeds
    from niggle.services.rehab import (
        parse_care_level,
        parse_classification,
        parse_provokers,
        rehab_document,
        rehab_programme,
    )

    needs = None
    if classification is not None:
        needs = RehabNeeds(
            classification=parse_classification(classification),
            care_level=parse_care_level(care_level) if care_level else "routine",
            provoked_by=parse_provokers(provoked_by) if provoked_by else frozenset(),
            ready_for_impact=ready_for_impact,
        )
    elif care_level or provoked_by or ready_for_impact:
        raise InvalidInput(
            "--care-level, --provoked-by and --ready-for-impact describe a new programme; "
            "give --classification too, e.g. --classification non_specific."
        )
    week = _week(key_days, cross_days)
    with database(ctx) as db:
        view = rehab_programme(
            db,
            get_state(ctx).athlete_name(athlete),
            today(),
            needs=needs,
            rebuild=rebuild,
            week=week,
        )
    if json:
        from niggle.cli.output import emit_json

        emit_json(rehab_document(view))
        return
    render_programme(view)


@app.command("log")
def log(
    ctx: typer.Context,
    date: Annotated[str, typer.Option("--date", help="The day you did the session (YYYY-MM-DD).")],
    pain: Annotated[
        int | None,
        typer.Option("--pain", help="Worst back pain during the session, 0-10.", min=0, max=10),
    ] = None,
    settled: Annotated[
        str | None,
        typer.Option("--settled", help="Had it settled by the next morning? yes or no."),
    ] = None,
    target_reached: Annotated[
        str | None,
        typer.Option("--target-reached", help="Did you manage every set and rep? yes or no."),
    ] = None,
    exercises: Annotated[
        str | None,
        typer.Option("--exercises", help="Only some exercises done: their ids, comma-separated."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything worth remembering.")] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Log a session (log again the next morning with --settled to complete it)."""
    from niggle.domain.dates import parse_date
    from niggle.services.rehab import log_rehab_session, logged_document

    on = parse_date(date, "--date")
    done = [e.strip() for e in exercises.split(",") if e.strip()] if exercises else None
    with database(ctx) as db:
        logged = log_rehab_session(
            db,
            get_state(ctx).athlete_name(athlete),
            today(),
            on,
            pain_during=pain,
            settled_next_morning=_yes_no(settled, "--settled"),
            target_reached=_yes_no(target_reached, "--target-reached"),
            exercises=done,
            note=note,
        )
    if json:
        from niggle.cli.output import emit_json

        emit_json(logged_document(logged))
        return
    render_logged(logged)


def _yes_no(text: str | None, what: str) -> bool | None:
    if text is None:
        return None
    value = text.strip().lower()
    if value in ("yes", "y", "true"):
        return True
    if value in ("no", "n", "false"):
        return False
    from niggle.domain.errors import InvalidInput

    raise InvalidInput(f"{what} takes yes or no, not {text!r}.")


def render_programme(view: RehabView) -> None:
    from rich.table import Table

    from niggle.cli.output import console

    out = console()
    if view.saved is None:
        out.print("[bold red]No exercise programme for now.[/bold red]")
        out.print(view.withheld_because or "")
        return
    saved = view.saved
    p = saved.programme
    headline = "New programme" if view.built_now else "Your programme"
    out.print(
        f"[bold]{headline}[/bold] for {view.athlete.name}, since {saved.created_on.isoformat()}: "
        f"{len(p.exercises)} exercises, {p.sessions_per_week} sessions a week"
    )
    if view.schedule:
        days = ", ".join(d.strftime("%a %d %b") for d in view.schedule)
        out.print(f"Next sessions: {days} (not on key run days)")
    table = Table(show_lines=False)
    table.add_column("Exercise")
    table.add_column("Level", justify="center")
    table.add_column("Dose")
    table.add_column("Next step")
    cautions: list[str] = []
    for entry in p.exercises:
        exercise = view.library.get(entry.exercise_id)
        level = exercise.level(view.levels[entry.exercise_id])
        up = exercise.progression(level.level)
        table.add_row(
            f"{exercise.name}\n[dim]{exercise.target}[/dim]",
            f"{level.level}/{exercise.top_level}",
            f"{level.dose.describe()}\n[dim]{level.description}[/dim]",
            f"{up.description}" if up else "[dim]top level[/dim]",
        )
        cautions.extend(f"{exercise.name}: {c}" for c in exercise.cautions)
    out.print(table)
    out.print(f"[bold]Running:[/bold] {p.running_advice}")
    if p.cross_training:
        names = ", ".join(
            view.library.get(i).name.replace("Cross-training - ", "") for i in p.cross_training
        )
        out.print(f"[bold]Cross-training options:[/bold] {names}")
    if cautions:
        out.print("[bold]Cautions[/bold]")
        for line in cautions:
            out.print(f"  • {line}")
    if view.sessions:
        recent = view.sessions[-5:]
        out.print("[bold]Recent sessions[/bold]")
        from niggle.domain.rehab_progress import session_colour

        for s in recent:
            out.print(
                f"  {s.on.isoformat()}  pain {s.pain_during if s.pain_during is not None else '?'}"
                f"/10  settled: {_answer(s.settled_next_morning)}  target: "
                f"{_answer(s.target_reached)}  → {session_colour(s)}"
            )
    out.print(
        "[dim]Move up a level after two green sessions (pain ≤2/10, settled next morning) at "
        "target; step back after a flare. Log with: niggle rehab log --date YYYY-MM-DD "
        "--pain N --target-reached yes, then --settled yes|no the next morning.[/dim]"
    )


def _answer(value: bool | None) -> str:
    return "?" if value is None else ("yes" if value else "no")


def render_logged(logged: LoggedRehab) -> None:
    from niggle.cli.output import console

    out = console()
    s = logged.session
    words = {
        "green": "[green]green[/green]: counts towards the next level if you reached the target",
        "amber": "[yellow]amber[/yellow]: stay at this level",
        "flare": "[red]flare[/red]: step back a level and ease off",
        "pending": "waiting for the next-morning answer (--settled yes|no)",
    }
    out.print(f"Logged the session on {s.on.isoformat()} – {words[logged.colour]}.")
    for change in logged.changes:
        exercise = logged.view.library.get(change.exercise_id)
        arrow = "up" if change.to_level > change.from_level else "down"
        out.print(f"  {exercise.name}: level {change.from_level} → {change.to_level} ({arrow})")
