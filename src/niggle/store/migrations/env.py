"""Alembic environment: uses the engine niggle hands over, never a URL from an ini file."""

from __future__ import annotations

from alembic import context

import niggle.store.tables  # noqa: F401  (registers every table on the metadata)
from niggle.store.base import Base

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
