"""Migration 0005_rehab creates exactly what the rehab tables declare, and drops it again."""

from __future__ import annotations

from sqlalchemy import inspect

from niggle.store.base import Base
from niggle.store.db import make_engine
from niggle.store.migrate import current_revisions, downgrade, upgrade

REHAB_TABLES = ("rehab_programmes", "rehab_programme_exercises", "rehab_sessions")


def test_migration_matches_the_declared_tables(db_url: str) -> None:
    import niggle.store.tables  # noqa: F401  (registers every table)

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        inspector = inspect(engine)
        for name in REHAB_TABLES:
            declared = Base.metadata.tables[name]
            columns = {c["name"]: c for c in inspector.get_columns(name)}
            assert set(columns) == {c.name for c in declared.columns}, name
            for column in declared.columns:
                assert columns[column.name]["nullable"] == column.nullable, (name, column.name)
            fks = inspector.get_foreign_keys(name)
            assert {fk["name"] for fk in fks} == {
                fk.name for fk in declared.foreign_key_constraints
            }
            assert all(fk["options"].get("ondelete") == "CASCADE" for fk in fks)
            uniques = {u["name"] for u in inspector.get_unique_constraints(name)}
            declared_uniques = {
                c.name for c in declared.constraints if c.__class__.__name__ == "UniqueConstraint"
            }
            assert uniques == declared_uniques
            indexes = {i["name"] for i in inspector.get_indexes(name)}
            assert {i.name for i in declared.indexes} <= indexes

        # Downgrading the rehab branch alone drops its tables and nothing else.
        downgrade(engine, "0005_rehab-1")
        left = set(inspect(engine).get_table_names())
        assert not left & set(REHAB_TABLES)
        assert "athletes" in left
        assert "0005_rehab" not in current_revisions(engine)
        upgrade(engine)
        assert set(REHAB_TABLES) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
