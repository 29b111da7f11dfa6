"""End-to-end import of a 1,000-activity Strava export (about 5M records) into fresh SQLite.

Generates a fixed-seed Strava bulk export in a temporary folder: ``activities.csv`` (English
headers, duplicate columns) indexing gzipped FIT files from the FIT engineer's seeded
generator (runs, some with pauses, rides, a triathlon now and then), a few GPX and TCX
files, and some manual activities with no file. Then, in the same run, it times:

- niggle: ``niggle.services.imports.import_paths`` on the zip into a new SQLite database,
  everything included (zip and gzip reading with the safety caps, content hashes, format
  detection, FIT/GPX/TCX parsing, duplicate checks, stream blobs, one transaction per
  activity);
- baseline 1: decoding the same FIT payloads with niggle's fast decoder and nothing else
  (the floor an importer built on it could reach);
- baseline 2: fitdecode (``decode_fit_reference``) on a sample of the same files, scaled to
  the whole export by records: what a fitdecode-based import would spend on decoding alone.

Target (issue 4): the whole import in at most 60 s on the project's 2-core machine.

Run: .venv/bin/python benchmarks/bench_import_e2e.py [--activities 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the generators live in tests/importers

from tests.importers.activity_files import (  # noqa: E402
    StravaRow,
    gpx,
    strava_csv,
    tcx,
    track,
    zip_of,
)
from tests.importers.fitgen_activity import FitOptions, Leg, activity_fit  # noqa: E402

from niggle.domain.athlete import Athlete  # noqa: E402
from niggle.importers.fit_decoder import decode_fit  # noqa: E402
from niggle.importers.fit_reference import decode_fit_reference  # noqa: E402
from niggle.services.athletes import create_athlete  # noqa: E402
from niggle.services.database import open_database  # noqa: E402
from niggle.services.imports import import_paths  # noqa: E402

SEED = 20_261_128
TARGET_S = 60.0
RECORDS_PER_ACTIVITY = 5_000  # about 5M records over 1,000 activities
FITDECODE_SAMPLE = 12


def _strava_date(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M:%S} {half}"


def build_export(folder: Path, count: int) -> tuple[Path, list[bytes], int]:
    """The export zip, the raw FIT payloads in it, and the number of records written."""
    rng = np.random.default_rng(SEED)
    first_day = dt.datetime(2022, 1, 3, 6, 30, tzinfo=dt.UTC)
    rows: list[StravaRow] = []
    files: dict[str, bytes] = {}
    fits: list[bytes] = []
    records = 0
    for index in range(count):
        start = first_day + dt.timedelta(days=index, minutes=int(rng.integers(0, 600)))
        seconds = int(rng.normal(RECORDS_PER_ACTIVITY, 1200))
        seconds = max(1200, min(seconds, 12_000))
        draw = rng.random()
        activity_id = 5_000_000 + index
        name = f"activities/{activity_id}"
        if draw < 0.02:  # a manual entry: no file
            rows.append(
                StravaRow(activity_id, _strava_date(start), "Treadmill", "Run", seconds, "8.0",
                          seconds * 2.7, "")
            )  # fmt: skip
            continue
        if draw < 0.05:
            points = track(seconds)
            files[f"{name}.gpx.gz"] = gzip.compress(gpx(points, start=start), 6, mtime=0)
            filename, kind, records = f"{name}.gpx.gz", "Run", records + len(points)
        elif draw < 0.07:
            points = track(seconds)
            files[f"{name}.tcx.gz"] = gzip.compress(tcx(points, start=start), 6, mtime=0)
            filename, kind, records = f"{name}.tcx.gz", "Run", records + len(points)
        else:
            if draw < 0.17:
                legs: tuple[Leg, ...] = (Leg("cycling", "road", seconds, pauses=1),)
                kind = "Ride"
            elif draw < 0.18:
                third = seconds // 3
                legs = (
                    Leg("swimming", seconds=third // 2),
                    Leg("transition", seconds=90),
                    Leg("cycling", "road", third),
                    Leg("transition", seconds=60),
                    Leg("running", seconds=third),
                )
                kind = "Workout"
            else:
                legs = (Leg("running", "street", seconds, pauses=int(rng.integers(0, 3))),)
                kind = "Run"
            options = FitOptions(legs=legs, start=int(start.timestamp()))
            generated = activity_fit(SEED + index, options)
            fits.append(generated.data)
            files[f"{name}.fit.gz"] = gzip.compress(generated.data, 6, mtime=0)
            filename, records = f"{name}.fit.gz", records + generated.record_count
        rows.append(
            StravaRow(activity_id, _strava_date(start), f"{kind} {index}", kind, seconds,
                      "10.0", 10_000.0, filename)
        )  # fmt: skip
    members = {"activities.csv": strava_csv(rows), **files}
    export = folder / "export_bench.zip"
    export.write_bytes(zip_of(members))
    return export, fits, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="niggle-bench-") as temp:
        folder = Path(temp)
        began = time.perf_counter()
        export, fits, records = build_export(folder, args.activities)
        built = time.perf_counter() - began
        size_mb = export.stat().st_size / 1e6
        print(
            f"export: {args.activities} activities, {records:,} records, {size_mb:.0f} MB zip "
            f"(seed {SEED}, generated in {built:.1f} s)"
        )

        db = open_database(f"sqlite:///{folder / 'bench.db'}")
        athlete = create_athlete(db, Athlete(name="Bench"), dt.date(2026, 11, 28))
        assert athlete.id is not None
        began = time.perf_counter()
        report = import_paths(db, athlete.id, [export], dt.date(2026, 11, 28))
        total = time.perf_counter() - began
        db.dispose()
        stored = len(report.imported)
        print(
            f"niggle end to end: {total:.1f} s for {stored} activities "
            f"({stored / total:,.0f} activities/s, {records / total:,.0f} records/s); "
            f"{len(report.duplicates)} duplicates, {len(report.failed)} failed"
        )
        db_mb = (folder / "bench.db").stat().st_size / 1e6
        print(f"database: {db_mb:.0f} MB ({db_mb * 1e6 / records:.1f} bytes per record)")

        began = time.perf_counter()
        decoded = sum(len(decode_fit(data).records) for data in fits)
        floor = time.perf_counter() - began
        print(
            f"baseline, fast FIT decode only ({len(fits)} FIT files, {decoded:,} records): "
            f"{floor:.1f} s ({decoded / floor:,.0f} records/s); end to end / decode only = "
            f"{total / floor:.1f}x"
        )

        sample = fits[:: max(1, len(fits) // FITDECODE_SAMPLE)][:FITDECODE_SAMPLE]
        began = time.perf_counter()
        sampled = sum(len(decode_fit_reference(data).records) for data in sample)
        spent = time.perf_counter() - began
        estimate = spent * records / sampled
        print(
            f"baseline, fitdecode on {len(sample)} of the files ({sampled:,} records, "
            f"{sampled / spent:,.0f} records/s), scaled to the export: {estimate:.0f} s of "
            f"decoding alone; niggle end to end is {estimate / total:.1f}x faster"
        )
        verdict = "within" if total <= TARGET_S else "OVER"
        print(f"target: at most {TARGET_S:.0f} s end to end -> {total:.1f} s, {verdict} target")
        if report.failed:
            for failure in report.failed[:5]:
                print(f"  failed: {failure.path}: {failure.error}")


if __name__ == "__main__":
    main()
