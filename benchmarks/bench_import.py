"""FIT decoding speed: niggle's fast decoder against fitdecode on the same files.

Generates a fixed-seed corpus of realistic activity files with the test generator
(tests/importers/fitgen_corpus.py: runs, rides, a triathlon, compressed timestamps,
developer fields, hrv messages between records, big-endian definitions, alternating
record layouts), then in the same run times, wall clock, best of N:

- niggle: ``decode_fit`` (CRC checked) over every file;
- baseline: fitdecode doing the same job (``decode_fit_reference``: same output, built
  from fitdecode's messages) over the same files;

and prints records/s for both and their ratio. It also checks that both read the same
number of records. When ``../shared/fixtures/activities`` exists, the real files from real
devices are timed the same way. Target (issue 4): at least 300k records/s for niggle on
the project's 2-core machine (fitdecode manages about 20k).

The end-to-end figure (1,000 activities, about 5M records, into a database) is the
imports engineer's: ``--e2e N`` runs benchmarks/bench_import_e2e.py with N activities.

Run: .venv/bin/python benchmarks/bench_import.py [--records 300000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the generator lives in tests/importers

from tests.importers.fitgen_corpus import benchmark_corpus  # noqa: E402

from niggle.importers.fit_decoder import FitDecoded, decode_fit  # noqa: E402
from niggle.importers.fit_reference import decode_fit_reference  # noqa: E402

SEED = 2024
TARGET_RECORDS_PER_S = 300_000
SHARED = ROOT.parent / "shared" / "fixtures" / "activities"


def best_of(
    repeat: int, files: list[bytes], decode: Callable[[bytes], FitDecoded]
) -> tuple[float, int]:
    """Fastest wall-clock time of ``repeat`` passes over every file, and records read."""
    best = float("inf")
    records = 0
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        records = 0
        for data in files:
            records += len(decode(data).records)
        best = min(best, time.perf_counter() - start)
    return best, records


def compare(label: str, files: list[bytes], repeat: int, fitdecode_repeat: int) -> None:
    size_mb = sum(len(data) for data in files) / 1e6
    print(f"\n{label}: {len(files)} files, {size_mb:.1f} MB")
    fast, ours = best_of(repeat, files, decode_fit)
    no_crc, _ = best_of(repeat, files, lambda data: decode_fit(data, check_crc=False))
    slow, theirs = best_of(fitdecode_repeat, files, decode_fit_reference)
    print(f"  records read: niggle {ours:,}, fitdecode {theirs:,}")
    if ours < theirs:
        raise SystemExit("niggle read fewer records than fitdecode")
    rate, rate_no_crc, baseline = ours / fast, ours / no_crc, theirs / slow
    print(f"  niggle decode_fit        {fast * 1000:9.1f} ms  {rate:>12,.0f} records/s")
    print(f"  niggle, CRC not checked  {no_crc * 1000:9.1f} ms  {rate_no_crc:>12,.0f} records/s")
    print(f"  fitdecode (baseline)     {slow * 1000:9.1f} ms  {baseline:>12,.0f} records/s")
    print(f"  ratio niggle / fitdecode {rate / baseline:9.1f} x")
    verdict = "met" if rate >= TARGET_RECORDS_PER_S else "NOT met"
    print(f"  target {TARGET_RECORDS_PER_S:,} records/s: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000, help="records to generate")
    parser.add_argument("--repeat", type=int, default=5, help="best of N for niggle")
    parser.add_argument("--fitdecode-repeat", type=int, default=2, help="best of N, fitdecode")
    parser.add_argument("--e2e", type=int, default=0, help="also run the N-activity import")
    args = parser.parse_args()

    start = time.perf_counter()
    corpus = benchmark_corpus(SEED, args.records)
    made = time.perf_counter() - start
    print(f"generated {len(corpus)} files with seed {SEED} in {made:.1f} s")
    compare("generated corpus", [g.data for g in corpus], args.repeat, args.fitdecode_repeat)

    real = sorted(SHARED.glob("*.fit")) + sorted(SHARED.glob("edge/*.fit"))
    if real:
        files = [path.read_bytes() for path in real]
        compare(f"real files in {SHARED}", files, args.repeat, 1)
    else:
        print(f"\nreal files: skipped ({SHARED} not found)")

    if args.e2e:  # hook: the end-to-end import benchmark is owned by the importer
        sys.argv = [sys.argv[0], "--activities", str(args.e2e)]
        import bench_import_e2e  # the script's own folder is on sys.path

        bench_import_e2e.main()


if __name__ == "__main__":
    main()
