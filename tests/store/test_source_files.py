"""Migration 0009 on both backends: the kept-originals tables, as the models declare them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from niggle.store.base import Base
from niggle.store.db import Database, make_engine
from niggle.store.migrate import downgrade, upgrade

MINE = {"source_files", "source_file_chunks", "source_file_activities"}


def test_the_migration_creates_exactly_what_the_tables_declare(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) >= MINE
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)

    def touches_mine(diff: Any) -> bool:
        text = repr(diff)
        return any(f"'{name}'" in text or f"{name}." in text for name in MINE)

    assert [d for d in diffs if touches_mine(d)] == []


def test_downgrading_to_0008_drops_them_and_upgrading_brings_them_back(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        downgrade(engine, "0008_adaptations")
        tables = set(inspect(engine).get_table_names())
        assert not tables & MINE
        assert {"activities", "athletes"} <= tables
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= MINE
    finally:
        engine.dispose()
