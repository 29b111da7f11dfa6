"""The load report: PNG and self-contained HTML, written atomically; bad names refused."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from niggle.domain.activity import Activity
from niggle.domain.errors import InvalidInput
from niggle.domain.load import compute_load
from niggle.domain.pain import PainReport
from niggle.domain.session_load import LoadProfile
from niggle.exporters.report import (
    ReportData,
    check_weeks,
    render_html,
    render_png,
    report_format,
    write_report,
)

AS_OF = dt.date(2026, 4, 26)  # a Sunday
PROFILE = LoadProfile(threshold_s_per_km=270.0)


def _history() -> list[Activity]:
    runs = []
    day = AS_OF - dt.timedelta(days=70)
    while day <= AS_OF:
        if day.weekday() in (1, 3, 6):
            metres = 16_000.0 if day == AS_OF else 8_000.0
            start = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
            runs.append(Activity("run", start, day, metres * 0.33, distance_m=metres))
        day += dt.timedelta(days=1)
    return runs


def _data(name: str = "Sam", *, weeks: int = 8, history: bool = True) -> ReportData:
    first = AS_OF - dt.timedelta(weeks=weeks)
    summary = compute_load(
        _history() if history else [], PROFILE, AS_OF, weeks=weeks, flags_since=first
    )
    pain = [
        PainReport(on=AS_OF - dt.timedelta(days=d), region="lower_back", nrs=d % 6, when=w)
        for d, w in ((1, "during"), (5, "after"), (9, "next_morning"), (300, "rest"))
    ]
    return ReportData(name, "mi", weeks, summary, pain)


def _decodes_as_png(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # decodes every pixel; raises on a broken file
        return image.size


@pytest.mark.parametrize(
    ("name", "fmt"), [("r.png", "png"), ("r.html", "html"), ("R.PNG", "png"), ("a.b.html", "html")]
)
def test_report_format_by_extension(tmp_path: Path, name: str, fmt: str) -> None:
    assert report_format(tmp_path / name) == fmt


@pytest.mark.parametrize("name", ["r.pdf", "r.svg", "r.htm", "report", "r.png.txt"])
def test_other_extensions_are_refused_with_a_way_out(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidInput, match=r"\.html or \.png") as caught:
        report_format(tmp_path / name)
    assert "--out load.html" in caught.value.message


def test_a_missing_folder_or_a_folder_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        report_format(tmp_path / "nope" / "r.png")
    (tmp_path / "dir.png").mkdir()
    with pytest.raises(InvalidInput, match="is a folder"):
        report_format(tmp_path / "dir.png")


@pytest.mark.parametrize("weeks", [0, -3, 521])
def test_weeks_out_of_range_are_refused(weeks: int) -> None:
    with pytest.raises(InvalidInput, match="--weeks"):
        check_weeks(weeks)


def test_png_report_is_written_and_decodes(tmp_path: Path) -> None:
    out = write_report(tmp_path / "load.png", _data())
    width, height = _decodes_as_png(out.read_bytes())
    assert (width, height) == (1000, 750)
    assert [p.name for p in tmp_path.iterdir()] == ["load.png"]  # no temporary left behind


def test_html_report_is_self_contained_with_an_inline_image(tmp_path: Path) -> None:
    out = write_report(tmp_path / "load.html", _data())
    page = out.read_text(encoding="utf-8")
    found = re.search(r'<img [^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert found is not None
    _decodes_as_png(base64.b64decode(found.group(1)))
    # Nothing fetched from elsewhere: no external scripts, styles or images.
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script" not in page
    # The numbers, the critique and the warnings are on the page too.
    assert "Impellizzeri" in page
    assert "long_run_spike" in page
    assert "mi</td>" in page


def test_html_escapes_what_the_runner_typed(tmp_path: Path) -> None:
    page = render_html(_data("<script>alert(1)</script>"), b"png")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_empty_history_still_draws(tmp_path: Path) -> None:
    _decodes_as_png(render_png(_data(history=False)))
    page = write_report(tmp_path / "empty.html", _data(history=False)).read_text()
    assert "No load warnings" in page


def test_a_long_report_draws_too() -> None:
    _decodes_as_png(render_png(_data(weeks=104)))


def test_an_existing_report_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "load.png"
    out.write_bytes(b"old")
    write_report(out, _data())
    _decodes_as_png(out.read_bytes())
