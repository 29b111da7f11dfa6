"""Every table, one module per capability. Importing this package registers them all."""

from niggle.store.tables import athletes  # noqa: F401
