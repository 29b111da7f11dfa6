"""``niggle serve``: the web app, in local single-user mode or with accounts."""

from __future__ import annotations

from typing import Annotated

import typer

from niggle.cli.state import AthleteOption, DbOption, get_state


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on. Local mode only allows 127.0.0.1 (or ::1, localhost).",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    accounts: Annotated[
        bool,
        typer.Option(
            "--accounts",
            help="Require sign-in with a username and password (needed on any address other "
            "machines can reach). Without it, one local account is signed in automatically.",
        ),
    ] = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Serve niggle in your browser (Ctrl+C stops it)."""
    import sys

    from niggle.web.server import serve as run_server
    from niggle.web.settings import load_web_settings

    state = get_state(ctx)
    web = load_web_settings(
        mode="accounts" if accounts else "local",
        host=host,
        local_athlete=state.athlete_name(athlete),
    )

    def announce(message: str) -> None:
        sys.stderr.write(message + "\n")

    run_server(state.settings(db), web, port, announce)
