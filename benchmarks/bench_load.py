"""Training-load analytics over ten years of daily history: niggle against a plain-Python loop.

Generates a fixed-seed history (about 5 runs and 1 cross-training session a week for ten
years, with RPE on some, heart rate on others and laps on interval sessions), then times in
the same run:
- niggle: ``compute_load`` end to end (session loads, daily series, EWMA and PMC curves,
  weekly volume, monotony/strain, flags), best of several repeats;
- baseline: the same figures computed the obvious way, one Python loop per step, with the
  same per-session formulas;
- the daily-series stage alone (EWMA, PMC, monotony, weekly sums, flags) for both, since
  end to end both are dominated by reading thousands of Python activity objects;
- floor: numpy summing the same daily array once (the cost of touching the data at all).
It checks that both give the same CTL and prints the ratios. Target: niggle under 100 ms.

Run: .venv/bin/python benchmarks/bench_load.py
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from niggle.domain.activity import Activity, Lap
from niggle.domain.load import compute_load
from niggle.domain.load_flags import long_run_spikes, weekly_jumps
from niggle.domain.load_series import last_window, load_curves, monotony_and_strain
from niggle.domain.session_load import (
    LoadProfile,
    default_rpe,
    rtss,
    session_rpe_points,
    trimp_points,
)

SEED = 20_260_428
YEARS = 10
AS_OF = dt.date(2026, 4, 26)
PROFILE = LoadProfile(threshold_s_per_km=290.0, hr_max=188, hr_rest=52, sex="female")
REPEATS = 15
TARGET_MS = 100.0


def generate_history() -> list[Activity]:
    rng = np.random.default_rng(SEED)
    first = AS_OF - dt.timedelta(days=round(365.25 * YEARS) - 1)
    activities: list[Activity] = []
    day = first
    while day <= AS_OF:
        start = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
        weekday = day.weekday()
        if weekday in (1, 2, 3, 5, 6) and rng.random() < 0.9:
            kind = {1: "intervals", 3: "tempo", 6: "long"}.get(weekday, "easy")
            metres = float(rng.normal(21_000 if kind == "long" else 9_000, 1_500))
            pace = float(rng.normal(330 if kind in ("easy", "long") else 285, 15))
            seconds = metres / 1000 * pace
            laps: tuple[Lap, ...] = ()
            if kind == "intervals":
                rep = metres / 10
                laps = tuple(
                    Lap(start, rep / 1000 * (pace * (0.85 if i % 2 else 1.15)), distance_m=rep)
                    for i in range(10)
                )
            activities.append(
                Activity(
                    "run",
                    start,
                    day,
                    seconds,
                    distance_m=metres,
                    avg_hr=float(rng.normal(150, 8)) if rng.random() < 0.6 else None,
                    rpe=float(rng.integers(2, 9)) if rng.random() < 0.3 else None,
                    kind=kind,  # type: ignore[arg-type]
                    laps=laps,
                )
            )
        if weekday == 4:
            activities.append(
                Activity(
                    "ride",
                    start,
                    day,
                    float(rng.normal(3600, 600)),
                    avg_hr=float(rng.normal(135, 8)) if rng.random() < 0.5 else None,
                )
            )
        day += dt.timedelta(days=1)
    return activities


# --- the baseline: the same figures, one plain loop at a time ---------------------------------


def _session_load(a: Activity, profile: LoadProfile) -> float:
    seconds = a.duration_s
    if not seconds > 0:
        return 0.0
    minutes = seconds / 60
    if a.rpe is not None and 0 <= a.rpe <= 10:
        return session_rpe_points(a.rpe, minutes)
    threshold = profile.threshold_s_per_km
    if a.sport == "run" and a.distance_m and threshold is not None:
        if len(a.laps) >= 2:
            return sum(rtss(lap.elapsed_s, lap.distance_m or 0.0, threshold) for lap in a.laps)
        return rtss(seconds, a.distance_m, threshold)
    if a.avg_hr is not None and profile.hr_max is not None and profile.hr_rest is not None:
        return trimp_points(minutes, a.avg_hr, profile.hr_rest, profile.hr_max, profile.sex)
    return session_rpe_points(default_rpe(a.sport, a.kind), minutes)


def baseline_daily(
    activities: list[Activity], profile: LoadProfile, as_of: dt.date
) -> tuple[dt.date, list[float], list[float], list[float]]:
    """Per-session loads summed into days (lists), the series starting on a Monday."""
    kept = [a for a in activities if a.local_date <= as_of]
    first = min(a.local_date for a in kept)
    first -= dt.timedelta(days=first.weekday())
    n = (as_of - first).days + 1
    load = [0.0] * n
    run = [0.0] * n
    longest = [0.0] * n
    for a in kept:
        i = (a.local_date - first).days
        load[i] += _session_load(a, profile)
        if a.sport == "run" and a.distance_m:
            run[i] += a.distance_m
            longest[i] = max(longest[i], a.distance_m)
    return first, load, run, longest


def baseline_series(load: list[float], run: list[float], longest: list[float]) -> dict[str, Any]:
    """EWMA, PMC, monotony, weekly sums and flags over the daily lists, one loop at a time."""
    n = len(load)
    curves = {}
    for name, lam in (("acute", 0.25), ("chronic", 2 / 29), ("ctl", 1 / 42), ("atl", 1 / 7)):
        level, out = 0.0, []
        for x in load:
            level += lam * (x - level)
            out.append(level)
        curves[name] = out
    tsb = [0.0] + [c - a for c, a in zip(curves["ctl"][:-1], curves["atl"][:-1], strict=True)]
    week = load[-7:]
    mean = sum(week) / 7
    sd = math.sqrt(sum((x - mean) ** 2 for x in week) / 7)
    weekly = [sum(load[w : w + 7]) for w in range(0, n, 7)]
    weekly_run = [sum(run[w : w + 7]) for w in range(0, n, 7)]
    spikes = [
        i
        for i in range(n)
        if longest[i] > 0
        and max(longest[max(0, i - 30) : i], default=0.0) > 0
        and longest[i] > 1.1 * max(longest[max(0, i - 30) : i])
    ]
    jumps = [w for w in range(1, len(weekly_run)) if 0 < weekly_run[w - 1] * 1.3 < weekly_run[w]]
    return {
        "ctl": curves["ctl"][-1],
        "tsb": tsb[-1],
        "monotony": mean / sd if sd else None,
        "weeks": len(weekly),
        "spikes": len(spikes),
        "jumps": len(jumps),
    }


def baseline(activities: list[Activity], profile: LoadProfile, as_of: dt.date) -> dict[str, Any]:
    _first, load, run, longest = baseline_daily(activities, profile, as_of)
    return baseline_series(load, run, longest)


def niggle_series(first: dt.date, load: Any, run: Any, longest: Any) -> object:
    """niggle's array stage on the same daily series (what compute_load runs after scoring)."""
    curves = load_curves(load)
    week = monotony_and_strain(last_window(load, 7))
    flags = [*long_run_spikes(first, longest), *weekly_jumps(first, run)]
    weekly = np.add.reduceat(load, np.arange(0, load.size, 7))
    return curves, week, flags, weekly


def best_ms(work: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main() -> None:
    activities = generate_history()
    summary = compute_load(activities, PROFILE, AS_OF, flags_since=dt.date.min)
    check = baseline(activities, PROFILE, AS_OF)
    days = len(summary.daily) if summary.daily else 0
    print(
        f"history: {len(activities)} activities over {days} days "
        f"({YEARS} years, seed {SEED}); laps on {sum(1 for a in activities if a.laps)}"
    )
    print(
        f"check: CTL niggle {summary.ctl:.4f} vs baseline {check['ctl']:.4f}; "
        f"spikes {sum(f.kind == 'long_run_spike' for f in summary.flags)} vs {check['spikes']}; "
        f"weeks {len(summary.weekly)} vs {check['weeks']}"
    )
    if not math.isclose(summary.ctl, check["ctl"], rel_tol=1e-9):
        raise SystemExit("niggle and the baseline disagree on CTL; the timing would be moot")

    niggle_ms = best_ms(lambda: compute_load(activities, PROFILE, AS_OF))
    baseline_ms = best_ms(lambda: baseline(activities, PROFILE, AS_OF), repeats=5)
    first, load, run, longest = baseline_daily(activities, PROFILE, AS_OF)
    arrays = [np.asarray(x, dtype=np.float64) for x in (load, run, longest)]
    series_ms = best_ms(lambda: niggle_series(first, *arrays))
    series_baseline_ms = best_ms(lambda: baseline_series(load, run, longest), repeats=5)
    floor_ms = best_ms(lambda: float(arrays[0].sum()))

    print("end to end (activities in, every figure out):")
    print(f"  niggle compute_load:               {niggle_ms:8.2f} ms")
    print(f"  baseline, plain Python loops:      {baseline_ms:8.2f} ms")
    print(f"  ratio baseline / niggle:           {baseline_ms / niggle_ms:8.1f}x")
    print("daily-series stage only (EWMA, PMC, monotony, weekly sums, spike and jump flags):")
    print(f"  niggle (numpy):                    {series_ms:8.2f} ms")
    print(f"  baseline, plain Python loops:      {series_baseline_ms:8.2f} ms")
    print(f"  ratio baseline / niggle:           {series_baseline_ms / series_ms:8.1f}x")
    print(f"  floor, numpy sum of the array:     {floor_ms:8.3f} ms")
    verdict = "met" if niggle_ms < TARGET_MS else "NOT met"
    print(f"target: under {TARGET_MS:.0f} ms for {YEARS} years of daily history: {verdict}")


if __name__ == "__main__":
    main()
