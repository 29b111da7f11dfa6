"""Printing: one JSON document on stdout, or Rich text for people; messages go to stderr."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def emit_json(document: dict[str, Any]) -> None:
    document.setdefault("schema_version", 1)
    sys.stdout.write(json.dumps(document, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def warn(message: str) -> None:
    err_console().print(f"[yellow]Warning:[/yellow] {message}", markup=True)


def error_document(code: str, message: str) -> dict[str, Any]:
    return {"schema_version": 1, "error": {"code": code, "message": message}}
