"""The web tests' database: every test starts empty, on SQLite and on PostgreSQL alike.

PostgreSQL serves every web test from one migrated schema, emptied between tests, so this
checks that nothing of an earlier test survives: no rows, ids from 1 again, and nothing
remembered in the process-wide history cache under the same database URL.
"""

from __future__ import annotations

import pytest
from sqlalchemy import column, func, inspect, select, table

from niggle.services.history_cache import MEMO
from tests.web.conftest import AppFactory, Browser


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_starts_on_an_empty_database(make_app: AppFactory, turn: str) -> None:
    app = make_app(mode="accounts")
    engine = app.state.niggle.db.engine
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
        filled = {n: conn.scalar(select(func.count()).select_from(table(n))) for n in names}
    assert {n: c for n, c in filled.items() if c} == {}
    assert len(MEMO) == 0

    # Leave rows and remembered results behind for the next turn to not see.
    browser = Browser(app)
    browser.signup("tess")
    browser.onboard("Tess")
    browser.post("/log/run", {"date": "2026-11-27", "distance": "5", "time": "25:00"})
    assert browser.get("/insights").status_code == 200
    with engine.connect() as conn:
        assert conn.scalar(select(func.min(table("users", column("id")).c.id))) == 1
    assert len(MEMO) > 0, turn
