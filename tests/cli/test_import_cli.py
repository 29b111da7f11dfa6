"""``niggle import --json``: the contract document, exit codes, stdout kept clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.importers.activity_files import START, StravaRow, gpx, gz, strava_export, tcx, track


@pytest.fixture
def sam(niggle: Runner) -> Runner:
    assert niggle("athlete", "create", "--name", "Sam").exit_code == 0
    return niggle


def test_a_clean_import_exits_0_with_the_contract_document(sam: Runner, tmp_path: Path) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx(track(121)))
    (tmp_path / "b.tcx.gz").write_bytes(gz(tcx(track(121), start=START.replace(day=12))))
    done = sam("import", str(tmp_path), "--json")
    assert done.exit_code == 0, done.stderr
    document = done.json()  # exactly one JSON document on stdout
    assert document["schema_version"] == 1
    assert document["imported"] == 2 and document["duplicates"] == 0
    assert document["failed"] == []
    for item in document["activities"]:
        assert set(item) >= {"id", "start", "sport", "distance_m", "duration_s"}
    again = sam("import", str(tmp_path), "--json").json()
    assert again["imported"] == 0 and again["duplicates"] == 2


def test_a_failed_file_means_exit_1_but_the_rest_import(sam: Runner, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.gpx", tmp_path / "bad.gpx"
    good.write_bytes(gpx(track(61)))
    bad.write_bytes(b"<gpx><trk>")
    done = sam("import", str(good), str(bad), str(tmp_path / "missing.fit"), "--json")
    assert done.exit_code == 1
    document = done.json()
    assert document["imported"] == 1
    assert [Path(f["path"]).name for f in document["failed"]] == ["bad.gpx", "missing.fit"]
    assert all(f["error"] for f in document["failed"])
    assert "bad.gpx" in done.stderr and "Traceback" not in done.stderr


def test_a_named_file_that_is_not_an_activity_fails(sam: Runner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.gpx"  # the name says GPX; the content decides
    notes.write_text("just some notes")
    done = sam("import", str(notes), "--json")
    assert done.exit_code == 1
    assert "not an activity file" in done.json()["failed"][0]["error"]


def test_a_strava_export_and_a_hostile_zip(sam: Runner, tmp_path: Path) -> None:
    rows = [StravaRow(1, "Nov 10, 2026, 7:30:00 AM", "Intervals", "Run", 600, "1.8", 1800.0,
                      "activities/1.gpx.gz")]  # fmt: skip
    export = tmp_path / "export_42.zip"
    export.write_bytes(strava_export(rows, {"activities/1.gpx.gz": gz(gpx(track(601)))}))
    done = sam("import", str(export), "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["activities"][0]["title"] == "Intervals"

    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../escape.gpx", gpx(track(11)))
        archive.writestr("bomb.tcx", b" " * (40 * 1024 * 1024))
    hostile = tmp_path / "hostile.zip"
    hostile.write_bytes(buffer.getvalue())
    refused = sam("import", str(hostile), "--json")
    assert refused.exit_code == 1
    errors = " ".join(f["error"] for f in refused.json()["failed"])
    assert "path traversal" in errors and "zip bombs" in errors


def test_import_needs_an_athlete(niggle: Runner, tmp_path: Path) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx(track(11)))
    done = niggle("import", str(tmp_path / "a.gpx"), "--json")
    assert done.exit_code == 1 and "athlete create" in done.json()["error"]["message"]
