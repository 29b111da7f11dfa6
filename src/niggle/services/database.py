"""Opening the database: build the engine, migrate it, hand back a :class:`Database`."""

from __future__ import annotations

from niggle.store.db import Database, make_engine
from niggle.store.migrate import upgrade


def open_database(url: str) -> Database:
    """Open ``url`` and bring its schema up to date; migrations always run automatically."""
    engine = make_engine(url)
    upgrade(engine)
    return Database(engine)
