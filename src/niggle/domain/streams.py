"""Per-sample streams of one activity, as columns, and the totals they imply.

Units are stated once, here, and every column uses them:

==================  =====================================================================
column              unit
==================  =====================================================================
``time_s``          seconds since the activity's start (float; samples need not be 1 s apart)
``distance_m``      cumulative metres
``speed_m_per_s``   metres per second
``heart_rate_bpm``  beats per minute
``cadence_spm``     steps per minute (both feet) on foot; revolutions per minute on a bike
``altitude_m``      metres above sea level
``lat_deg``         degrees north (WGS84)
``lon_deg``         degrees east (WGS84)
==================  =====================================================================

A missing value is NaN, so every column has one entry per sample. Watches write running
cadence per foot (strides per minute); importers double it before it gets here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Final

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

STREAM_COLUMNS: Final[tuple[str, ...]] = (
    "time_s",
    "distance_m",
    "speed_m_per_s",
    "heart_rate_bpm",
    "cadence_spm",
    "altitude_m",
    "lat_deg",
    "lon_deg",
)

EARTH_RADIUS_M: Final = 6_371_008.8  # IUGG mean Earth radius, as haversine distances use
# Product defaults (not from a study): a gap longer than this between samples is a pause
# (auto-pause and GPX segment breaks write no samples), and slower than the moving speed
# counts as standing still, as Strava's "moving time" does.
PAUSE_GAP_S: Final = 30.0
MOVING_SPEED_M_PER_S: Final = 0.5
# Product default: ignore climbs and drops under 3 m, which are GPS and barometer noise.
ELEVATION_NOISE_M: Final = 3.0


@dataclass(frozen=True, slots=True, eq=False)
class Streams:
    """One activity's samples as equal-length float64 columns (NaN where not recorded)."""

    time_s: FloatArray
    distance_m: FloatArray
    speed_m_per_s: FloatArray
    heart_rate_bpm: FloatArray
    cadence_spm: FloatArray
    altitude_m: FloatArray
    lat_deg: FloatArray
    lon_deg: FloatArray

    def __post_init__(self) -> None:
        n = len(self.time_s)
        for f in fields(self):
            column = getattr(self, f.name)
            if not isinstance(column, np.ndarray) or column.ndim != 1:
                raise ValueError(f"stream column {f.name} must be a 1-D numpy array")
            if len(column) != n:
                raise ValueError(f"stream column {f.name} has {len(column)} samples, not {n}")

    def __len__(self) -> int:
        return len(self.time_s)

    def columns(self) -> dict[str, FloatArray]:
        return {name: getattr(self, name) for name in STREAM_COLUMNS}

    def has(self, name: str) -> bool:
        column: FloatArray = getattr(self, name)
        return bool(len(column)) and bool(np.isfinite(column).any())

    def equals(self, other: Streams) -> bool:
        """Same samples, treating NaN as equal to NaN."""
        return all(
            np.array_equal(getattr(self, n), getattr(other, n), equal_nan=True)
            for n in STREAM_COLUMNS
        )


def _column(values: object, n: int) -> FloatArray:
    if values is None:
        return np.full(n, np.nan)
    column = np.asarray(values, dtype=np.float64)
    return column.copy() if column.base is not None else column


def make_streams(
    time_s: object,
    *,
    distance_m: object = None,
    speed_m_per_s: object = None,
    heart_rate_bpm: object = None,
    cadence_spm: object = None,
    altitude_m: object = None,
    lat_deg: object = None,
    lon_deg: object = None,
) -> Streams:
    """Build streams from any sequences; columns left out are all NaN."""
    time = np.asarray(time_s, dtype=np.float64)
    n = len(time)
    return Streams(
        time_s=time,
        distance_m=_column(distance_m, n),
        speed_m_per_s=_column(speed_m_per_s, n),
        heart_rate_bpm=_column(heart_rate_bpm, n),
        cadence_spm=_column(cadence_spm, n),
        altitude_m=_column(altitude_m, n),
        lat_deg=_column(lat_deg, n),
        lon_deg=_column(lon_deg, n),
    )


def empty_streams() -> Streams:
    return make_streams(np.empty(0))


def haversine_cumulative_m(lat_deg: FloatArray, lon_deg: FloatArray) -> FloatArray:
    """Cumulative great-circle distance along a track; samples without a fix add nothing."""
    n = len(lat_deg)
    out = np.zeros(n)
    if n < 2:
        return out
    valid = np.isfinite(lat_deg) & np.isfinite(lon_deg)
    idx = np.flatnonzero(valid)
    if len(idx) < 2:
        return out
    lat = np.radians(lat_deg[idx])
    lon = np.radians(lon_deg[idx])
    dlat = np.diff(lat)
    dlon = np.diff(lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    steps = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    out[idx[1:]] = np.cumsum(steps)
    # Samples between fixes keep the distance reached at the last fix.
    reached = np.maximum.accumulate(np.where(valid, out, 0.0))
    result: FloatArray = reached
    return result


def elevation_gain_m(altitude_m: FloatArray, noise_m: float = ELEVATION_NOISE_M) -> float | None:
    """Total climb, counting a rise only once it clears ``noise_m`` above the last low point."""
    alt = altitude_m[np.isfinite(altitude_m)]
    if len(alt) < 2:
        return None
    # Repeated values never change the outcome; dropping them shortens the loop below.
    alt = alt[np.concatenate(([True], np.diff(alt) != 0))]
    gain = 0.0
    low = high = float(alt[0])
    climbing = False
    for value in alt.tolist():
        if climbing:
            if value > high:
                high = value
            elif high - value >= noise_m:
                gain += high - low
                low = high = value
                climbing = False
        elif value < low:
            low = value
        elif value - low >= noise_m:
            climbing = True
            high = value
    if climbing:
        gain += high - low
    return gain


@dataclass(frozen=True, slots=True)
class StreamTotals:
    elapsed_s: float
    moving_s: float
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    avg_cadence: float | None


def _weighted_mean(values: FloatArray, weights: FloatArray) -> float | None:
    ok = np.isfinite(values)
    if not ok.any():
        return None
    w = weights[ok]
    total = float(w.sum())
    if total <= 0:
        return float(values[ok].mean())
    return float((values[ok] * w).sum() / total)


def best_distance(streams: Streams) -> FloatArray:
    """Recorded cumulative distance when there is one, else the haversine track length."""
    if streams.has("distance_m"):
        recorded = np.where(np.isfinite(streams.distance_m), streams.distance_m, np.nan)
        filled: FloatArray = np.fmax.accumulate(np.nan_to_num(recorded, nan=0.0))
        return filled
    return haversine_cumulative_m(streams.lat_deg, streams.lon_deg)


def moving_mask(time_s: FloatArray, distance_m: FloatArray | None) -> npt.NDArray[np.bool_]:
    """Which sample-to-sample intervals count as moving (length ``n - 1``)."""
    dt = np.diff(time_s)
    moving = (dt > 0) & (dt <= PAUSE_GAP_S)
    if distance_m is not None and len(distance_m) == len(time_s):
        dd = np.diff(distance_m)
        with np.errstate(divide="ignore", invalid="ignore"):
            speed = np.where(dt > 0, dd / np.where(dt > 0, dt, 1.0), 0.0)
        moving &= speed >= MOVING_SPEED_M_PER_S
    mask: npt.NDArray[np.bool_] = moving
    return mask


def summarize(streams: Streams) -> StreamTotals:
    """Totals for files that carry no summary of their own (GPX, TCX without laps, ...)."""
    n = len(streams)
    if n == 0:
        return StreamTotals(0.0, 0.0, None, None, None, None, None)
    time = streams.time_s
    elapsed = float(np.nanmax(time) - np.nanmin(time)) if n > 1 else 0.0
    has_distance = streams.has("distance_m") or (streams.has("lat_deg") and streams.has("lon_deg"))
    distance = best_distance(streams) if has_distance else None
    moving = moving_mask(time, distance)
    moving_s = float(np.diff(time)[moving].sum()) if n > 1 else 0.0
    # Each sample stands for the interval that follows it, so HR under smart recording
    # (irregular samples) is averaged over time, not over samples.
    weights = np.zeros(n)
    if n > 1:
        dt = np.diff(time)
        weights[:-1] = np.where((dt > 0) & (dt <= PAUSE_GAP_S), dt, 0.0)
    hr = streams.heart_rate_bpm
    cadence = np.where(streams.cadence_spm > 0, streams.cadence_spm, np.nan)
    max_hr = float(np.nanmax(hr)) if streams.has("heart_rate_bpm") else None
    total_distance = float(distance[-1]) if distance is not None else None
    return StreamTotals(
        elapsed_s=elapsed,
        moving_s=moving_s,
        distance_m=total_distance,
        elevation_gain_m=elevation_gain_m(streams.altitude_m),
        avg_hr=_weighted_mean(hr, weights),
        max_hr=max_hr,
        avg_cadence=_weighted_mean(cadence, weights),
    )


def utc_offset_from_longitude(lon_deg: float) -> int:
    """Solar time zone, whole hours, for dating a session when the file gives no zone.

    A rough guess, only used to decide which calendar day an early or late session belongs
    to when the file holds UTC times and no local time (GPX, TCX).
    """
    if not math.isfinite(lon_deg):
        return 0
    return round(max(-180.0, min(180.0, lon_deg)) / 15.0) * 3600
