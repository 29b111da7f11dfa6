"""Database URLs: anything SQLAlchemy reads for SQLite or PostgreSQL; the rest is refused."""

from __future__ import annotations

import pytest

from niggle.domain.errors import InvalidInput, NiggleError
from niggle.services.database import open_database
from niggle.store.db import make_engine


def test_plain_postgresql_urls_use_psycopg3() -> None:
    engine = make_engine("postgresql://someone@127.0.0.1:1/nowhere")
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "fragment"),
    [("not a url", "Cannot read the database URL"), ("mysql://u@h/d", "SQLite and PostgreSQL")],
)
def test_unusable_urls_are_refused_with_the_fix(url: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        make_engine(url)


def test_an_unreachable_server_is_a_clear_error() -> None:
    # Port 1 on loopback refuses at once: no waiting on a network.
    with pytest.raises(NiggleError, match="Check that the server is running"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
