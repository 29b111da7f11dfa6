"""Migration 0006_accounts creates exactly what the account tables declare, and drops it."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import niggle.store.tables  # noqa: F401  (registers every table)
from niggle.store.base import Base
from niggle.store.db import make_engine
from niggle.store.migrate import downgrade, upgrade

ACCOUNT_TABLES = {
    "users",
    "athlete_owners",
    "web_sessions",
    "api_tokens",
    "login_attempts",
    "share_invites",
    "shares",
    "audit_log",
}


def _table_of(diff: object) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item if isinstance(item, tuple) else ():
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None and getattr(table, "name", None) in ACCOUNT_TABLES:
            return str(table.name)
        if name in ACCOUNT_TABLES:
            return str(name)
        if isinstance(part, str) and part in ACCOUNT_TABLES:
            return part
    return None


def test_the_migration_matches_the_tables(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= ACCOUNT_TABLES
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = [d for d in compare_metadata(context, Base.metadata) if _table_of(d)]
        assert diffs == []
    finally:
        engine.dispose()


def test_downgrading_the_branch_drops_the_account_tables(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        downgrade(engine, "0006_accounts@0001_athletes")
        tables = set(inspect(engine).get_table_names())
        assert not ACCOUNT_TABLES & tables
        assert "athletes" in tables
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= ACCOUNT_TABLES
    finally:
        engine.dispose()
