"""``niggle demo`` seeds the founding story; ``niggle start`` is what ``make run`` runs."""

from __future__ import annotations

from typing import Annotated

import typer

from niggle.cli.state import DbOption, JsonOption, database, today


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
    app.command("start")(start)


def demo(ctx: typer.Context, db: DbOption = None, json: JsonOption = False) -> None:
    """Create the demo athlete (a FIRST marathoner with low back pain) and their story."""
    from niggle.services.demo import seed_demo

    with database(ctx, db) as handle:
        summary = seed_demo(handle, today())
        url = handle.url
    if json:
        from niggle.cli.output import emit_json

        emit_json(
            {
                "athlete": summary.athlete.name,
                "athlete_id": summary.athlete.id,
                "created": summary.created,
                "steps": list(summary.steps),
                "story": [{"title": c.title, "text": c.text} for c in summary.story],
                "db": url,
            }
        )
        return
    from niggle.cli.output import console

    out = console()
    if not summary.created:
        out.print(f"The demo athlete {summary.athlete.name} is already in {url}.")
        return
    out.print(f"[green]Seeded the demo in {url}.[/green] niggle's founding story, step by step:")
    for number, chapter in enumerate(summary.story, start=1):
        out.print(f"\n[bold]{number}. {chapter.title}[/bold]")
        out.print(chapter.text, markup=False)


def start(
    ctx: typer.Context,
    db: DbOption = None,
    serve: Annotated[
        bool | None,
        typer.Option(
            "--serve/--no-serve",
            help="Then open the web app on 127.0.0.1 (default: only when run in a terminal).",
            show_default=False,
        ),
    ] = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Web app port.")] = 8000,
) -> None:
    """Open (and migrate) the database, seed the demo if it is empty, show this week, and
    serve the web app (what ``make run`` runs)."""
    import sys

    from niggle.cli.output import console
    from niggle.cli.paces import render_paces
    from niggle.services.demo import is_empty, seed_demo
    from niggle.services.paces import athlete_pace_report

    out = console()
    with database(ctx, db) as handle:
        if is_empty(handle):
            summary = seed_demo(handle, today())
            out.print(f"[green]New database at {handle.url}; seeded the demo athlete.[/green]")
            name: str | None = summary.athlete.name
        else:
            from niggle.services.athletes import list_athletes

            name = list_athletes(handle)[0].name
            out.print(f"Database: {handle.url}")
        athlete, report = athlete_pace_report(handle, name)
        from niggle.services.plans import week_view

        this_week = week_view(handle, name, today())
        reasons = {}
        if this_week is not None:
            from niggle.services.adapt import changed_this_week

            coming = tuple(
                w for w in this_week.plan.workouts if 0 <= (w.on - this_week.today).days < 7
            )
            reasons = changed_this_week(handle, athlete, this_week.plan, coming)
    if this_week is not None:
        from niggle.cli.adapt import render_week_reasons
        from niggle.cli.plan import render_current_week

        out.print()
        render_current_week(this_week)
        render_week_reasons(this_week.plan.workouts, reasons, athlete.units)
    out.print(f"\n[bold]{athlete.name}[/bold] — paces from the latest result\n")
    render_paces(report, athlete.units)
    # A person at a terminal gets the web app; scripts and CI get the summary and an exit.
    if serve is None:
        serve = sys.stdin.isatty() and sys.stdout.isatty()
    if not serve:
        out.print(
            f"\nOpen niggle in your browser with: niggle serve  (http://127.0.0.1:{port})",
            markup=False,
        )
        return
    from niggle.cli.serve import serve as serve_web

    out.print()
    serve_web(ctx, host="127.0.0.1", port=port, accounts=False, athlete=name, db=db)
