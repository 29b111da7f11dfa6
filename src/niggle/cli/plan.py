"""``niggle plan``: templates, create, show, mark, export and validate training plans."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    import datetime as dt

    from niggle.domain.plans import Plan, PlannedWorkout
    from niggle.domain.units import UnitSystem
    from niggle.services.plans import WeekView

app = typer.Typer(
    help="Training plans: FIRST templates or your own, scheduled to a race and exported.",
    no_args_is_help=True,
)

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@app.command("templates")
def templates_(json: JsonOption = False) -> None:
    """List the plan templates niggle ships."""
    from niggle.services.plans import template_summaries

    summaries = template_summaries()
    if json:
        from niggle.cli.output import emit_json

        emit_json({"templates": summaries})
        return
    from rich.table import Table

    from niggle.cli.output import console

    table = Table(title="Plan templates", title_justify="left")
    for column in ("Id", "Name", "Weeks", "Runs/week"):
        table.add_column(column)
    for t in summaries:
        table.add_row(t["id"], t["name"], str(t["weeks"]), str(t["runs_per_week"]))
    console().print(table)


@app.command("create")
def create(
    ctx: typer.Context,
    race_date: Annotated[
        str | None, typer.Option("--race-date", help="Race day (YYYY-MM-DD): the plan's last day.")
    ] = None,
    template: Annotated[
        str | None, typer.Option("--template", help="A template id, e.g. first-marathon.")
    ] = None,
    plan_file: Annotated[
        Path | None, typer.Option("--file", help="Your own plan file (see docs/PLANS.md).")
    ] = None,
    race_name: Annotated[str | None, typer.Option("--race-name", help="The race's name.")] = None,
    from_result: Annotated[
        str | None,
        typer.Option("--from", help="Fitness from a race, e.g. 5k=22:30 (default: latest)."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="First day (default: race date minus the plan's length)."),
    ] = None,
    key_days: Annotated[
        str | None,
        typer.Option("--key-days", help="Key-run weekdays, default tue,thu,sun."),
    ] = None,
    longest_run: Annotated[
        str | None,
        typer.Option("--longest-run", help="Your longest run lately, e.g. 12mi (joining late)."),
    ] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Schedule a plan to a race. It becomes the athlete's plan; an older one is archived."""
    from niggle.domain.dates import parse_date
    from niggle.domain.errors import InvalidInput
    from niggle.domain.plans_schedule import parse_key_days
    from niggle.domain.units import parse_distance, parse_race_result
    from niggle.services.plans import create_plan, plan_document

    if race_date is None:
        raise InvalidInput("Give the race day with --race-date YYYY-MM-DD.")
    if template is None and plan_file is None:
        raise InvalidInput(
            "Choose a plan with --template first-marathon (see: niggle plan templates) "
            "or your own with --file MY_PLAN.yaml."
        )
    with database(ctx) as db:
        created = create_plan(
            db,
            get_state(ctx).athlete_name(athlete),
            today(),
            race_date=parse_date(race_date, "--race-date"),
            template_id=template,
            plan_file=plan_file,
            race_name=race_name,
            fitness=parse_race_result(from_result) if from_result else None,
            start=parse_date(start, "--start") if start else None,
            key_days=parse_key_days(key_days) if key_days else None,
            longest_recent_run_m=parse_distance(longest_run) if longest_run else None,
        )
    from niggle.cli.output import warn

    for message in created.warnings:
        warn(message)
    if json:
        from niggle.cli.output import emit_json

        document = plan_document(created.plan, today=today())
        document["warnings"] = list(created.warnings)
        document["archived_plan_ids"] = list(created.archived_plan_ids)
        emit_json(document)
        return
    from niggle.cli.output import console

    plan = created.plan
    out = console()
    out.print(
        f"[green]Created {plan.name} for {plan.race.name} on {plan.race.date:%a %d %b %Y}"
        f"[/green] (plan {plan.id}, weeks {plan.first_week}–{plan.length_weeks})."
    )
    if created.archived_plan_ids:
        out.print("The previous plan was archived (kept, not deleted).")
    render_week(plan, created.athlete.units, _shown_week(plan), today())


def _shown_week(plan: Plan) -> int:
    from niggle.services.plans import current_week

    return current_week(plan, today())


@app.command("show")
def show(
    ctx: typer.Context,
    week: Annotated[int | None, typer.Option("--week", help="Show this week.")] = None,
    all_weeks: Annotated[bool, typer.Option("--all", help="Show every week in full.")] = False,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Show the plan: this week day by day, then an overview of every week."""
    from niggle.services.plans import check_week, current_plan, plan_document

    with database(ctx) as db:
        found, plan = current_plan(db, get_state(ctx).athlete_name(athlete))
    if json:
        from niggle.cli.output import emit_json

        emit_json(plan_document(plan, week, today=today()))
        return
    from niggle.cli.output import console

    out = console()
    _header(plan, found.units)
    if all_weeks:
        for index in plan.week_indexes():
            render_week(plan, found.units, index, today())
        return
    if week is not None:
        check_week(plan, week)
    render_week(plan, found.units, week or _shown_week(plan), today())
    _overview(plan, found.units)
    out.print("[dim]Every week in full: niggle plan show --all[/dim]")


def _header(plan: Plan, units: UnitSystem) -> None:
    from niggle.cli.output import console
    from niggle.domain.units import format_distance, format_duration

    days_left = (plan.race.date - today()).days
    fitness = f" · paces from a {format_duration(plan.five_k_s)} 5K" if plan.five_k_s else ""
    console().print(
        f"[bold]{plan.race.name}[/bold] ({format_distance(plan.race.distance_m, units)}) on "
        f"{plan.race.date:%a %d %b %Y}, {days_left} days away · {plan.name}{fitness}"
    )


def _row(workout: PlannedWorkout, units: UnitSystem) -> list[str]:
    from niggle.domain.units import format_distance, format_duration, format_pace

    return [
        workout.title,
        format_distance(workout.distance_m, units) if workout.distance_m else "",
        format_duration(workout.duration_s) if workout.duration_s else "",
        format_pace(workout.target_pace_s_per_km, units) if workout.target_pace_s_per_km else "",
        workout.status,
    ]


def render_week(plan: Plan, units: UnitSystem, index: int, on: dt.date) -> None:
    """One week as a Rich table, day by day, with today highlighted."""
    from datetime import timedelta

    from rich.table import Table

    from niggle.cli.output import console

    monday = plan.week_start(index)
    end = monday + timedelta(days=6)
    table = Table(
        title=f"Week {index} of {plan.length_weeks} ({monday:%d %b} – {end:%d %b})",
        title_justify="left",
    )
    for column in ("Day", "Session"):
        table.add_column(column)
    for column in ("Distance", "Time", "Target"):
        table.add_column(column, justify="right")
    table.add_column("Status")
    workouts = plan.workouts_in_week(index)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        label = f"{DAY_NAMES[offset]} {day:%d}"
        style = "bold reverse" if day == on else None
        todays = [w for w in workouts if w.on == day]
        if not todays:
            table.add_row(label, "[dim]rest[/dim]" if day <= plan.race.date else "", *[""] * 4)
        for i, workout in enumerate(todays):
            table.add_row(label if i == 0 else "", *_row(workout, units), style=style)
    console().print(table)


def _overview(plan: Plan, units: UnitSystem) -> None:
    from rich.table import Table

    from niggle.cli.output import console
    from niggle.domain.units import format_distance

    current = plan.week_of(today())
    table = Table(title="All weeks", title_justify="left")
    for column in ("Week", "Starts", "Key runs", "Running"):
        table.add_column(column)
    for index in plan.week_indexes():
        runs = [w for w in plan.workouts_in_week(index) if w.is_run]
        distance = sum(w.distance_m or 0.0 for w in runs)
        table.add_row(
            str(index),
            f"{plan.week_start(index):%d %b}",
            " · ".join(w.title for w in runs),
            format_distance(distance, units) if distance else "",
            style="bold" if index == current else None,
        )
    console().print(table)


def render_current_week(view: WeekView) -> None:
    """For ``niggle start``: today's session first, then the week."""
    from niggle.cli.output import console
    from niggle.domain.plans_text import KIND_NAMES, step_lines
    from niggle.domain.units import format_pace

    out = console()
    plan = view.plan
    out.print(
        f"[bold]{plan.race.name}[/bold] on {plan.race.date:%a %d %b %Y} · {plan.name} · "
        f"week {view.week} of {plan.length_weeks}"
    )
    todays = view.today_workouts
    if not todays:
        out.print(f"Today ({view.today:%a %d %b}): rest day.")
    for workout in todays:
        target = (
            f" — target {format_pace(workout.target_pace_s_per_km, view.athlete.units)}"
            if workout.target_pace_s_per_km
            else ""
        )
        out.print(
            f"Today ({view.today:%a %d %b}): [bold]{KIND_NAMES.get(workout.kind, workout.kind)}"
            f"[/bold] {workout.title}{target} [{workout.status}]",
            markup=True,
        )
        for line in step_lines(workout.steps, view.athlete.units):
            out.print(f"    {line}", markup=False)
    render_week(plan, view.athlete.units, view.week, view.today)


@app.command("mark")
def mark(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(help="The workout's date, YYYY-MM-DD.")],
    status: Annotated[
        str, typer.Option("--status", help="done, skipped, changed or planned.")
    ] = "done",
    kind: Annotated[
        str | None, typer.Option("--kind", help="Which workout when the day has several.")
    ] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Mark a workout done, skipped or changed."""
    from niggle.domain.dates import parse_date
    from niggle.domain.plans_progress import parse_status
    from niggle.services.plans import mark_workout, workout_document

    with database(ctx) as db:
        _, workout = mark_workout(
            db,
            get_state(ctx).athlete_name(athlete),
            parse_date(date, "date"),
            parse_status(status),
            kind,
        )
    if json:
        from niggle.cli.output import emit_json

        emit_json({"workout": workout_document(workout)})
        return
    from niggle.cli.output import console

    console().print(f"{workout.on:%a %d %b}: {workout.title} is now {workout.status}.")


@app.command("export")
def export(
    ctx: typer.Context,
    ics: Annotated[Path | None, typer.Option("--ics", help="Write a calendar (.ics).")] = None,
    fit: Annotated[
        Path | None, typer.Option("--fit", help="Write FIT workouts into this folder.")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write a printable page.")] = None,
    markdown: Annotated[Path | None, typer.Option("--md", help="Write a Markdown plan.")] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Export the plan to a calendar, to watch workouts, or to a printable page."""
    from niggle.services.plans import export_plan

    with database(ctx) as db:
        exported = export_plan(
            db,
            get_state(ctx).athlete_name(athlete),
            today(),
            ics=ics,
            fit_dir=fit,
            html=html,
            markdown=markdown,
        )
    if json:
        from niggle.cli.output import emit_json

        emit_json({"written": [str(p) for p in exported.written], "notes": list(exported.notes)})
        return
    from niggle.cli.output import console, warn

    for note in exported.notes:
        warn(note)
    out = console()
    for path in exported.written:
        out.print(f"Wrote {path}")


@app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="A plan file (YAML) to check.")],
    json: JsonOption = False,
) -> None:
    """Check a plan file and report every problem with its line and field."""
    import sys

    from niggle.services.plans import check_plan_file

    check = check_plan_file(file)
    problems = [
        {"line": p.line, "column": p.column, "field": p.field, "message": p.message}
        for p in check.problems
    ]
    valid = check.template is not None and not problems
    if json:
        from niggle.cli.output import emit_json

        document = {"file": str(file), "valid": valid, "problems": problems}
        if not valid:
            document["error"] = {
                "code": "invalid_plan",
                "message": f"{file.name} has {len(problems)} problem(s).",
            }
        emit_json(document)
    else:
        from niggle.cli.output import console, err_console

        if valid and check.template is not None:
            t = check.template
            console().print(
                f"[green]{file.name} is a valid plan:[/green] {t.name}, {t.length_weeks} weeks, "
                f"{t.runs_per_week()} key runs a week."
            )
        else:
            err = err_console()
            for p in check.problems:
                where = f"{file}:{p.line}:{p.column}" if p.line else str(file)
                # One problem per line, never wrapped, so editors can jump to FILE:LINE:COL.
                err.print(
                    f"{where}: {p.field}: {p.message}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            err.print(f"{len(problems)} problem(s) found; the format is in docs/PLANS.md.")
    if not valid:
        sys.exit(1)
