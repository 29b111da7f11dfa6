"""The printable plan: self-contained HTML and Markdown with the week-by-week table."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from niggle.domain.errors import InvalidInput
from niggle.exporters.files import write_atomically
from niggle.exporters.printable import plan_html, plan_markdown

from .plan_fixtures import TODAY, stored_plan


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.urls: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and data.strip():
            self._cell.append(data.strip())


def test_html_holds_every_week_day_by_day_with_no_external_assets() -> None:
    plan = stored_plan()
    page = plan_html(plan, "mi", "Sam & Co <test>", TODAY)
    assert page.startswith("<!DOCTYPE html>")
    assert "Sam &amp; Co &lt;test&gt;" in page  # escaped, never raw
    parser = _Cells()
    parser.feed(page)
    assert parser.urls == []
    assert "http" not in page and "@import" not in page
    week_rows = [r for r in parser.rows if r and r[0].startswith("Week ")]
    assert len(week_rows) == 16
    header = next(r for r in parser.rows if r and r[0] == "Week")
    assert header == ["Week", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Running"]
    week1 = week_rows[0]
    assert week1[2].startswith("3 x 1600 m")  # Tuesday
    assert "13 mi MP+30 s/mi" in week1[7]  # Sunday
    assert "Cross-training" in week1[3]
    assert week_rows[-1][7].startswith("London Marathon")
    pace_rows = {r[0]: r[1] for r in parser.rows if len(r) == 2}
    assert pace_rows["800 m repeat pace"] == "2:57 per 800 m"
    assert pace_rows["short tempo"] == "6:43/mi"


def test_markdown_has_the_same_table() -> None:
    text = plan_markdown(stored_plan("first-10k"), "km", "Sam", TODAY)
    rows = [line for line in text.splitlines() if re.match(r"^\| \d+ \(", line)]
    assert len(rows) == 12
    assert all(line.count("|") == 10 for line in rows)  # week, 7 days, running, edges
    assert "| Week | Mon | Tue | Wed | Thu | Fri | Sat | Sun | Running |" in text


def test_files_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    with pytest.raises(InvalidInput, match="does not exist"):
        write_atomically(tmp_path / "nope" / "plan.html", b"x")
    with pytest.raises(InvalidInput, match="is a folder"):
        write_atomically(tmp_path, b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_an_unwritable_folder_is_a_clear_refusal(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(InvalidInput, match="Cannot write"):
            write_atomically(locked / "plan.ics", b"x")
    finally:
        locked.chmod(0o700)
