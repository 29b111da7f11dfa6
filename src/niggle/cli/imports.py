"""``niggle import``: activity files, folders, .gz files and whole Strava or Garmin exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    from niggle.domain.units import UnitSystem
    from niggle.services.imports import ImportProgress, ImportReport


def register(app: typer.Typer) -> None:
    app.command("import")(import_)


def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="FIT, GPX or TCX files (gzipped too), folders of them, or a Strava or "
            "Garmin export .zip.",
            show_default=False,
        ),
    ],
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Import activities; bad files are reported, the rest still import (exit 1 if any failed)."""
    from niggle.services.athletes import find_athlete
    from niggle.services.imports import import_document, import_paths

    with database(ctx) as db:
        runner = find_athlete(db, get_state(ctx).athlete_name(athlete))
        assert runner.id is not None
        with _progress() as on_progress:
            report = import_paths(db, runner.id, paths, today(), on_progress=on_progress)
    if json:
        from niggle.cli.output import emit_json

        emit_json(import_document(report))
    else:
        _print(report, runner.units)
    _warn(report)
    if not report.ok:
        raise typer.Exit(1)


@contextmanager
def _progress() -> Iterator[Callable[[ImportProgress], None] | None]:
    """A Rich progress bar on stderr (counts and ETA), when stderr is a terminal."""
    import sys

    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from niggle.cli.output import err_console

    bar = Progress(
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err_console(),
        transient=False,
    )
    task = bar.add_task("import", total=None, counts="")

    def update(progress: ImportProgress) -> None:
        bar.update(
            task,
            completed=progress.done,
            total=progress.total,
            counts=f"new {progress.imported} · dup {progress.duplicates} · "
            f"failed {progress.failed}",
        )

    with bar:
        yield update


def _print(report: ImportReport, units: str) -> None:
    from niggle.cli.output import console
    from niggle.domain.units import format_distance, format_duration

    shown: UnitSystem = "mi" if units == "mi" else "km"
    out = console()
    out.print(
        f"[green]Imported {len(report.imported)}[/green] activities; "
        f"{len(report.duplicates)} already in your log; {len(report.failed)} failed"
        + (f"; {len(report.skipped)} files skipped (not activities)." if report.skipped else ".")
    )
    for activity in report.imported[:20]:
        distance = format_distance(activity.distance_m, shown) if activity.distance_m else "-"
        out.print(
            f"  {activity.local_date.isoformat()}  {activity.sport:<10} {distance:>10}  "
            f"{format_duration(activity.duration_s):>8}  {activity.title or ''}"
        )
    if len(report.imported) > 20:
        out.print(f"  ... and {len(report.imported) - 20} more (niggle activities lists them).")


def _warn(report: ImportReport) -> None:
    import sys

    for failure in report.failed:
        sys.stderr.write(f"Failed: {failure.path}: {failure.error}\n")
    for warning in report.warnings:
        sys.stderr.write(f"Warning: {warning}\n")
