"""Refusals raised by the importers for files they cannot use.

Both are :class:`~niggle.domain.errors.InvalidInput`, so the CLI shows the message (which
names what is wrong and what to do) with exit code 1 and never a traceback.
"""

from __future__ import annotations

from niggle.domain.errors import InvalidInput


class CorruptFile(InvalidInput):
    """The file claims a format we read but nothing usable could be decoded from it."""

    code = "corrupt_file"


class UnsupportedFile(InvalidInput):
    """The file is readable but of a kind niggle does not import (e.g. a monitoring FIT)."""

    code = "unsupported_file"
