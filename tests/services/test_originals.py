"""Kept originals on both backends: what is kept, once, linked, exported and deleted."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from niggle.domain.athlete import Athlete
from niggle.services import accounts, imports
from niggle.services.accounts import PasswordHashing
from niggle.services.export import export_archive, export_file
from niggle.services.imports import import_document, import_paths, original_name
from niggle.store import athletes as athlete_repo
from niggle.store import originals as originals_repo
from niggle.store.db import Database
from tests.importers.activity_files import START, gpx, gz, tcx, track, zip_of
from tests.importers.fitgen_activity import FitOptions, Leg, activity_fit

CHEAP = PasswordHashing(time_cost=1, memory_kib=8192, parallelism=1)
NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
TABLES = ("source_files", "source_file_chunks", "source_file_activities")


@pytest.fixture
def user(db: Database) -> accounts.User:
    return accounts.register(
        db, username="sam", password="a long enough password", role="athlete", hashing=CHEAP
    )


@pytest.fixture
def athlete_id(db: Database, user: accounts.User, today: dt.date) -> int:
    athlete = accounts.create_own_athlete(db, user, Athlete(name="Sam"), today)
    assert athlete.id is not None
    return athlete.id


def _fit(seed: int, start: dt.datetime) -> bytes:
    options = FitOptions(legs=(Leg("running", seconds=600),), start=int(start.timestamp()))
    return activity_fit(seed, options).data


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _kept(db: Database, athlete_id: int) -> list[originals_repo.SourceFile]:
    with db.begin() as session:
        return originals_repo.list_for(session, athlete_id)


def _bytes_of(db: Database, athlete_id: int, source_id: int) -> bytes:
    with db.begin() as session:
        return b"".join(originals_repo.content(session, athlete_id, source_id))


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}


def test_an_imported_file_is_kept_byte_for_byte_and_linked_to_its_activity(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    data = _fit(1, START)
    path = tmp_path / "Morning run.fit"
    path.write_bytes(data)
    report = import_paths(db, athlete_id, [path], today)
    assert len(report.imported) == 1
    [kept] = _kept(db, athlete_id)
    assert (kept.name, kept.kind, kept.media_type) == (
        "Morning_run.fit",
        "fit",
        "application/vnd.ant.fit",
    )
    assert kept.sha256 == _sha(data) and kept.size_bytes == len(data)
    assert kept.activity_ids == (report.imported[0].id,)
    assert _bytes_of(db, athlete_id, kept.id) == data
    document = import_document(report)
    assert document["originals_kept"] == [
        {"id": kept.id, "name": "Morning_run.fit", "sha256": _sha(data), "size_bytes": len(data)}
    ]


def test_a_large_file_is_stored_in_chunks_and_comes_back_whole(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "ORIGINAL_CHUNK_BYTES", 1000)
    data = gpx(track(900), start=START)
    path = tmp_path / "long.gpx"
    path.write_bytes(data)
    import_paths(db, athlete_id, [path], today)
    [kept] = _kept(db, athlete_id)
    assert _counts(db)["source_file_chunks"] == -(-len(data) // 1000)
    assert _bytes_of(db, athlete_id, kept.id) == data


def test_uploading_the_same_file_again_keeps_it_once(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    path = tmp_path / "a.gpx.gz"
    path.write_bytes(gz(gpx(track(300), start=START)))
    import_paths(db, athlete_id, [path], today)
    again = import_paths(db, athlete_id, [path], today)
    assert again.imported == [] and again.kept == []
    assert _counts(db)["source_files"] == 1
    assert _kept(db, athlete_id)[0].kind == "gzip"


def test_the_same_bytes_under_another_name_link_to_the_one_kept_copy(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    # An activity deleted and its file uploaded again under a new name: imported anew, but
    # the bytes are already kept, so the new activity is linked to that copy.
    data = gpx(track(300), start=START)
    (tmp_path / "first.gpx").write_bytes(data)
    first = import_paths(db, athlete_id, [tmp_path / "first.gpx"], today)
    with db.begin() as session:
        session.execute(text("DELETE FROM import_sources"))
        session.execute(text("DELETE FROM activities"))
    (tmp_path / "second.gpx").write_bytes(data)
    second = import_paths(db, athlete_id, [tmp_path / "second.gpx"], today)
    assert len(second.imported) == 1
    assert [k.new for k in second.kept] == [False]
    [kept] = _kept(db, athlete_id)
    assert kept.name == "first.gpx" and kept.id == first.kept[0].id
    assert kept.activity_ids == (second.imported[0].id,)


def test_a_file_kept_by_another_import_at_the_same_moment_is_linked_not_duplicated(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = gpx(track(300), start=START)
    (tmp_path / "a.gpx").write_bytes(data)
    first = import_paths(db, athlete_id, [tmp_path / "a.gpx"], today)
    with db.begin() as session:
        session.execute(text("DELETE FROM import_sources"))
        session.execute(text("DELETE FROM activities"))
    # The other import's row is not there yet when this one looks, but is when it writes.
    real_find = originals_repo.find
    looks: list[str] = []

    def find_late(session: object, athlete: int, sha256: str) -> int | None:
        looks.append(sha256)
        return None if len(looks) == 1 else real_find(session, athlete, sha256)  # type: ignore[arg-type]

    monkeypatch.setattr(originals_repo, "find", find_late)
    second = import_paths(db, athlete_id, [tmp_path / "a.gpx"], today)
    assert len(looks) == 2 and len(second.imported) == 1
    assert [(k.id, k.new) for k in second.kept] == [(first.kept[0].id, False)]
    [kept] = _kept(db, athlete_id)
    assert kept.activity_ids == (second.imported[0].id,)
    assert _counts(db)["source_files"] == 1


def test_a_whole_export_is_kept_as_the_archive_not_its_members(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    archive = zip_of(
        {
            "activities/1.gpx": gpx(track(300), start=START),
            "activities/2.fit": _fit(2, START + DAY),
            "activities/3.gpx": gpx(track(50))[:300],  # damaged: reported, the rest imports
        }
    )
    path = tmp_path / "export_123.zip"
    path.write_bytes(archive)
    report = import_paths(db, athlete_id, [path], today)
    assert len(report.imported) == 2 and len(report.failed) == 1
    [kept] = _kept(db, athlete_id)
    assert (kept.name, kept.kind, kept.sha256) == ("export_123.zip", "zip", _sha(archive))
    assert sorted(kept.activity_ids) == sorted(a.id for a in report.imported if a.id)
    assert _bytes_of(db, athlete_id, kept.id) == archive


def test_a_file_that_failed_entirely_is_not_kept(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    (tmp_path / "broken.gpx").write_bytes(gpx(track(50))[:300])
    (tmp_path / "notes.zip").write_bytes(zip_of({"notes.txt": b"hello"}))
    report = import_paths(db, athlete_id, [tmp_path / "broken.gpx", tmp_path / "notes.zip"], today)
    assert report.failed and report.imported == [] and report.kept == []
    assert _counts(db)["source_files"] == 0


def test_each_file_of_a_folder_is_kept_under_its_own_name(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    folder = tmp_path / "runs"
    folder.mkdir()
    (folder / "a.gpx").write_bytes(gpx(track(300), start=START))
    (folder / "b.fit").write_bytes(_fit(3, START + DAY))
    (folder / "c.gpx").write_bytes(gpx(track(50))[:300])
    import_paths(db, athlete_id, [folder], today)
    assert [k.name for k in _kept(db, athlete_id)] == ["a.gpx", "b.fit"]


def test_a_richer_recording_of_a_stored_session_is_kept_and_linked_to_it(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    # The same run as a GPX first (from Strava), then as a TCX, which holds laps too.
    (tmp_path / "run.gpx").write_bytes(gpx(track(600), start=START))
    gpx_report = import_paths(db, athlete_id, [tmp_path / "run.gpx"], today)
    (tmp_path / "run.tcx").write_bytes(tcx(track(600), start=START))
    tcx_report = import_paths(db, athlete_id, [tmp_path / "run.tcx"], today)
    assert tcx_report.imported == [] and [d.replaced for d in tcx_report.duplicates] == [True]
    [gpx_id] = [a.id for a in gpx_report.imported]
    kept = {k.name: k.activity_ids for k in _kept(db, athlete_id)}
    assert kept == {"run.gpx": (gpx_id,), "run.tcx": (gpx_id,)}


def test_nothing_is_kept_when_asked_not_to(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx(track(300), start=START))
    report = import_paths(db, athlete_id, [tmp_path / "a.gpx"], today, keep_originals=False)
    assert len(report.imported) == 1 and report.kept == []
    assert _counts(db)["source_files"] == 0


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\sam\\My Run.fit", "My_Run.fit"),
        (".hidden.gpx", "hidden.gpx"),
        ("", "upload"),
        ("é" * 300, "upload"),
        ("x" * 300 + ".fit", "x" * 120),
    ],
)
def test_kept_names_are_plain_file_names(given: str, kept: str) -> None:
    assert original_name(given) == kept


def test_upload_names_are_kept_rather_than_the_spool_names(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    path = tmp_path / "0000-spooled.gpx"
    path.write_bytes(gpx(track(300), start=START))
    import_paths(db, athlete_id, [path], today, original_names={str(path): "../Evening jog.gpx"})
    assert [k.name for k in _kept(db, athlete_id)] == ["Evening_jog.gpx"]


def test_the_export_holds_each_original_identical_with_a_manifest(
    db: Database, user: accounts.User, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    archive = zip_of({"a/1.gpx": gpx(track(300), start=START), "a/2.fit": _fit(5, START + DAY)})
    single = _fit(6, START + 2 * DAY)
    (tmp_path / "export.zip").write_bytes(archive)
    (tmp_path / "watch.fit").write_bytes(single)
    report = import_paths(db, athlete_id, [tmp_path / "export.zip", tmp_path / "watch.fit"], today)
    assert len(report.imported) == 3

    with zipfile.ZipFile(io.BytesIO(export_archive(db, user, today, NOW))) as exported:
        names = set(exported.namelist())
        # The JSON documents are all still there, as before.
        assert {"README.txt", "account.json", "athlete.json", "activities.json"} <= names
        manifest = json.loads(exported.read("originals.json"))
        entries = {e["name"]: e for e in manifest["originals"]}
        assert set(entries) == {"export.zip", "watch.fit"}
        for name, data in (("export.zip", archive), ("watch.fit", single)):
            entry = entries[name]
            assert entry["path"] == f"originals/{entry['id']}-{name}"
            assert entry["path"] in names
            assert _sha(exported.read(entry["path"])) == entry["sha256"] == _sha(data)
            assert entry["size_bytes"] == len(data)
            dt.datetime.fromisoformat(entry["imported_at"])
        assert len(entries["export.zip"]["activity_ids"]) == 2
        assert len(entries["watch.fit"]["activity_ids"]) == 1
        logged = json.loads(exported.read("activities.json"))
        assert {a["id"] for a in logged["activities"]} == {
            i for e in entries.values() for i in e["activity_ids"]
        }

    with export_file(db, user, today, NOW) as spooled, zipfile.ZipFile(spooled) as again:
        assert "originals.json" in again.namelist()


def test_an_export_without_originals_has_no_manifest(
    db: Database, user: accounts.User, athlete_id: int, today: dt.date
) -> None:
    with zipfile.ZipFile(io.BytesIO(export_archive(db, user, today, NOW))) as exported:
        assert "originals.json" not in exported.namelist()
        assert not any(n.startswith("originals/") for n in exported.namelist())


def test_one_runner_cannot_read_another_runners_file(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx(track(300), start=START))
    import_paths(db, athlete_id, [tmp_path / "a.gpx"], today)
    other = athlete_repo_create(db, today)
    [kept] = _kept(db, athlete_id)
    assert _bytes_of(db, other, kept.id) == b""
    assert _kept(db, other) == []


def athlete_repo_create(db: Database, today: dt.date) -> int:
    from niggle.services.athletes import create_athlete

    created = create_athlete(db, Athlete(name="Other"), today)
    assert created.id is not None
    return created.id


def _import_two(db: Database, athlete_id: int, today: dt.date, tmp_path: Path) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx(track(300), start=START))
    (tmp_path / "b.zip").write_bytes(zip_of({"b.fit": _fit(7, START + DAY)}))
    import_paths(db, athlete_id, [tmp_path / "a.gpx", tmp_path / "b.zip"], today)
    assert all(count > 0 for count in _counts(db).values())


def test_deleting_the_athlete_removes_their_originals(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    _import_two(db, athlete_id, today, tmp_path)
    with db.begin() as session:
        athlete_repo.delete(session, athlete_id)
    assert _counts(db) == dict.fromkeys(TABLES, 0)


def test_deleting_the_account_removes_their_originals_and_no_one_elses(
    db: Database, user: accounts.User, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    _import_two(db, athlete_id, today, tmp_path)
    other = athlete_repo_create(db, today)
    (tmp_path / "other.gpx").write_bytes(gpx(track(300), start=START + 5 * DAY))
    import_paths(db, other, [tmp_path / "other.gpx"], today)
    accounts.delete_account(db, user)
    assert _counts(db) == {"source_files": 1, "source_file_chunks": 1, "source_file_activities": 1}
    assert [k.name for k in _kept(db, other)] == ["other.gpx"]


def test_deleting_an_activity_unlinks_it_but_keeps_the_file(
    db: Database, athlete_id: int, today: dt.date, tmp_path: Path
) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx(track(300), start=START))
    import_paths(db, athlete_id, [tmp_path / "a.gpx"], today)
    with db.begin() as session:
        session.execute(text("DELETE FROM activities"))
    [kept] = _kept(db, athlete_id)
    assert kept.activity_ids == ()
