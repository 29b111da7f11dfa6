"""Whole exports through the pipeline: Strava (English, German, old), Garmin, hostile zips."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from niggle.importers.limits import MIB, ImportLimits
from niggle.importers.pipeline import SourceResult, run_pipeline
from niggle.importers.strava_csv import parse_strava_date
from tests.importers.activity_files import (
    GERMAN_HEADER,
    START,
    StravaRow,
    garmin_export,
    garmin_summaries,
    gpx,
    gz,
    strava_export,
    tcx,
    track,
    zip_of,
)

UTC = dt.UTC


def _results(path: Path, limits: ImportLimits | None = None) -> list[SourceResult]:
    events = run_pipeline([path], limits=limits) if limits else run_pipeline([path])
    return [e for e in events if isinstance(e, SourceResult)]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _activities(results: list[SourceResult]) -> list:  # type: ignore[type-arg]
    return [p.activity for r in results for p in r.activities]


def test_english_strava_export_with_files_and_a_manual_row(tmp_path: Path) -> None:
    later = START + dt.timedelta(days=1)
    rows = [
        StravaRow(101, "Nov 10, 2026, 7:30:00 AM", "Tempo Tuesday", "Run", 600, "1.80",
                  1800.0, "activities/101.gpx.gz"),
        StravaRow(102, "Nov 11, 2026, 7:30:00 AM", "Spin", "Ride", 300, "0.90", 900.0,
                  "activities/102.tcx.gz"),
        StravaRow(103, "Nov 12, 2026, 6:05:00 PM", "Gym elliptical", "Elliptical", 2700,
                  "0", 0.0, ""),
    ]  # fmt: skip
    files = {
        "activities/101.gpx.gz": gz(gpx(track(601), name="track name")),
        "activities/102.tcx.gz": gz(tcx(track(301), start=later, sport="Biking")),
    }
    results = _results(_write(tmp_path, "export_1.zip", strava_export(rows, files)))
    assert [r.error for r in results] == [None, None, None]
    run, ride, elliptical = _activities(results)
    assert (run.title, run.sport, run.external_id) == ("Tempo Tuesday", "run", "101")
    assert run.distance_m == pytest.approx(1800, rel=1e-3)
    assert (ride.title, ride.sport) == ("Spin", "ride")
    assert elliptical.sport == "elliptical" and elliptical.source == "strava"
    assert elliptical.start == dt.datetime(2026, 11, 12, 18, 5, tzinfo=UTC)
    assert elliptical.elapsed_s == 2700 and elliptical.distance_m is None
    assert results[0].label.endswith("export_1.zip!activities/101.gpx.gz")


def test_german_export_reads_duplicate_columns_by_position(tmp_path: Path) -> None:
    rows = [
        StravaRow(201, "09.12.2022, 15:24:49", "Lockerer Lauf", "Lauf", 3000, "7,25",
                  7250.0, ""),
        StravaRow(202, "10.12.2022, 08:00:00", "Radfahrt am Morgen", "Radfahrt", 600, "2,00",
                  2000.0, "activities/202.gpx"),
    ]  # fmt: skip
    files = {"activities/202.gpx": gpx(track(61), sport=None, start=START)}
    results = _results(
        _write(tmp_path, "export_de.zip", strava_export(rows, files, header=GERMAN_HEADER))
    )
    manual, ride = _activities(results)
    assert manual.sport == "run" and manual.title == "Lockerer Lauf"
    assert manual.start == dt.datetime(2022, 12, 9, 15, 24, 49, tzinfo=UTC)
    # The first Distanz column is 7,25 (km, localized); the second, in metres, is used.
    assert manual.distance_m == 7250.0 and manual.elapsed_s == 3000
    assert ride.sport == "ride"  # the CSV's type wins over the file's missing one


def test_old_strava_layout_finds_filename_by_name(tmp_path: Path) -> None:
    csv_text = (
        b"id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        b"301,2018-05-01 07:00:00,Old run,Run,,1800,5000.0,false,,activities/301.gpx\n"
        b"302,2018-05-02 07:00:00,Old manual,Run,,1500,4000.0,false,,\n"
    )
    archive = zip_of({"activities.csv": csv_text, "activities/301.gpx": gpx(track(31))})
    results = _results(_write(tmp_path, "old.zip", archive))
    filed, manual = _activities(results)
    assert filed.title == "Old run"
    assert manual.distance_m == 4000.0 and manual.elapsed_s == 1500


def test_a_csv_that_is_not_strava_shaped_is_refused_clearly(tmp_path: Path) -> None:
    archive = zip_of({"activities.csv": b"a,b,c\n1,2,3\n"})
    [result] = _results(_write(tmp_path, "odd.zip", archive))
    assert result.error is not None and "13" in result.error


def test_missing_and_traversing_files_fail_alone(tmp_path: Path) -> None:
    rows = [
        StravaRow(401, "Nov 10, 2026, 7:30:00 AM", "Gone", "Run", 60, "0.2", 200.0,
                  "activities/401.gpx"),
        StravaRow(402, "Nov 10, 2026, 9:30:00 AM", "Sneaky", "Run", 60, "0.2", 200.0,
                  "../../etc/passwd"),
        StravaRow(403, "Nov 11, 2026, 7:30:00 AM", "Fine", "Run", 60, "0.2", 200.0,
                  "activities/403.gpx"),
    ]  # fmt: skip
    files = {"activities/403.gpx": gpx(track(61))}
    results = _results(_write(tmp_path, "s.zip", strava_export(rows, files)))
    errors = [r.error for r in results]
    assert errors[0] is not None and "missing from the archive" in errors[0]
    assert errors[1] is not None and "path traversal" in errors[1]
    assert errors[2] is None and _activities(results)[0].title == "Fine"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 7, 2020, 2:43:11 PM", dt.datetime(2020, 10, 7, 14, 43, 11, tzinfo=UTC)),
        ("Oct 7, 2020, 12:05:00 AM", dt.datetime(2020, 10, 7, 0, 5, tzinfo=UTC)),
        ("09.12.2022, 15:24:49", dt.datetime(2022, 12, 9, 15, 24, 49, tzinfo=UTC)),
        ("7 Okt. 2020, 14:43:11", dt.datetime(2020, 10, 7, 14, 43, 11, tzinfo=UTC)),
        ("2019-06-30 18:00:01", dt.datetime(2019, 6, 30, 18, 0, 1, tzinfo=UTC)),
    ],
)
def test_strava_dates_in_several_languages(text: str, expected: dt.datetime) -> None:
    assert parse_strava_date(text) == expected


def test_garmin_export_walks_nested_zips_and_names_by_start_time(tmp_path: Path) -> None:
    second = START + dt.timedelta(days=2)
    uploads = {
        "1001.gpx": gpx(track(61), name=None, sport=None),
        "1002.tcx": tcx(track(61), start=second, notes=None),
        "notes.txt": b"not an activity",
    }
    summaries = garmin_summaries(
        [
            ("Lunch Run", START + dt.timedelta(seconds=40), "running"),
            ("Long Run", second, "running"),
        ]
    )
    results = _results(_write(tmp_path, "garmin.zip", garmin_export(uploads, summaries)))
    named = {a.title: a for a in _activities(results)}
    assert set(named) == {"Lunch Run", "Long Run"}
    assert named["Lunch Run"].sport == "run"  # from the summary: the GPX had no type
    assert named["Lunch Run"].external_id == "9000"
    skipped = [r for r in results if r.skipped]
    assert [Path(r.label.split("!")[-1]).name for r in skipped] == ["notes.txt"]
    assert any("UploadedFiles_0-_Part" in r.label for r in results)


def test_a_zip_bomb_entry_is_refused_and_the_rest_import(tmp_path: Path) -> None:
    archive = zip_of(
        {"a.gpx": gpx(track(31)), "bomb.gpx": b"<" * (50 * MIB), "c.gpx": gpx(track(31))}
    )
    results = _results(_write(tmp_path, "bomb.zip", archive))
    by_name = {r.label.rsplit("!", 1)[1]: r for r in results}
    assert by_name["bomb.gpx"].error is not None
    assert "zip bombs" in by_name["bomb.gpx"].error
    assert by_name["a.gpx"].activities and by_name["c.gpx"].activities


def test_the_total_budget_stops_the_archive(tmp_path: Path) -> None:
    import random

    noise = random.Random(3).randbytes(2 * MIB)
    archive = zip_of({f"{i}.bin": noise for i in range(5)})
    limits = ImportLimits(max_file_bytes=4 * MIB, max_total_bytes=5 * MIB)
    results = _results(_write(tmp_path, "huge.zip", archive), limits)
    refused = [r for r in results if r.error and "in total" in r.error]
    assert len(refused) == 1
    assert len(results) == 3  # two read, the third crossed the budget, the rest never read


def test_nesting_deeper_than_the_cap_is_refused(tmp_path: Path) -> None:
    inner = zip_of({"deep.gpx": gpx(track(11))})
    for level in range(4):
        inner = zip_of({f"level{level}.zip": inner})
    results = _results(_write(tmp_path, "nested.zip", inner))
    assert any(r.error and "nested more than 3 deep" in r.error for r in results)
    assert not _activities(results)


def test_traversal_entries_in_any_zip_are_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../evil.gpx", gpx(track(11)))
        archive.writestr("good.gpx", gpx(track(11)))
    results = _results(_write(tmp_path, "trav.zip", buffer.getvalue()))
    assert any(r.error and "path traversal" in r.error for r in results)
    assert len(_activities(results)) == 1


def test_a_damaged_zip_is_one_failure(tmp_path: Path) -> None:
    data = zip_of({"a.gpx": gpx(track(11))})
    [result] = _results(_write(tmp_path, "broken.zip", data[:40]))
    assert result.error is not None and "zip" in result.error


def test_garmin_export_keeps_activity_fits_and_skips_monitoring_ones(tmp_path: Path) -> None:
    from tests.importers.activity_files import monitoring_fit
    from tests.importers.fitgen_activity import FitOptions, Leg, activity_fit

    starts = [START + dt.timedelta(days=d, hours=d) for d in range(3)]
    uploads = {
        f"{7000 + i}.fit": activity_fit(
            40 + i, FitOptions(legs=(Leg("running", seconds=300),), start=int(s.timestamp()))
        ).data
        for i, s in enumerate(starts)
    }
    uploads.update({f"{8000 + i}.fit": monitoring_fit() for i in range(4)})
    summaries = garmin_summaries(
        [(f"Run {i}", s + dt.timedelta(seconds=5), "running") for i, s in enumerate(starts)]
    )
    results = _results(_write(tmp_path, "garmin_fit.zip", garmin_export(uploads, summaries)))
    assert [r.error for r in results if r.error] == []
    assert sorted(a.title for a in _activities(results)) == ["Run 0", "Run 1", "Run 2"]
    assert all(a.source == "fit" for a in _activities(results))
    skipped = sorted(r.label.rsplit("!", 1)[1] for r in results if r.skipped)
    assert skipped == ["8000.fit", "8001.fit", "8002.fit", "8003.fit"]
    assert all("monitoring" in (r.skipped or "") for r in results if r.skipped)


def test_strava_fit_gz_members_and_oversized_entries(tmp_path: Path) -> None:
    from tests.importers.fitgen_activity import FitOptions, Leg, activity_fit

    fit = activity_fit(50, FitOptions(legs=(Leg("running", seconds=600),)))
    rows = [
        StravaRow(501, "Jul 1, 2025, 8:00:00 AM", "Watch run", "Run", 600, "1.9", 1900.0,
                  "activities/501.fit.gz"),
        StravaRow(502, "Jul 2, 2025, 8:00:00 AM", "Huge", "Run", 600, "1.9", 1900.0,
                  "activities/502.gpx"),
    ]  # fmt: skip
    import random

    files = {
        "activities/501.fit.gz": gz(fit.data),
        "activities/502.gpx": random.Random(5).randbytes(3 * MIB),
    }
    limits = ImportLimits(max_file_bytes=2 * MIB)
    results = _results(_write(tmp_path, "s.zip", strava_export(rows, files)), limits)
    assert _activities(results)[0].title == "Watch run"
    assert _activities(results)[0].distance_m == fit.sessions[0]["total_distance"]
    [refused] = [r for r in results if r.error]
    assert refused.label.endswith("activities/502.gpx") and "larger than 2 MB" in refused.error
