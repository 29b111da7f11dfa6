"""Lap, session and activity messages the generator writes, and how they must decode.

Each field carries how its decoded value reads: a scale, "date" (FIT date_time), "local"
(local_date_time), a table of enum names, None for a plain number, or "unlisted" for a
field niggle does not decode. The names are the FIT profile's; the tables are written
here, not taken from niggle, so the expectations stay independent of the decoder.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.importers.fitgen import (
    ENUM,
    FIT_EPOCH_S,
    INVALID,
    SINT32,
    STRING,
    UINT8,
    UINT16,
    UINT32,
    Field,
)

SPORTS = {"running": 1, "cycling": 2, "transition": 3, "swimming": 5, "walking": 11}
SUB_SPORTS = {"generic": 0, "street": 2, "trail": 3, "road": 7}


def fit_time(raw: int) -> datetime:
    return datetime.fromtimestamp(FIT_EPOCH_S + raw, UTC)


_EVENTS = {8: "session", 9: "lap", 26: "activity"}
_EVENT_TYPES = {1: "stop"}
_REVERSE_SPORTS = {v: k for k, v in SPORTS.items()}
_REVERSE_SUB = {v: k for k, v in SUB_SPORTS.items()}
_COMMON: list[tuple[Field, Any]] = [
    (Field(253, UINT32, "timestamp"), "date"),
    (Field(254, UINT16, "message_index"), None),
    (Field(0, ENUM, "event"), _EVENTS),
    (Field(1, ENUM, "event_type"), _EVENT_TYPES),
    (Field(2, UINT32, "start_time"), "date"),
    (Field(3, SINT32, "start_position_lat"), None),
    (Field(4, SINT32, "start_position_long"), None),
]
LAP_FIELDS: list[tuple[Field, Any]] = [
    *_COMMON,
    (Field(7, UINT32, "total_elapsed_time"), 1000),
    (Field(8, UINT32, "total_timer_time"), 1000),
    (Field(9, UINT32, "total_distance"), 100),
    (Field(13, UINT16, "avg_speed"), 1000),
    (Field(14, UINT16, "max_speed"), 1000),
    (Field(15, UINT8, "avg_heart_rate"), None),
    (Field(16, UINT8, "max_heart_rate"), None),
    (Field(17, UINT8, "avg_cadence"), None),
    (Field(21, UINT16, "total_ascent"), None),
    (Field(24, ENUM, "lap_trigger"), {2: "distance", 7: "session_end"}),
    (Field(25, ENUM, "sport"), _REVERSE_SPORTS),
    (Field(39, ENUM, "sub_sport"), _REVERSE_SUB),
    (Field(110, UINT32, "enhanced_avg_speed"), 1000),
]
SESSION_FIELDS: list[tuple[Field, Any]] = [
    *_COMMON,
    (Field(5, ENUM, "sport"), _REVERSE_SPORTS),
    (Field(6, ENUM, "sub_sport"), _REVERSE_SUB),
    (Field(7, UINT32, "total_elapsed_time"), 1000),
    (Field(8, UINT32, "total_timer_time"), 1000),
    (Field(9, UINT32, "total_distance"), 100),
    (Field(13, UINT16, "total_fat_calories"), "unlisted"),  # not decoded by niggle
    (Field(14, UINT16, "avg_speed"), 1000),
    (Field(15, UINT16, "max_speed"), 1000),
    (Field(16, UINT8, "avg_heart_rate"), None),
    (Field(17, UINT8, "max_heart_rate"), None),
    (Field(18, UINT8, "avg_cadence"), None),
    (Field(22, UINT16, "total_ascent"), None),
    (Field(24, UINT8, "total_training_effect"), 10),
    (Field(25, UINT16, "first_lap_index"), None),
    (Field(26, UINT16, "num_laps"), None),
    (Field(28, ENUM, "trigger"), {0: "activity_end"}),
    (Field(110, STRING, "sport_profile_name", 16), None),
    (Field(124, UINT32, "enhanced_avg_speed"), 1000),
]
ACTIVITY_FIELDS: list[tuple[Field, Any]] = [
    (Field(253, UINT32, "timestamp"), "date"),
    (Field(0, UINT32, "total_timer_time"), 1000),
    (Field(1, UINT16, "num_sessions"), None),
    (Field(2, ENUM, "type"), {0: "manual", 1: "auto_multi_sport"}),
    (Field(3, ENUM, "event"), _EVENTS),
    (Field(4, ENUM, "event_type"), _EVENT_TYPES),
    (Field(5, UINT32, "local_timestamp"), "local"),
]


def expected_summary(fields: list[tuple[Field, Any]], values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item, reading in fields:
        raw = values.get(item.name)
        if reading == "unlisted":
            continue
        if raw is None or raw == INVALID.get(item.base):
            out[item.name] = None
        elif reading in ("date", "local"):
            out[item.name] = fit_time(raw)
        elif isinstance(reading, dict):
            out[item.name] = reading[raw]
        elif isinstance(reading, int):
            out[item.name] = float(raw) / reading
        else:
            out[item.name] = raw
    return out
