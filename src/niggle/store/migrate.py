"""Alembic, driven from code: niggle migrates its database automatically when it opens it."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from niggle.domain.errors import NiggleError


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("niggle.store") / "migrations"))
    config.attributes["engine"] = engine
    return config


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def head_revisions(engine: Engine) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())


def upgrade(engine: Engine, target: str = "heads") -> None:
    try:
        if target == "heads" and current_revisions(engine) == head_revisions(engine):
            return
        command.upgrade(alembic_config(engine), target)
    except OperationalError as exc:
        raise NiggleError(
            f"Cannot open or migrate the database at {engine.url.render_as_string()}: "
            f"{exc.orig}. Check that the server is running and the URL is right.",
            code="database_unavailable",
        ) from exc


def downgrade(engine: Engine, target: str = "base") -> None:
    command.downgrade(alembic_config(engine), target)
