"""FIT activities: decoded messages -> one canonical activity per sport session.

The decoder (``fit_decoder``, with ``fit_reference`` built on fitdecode as the fallback)
turns bytes into columns and message dictionaries; this module decides what they mean:

- each ``session`` message is one activity; a multisport file (triathlon, brick) gives one
  per leg and its ``transition`` sessions are dropped, with their samples;
- the session's own totals are the truth (they are what the watch and Garmin Connect
  show): timer time is the moving time, so pauses are already out of it;
- a file cut short before its session was written (a watch that ran flat) keeps its
  samples, and totals come from them and from the timer events, with a warning;
- running and walking cadence is per foot in FIT and doubled here to steps per minute.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from niggle.domain.activity import Activity, Lap, Sport
from niggle.domain.streams import FloatArray, Streams, StreamTotals, make_streams, summarize
from niggle.importers.errors import CorruptFile, UnsupportedFile
from niggle.importers.parsed import (
    ParsedActivity,
    activity_from_streams,
    counts_steps,
    first_longitude,
    from_epoch,
    local_date_of,
    sport_from_name,
)

if TYPE_CHECKING:
    from niggle.importers.fit_decoder import FitDecoded

UTC = dt.UTC


Decoder = Callable[[bytes], "FitDecoded"]


def decode(data: bytes, label: str, decoder: Decoder | None = None) -> FitDecoded:
    """Decode with the fast decoder; fall back to the fitdecode reference if it fails."""
    from niggle.importers.fit_decoder import decode_fit

    primary = decoder or decode_fit
    try:
        return primary(data)
    except CorruptFile as fast_error:
        # The reference reader sometimes gets further on damaged files; if it cannot
        # either, the fast decoder's message (which says where it stopped) is kept.
        from niggle.importers.fit_reference import decode_fit_reference

        try:
            return decode_fit_reference(data)
        except Exception:
            raise CorruptFile(f"{label}: {fast_error.message}") from None
    except Exception:
        from niggle.importers.fit_reference import decode_fit_reference

        try:
            return decode_fit_reference(data)
        except CorruptFile as exc:
            raise CorruptFile(f"{label}: {exc.message}") from None
        except Exception as exc:
            raise CorruptFile(f"{label}: the FIT file cannot be read ({exc}).") from None


def _epoch(value: Any) -> float | None:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


def _cadence(message: dict[str, Any], prefix: str, sport: Sport) -> float | None:
    """A FIT cadence field (``avg`` or ``max``) plus its fractional part, in niggle units."""
    whole = _number(message.get(f"{prefix}_running_cadence"))
    if whole is None:
        whole = _number(message.get(f"{prefix}_cadence"))
    if whole is None:
        return None
    whole += _number(message.get(f"{prefix}_fractional_cadence")) or 0.0
    return whole * 2 if counts_steps(sport) else whole


def _utc_offset_s(decoded: FitDecoded) -> int | None:
    """The watch's own offset from UTC, from the activity message's local timestamp."""
    message = decoded.activity or {}
    local, utc = message.get("local_timestamp"), message.get("timestamp")
    if not isinstance(local, dt.datetime) or not isinstance(utc, dt.datetime):
        return None
    seconds = (local.replace(tzinfo=None) - utc.replace(tzinfo=None)).total_seconds()
    quarter_hours = round(seconds / 900)
    return quarter_hours * 900 if abs(seconds) <= 14 * 3600 else None


def _device(decoded: FitDecoded) -> str | None:
    parts = [str(p) for p in (decoded.manufacturer, decoded.product) if p not in (None, "")]
    return " ".join(parts)[:80] or None


def _column(records: Any, name: str, n: int) -> FloatArray:
    values = getattr(records, name, None)
    if values is None:
        return np.full(n, np.nan)
    return np.asarray(values, dtype=np.float64)


def _streams(records: Any, mask: npt.NDArray[np.bool_], start: float, sport: Sport) -> Streams:
    times = _column(records, "timestamp", len(mask))[mask]
    n = len(mask)
    cadence = _column(records, "cadence", n)[mask]
    if counts_steps(sport):
        cadence = cadence * 2
    return make_streams(
        times - start,
        distance_m=_column(records, "distance_m", n)[mask],
        speed_m_per_s=_column(records, "speed_m_per_s", n)[mask],
        heart_rate_bpm=_column(records, "heart_rate", n)[mask],
        cadence_spm=cadence,
        altitude_m=_column(records, "altitude_m", n)[mask],
        lat_deg=_column(records, "lat_deg", n)[mask],
        lon_deg=_column(records, "lon_deg", n)[mask],
    )


def _lap(message: dict[str, Any], sport: Sport) -> Lap | None:
    start = _epoch(message.get("start_time"))
    elapsed = _number(message.get("total_elapsed_time"))
    if start is None or elapsed is None:
        return None
    speed = _number(message.get("enhanced_avg_speed"))
    return Lap(
        start=from_epoch(start),
        elapsed_s=elapsed,
        moving_s=_number(message.get("total_timer_time")),
        distance_m=_number(message.get("total_distance")),
        avg_hr=_number(message.get("avg_heart_rate")),
        max_hr=_number(message.get("max_heart_rate")),
        avg_speed_m_per_s=speed if speed is not None else _number(message.get("avg_speed")),
        avg_cadence=_cadence(message, "avg", sport),
    )


def _paused_s(events: Sequence[dict[str, Any]], start: float, end: float) -> float | None:
    """Seconds the timer was stopped between ``start`` and ``end``, from timer events."""
    stops: list[tuple[float, str]] = []
    for event in events:
        if event.get("event") != "timer":
            continue
        moment = _epoch(event.get("timestamp"))
        kind = str(event.get("event_type") or "")
        if moment is not None and start <= moment <= end:
            stops.append((moment, kind))
    if not stops:
        return None
    paused = 0.0
    stopped_at: float | None = None
    for moment, kind in sorted(stops, key=lambda item: item[0]):
        if kind.startswith("stop") and stopped_at is None:
            stopped_at = moment
        elif kind == "start" and stopped_at is not None:
            paused += moment - stopped_at
            stopped_at = None
    if stopped_at is not None:
        paused += end - stopped_at
    return paused


_NO_TOTALS = StreamTotals(0.0, 0.0, None, None, None, None, None)


def _from_session(
    decoded: FitDecoded, session: dict[str, Any], label: str, offset: int | None
) -> ParsedActivity | None:
    sport = sport_from_name(
        str(session.get("sport") or ""), str(session.get("sub_sport") or "") or None
    )
    start = _epoch(session.get("start_time"))
    elapsed = _number(session.get("total_elapsed_time"))
    if start is None:
        return None
    end_stamp = _epoch(session.get("timestamp"))
    end = max(start + (elapsed or 0.0), end_stamp or start)
    records = decoded.records
    times = _column(records, "timestamp", len(getattr(records, "timestamp", ())))
    mask = (times >= start) & (times <= end)
    streams = _streams(records, mask, start, sport)
    wanted = (
        elapsed,
        _number(session.get("total_distance")),
        _number(session.get("total_timer_time")),
        _number(session.get("total_ascent")),
        _number(session.get("avg_heart_rate")),
        _number(session.get("max_heart_rate")),
        _cadence(session, "avg", sport),
    )
    # The session's own totals win; the samples are only summed for what it leaves out.
    totals = summarize(streams) if None in wanted else _NO_TOTALS
    laps = tuple(
        lap
        for lap in (_lap(m, sport) for m in decoded.laps)
        if lap is not None and start <= lap.start.timestamp() < end
    )
    moment = from_epoch(start)
    activity = Activity(
        sport=sport,
        start=moment,
        local_date=local_date_of(moment, offset, first_longitude(streams)),
        elapsed_s=_first(elapsed, totals.elapsed_s) or 0.0,
        distance_m=_first(_number(session.get("total_distance")), totals.distance_m),
        moving_s=_first(
            _number(session.get("total_timer_time")),
            _number(session.get("total_moving_time")),
            totals.moving_s,
        ),
        elevation_gain_m=_first(_number(session.get("total_ascent")), totals.elevation_gain_m),
        avg_hr=_first(_number(session.get("avg_heart_rate")), totals.avg_hr),
        max_hr=_first(_number(session.get("max_heart_rate")), totals.max_hr),
        avg_cadence=_first(_cadence(session, "avg", sport), totals.avg_cadence),
        title=str(session.get("sport_profile_name") or "") or None,
        source="fit",
        laps=laps,
        device=_device(decoded),
    )
    return ParsedActivity(activity, streams, ())


def _from_records(decoded: FitDecoded, label: str, offset: int | None) -> ParsedActivity:
    """A file without sessions (cut short): totals from samples and timer events."""
    records = decoded.records
    times = _column(records, "timestamp", len(getattr(records, "timestamp", ())))
    valid = np.isfinite(times)
    if not valid.any():
        raise CorruptFile(
            f"{label}: the FIT file holds no samples and no session summary to import."
        )
    sports = [m.get("sport") for m in (*decoded.laps, *decoded.sessions) if m.get("sport")]
    sport = sport_from_name(str(sports[0])) if sports else "other"
    start = float(times[valid].min())
    streams = _streams(records, valid, start, sport)
    laps = tuple(lap for lap in (_lap(m, sport) for m in decoded.laps) if lap is not None)
    activity = activity_from_streams(
        sport=sport,
        start=from_epoch(start),
        streams=streams,
        source="fit",
        laps=laps,
        device=_device(decoded),
        utc_offset_s=offset,
    )
    paused = _paused_s(decoded.events, start, start + activity.elapsed_s)
    if paused is not None:
        activity = replace(activity, moving_s=max(0.0, activity.elapsed_s - paused))
    warnings = [
        f"{label}: no session summary in the file; totals were worked out from its samples."
    ]
    if sport == "other":
        warnings.append(f"{label}: the file does not say which sport it was; stored as other.")
    return ParsedActivity(activity, streams, tuple(warnings))


def activities_from_fit(decoded: FitDecoded, label: str) -> list[ParsedActivity]:
    """One activity per sport session; transitions are dropped."""
    if decoded.file_type not in (None, "activity"):
        raise UnsupportedFile(
            f"{label}: a FIT {decoded.file_type} file, not an activity; nothing to import."
        )
    offset = _utc_offset_s(decoded)
    warnings = [f"{label}: {w}" for w in decoded.warnings]
    sessions = [s for s in decoded.sessions if str(s.get("sport") or "") != "transition"]
    found = [
        parsed
        for parsed in (_from_session(decoded, s, label, offset) for s in sessions)
        if parsed is not None
    ]
    if not found and not decoded.sessions:
        found = [_from_records(decoded, label, offset)]
    if not found:
        raise CorruptFile(f"{label}: the FIT file's sessions have no start time.")
    if warnings:
        found = [replace(p, warnings=(*warnings, *p.warnings)) for p in found]
    return found


def parse_fit(data: bytes, label: str, decoder: Decoder | None = None) -> list[ParsedActivity]:
    return activities_from_fit(decode(data, label, decoder), label)
