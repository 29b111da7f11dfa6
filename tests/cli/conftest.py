"""Run the real ``niggle`` entry point in-process and capture what a user would see."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from niggle.cli.main import main


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


Runner = Callable[..., Outcome]


@pytest.fixture
def cli_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def niggle(
    capsys: pytest.CaptureFixture[str], cli_db: str, monkeypatch: pytest.MonkeyPatch
) -> Runner:
    """``niggle("paces", "--from", "5k=22:30")`` runs the CLI against a fresh SQLite file."""
    monkeypatch.setenv("NIGGLE_DB", cli_db)
    monkeypatch.setenv("COLUMNS", "120")

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run
