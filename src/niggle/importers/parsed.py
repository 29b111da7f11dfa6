"""What every importer hands back, and the small rules they share to build it.

Each reader (FIT, GPX, TCX, a Strava CSV row) produces :class:`ParsedActivity` objects:
the canonical activity, its streams, and any warnings worth showing the runner.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from niggle.domain.activity import Activity, Lap, Sport
from niggle.domain.streams import (
    Streams,
    StreamTotals,
    empty_streams,
    summarize,
    utc_offset_from_longitude,
)

UTC = dt.UTC


@dataclass(frozen=True)
class ParsedActivity:
    activity: Activity
    streams: Streams
    warnings: tuple[str, ...] = ()


# Sport names as files and services write them (FIT profile names, GPX <type>, TCX Sport,
# Strava activity types in English and German), folded to lower case.
_SPORT_NAMES: Final[dict[str, Sport]] = {
    # running
    "run": "run",
    "running": "run",
    "trail_running": "run",
    "trailrun": "run",
    "trail run": "run",
    "virtualrun": "run",
    "virtual run": "run",
    "treadmill": "run",
    "treadmill_running": "run",
    "track_running": "run",
    "street_running": "run",
    "lauf": "run",
    "laufen": "run",
    "traillauf": "run",
    "virtueller lauf": "run",
    "course à pied": "run",
    "carrera": "run",
    # walking and hiking
    "walk": "walk",
    "walking": "walk",
    "hike": "walk",
    "hiking": "walk",
    "spaziergang": "walk",
    "gehen": "walk",
    "wanderung": "walk",
    "wandern": "walk",
    # cycling
    "ride": "ride",
    "biking": "ride",
    "cycling": "ride",
    "bike": "ride",
    "e_biking": "ride",
    "ebikeride": "ride",
    "e-bike ride": "ride",
    "virtualride": "ride",
    "virtual ride": "ride",
    "mountain bike ride": "ride",
    "mountainbikeride": "ride",
    "gravel ride": "ride",
    "indoor_cycling": "ride",
    "radfahrt": "ride",
    "virtuelle radfahrt": "ride",
    "mountainbikefahrt": "ride",
    "e-bike-fahrt": "ride",
    "vélo": "ride",
    # swimming
    "swim": "swim",
    "swimming": "swim",
    "lap_swimming": "swim",
    "open_water": "swim",
    "schwimmen": "swim",
    "natation": "swim",
    # gym machines and strength
    "elliptical": "elliptical",
    "crosstrainer": "elliptical",
    "stair_climbing": "elliptical",
    "stairstepper": "elliptical",
    "strength_training": "strength",
    "weighttraining": "strength",
    "weight training": "strength",
    "krafttraining": "strength",
    "crossfit": "strength",
    "rowing": "row",
    "indoor_rowing": "row",
    "row": "row",
    "rudern": "row",
}
# Strava writes its own numeric activity types into GPX <type> (observed in exports:
# 1 ride, 9 run, 10 walk, 4 hike); anything else is left as "other".
_STRAVA_GPX_TYPES: Final[dict[str, Sport]] = {"1": "ride", "9": "run", "10": "walk", "4": "walk"}


def _lookup(name: str) -> Sport | None:
    key = name.strip().lower()
    if key in _STRAVA_GPX_TYPES:
        return _STRAVA_GPX_TYPES[key]
    return _SPORT_NAMES.get(key) or _SPORT_NAMES.get(key.replace("_", " "))


def sport_from_name(name: str | None, sub_sport: str | None = None) -> Sport:
    """The canonical sport for a name any source uses; unknown names become ``other``.

    A FIT sub-sport is more specific than its sport (fitness_equipment/elliptical), so it
    is tried first.
    """
    for candidate in (sub_sport, name):
        if candidate:
            sport = _lookup(candidate)
            if sport is not None:
                return sport
    return "other"


def counts_steps(sport: Sport) -> bool:
    """Watches write foot-sport cadence per foot; niggle keeps both feet (steps per minute)."""
    return sport in ("run", "walk")


def local_date_of(
    start: dt.datetime, utc_offset_s: int | None = None, lon_deg: float | None = None
) -> dt.date:
    """The athlete's calendar day for a session: from the file's own offset when it gives one,
    else from the solar zone of where it happened, else from the start time's own zone."""
    if utc_offset_s is not None and abs(utc_offset_s) <= 14 * 3600:
        return (start.astimezone(UTC) + dt.timedelta(seconds=utc_offset_s)).date()
    if lon_deg is not None and math.isfinite(lon_deg):
        offset = utc_offset_from_longitude(lon_deg)
        return (start.astimezone(UTC) + dt.timedelta(seconds=offset)).date()
    return start.date()


def first_longitude(streams: Streams) -> float | None:
    found = np.flatnonzero(np.isfinite(streams.lon_deg))
    return float(streams.lon_deg[found[0]]) if len(found) else None


def from_epoch(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, UTC)


def activity_from_streams(
    *,
    sport: Sport,
    start: dt.datetime,
    streams: Streams,
    source: str,
    title: str | None = None,
    laps: Sequence[Lap] = (),
    device: str | None = None,
    external_id: str | None = None,
    totals: StreamTotals | None = None,
    utc_offset_s: int | None = None,
) -> Activity:
    """An activity whose totals come from its samples (GPX, TCX, a FIT without a session)."""
    totals = totals or summarize(streams)
    return Activity(
        sport=sport,
        start=start,
        local_date=local_date_of(start, utc_offset_s, first_longitude(streams)),
        elapsed_s=totals.elapsed_s,
        distance_m=totals.distance_m,
        moving_s=totals.moving_s,
        elevation_gain_m=totals.elevation_gain_m,
        avg_hr=totals.avg_hr,
        max_hr=totals.max_hr,
        avg_cadence=totals.avg_cadence,
        title=title,
        source=source,
        laps=tuple(laps),
        device=device,
        external_id=external_id,
    )


def no_samples() -> Streams:
    return empty_streams()


def streams_from_samples(
    times: Sequence[float], columns: dict[str, Sequence[float]], label: str
) -> tuple[float, Streams, list[str]]:
    """Streams from per-sample lists of epoch times and values.

    Samples without a time are dropped and the rest put in time order. Returns the start
    (epoch seconds), the streams (times relative to it) and warnings for the runner.
    """
    warnings: list[str] = []
    epoch = np.asarray(times, dtype=np.float64)
    arrays = {name: np.asarray(values, dtype=np.float64) for name, values in columns.items()}
    timed = np.isfinite(epoch)
    if not timed.any():
        from niggle.importers.errors import CorruptFile

        raise CorruptFile(
            f"{label}: no track point has a time, so it is a route, not a recorded activity."
        )
    if not timed.all():
        warnings.append(f"{label}: skipped {int((~timed).sum())} points without a time.")
        epoch = epoch[timed]
        arrays = {name: values[timed] for name, values in arrays.items()}
    if (np.diff(epoch) < 0).any():
        order = np.argsort(epoch, kind="stable")
        epoch = epoch[order]
        arrays = {name: values[order] for name, values in arrays.items()}
        warnings.append(f"{label}: points were out of time order; sorted them.")
    start = float(epoch[0])
    from niggle.domain.streams import make_streams

    return start, make_streams(epoch - start, **arrays), warnings
