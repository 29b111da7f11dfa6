"""The slice of the FIT profile niggle decodes: message numbers, base types, field tables.

Numbers, names, scales and offsets are facts of the FIT profile (Garmin FIT SDK profile
21.171, cross-checked against the MIT-licensed tables of fitdecode 0.11.0, our reference
decoder). Only the messages an activity import needs are described; every other message
is skipped by size. Field values follow fitdecode's conventions so the two decoders can be
compared value for value: ``value = raw / scale - offset`` and invalid sentinels -> None.
"""

from __future__ import annotations

from dataclasses import dataclass

# Seconds between the Unix epoch and the FIT epoch, 1989-12-31T00:00:00Z.
FIT_EPOCH_S = 631065600
# FIT date_time values below this are seconds since the device powered on, not dates.
FIT_DATETIME_MIN = 0x10000000
# Positions are stored as "semicircles": 2**31 semicircles make 180 degrees.
SEMICIRCLES_TO_DEG = 180.0 / 2**31

FILE_ID = 0
SESSION = 18
LAP = 19
RECORD = 20
EVENT = 21
ACTIVITY = 34
TIMESTAMP_FIELD = 253


@dataclass(frozen=True, slots=True)
class BaseType:
    """How one FIT base type is stored: struct code, width and the 'no value' sentinel."""

    name: str
    code: str  # struct / numpy character code; "s" for strings and raw bytes
    size: int
    invalid: int | None  # None for floats (NaN marks invalid) and for strings/bytes
    kind: str  # "int", "float", "string" or "byte"


BYTE = BaseType("byte", "B", 1, None, "byte")

# Keyed by the full base-type byte of a field definition, endian bit included. An unknown
# byte reads as raw bytes, which is what the FIT SDK and fitdecode do.
BASE_TYPES: dict[int, BaseType] = {
    0x00: BaseType("enum", "B", 1, 0xFF, "int"),
    0x01: BaseType("sint8", "b", 1, 0x7F, "int"),
    0x02: BaseType("uint8", "B", 1, 0xFF, "int"),
    0x83: BaseType("sint16", "h", 2, 0x7FFF, "int"),
    0x84: BaseType("uint16", "H", 2, 0xFFFF, "int"),
    0x85: BaseType("sint32", "i", 4, 0x7FFFFFFF, "int"),
    0x86: BaseType("uint32", "I", 4, 0xFFFFFFFF, "int"),
    0x07: BaseType("string", "s", 1, None, "string"),
    0x88: BaseType("float32", "f", 4, None, "float"),
    0x89: BaseType("float64", "d", 8, None, "float"),
    0x0A: BaseType("uint8z", "B", 1, 0, "int"),
    0x8B: BaseType("uint16z", "H", 2, 0, "int"),
    0x8C: BaseType("uint32z", "I", 4, 0, "int"),
    0x0D: BYTE,
    0x8E: BaseType("sint64", "q", 8, 0x7FFFFFFFFFFFFFFF, "int"),
    0x8F: BaseType("uint64", "Q", 8, 0xFFFFFFFFFFFFFFFF, "int"),
    0x90: BaseType("uint64z", "Q", 8, 0, "int"),
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A profile field: its name, profile type (an enum name, date_time or a base type)."""

    name: str
    type_name: str
    scale: float | None = None
    offset: float | None = None


@dataclass(frozen=True, slots=True)
class RecordColumn:
    """A record field that feeds one of niggle's per-second streams."""

    column: str
    scale: float | None = None
    offset: float | None = None


# record message: field number -> stream column. Enhanced fields carry the same quantity
# with more range (32 bits) and win over the 16-bit ones when both are valid.
RECORD_COLUMNS: dict[int, RecordColumn] = {
    253: RecordColumn("timestamp"),
    0: RecordColumn("position_lat"),
    1: RecordColumn("position_long"),
    2: RecordColumn("altitude", 5, 500),
    3: RecordColumn("heart_rate"),
    4: RecordColumn("cadence"),
    5: RecordColumn("distance", 100),
    6: RecordColumn("speed", 1000),
    73: RecordColumn("enhanced_speed", 1000),
    78: RecordColumn("enhanced_altitude", 5, 500),
}

# Summary messages decoded into dicts keyed by the profile's main field names.
MESSAGE_FIELDS: dict[int, dict[int, FieldSpec]] = {
    FILE_ID: {
        0: FieldSpec("type", "file"),
        1: FieldSpec("manufacturer", "manufacturer"),
        2: FieldSpec("product", "uint16"),
        3: FieldSpec("serial_number", "uint32z"),
        4: FieldSpec("time_created", "date_time"),
        5: FieldSpec("number", "uint16"),
        8: FieldSpec("product_name", "string"),
    },
    ACTIVITY: {
        253: FieldSpec("timestamp", "date_time"),
        0: FieldSpec("total_timer_time", "uint32", 1000),
        1: FieldSpec("num_sessions", "uint16"),
        2: FieldSpec("type", "activity"),
        3: FieldSpec("event", "event"),
        4: FieldSpec("event_type", "event_type"),
        5: FieldSpec("local_timestamp", "local_date_time"),
        6: FieldSpec("event_group", "uint8"),
    },
    EVENT: {
        253: FieldSpec("timestamp", "date_time"),
        0: FieldSpec("event", "event"),
        1: FieldSpec("event_type", "event_type"),
        2: FieldSpec("data16", "uint16"),
        3: FieldSpec("data", "uint32"),
        4: FieldSpec("event_group", "uint8"),
    },
    LAP: {
        253: FieldSpec("timestamp", "date_time"),
        254: FieldSpec("message_index", "message_index"),
        0: FieldSpec("event", "event"),
        1: FieldSpec("event_type", "event_type"),
        2: FieldSpec("start_time", "date_time"),
        3: FieldSpec("start_position_lat", "sint32"),
        4: FieldSpec("start_position_long", "sint32"),
        5: FieldSpec("end_position_lat", "sint32"),
        6: FieldSpec("end_position_long", "sint32"),
        7: FieldSpec("total_elapsed_time", "uint32", 1000),
        8: FieldSpec("total_timer_time", "uint32", 1000),
        9: FieldSpec("total_distance", "uint32", 100),
        10: FieldSpec("total_cycles", "uint32"),
        11: FieldSpec("total_calories", "uint16"),
        13: FieldSpec("avg_speed", "uint16", 1000),
        14: FieldSpec("max_speed", "uint16", 1000),
        15: FieldSpec("avg_heart_rate", "uint8"),
        16: FieldSpec("max_heart_rate", "uint8"),
        17: FieldSpec("avg_cadence", "uint8"),
        18: FieldSpec("max_cadence", "uint8"),
        19: FieldSpec("avg_power", "uint16"),
        20: FieldSpec("max_power", "uint16"),
        21: FieldSpec("total_ascent", "uint16"),
        22: FieldSpec("total_descent", "uint16"),
        23: FieldSpec("intensity", "intensity"),
        24: FieldSpec("lap_trigger", "lap_trigger"),
        25: FieldSpec("sport", "sport"),
        26: FieldSpec("event_group", "uint8"),
        39: FieldSpec("sub_sport", "sub_sport"),
        42: FieldSpec("avg_altitude", "uint16", 5, 500),
        43: FieldSpec("max_altitude", "uint16", 5, 500),
        52: FieldSpec("total_moving_time", "uint32", 1000),
        62: FieldSpec("min_altitude", "uint16", 5, 500),
        63: FieldSpec("min_heart_rate", "uint8"),
        71: FieldSpec("wkt_step_index", "message_index"),
        77: FieldSpec("avg_vertical_oscillation", "uint16", 10),
        79: FieldSpec("avg_stance_time", "uint16", 10),
        80: FieldSpec("avg_fractional_cadence", "uint8", 128),
        81: FieldSpec("max_fractional_cadence", "uint8", 128),
        110: FieldSpec("enhanced_avg_speed", "uint32", 1000),
        111: FieldSpec("enhanced_max_speed", "uint32", 1000),
        112: FieldSpec("enhanced_avg_altitude", "uint32", 5, 500),
        113: FieldSpec("enhanced_min_altitude", "uint32", 5, 500),
        114: FieldSpec("enhanced_max_altitude", "uint32", 5, 500),
        118: FieldSpec("avg_vertical_ratio", "uint16", 100),
        120: FieldSpec("avg_step_length", "uint16", 10),
    },
    SESSION: {
        253: FieldSpec("timestamp", "date_time"),
        254: FieldSpec("message_index", "message_index"),
        0: FieldSpec("event", "event"),
        1: FieldSpec("event_type", "event_type"),
        2: FieldSpec("start_time", "date_time"),
        3: FieldSpec("start_position_lat", "sint32"),
        4: FieldSpec("start_position_long", "sint32"),
        5: FieldSpec("sport", "sport"),
        6: FieldSpec("sub_sport", "sub_sport"),
        7: FieldSpec("total_elapsed_time", "uint32", 1000),
        8: FieldSpec("total_timer_time", "uint32", 1000),
        9: FieldSpec("total_distance", "uint32", 100),
        10: FieldSpec("total_cycles", "uint32"),
        11: FieldSpec("total_calories", "uint16"),
        14: FieldSpec("avg_speed", "uint16", 1000),
        15: FieldSpec("max_speed", "uint16", 1000),
        16: FieldSpec("avg_heart_rate", "uint8"),
        17: FieldSpec("max_heart_rate", "uint8"),
        18: FieldSpec("avg_cadence", "uint8"),
        19: FieldSpec("max_cadence", "uint8"),
        20: FieldSpec("avg_power", "uint16"),
        21: FieldSpec("max_power", "uint16"),
        22: FieldSpec("total_ascent", "uint16"),
        23: FieldSpec("total_descent", "uint16"),
        24: FieldSpec("total_training_effect", "uint8", 10),
        25: FieldSpec("first_lap_index", "uint16"),
        26: FieldSpec("num_laps", "uint16"),
        28: FieldSpec("trigger", "session_trigger"),
        34: FieldSpec("normalized_power", "uint16"),
        35: FieldSpec("training_stress_score", "uint16", 10),
        36: FieldSpec("intensity_factor", "uint16", 1000),
        38: FieldSpec("end_position_lat", "sint32"),
        39: FieldSpec("end_position_long", "sint32"),
        45: FieldSpec("threshold_power", "uint16"),
        49: FieldSpec("avg_altitude", "uint16", 5, 500),
        50: FieldSpec("max_altitude", "uint16", 5, 500),
        59: FieldSpec("total_moving_time", "uint32", 1000),
        64: FieldSpec("min_heart_rate", "uint8"),
        71: FieldSpec("min_altitude", "uint16", 5, 500),
        89: FieldSpec("avg_vertical_oscillation", "uint16", 10),
        91: FieldSpec("avg_stance_time", "uint16", 10),
        92: FieldSpec("avg_fractional_cadence", "uint8", 128),
        93: FieldSpec("max_fractional_cadence", "uint8", 128),
        110: FieldSpec("sport_profile_name", "string"),
        124: FieldSpec("enhanced_avg_speed", "uint32", 1000),
        125: FieldSpec("enhanced_max_speed", "uint32", 1000),
        126: FieldSpec("enhanced_avg_altitude", "uint32", 5, 500),
        127: FieldSpec("enhanced_min_altitude", "uint32", 5, 500),
        128: FieldSpec("enhanced_max_altitude", "uint32", 5, 500),
        132: FieldSpec("avg_vertical_ratio", "uint16", 100),
        134: FieldSpec("avg_step_length", "uint16", 10),
    },
}

MESSAGE_NAMES: dict[int, str] = {
    FILE_ID: "file_id",
    SESSION: "session",
    LAP: "lap",
    RECORD: "record",
    EVENT: "event",
    ACTIVITY: "activity",
}
