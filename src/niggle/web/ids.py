"""Ids in URLs: whole numbers a table's key can hold.

Primary keys are INTEGER columns: 32-bit on PostgreSQL, 64-bit on SQLite. A bigger number
in a path cannot name a row, and handing it to the database fails with an overflow (a 500
where the runner should hear "invalid"), so it is refused with 422 before any query runs.
Ids start at 1, so zero and negative numbers are refused the same way.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ROW_ID = 2**31 - 1  # PostgreSQL INTEGER, the narrower of the two backends

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
