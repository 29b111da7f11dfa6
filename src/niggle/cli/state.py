"""Options every command shares (--db, --athlete, --json) and the state they resolve to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from niggle.config import Settings
    from niggle.store.db import Database

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file.db or postgresql+psycopg://...). Default: NIGGLE_DB, "
        "else an SQLite file in your data folder.",
        show_default=False,
    ),
]
AthleteOption = Annotated[
    str | None,
    typer.Option("--athlete", help="Which athlete, when the database holds several."),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print exactly one JSON document on stdout.")
]


@dataclass
class CliState:
    db_url: str | None = None
    athlete: str | None = None

    def settings(self, db_url: str | None = None) -> Settings:
        from niggle.config import load_settings

        return load_settings(db_url=db_url or self.db_url)

    def athlete_name(self, override: str | None) -> str | None:
        return override or self.athlete


def get_state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


@contextmanager
def database(ctx: typer.Context, db_url: str | None = None) -> Iterator[Database]:
    """Open (and migrate) the database named by --db, NIGGLE_DB or the default."""
    from niggle.services.database import open_database

    db = open_database(get_state(ctx).settings(db_url).db_url)
    try:
        yield db
    finally:
        db.dispose()


def today() -> dt.date:
    """The one place the CLI reads the clock; the domain is always handed ``today``."""
    return dt.date.today()
