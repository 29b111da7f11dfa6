"""Migrations run from empty to head and back down, on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect, text

from niggle.store.db import make_engine
from niggle.store.migrate import current_revisions, downgrade, head_revisions, upgrade


def test_upgrade_from_empty_then_downgrade_to_base(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        assert current_revisions(engine) == head_revisions(engine)
        tables = set(inspect(engine).get_table_names())
        assert {"athletes", "race_results", "alembic_version"} <= tables

        downgrade(engine, "base")
        assert current_revisions(engine) == set()
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        upgrade(engine)  # and up again: migrations are repeatable
        assert current_revisions(engine) == head_revisions(engine)
    finally:
        engine.dispose()


def test_upgrade_is_a_no_op_when_current(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        before = current_revisions(engine)
        upgrade(engine)
        assert current_revisions(engine) == before
    finally:
        engine.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'folder' / 'n.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    finally:
        engine.dispose()
