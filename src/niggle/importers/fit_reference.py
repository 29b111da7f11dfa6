"""The reference FIT decoder, built on fitdecode (MIT): the test oracle and the fallback.

It produces the same :class:`FitDecoded` as :func:`niggle.importers.fit_decoder.decode_fit`
from fitdecode's own reading of the file, so the two can be compared value by value. It is
about fifteen times slower, and stops at the first structural error fitdecode meets
(keeping what it yielded before it).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from niggle.importers.errors import CorruptFile
from niggle.importers.fit_profile import (
    ACTIVITY,
    EVENT,
    FILE_ID,
    FIT_EPOCH_S,
    LAP,
    MESSAGE_FIELDS,
    RECORD,
    SEMICIRCLES_TO_DEG,
    SESSION,
    TIMESTAMP_FIELD,
)
from niggle.importers.fit_result import FitDecoded, FitRecords, assemble

# record field number -> stream it feeds (before the enhanced/plain preference)
_RECORD_FIELDS = {
    0: "position_lat",
    1: "position_long",
    2: "altitude",
    3: "heart_rate",
    4: "cadence",
    5: "distance",
    6: "speed",
    73: "enhanced_speed",
    78: "enhanced_altitude",
}


def decode_fit_reference(data: bytes) -> FitDecoded:
    """Decode with fitdecode; raises CorruptFile when fitdecode reads nothing usable."""
    import fitdecode

    columns: dict[str, list[float]] = {name: [] for name in ("timestamp", *_RECORD_FIELDS.values())}
    messages: list[tuple[int, dict[str, Any]]] = []
    failure: Exception | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            reader = fitdecode.FitReader(
                bytes(data),
                check_crc=fitdecode.CrcCheck.WARN,
                error_handling=fitdecode.ErrorHandling.IGNORE,
            )
            with reader:
                for frame in reader:
                    if not isinstance(frame, fitdecode.FitDataMessage):
                        continue
                    number = frame.global_mesg_num
                    if number == RECORD:
                        _add_record(frame, columns)
                    elif number in MESSAGE_FIELDS:
                        messages.append((number, _summary(frame, MESSAGE_FIELDS[number])))
        except Exception as exc:  # fitdecode raises many kinds on damaged files
            failure = exc
    notes = [str(item.message) for item in caught]
    count = len(columns["timestamp"])
    if failure is not None and not count and not messages:
        raise CorruptFile(f"fitdecode could not read the FIT file: {failure}")
    if failure is not None:
        notes.append(f"fitdecode stopped after {count} records ({failure}); kept what was read")
    return assemble(
        file_id=next((values for num, values in messages if num == FILE_ID), None),
        records=_records(columns),
        sessions=[values for num, values in messages if num == SESSION],
        laps=[values for num, values in messages if num == LAP],
        events=[values for num, values in messages if num == EVENT],
        activity=next((v for num, v in reversed(messages) if num == ACTIVITY), None),
        warnings=notes,
        truncated=failure is not None,
    )


def _own_fields(frame: Any) -> dict[int, Any]:
    """Field data read from the message itself (not expanded, not developer), first wins."""
    own: dict[int, Any] = {}
    for item in frame.fields:
        if item.field_def is not None and not item.field_def.is_dev:
            own.setdefault(item.field_def.def_num, item)
    return own


def _add_record(frame: Any, columns: dict[str, list[float]]) -> None:
    own = _own_fields(frame)
    stamp = own.get(TIMESTAMP_FIELD)
    if stamp is not None:
        raw_time = _number(stamp.raw_value)
    elif frame.time_offset is not None:  # fitdecode appends the header's time last
        raw_time = _number(frame.fields[-1].raw_value)
    else:
        raw_time = np.nan
    columns["timestamp"].append(raw_time + FIT_EPOCH_S)
    for number, name in _RECORD_FIELDS.items():
        item = own.get(number)
        columns[name].append(np.nan if item is None else _number(item.value))


def _number(value: Any) -> float:
    """First element of arrays; NaN for None, text or anything else that is not a number."""
    if isinstance(value, tuple):
        value = value[0] if value else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return np.nan


def _records(columns: dict[str, list[float]]) -> FitRecords:
    arrays = {name: np.array(values, dtype=np.float64) for name, values in columns.items()}

    def prefer(first: str, fallback: str) -> np.ndarray[Any, Any]:
        return np.where(np.isnan(arrays[first]), arrays[fallback], arrays[first])

    return FitRecords(
        timestamp=arrays["timestamp"],
        distance_m=arrays["distance"],
        speed_m_per_s=prefer("enhanced_speed", "speed"),
        heart_rate=arrays["heart_rate"],
        cadence=arrays["cadence"],
        altitude_m=prefer("enhanced_altitude", "altitude"),
        lat_deg=arrays["position_lat"] * SEMICIRCLES_TO_DEG,
        lon_deg=arrays["position_long"] * SEMICIRCLES_TO_DEG,
    )


def _summary(frame: Any, wanted: dict[int, Any]) -> dict[str, Any]:
    import fitdecode

    values: dict[str, Any] = {}
    for number, item in _own_fields(frame).items():
        spec = wanted.get(number)
        if spec is None:
            continue
        if item.parent_field is None:
            values[spec.name] = item.value
        else:
            # fitdecode renamed it to a sub-field (e.g. avg_running_cadence); report the
            # main field's reading of the same raw value under the main name.
            main = item.parent_field
            rendered = main.render(item.raw_value)
            values[spec.name] = fitdecode.FitReader._apply_scale_offset(main, rendered)
    if frame.time_offset is not None and "timestamp" not in values:
        values["timestamp"] = frame.fields[-1].value
    return values
