"""The database adapter: engine, tables, migrations and repositories (SQLAlchemy 2)."""
