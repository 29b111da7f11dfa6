"""Shared fixtures: small factories, and databases on SQLite always and PostgreSQL when asked.

The PostgreSQL tier runs when NIGGLE_TEST_POSTGRES_URL is set (``.ci/run`` sets it when a
server answers on 127.0.0.1:5432). Each test session gets its own schema, dropped at the end,
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


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema; skips the test when no server is set."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(PG_SKIP_REASON)
    from sqlalchemy import create_engine, text

    schema = f"niggle_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


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
