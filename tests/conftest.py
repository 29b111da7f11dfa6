"""Shared fixtures: small factories, and databases on SQLite always and PostgreSQL when asked.

The PostgreSQL tier runs when NIGGLE_TEST_POSTGRES_URL is set (``.ci/run`` sets it when a
server answers on 127.0.0.1:5432). Each test session gets its own schemas, dropped at the end,
so parallel runs never see each other's rows.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from niggle.services.database import open_database
from niggle.store.db import Database

POSTGRES_ENV = "NIGGLE_TEST_POSTGRES_URL"

# In CI, property tests replay the same examples every run so main stays green on its own
# merits; on a developer's machine they keep exploring new examples, which is where bugs turn
# up. No deadlines: the machine is shared, and timing belongs in benchmarks/.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
TODAY = dt.date(2026, 11, 28)


def pytest_report_header(config: pytest.Config) -> str:
    if os.environ.get(POSTGRES_ENV):
        return f"niggle: PostgreSQL tier ON ({POSTGRES_ENV} is set)"
    return f"niggle: PostgreSQL tier SKIPPED ({POSTGRES_ENV} is not set); SQLite only"


PG_SKIP_REASON = f"PostgreSQL tier skipped: set {POSTGRES_ENV} to run it"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Each reason for skipping once, with a count, instead of a line per skipped test."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = getattr(report, "longrepr", None)
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(f"niggle: {reason} ({count} skipped)", yellow=True, bold=True)
    if os.environ.get(POSTGRES_ENV) and PG_SKIP_REASON not in reasons:
        terminalreporter.write_line("niggle: PostgreSQL tier ran", green=True)


class PostgresSchemas:
    """Makes throw-away schemas on the test server and drops every one at the end."""

    def __init__(self, base: str) -> None:
        from sqlalchemy import create_engine

        self.base = base
        self.admin = create_engine(base)
        self.schema_of: dict[str, str] = {}
        self.truncate: dict[str, str] = {}

    def new(self, *, migrated: bool = False) -> str:
        """A URL whose search_path is a fresh schema, migrated when asked."""
        from sqlalchemy import text

        schema = f"niggle_test_{uuid.uuid4().hex[:10]}"
        with self.admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in self.base else "?"
        url = f"{self.base}{separator}options=-csearch_path%3D{schema}"
        self.schema_of[url] = schema
        if migrated:
            open_database(url).dispose()
        return url

    def empty(self, url: str) -> None:
        """Empty every table but alembic_version, ids restarting at 1 as on a new database.

        About 30 ms, against about 400 ms to migrate a fresh schema. The lock timeout turns a
        connection a test left inside a transaction into an error rather than a hang.
        """
        from sqlalchemy import inspect, text

        schema = self.schema_of[url]
        with self.admin.begin() as conn:
            if url not in self.truncate:
                tables = inspect(conn).get_table_names(schema=schema)
                listed = ", ".join(f'"{schema}"."{t}"' for t in tables if t != "alembic_version")
                self.truncate[url] = f"TRUNCATE {listed} RESTART IDENTITY CASCADE"
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            conn.execute(text(self.truncate[url]))

    def drop_all(self) -> None:
        from sqlalchemy import text

        with self.admin.begin() as conn:
            for schema in self.schema_of.values():
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas]:
    """This session's schemas; skips the test when no server is set."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(PG_SKIP_REASON)
    schemas = PostgresSchemas(base)
    try:
        yield schemas
    finally:
        schemas.drop_all()


@pytest.fixture(scope="session")
def postgres_url(postgres_schemas: PostgresSchemas) -> str:
    """A URL whose search_path is a fresh, empty schema; skips the test when no server is set."""
    return postgres_schemas.new()


@pytest.fixture(scope="session")
def migrated_postgres_url(postgres_schemas: PostgresSchemas) -> str:
    """A schema of its own, migrated once per session, since migrating per test is too slow.

    Tests on it call ``postgres_schemas.empty(url)`` first, which keeps the tables.
    """
    return postgres_schemas.new(migrated=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each backend; the PostgreSQL one is emptied after each test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'niggle.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    _drop_everything(url)


def _drop_everything(url: str) -> None:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    with engine.begin() as conn:
        for table in inspect(conn).get_table_names():
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    engine.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database, for tests that need storage but not both backends."""
    database = open_database(f"sqlite:///{tmp_path / 'niggle.db'}")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def today() -> dt.date:
    return TODAY
