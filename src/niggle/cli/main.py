"""The ``niggle`` command: global options, the command groups, and error handling."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from niggle import __version__
from niggle.cli import (
    activities,
    adapt,
    athlete,
    checkin,
    demo,
    forecast,
    imports,
    load,
    log,
    paces,
    plan,
    rehab,
    serve,
    triage,
)
from niggle.cli.state import CliState

app = typer.Typer(
    name="niggle",
    help="A self-hosted coach for runners who get hurt while training.\n\n"
    "niggle gives self-management advice and triage; it never diagnoses.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"niggle {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="NIGGLE_DB",
            help="Database URL: sqlite:///file.db or postgresql+psycopg://user@host/db. "
            "Default: an SQLite file in your data folder.",
            show_default=False,
        ),
    ] = None,
    athlete_name: Annotated[
        str | None,
        typer.Option("--athlete", help="Which athlete, when the database holds several."),
    ] = None,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    ctx.obj = CliState(db_url=db, athlete=athlete_name)


paces.register(app)
app.add_typer(athlete.app, name="athlete")
app.add_typer(rehab.app, name="rehab")
forecast.register(app)
app.add_typer(plan.app, name="plan")
demo.register(app)
load.register(app)
app.add_typer(log.app, name="log")
imports.register(app)
activities.register(app)
serve.register(app)
triage.register(app)
checkin.register(app)
adapt.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors exit 2, refusals exit 1 with a message, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    json_mode = "--json" in args
    try:
        typer.main.get_command(app)(args=args, prog_name="niggle")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted; nothing half-written was kept.\n")
        raise SystemExit(130) from None
    except Exception as exc:  # the last line of defence against tracebacks
        from niggle.domain.errors import NiggleError

        if isinstance(exc, NiggleError):
            code, message = exc.code, exc.message
        else:
            if os.environ.get("NIGGLE_DEBUG"):
                raise
            code = "internal_error"
            message = (
                f"niggle hit an unexpected problem ({type(exc).__name__}: {exc}). Nothing was "
                "saved half-way. Run again with NIGGLE_DEBUG=1 to see details, and please "
                "report it."
            )
        if json_mode:
            from niggle.cli.output import emit_json, error_document

            emit_json(error_document(code, message))
        sys.stderr.write(f"Error: {message}\n")
        raise SystemExit(1) from None
