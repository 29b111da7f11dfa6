"""``niggle demo`` and ``niggle start`` (what ``make run`` runs)."""

from __future__ import annotations

from tests.cli.conftest import Runner


def test_start_seeds_the_demo_once_and_shows_paces(niggle: Runner) -> None:
    first = niggle("start")
    assert first.exit_code == 0, first.stderr
    said = " ".join(first.stdout.split())  # Rich wraps long database paths
    assert "seeded the demo athlete" in said
    # Not at a terminal (as here, or in CI), start shows the summary and exits.
    assert "niggle serve" in said
    assert "Sam" in first.stdout
    assert "FIRST paces" in first.stdout
    second = niggle("start")
    assert second.exit_code == 0
    assert "seeded" not in second.stdout
    assert len(niggle("athlete", "list", "--json").json()["athletes"]) == 1


def test_demo_is_idempotent(niggle: Runner) -> None:
    created = niggle("demo", "--json").json()
    assert created["created"] is True
    assert created["athlete"] == "Sam"
    again = niggle("demo", "--json").json()
    assert again["created"] is False
    assert again["athlete_id"] == created["athlete_id"]


def test_demo_takes_its_own_db_option(niggle: Runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert niggle("demo", "--db", other).exit_code == 0
    assert niggle("--db", other, "athlete", "show", "--json").json()["name"] == "Sam"
    # The default database (NIGGLE_DB in the fixture) was not touched.
    assert niggle("athlete", "list", "--json").json()["athletes"] == []
