"""Importing batches into the store on both backends: failures, re-imports, duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from niggle.domain.athlete import Athlete
from niggle.services import activities as log
from niggle.services.athletes import create_athlete
from niggle.services.imports import ImportProgress, import_document, import_paths
from niggle.store import activities as repo
from niggle.store.db import Database
from tests.importers.activity_files import START, gpx, gz, tcx, track
from tests.importers.fitgen_activity import FitOptions, Leg, activity_fit


@pytest.fixture
def athlete_id(db: Database, today: dt.date) -> int:
    athlete = create_athlete(db, Athlete(name="Sam"), today)
    assert athlete.id is not None
    return athlete.id


def _fit(seed: int, start: dt.datetime, seconds: int = 900) -> bytes:
    options = FitOptions(legs=(Leg("running", seconds=seconds),), start=int(start.timestamp()))
    return activity_fit(seed, options).data


def _batch(folder: Path) -> Path:
    folder.mkdir()
    day = dt.timedelta(days=1)
    (folder / "a.fit").write_bytes(_fit(1, START))
    (folder / "b.gpx.gz").write_bytes(gz(gpx(track(301), start=START + day)))
    (folder / "c.tcx").write_bytes(tcx(track(301), start=START + 2 * day))
    (folder / "corrupt.fit").write_bytes(b"\x0e\x10\x00\x00\x10\x00\x00\x00.FIT" + b"\xff" * 40)
    cut = _fit(2, START + 3 * day, 1200)
    (folder / "truncated.fit").write_bytes(cut[: len(cut) * 2 // 3])
    (folder / "broken.gpx").write_bytes(gpx(track(50))[:300])
    (folder / "README.txt").write_text("my runs")
    return folder


def test_a_batch_with_bad_files_imports_the_rest_and_names_the_bad_ones(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    seen: list[ImportProgress] = []
    report = import_paths(db, athlete_id, [_batch(tmp_path / "runs")], today,
                          on_progress=seen.append)  # fmt: skip
    failed = {Path(f.path).name: f.error for f in report.failed}
    assert set(failed) == {"corrupt.fit", "broken.gpx"}
    assert "XML" in failed["broken.gpx"]
    assert [Path(p).name for p, _ in report.skipped] == ["README.txt"]
    assert len(report.imported) == 4  # a, b, c and the truncated file's samples
    assert any("truncated.fit" in w and "kept" in w for w in report.warnings)
    stored = log.list_activities(db, athlete_id)
    assert [a.local_date for a in stored] == sorted(a.local_date for a in stored)
    assert {a.source for a in stored} == {"fit", "gpx", "tcx"}
    assert seen[-1].done == seen[-1].total == 7
    assert seen[-1].failed == 2 and seen[-1].imported == 4
    # The streams went in as one blob per activity and come back intact.
    fit_run = next(a for a in stored if a.source == "fit" and a.local_date == START.date())
    assert fit_run.id is not None
    samples = log.activity_streams(db, athlete_id, fit_run.id)
    assert samples is not None and len(samples) == 900
    assert np.isfinite(samples.heart_rate_bpm).any()


def test_importing_the_same_files_again_changes_nothing(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    folder = _batch(tmp_path / "runs")
    first = import_paths(db, athlete_id, [folder], today)
    again = import_paths(db, athlete_id, [folder], today)
    assert again.imported == []
    assert len(again.duplicates) == len(first.imported)
    assert all("already imported" in d.reason for d in again.duplicates)
    assert len(again.failed) == 2  # the broken files are still reported as broken
    assert len(log.list_activities(db, athlete_id)) == len(first.imported)


def test_the_same_session_from_the_watch_and_from_strava_is_kept_once(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    fit = activity_fit(5, FitOptions(legs=(Leg("running", seconds=600),),
                                     start=int(START.timestamp())))  # fmt: skip
    (tmp_path / "strava.gpx").write_bytes(_gpx_of(fit))
    (tmp_path / "watch.fit").write_bytes(fit.data)
    first = import_paths(db, athlete_id, [tmp_path / "strava.gpx"], today)
    second = import_paths(db, athlete_id, [tmp_path / "watch.fit"], today)
    assert len(first.imported) == 1 and second.imported == []
    [duplicate] = second.duplicates
    assert duplicate.activity_id == first.imported[0].id
    assert "same session" in duplicate.reason and "replaced" in duplicate.reason
    [kept] = log.list_activities(db, athlete_id)
    # The watch's file is richer, so its numbers replaced the GPX's, under the same id.
    assert kept.id == first.imported[0].id and kept.source == "fit"
    assert kept.distance_m == fit.sessions[0]["total_distance"]


def test_a_session_at_the_same_time_but_far_longer_is_not_a_duplicate(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    (tmp_path / "short.gpx").write_bytes(gpx(track(301)))
    (tmp_path / "long.gpx").write_bytes(gpx(track(601), name="other"))
    report = import_paths(db, athlete_id, [tmp_path / "short.gpx", tmp_path / "long.gpx"], today)
    assert len(report.imported) == 2 and report.duplicates == []


def test_each_activity_is_its_own_transaction(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.gpx").write_bytes(gpx(track(31), start=START))
    (tmp_path / "two.gpx").write_bytes(gpx(track(31), start=START + dt.timedelta(days=1)))
    real_add = repo.add
    calls = {"n": 0}

    def failing_second(*args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real_add(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(repo, "add", failing_second)
    with pytest.raises(RuntimeError):
        import_paths(db, athlete_id, [tmp_path], today)
    [kept] = log.list_activities(db, athlete_id)  # the first one was committed on its own
    assert kept.start == START


def test_the_json_document_follows_the_contract(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    report = import_paths(db, athlete_id, [_batch(tmp_path / "runs")], today)
    document = import_document(report)
    assert document["schema_version"] == 1
    assert document["imported"] == 4 and document["duplicates"] == 0
    assert {f["path"].rsplit("/", 1)[1] for f in document["failed"]} == {
        "corrupt.fit",
        "broken.gpx",
    }
    for item in document["activities"]:
        assert {"id", "start", "sport", "distance_m", "duration_s"} <= set(item)
        assert dt.datetime.fromisoformat(item["start"]).tzinfo is not None


def _gpx_of(fit: object) -> bytes:
    """What Strava would export for the same recording: its track as GPX."""
    from tests.importers.activity_files import Point

    streams = fit.streams  # type: ignore[attr-defined]
    start = dt.datetime.fromtimestamp(streams["timestamp"][0], dt.UTC)
    points = [
        Point(
            seconds=float(t - streams["timestamp"][0]),
            lat=float(lat),
            lon=float(lon),
            ele=10.0,
            hr=150,
            cad=85,
            distance_m=0.0,
        )
        for t, lat, lon in zip(
            streams["timestamp"], streams["lat_deg"], streams["lon_deg"], strict=True
        )
        if np.isfinite(lat)
    ]
    return gpx(points, start=start)


def test_a_file_stored_in_part_is_completed_on_the_next_import(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legs = (
        Leg("swimming", seconds=300),
        Leg("transition", seconds=60),
        Leg("running", seconds=600),
    )
    brick = tmp_path / "brick.fit"
    brick.write_bytes(activity_fit(8, FitOptions(legs=legs, start=int(START.timestamp()))).data)
    real_add = repo.add

    def crash_on_the_run(*args: object, **kwargs: object) -> int:
        if args[2].sport == "run":  # type: ignore[attr-defined]
            raise RuntimeError("power cut")
        return real_add(*args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(repo, "add", crash_on_the_run)
        with pytest.raises(RuntimeError):
            import_paths(db, athlete_id, [brick], today)
    assert [a.sport for a in log.list_activities(db, athlete_id)] == ["swim"]
    report = import_paths(db, athlete_id, [brick], today)
    assert [a.sport for a in report.imported] == ["run"]
    assert [d.reason for d in report.duplicates] == ["already imported (same file)"]
    again = import_paths(db, athlete_id, [brick], today)
    assert again.imported == [] and len(again.duplicates) == 1
