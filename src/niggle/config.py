"""Settings, built by a function from the environment: never read at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_REGION = "uk"


@dataclass(frozen=True)
class Settings:
    db_url: str
    region: str = DEFAULT_REGION
    debug: bool = False


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("niggle", appauthor=False))


def default_db_url() -> str:
    return f"sqlite:///{default_data_dir() / 'niggle.db'}"


def load_settings(env: Mapping[str, str] | None = None, *, db_url: str | None = None) -> Settings:
    """``db_url`` (from ``--db``) beats ``NIGGLE_DB``, which beats the per-user SQLite file."""
    env = os.environ if env is None else env
    return Settings(
        db_url=db_url or env.get("NIGGLE_DB") or default_db_url(),
        region=env.get("NIGGLE_REGION", DEFAULT_REGION).lower(),
        debug=env.get("NIGGLE_DEBUG", "") not in ("", "0", "false"),
    )
