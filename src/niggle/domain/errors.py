"""Errors the domain raises for input it understands but refuses.

Every adapter turns a :class:`NiggleError` into a plain message and exit code 1 (CLI) or a
4xx answer (web). The message must say what is wrong and how to fix it.
"""

from __future__ import annotations


class NiggleError(Exception):
    """Base of every refusal that is the user's to fix. ``code`` is stable for scripts."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class InvalidInput(NiggleError):
    """A value the user typed or a file held could not be understood."""

    code = "invalid_input"


class NotFound(NiggleError):
    """The thing named does not exist (athlete, plan, activity ...)."""

    code = "not_found"


class Conflict(NiggleError):
    """The request clashes with what is stored (a duplicate name, an ambiguous choice)."""

    code = "conflict"
