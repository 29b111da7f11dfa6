"""Seeded, realistic FIT activities plus the values a decoder must read back from them.

``activity_fit(seed, FitOptions(...))`` simulates a watch recording at 1 Hz: a GPS track,
speed, distance, altitude, heart rate and cadence, with strap and GPS dropouts, pauses
(timer stop/start events), auto laps every ``lap_m`` metres, one session per leg
(multisport files have several, with transitions) and an activity message. Options turn
on the awkward parts of the format: compressed-timestamp headers, developer fields,
big-endian definitions, hrv messages between records, alternating record layouts
(Strava's app), repeated definitions, enhanced and plain speed/altitude fields.

The result carries the expected streams and summary dicts, computed here from the raw
integers written (independently of niggle's decoder), so tests can check exact values.
For other engineers: ``activity_fit(seed, FitOptions(start=..., legs=(Leg("running",
seconds=3600),))).data`` is a complete .fit file; fitgen_corpus has a benchmark mix.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tests.importers.fitgen import (
    BYTE,
    ENUM,
    FIT_EPOCH_S,
    FLOAT32,
    SINT8,
    SINT32,
    STRING,
    UINT8,
    UINT16,
    UINT32,
    UINT32Z,
    Field,
    FitWriter,
    row_dtype,
)
from tests.importers.fitgen_summary import (
    ACTIVITY_FIELDS,
    LAP_FIELDS,
    SESSION_FIELDS,
    SPORTS,
    SUB_SPORTS,
    expected_summary,
    fit_time,
)

_SPEED = {"running": 3.1, "cycling": 8.0, "transition": 1.6, "swimming": 1.0, "walking": 1.4}
_CADENCE = {"running": 86, "cycling": 88, "transition": 50, "swimming": 24, "walking": 56}
_TO_SEMICIRCLES = 2**31 / 180.0

# Local message numbers (compressed headers can only address 0-3).
L_FILE, L_RECORD, L_COMPACT, L_CEVENT, L_DEVICE, L_DEVID, L_DEVFIELD = 0, 1, 2, 3, 4, 5, 6
L_EVENT, L_LAP, L_SESSION, L_HRV, L_ACTIVITY = 7, 8, 9, 10, 11


@dataclass(frozen=True)
class Leg:
    """One sport session of the activity."""

    sport: str = "running"
    sub_sport: str = "generic"
    seconds: int = 1800
    pauses: int = 0


@dataclass(frozen=True)
class FitOptions:
    legs: tuple[Leg, ...] = (Leg(),)
    start: int = 1_751_356_800  # Unix seconds (2025-07-01T08:00:00Z)
    gps: bool = True
    heart_rate: bool = True
    cadence: bool = True
    altitude: bool = True
    speed_fields: str = "plain"  # "plain", "enhanced" or "both"
    lap_m: float = 1000.0
    compressed_timestamps: bool = False
    developer_fields: bool = False
    big_endian: bool = False
    interleave_hrv: bool = False
    alternate_layouts: bool = False
    dropouts: bool = True
    redefine_every: int = 0
    manufacturer: int = 1  # garmin
    product: int = 4315


@dataclass
class GeneratedFit:
    """A FIT file and what decoding it must give."""

    data: bytes
    streams: dict[str, np.ndarray]
    sessions: list[dict[str, Any]] = field(default_factory=list)
    laps: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    activity: dict[str, Any] | None = None

    @property
    def record_count(self) -> int:
        return len(self.streams["timestamp"])


def activity_fit(seed: int, options: FitOptions | None = None) -> GeneratedFit:
    """Simulate and write one activity file; see the module docstring."""
    return _Recorder(np.random.default_rng(seed), options or FitOptions()).run()


class _Recorder:
    def __init__(self, rng: np.random.Generator, options: FitOptions) -> None:
        if options.compressed_timestamps and options.alternate_layouts:
            raise ValueError("compressed timestamps and alternating layouts are not combined")
        self.rng = rng
        self.o = options
        self.endian = ">" if options.big_endian else "<"
        self.w = FitWriter()
        self.streams: dict[str, list[np.ndarray]] = {}
        self.result = GeneratedFit(data=b"", streams={})
        self.lap_index = 0
        self.distance_cm = 0
        self.position = (
            51.45 + float(rng.uniform(-0.05, 0.05)),
            -0.30 + float(rng.uniform(-0.05, 0.05)),
        )
        self.heading = float(rng.uniform(0, 2 * np.pi))
        self.altitude_m = float(rng.uniform(20, 300))
        self.clock = options.start - FIT_EPOCH_S  # raw FIT seconds of the next record

    # -- layouts ---------------------------------------------------------------------
    def record_fields(self, with_time: bool) -> list[Field]:
        o = self.o
        fields = [Field(253, UINT32, "timestamp")] if with_time else []
        if o.gps:
            fields += [Field(0, SINT32, "lat"), Field(1, SINT32, "lon")]
        fields.append(Field(5, UINT32, "distance"))
        if o.altitude and o.speed_fields in ("plain", "both"):
            fields.append(Field(2, UINT16, "altitude"))
        if o.speed_fields in ("plain", "both"):
            fields.append(Field(6, UINT16, "speed"))
        if o.heart_rate:
            fields.append(Field(3, UINT8, "hr"))
        if o.cadence:
            fields += [Field(4, UINT8, "cadence"), Field(53, UINT8, "fractional_cadence")]
        fields.append(Field(13, SINT8, "temperature"))
        if o.speed_fields in ("enhanced", "both"):
            fields.append(Field(73, UINT32, "enhanced_speed"))
            if o.altitude:
                fields.append(Field(78, UINT32, "enhanced_altitude"))
        return fields

    def define_records(self) -> None:
        o = self.o
        dev = [(0, 2, 0), (1, 4, 0)] if o.developer_fields else []
        if o.alternate_layouts:
            gps = [Field(253, UINT32, "timestamp"), Field(0, SINT32, "lat")]
            gps += [Field(1, SINT32, "lon"), Field(78, UINT32, "enhanced_altitude")]
            gps += [Field(6, UINT16, "speed"), Field(31, UINT8, "gps_accuracy")]
            other = [Field(253, UINT32, "timestamp"), Field(5, UINT32, "distance")]
            other += [Field(3, UINT8, "hr"), Field(4, UINT8, "cadence")]
            self.w.define(L_RECORD, 20, gps, big_endian=o.big_endian)
            self.w.define(L_COMPACT, 20, other, big_endian=o.big_endian)
            return
        self.w.define(
            L_RECORD, 20, self.record_fields(True), big_endian=o.big_endian, developer=dev
        )
        if o.compressed_timestamps:
            self.w.define(
                L_COMPACT, 20, self.record_fields(False), big_endian=o.big_endian, developer=dev
            )

    # -- the recording ----------------------------------------------------------------
    def run(self) -> GeneratedFit:
        o = self.o
        w = self.w
        be = o.big_endian
        file_id = [Field(0, ENUM, "type"), Field(1, UINT16, "manufacturer")]
        file_id += [Field(2, UINT16, "product"), Field(3, UINT32Z, "serial")]
        file_id += [Field(4, UINT32, "time_created"), Field(8, STRING, "product_name", 16)]
        w.define(L_FILE, 0, file_id, big_endian=be)
        w.message(L_FILE, [4, o.manufacturer, o.product, 3_912_345_678, self.clock, "niggle sim"])
        w.define(L_FILE, 49, [Field(0, UINT16, "software"), Field(1, UINT8, "hardware")])
        w.message(L_FILE, [2150, 3])
        device = [Field(253, UINT32, "timestamp"), Field(0, UINT8, "index")]
        device += [Field(2, UINT16, "manufacturer"), Field(4, UINT16, "product")]
        w.define(L_DEVICE, 23, device, big_endian=be)
        w.message(L_DEVICE, [self.clock, 0, o.manufacturer, o.product])
        if o.developer_fields:
            w.define(L_DEVID, 207, [Field(1, BYTE, "app", 16), Field(3, UINT8, "index")])
            w.message(L_DEVID, [bytes(range(16)), 0])
            described = [Field(0, UINT8, "index"), Field(1, UINT8, "number")]
            described += [Field(2, UINT8, "base"), Field(3, STRING, "name", 16)]
            described += [Field(8, STRING, "units", 8)]
            w.define(L_DEVFIELD, 206, described)
            w.message(L_DEVFIELD, [0, 0, UINT16, "Power", "watts"])
            w.message(L_DEVFIELD, [0, 1, FLOAT32, "Form Power", "watts"])
        event = [Field(253, UINT32, "timestamp"), Field(0, ENUM, "event")]
        event += [Field(1, ENUM, "event_type"), Field(3, UINT32, "data")]
        event += [Field(4, UINT8, "event_group")]
        w.define(L_EVENT, 21, event, big_endian=be)
        if o.compressed_timestamps:
            w.define(L_CEVENT, 21, event[1:], big_endian=be)
        if o.interleave_hrv:
            w.define(L_HRV, 78, [Field(0, UINT16, "beats", 10)], big_endian=be)
        self.define_laps_and_sessions()
        self.event(self.clock, "timer", "start")
        self.define_records()
        sessions_start = 0
        for leg in o.legs:
            self.record_leg(leg, sessions_start)
            sessions_start = self.lap_index
        last = self.clock - 1
        self.event(last, "timer", "stop_all")
        self.write_activity(last)
        self.result.data = w.to_bytes()
        self.result.streams = {name: np.concatenate(parts) for name, parts in self.streams.items()}
        return self.result

    def event(self, when: int, kind: str, kind_type: str, compressed: bool = False) -> None:
        codes = {"timer": 0, "lap": 9, "session": 8, "activity": 26}
        types = {"start": 0, "stop": 1, "stop_all": 4}
        if compressed:
            self.w.message(
                L_CEVENT, [codes[kind], types[kind_type], 0, None], time_offset=when & 0x1F
            )
        else:
            self.w.message(L_EVENT, [when, codes[kind], types[kind_type], 0, None])
        self.result.events.append(
            {
                "timestamp": fit_time(when),
                "event": kind,
                "event_type": kind_type,
                "data": 0,
                "event_group": None,
            }
        )

    def record_leg(self, leg: Leg, first_lap: int) -> None:
        o = self.o
        rng = self.rng
        n = leg.seconds
        pause_at = sorted(set(rng.integers(60, max(61, n - 60), size=leg.pauses).tolist()))
        gaps = np.ones(n, dtype=np.int64)
        for index in pause_at:
            gaps[index] = int(rng.integers(35, 400))
        gaps[0] = 0
        times = self.clock + np.cumsum(gaps)
        base = _SPEED[leg.sport]
        wobble = np.convolve(rng.normal(0, 0.25, n + 30), np.ones(30) / 30, mode="valid")[:n]
        speed_ms = np.clip(base + wobble + 0.2 * np.sin(np.arange(n) / 240), 0.3, None)
        speed_raw = np.round(speed_ms * 1000).astype(np.int64)
        step_cm = np.round(speed_raw / 10).astype(np.int64)
        distance_raw = self.distance_cm + np.cumsum(step_cm)
        self.distance_cm = int(distance_raw[-1])
        climb = np.cumsum(rng.normal(0, 0.25, n)) + self.altitude_m
        self.altitude_m = float(climb[-1])
        altitude_raw = np.round((climb + 500) * 5).astype(np.int64)
        effort = 1 - np.exp(-np.arange(n) / 240)
        hr_raw = np.round(112 + 45 * effort + rng.normal(0, 2, n)).astype(np.int64)
        cadence_raw = np.full(n, _CADENCE[leg.sport]) + rng.integers(-3, 4, n)
        heading = self.heading + np.cumsum(rng.normal(0, 0.03, n))
        self.heading = float(heading[-1])
        lat0, lon0 = self.position
        lat = lat0 + np.cumsum(speed_ms * np.cos(heading)) / 111_320
        lon = lon0 + np.cumsum(speed_ms * np.sin(heading)) / (111_320 * np.cos(np.radians(lat0)))
        self.position = (float(lat[-1]), float(lon[-1]))
        lat_raw = np.round(lat * _TO_SEMICIRCLES).astype(np.int64)
        lon_raw = np.round(lon * _TO_SEMICIRCLES).astype(np.int64)
        enhanced_speed_raw = speed_raw.copy()
        enhanced_altitude_raw = altitude_raw.copy()
        if o.dropouts and n > 200:
            start = int(rng.integers(20, n - 60))
            hr_raw[start : start + 25] = 0xFF  # chest strap lost contact
            start = int(rng.integers(20, n - 60))
            lat_raw[start : start + 15] = 0x7FFFFFFF  # tunnel: no GPS fix
            lon_raw[start : start + 15] = 0x7FFFFFFF
            start = int(rng.integers(20, n - 60))
            altitude_raw[start : start + 3] = 0xFFFF
            enhanced_altitude_raw[start + 5 : start + 8] = 0xFFFFFFFF
            if o.speed_fields == "both":  # each of the pair missing now and then
                speed_raw[start : start + 4] = 0xFFFF
                enhanced_speed_raw[start + 10 : start + 13] = 0xFFFFFFFF
        raw = {
            "timestamp": times,
            "lat": lat_raw,
            "lon": lon_raw,
            "distance": distance_raw,
            "altitude": altitude_raw,
            "speed": speed_raw,
            "hr": hr_raw,
            "cadence": cadence_raw,
            "fractional_cadence": np.full(n, 64),
            "temperature": np.full(n, 21),
            "enhanced_speed": enhanced_speed_raw,
            "enhanced_altitude": enhanced_altitude_raw,
            "gps_accuracy": np.full(n, 4),
            "dev_power": rng.integers(180, 320, n),
        }
        self.clock = int(times[-1]) + 1
        lap_ends = self.lap_ends(distance_raw, n)
        cuts = sorted({0, n, *pause_at, *(end + 1 for end in lap_ends)})
        if o.redefine_every:
            cuts = sorted(set(cuts) | set(range(0, n, o.redefine_every)))
        lap_start = 0
        for a, b in itertools.pairwise(cuts):
            if o.redefine_every and a % o.redefine_every == 0 and a:
                self.define_records()
            self.write_rows(raw, a, b)
            if b - 1 in lap_ends:
                self.write_lap(raw, lap_start, b - 1, leg, last=b == n)
                lap_start = b
            if b in pause_at:
                self.event(int(times[b - 1]), "timer", "stop_all", o.compressed_timestamps)
                self.event(int(times[b]), "timer", "start")
        self.write_session(raw, leg, first_lap)

    def lap_ends(self, distance_raw: np.ndarray, n: int) -> list[int]:
        step = int(self.o.lap_m * 100)
        first = int(distance_raw[0])
        marks = np.arange((first // step + 1) * step, int(distance_raw[-1]), step)
        ends = np.searchsorted(distance_raw, marks).tolist()
        return sorted({end for end in ends if end < n - 1} | {n - 1})

    def write_rows(self, raw: dict[str, np.ndarray], a: int, b: int) -> None:
        o = self.o
        if o.alternate_layouts:
            self.write_alternating(raw, a, b)
            return
        full = self.record_fields(True)
        if o.compressed_timestamps:
            self.write_table(raw, a, a + 1, full, L_RECORD)
            if b > a + 1:
                self.write_table(raw, a + 1, b, self.record_fields(False), L_COMPACT)
        else:
            self.write_table(raw, a, b, full, L_RECORD)
        self.expect(raw, a, b, set(f.name for f in full))

    def write_table(
        self, raw: dict[str, np.ndarray], a: int, b: int, fields: list[Field], local: int
    ) -> None:
        o = self.o
        layout = row_dtype(fields, self.endian, local)
        if o.developer_fields:
            layout += [("dev_power", self.endian + "u2"), ("dev_form", self.endian + "f4")]
        if o.interleave_hrv:
            layout += row_dtype([Field(0, UINT16, "beats", 10)], self.endian, L_HRV)
        table = np.zeros(b - a, dtype=layout)
        compact = local == L_COMPACT
        if compact:
            table[f"head{local}"] = 0x80 | (local << 5) | (raw["timestamp"][a:b] & 0x1F)
        else:
            table[f"head{local}"] = local
        for item in fields:
            table[f"{item.name}{local}"] = raw[item.name][a:b]
        if o.developer_fields:
            table["dev_power"] = raw["dev_power"][a:b]
            table["dev_form"] = raw["dev_power"][a:b] * 0.31
        if o.interleave_hrv:
            table[f"head{L_HRV}"] = L_HRV
            beats = np.full((b - a, 5), 0xFFFF)
            beats[:, 0] = 700 + raw["hr"][a:b] % 50
            table[f"beats{L_HRV}"] = beats
        self.w.rows(table)

    def write_alternating(self, raw: dict[str, np.ndarray], a: int, b: int) -> None:
        gps = ["timestamp", "lat", "lon", "enhanced_altitude", "speed", "gps_accuracy"]
        other = ["timestamp", "distance", "hr", "cadence"]
        codes = {"timestamp": "u4", "lat": "i4", "lon": "i4", "enhanced_altitude": "u4"}
        codes.update({"speed": "u2", "gps_accuracy": "u1", "distance": "u4"})
        codes.update({"hr": "u1", "cadence": "u1"})
        layout = [("head_a", "u1")] + [(f"a_{k}", self.endian + codes[k]) for k in gps]
        layout += [("head_b", "u1")] + [(f"b_{k}", self.endian + codes[k]) for k in other]
        table = np.zeros(b - a, dtype=layout)
        table["head_a"] = L_RECORD
        table["head_b"] = L_COMPACT
        for key in gps:
            table[f"a_{key}"] = raw[key][a:b]
        for key in other:
            table[f"b_{key}"] = raw[key][a:b]
        self.w.rows(table)
        # Each second gives two records: the GPS one, then the distance one.
        first = self.expected(raw, a, b, set(gps))
        second = self.expected(raw, a, b, set(other))
        for name in first:
            both = np.empty(2 * (b - a))
            both[0::2] = first[name]
            both[1::2] = second[name]
            self.streams.setdefault(name, []).append(both)

    def expect(self, raw: dict[str, np.ndarray], a: int, b: int, written: set[str]) -> None:
        for name, values in self.expected(raw, a, b, written).items():
            self.streams.setdefault(name, []).append(values)

    def expected(
        self, raw: dict[str, np.ndarray], a: int, b: int, written: set[str]
    ) -> dict[str, np.ndarray]:
        """What a decoder must report for records [a, b) holding the ``written`` fields."""

        def column(name: str, invalid: int, scale: float = 1, offset: float = 0) -> np.ndarray:
            if name not in written:
                return np.full(b - a, np.nan)
            values = raw[name][a:b].astype(np.float64)
            values[raw[name][a:b] == invalid] = np.nan
            return values / scale - offset if scale != 1 or offset else values

        def prefer(first: np.ndarray, second: np.ndarray) -> np.ndarray:
            return np.where(np.isnan(first), second, first)

        return {
            "timestamp": raw["timestamp"][a:b].astype(np.float64) + FIT_EPOCH_S,
            "distance_m": column("distance", 0xFFFFFFFF, 100),
            "speed_m_per_s": prefer(
                column("enhanced_speed", 0xFFFFFFFF, 1000), column("speed", 0xFFFF, 1000)
            ),
            "heart_rate": column("hr", 0xFF),
            "cadence": column("cadence", 0xFF),
            "altitude_m": prefer(
                column("enhanced_altitude", 0xFFFFFFFF, 5, 500),
                column("altitude", 0xFFFF, 5, 500),
            ),
            "lat_deg": column("lat", 0x7FFFFFFF) * (180.0 / 2**31),
            "lon_deg": column("lon", 0x7FFFFFFF) * (180.0 / 2**31),
        }

    # -- summaries ---------------------------------------------------------------------
    def define_laps_and_sessions(self) -> None:
        be = self.o.big_endian
        self.w.define(L_LAP, 19, [f for f, _ in LAP_FIELDS], big_endian=be)
        self.w.define(L_SESSION, 18, [f for f, _ in SESSION_FIELDS], big_endian=be)
        activity = [f for f, _ in ACTIVITY_FIELDS]
        self.w.define(L_ACTIVITY, 34, activity, big_endian=be)

    def summary_raw(self, raw: dict[str, np.ndarray], a: int, b: int, leg: Leg) -> dict[str, Any]:
        """Raw integers of a lap or session covering records a..b (inclusive)."""
        times = raw["timestamp"]
        steps = np.diff(raw["distance"][a : b + 1])
        distance = int(raw["distance"][b] - raw["distance"][a] + (steps[0] if len(steps) else 0))
        timer_ms = (b - a + 1) * 1000
        hr = raw["hr"][a : b + 1]
        hr = hr[hr != 0xFF]
        speed = raw["enhanced_speed"][a : b + 1]
        speed = speed[speed != 0xFFFFFFFF]
        climb = np.diff(raw["altitude"][a : b + 1][raw["altitude"][a : b + 1] != 0xFFFF])
        o = self.o
        return {
            "timestamp": int(times[b]),
            "start_time": int(times[a]),
            "start_position_lat": int(raw["lat"][a]) if o.gps else None,
            "start_position_long": int(raw["lon"][a]) if o.gps else None,
            "total_elapsed_time": int(times[b] - times[a] + 1) * 1000,
            "total_timer_time": timer_ms,
            "total_distance": distance,
            "avg_speed": round(distance * 10_000 / timer_ms),
            "max_speed": int(speed.max()) if len(speed) else None,
            "avg_heart_rate": round(float(hr.mean())) if o.heart_rate and len(hr) else None,
            "max_heart_rate": int(hr.max()) if o.heart_rate and len(hr) else None,
            "avg_cadence": round(float(raw["cadence"][a : b + 1].mean())) if o.cadence else None,
            "total_ascent": int(climb[climb > 0].sum() / 5),
            "sport": SPORTS[leg.sport],
            "sub_sport": SUB_SPORTS[leg.sub_sport],
        }

    def write_lap(self, raw: dict[str, np.ndarray], a: int, b: int, leg: Leg, last: bool) -> None:
        values = self.summary_raw(raw, a, b, leg)
        values.update(
            {
                "message_index": self.lap_index,
                "event": 9,
                "event_type": 1,
                "lap_trigger": 7 if last else 2,
                "enhanced_avg_speed": values["avg_speed"],
            }
        )
        self.lap_index += 1
        self.w.message(L_LAP, [values.get(f.name) for f, _ in LAP_FIELDS])
        self.result.laps.append(expected_summary(LAP_FIELDS, values))

    def write_session(self, raw: dict[str, np.ndarray], leg: Leg, first_lap: int) -> None:
        n = leg.seconds
        total = len(raw["timestamp"])
        values = self.summary_raw(raw, total - n, total - 1, leg)
        values.update(
            {
                "message_index": len(self.result.sessions),
                "event": 8,
                "event_type": 1,
                "first_lap_index": first_lap,
                "num_laps": self.lap_index - first_lap,
                "trigger": 0,
                "total_training_effect": 31,
                "total_fat_calories": 12,
                "sport_profile_name": leg.sport.title(),
                "enhanced_avg_speed": values["avg_speed"],
            }
        )
        self.w.message(L_SESSION, [values.get(f.name) for f, _ in SESSION_FIELDS])
        self.result.sessions.append(expected_summary(SESSION_FIELDS, values))

    def write_activity(self, last: int) -> None:
        legs = self.o.legs
        values = {
            "timestamp": last,
            "total_timer_time": sum(leg.seconds for leg in legs) * 1000,
            "num_sessions": len(legs),
            "type": 1 if len(legs) > 1 else 0,
            "event": 26,
            "event_type": 1,
            "local_timestamp": last + 3600,
        }
        self.w.message(L_ACTIVITY, [values[f.name] for f, _ in ACTIVITY_FIELDS])
        self.result.activity = expected_summary(ACTIVITY_FIELDS, values)
