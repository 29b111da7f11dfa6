"""``niggle --help`` stays instant: it must not import heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = [
    "sqlalchemy",
    "alembic",
    "numpy",
    "spacy",
    "medspacy",
    "matplotlib",
    "fitdecode",
    "fit_tool",
    "icalendar",
    "yaml",
    "fastapi",
]


def _modules_after(args: list[str]) -> set[str]:
    probe = (
        "import sys, json\n"
        "from niggle.cli.main import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\nMODULES=' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    marker = done.stderr.rsplit("MODULES=", 1)
    assert len(marker) == 2, done.stderr
    return set(json.loads(marker[1]))


def test_help_imports_no_heavy_library() -> None:
    loaded = _modules_after(["--help"])
    assert "niggle.cli.main" in loaded
    assert not [m for m in HEAVY if m in loaded]


def test_every_command_group_help_is_light_too() -> None:
    from niggle.cli.main import app

    groups = [g.name for g in app.registered_groups if g.name]
    commands = [c.name for c in app.registered_commands if c.name]
    for name in groups + commands:
        loaded = _modules_after([name, "--help"])
        assert not [m for m in HEAVY if m in loaded], name
