"""Compiled FIT definition messages: where each wanted field sits in a data message.

A definition message fixes the byte layout of every data message that follows it with
the same local number, so the work of finding fields is done once per definition (and
cached by the definition's bytes, because devices repeat identical definitions). Field
values are read the way the FIT SDK and fitdecode read them, so the fast decoder and
the reference agree: the declared base type decides width and "invalid" sentinel, a
size that is not a multiple of that width falls back to raw bytes, and multi-value
fields give tuples.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from niggle.importers.fit_enums import enum_names
from niggle.importers.fit_profile import (
    BASE_TYPES,
    BYTE,
    FIT_DATETIME_MIN,
    FIT_EPOCH_S,
    MESSAGE_FIELDS,
    RECORD,
    RECORD_COLUMNS,
    TIMESTAMP_FIELD,
    BaseType,
    FieldSpec,
)

ROLE_SKIP = 0
ROLE_RECORD = 1
ROLE_SUMMARY = 2

_NUMERIC = ("int", "float")

# A compressed-timestamp header stands in for the message's own timestamp field.
_HEADER_TIME = FieldSpec("timestamp", "date_time")
_FIT_TIME, _LOCAL_TIME = 1, 2

# How a single-number summary field reads: name, invalid sentinel (None: NaN), enum names,
# scale, offset, and whether it is a FIT date (_FIT_TIME) or a local date (_LOCAL_TIME).
ScalarPlan = tuple[str, int | None, dict[int, str] | None, float | None, float | None, int]


def _scalar_plan(spec: FieldSpec, base: BaseType) -> ScalarPlan:
    dates = {"date_time": _FIT_TIME, "local_date_time": _LOCAL_TIME}.get(spec.type_name, 0)
    names = enum_names(spec.type_name) or None
    return (spec.name, base.invalid, names, spec.scale, spec.offset, dates)


@dataclass(frozen=True, slots=True)
class FieldSlot:
    """One field inside a data message: byte offset (header byte included), size, type."""

    number: int
    offset: int
    size: int
    base: BaseType


@dataclass(frozen=True, slots=True, eq=False)
class Layout:
    """Everything the decoder needs to know about data messages of one definition.

    Compared and hashed by identity: the decoder caches one per distinct definition.
    """

    global_number: int
    size: int  # whole message, record header byte and developer fields included
    endian: str  # "<" or ">"
    role: int
    timestamp: FieldSlot | None
    columns: tuple[tuple[str, FieldSlot], ...]  # record streams (record messages only)
    summary: tuple[tuple[FieldSpec, FieldSlot], ...]  # dict fields (summary messages)
    # Single-number summary fields, read with one struct call; see _scalar_plan.
    scalars: tuple[ScalarPlan, ...]
    scalar_struct: struct.Struct | None
    others: tuple[tuple[FieldSpec, FieldSlot], ...]  # arrays, strings, raw bytes

    def read_raw_timestamp(self, data: bytes, pos: int) -> int | None:
        """The message's own timestamp as a raw integer, if it has a usable one."""
        slot = self.timestamp
        if slot is None:
            return None
        raw = read_value(data, pos + slot.offset, slot.size, slot.base, self.endian)
        return raw if type(raw) is int else None

    def decode_summary(self, data: bytes, pos: int, header_time: int | None) -> dict[str, Any]:
        """The message as ``{field name: value}``; ``header_time`` from a compressed header."""
        values: dict[str, Any] = {}
        if self.scalar_struct is not None:
            numbers = self.scalar_struct.unpack_from(data, pos)
            # present_value() unrolled for single numbers: laps are decoded by the thousand.
            for plan, number in zip(self.scalars, numbers, strict=True):
                name, invalid, names, scale, offset, dates = plan
                if number == invalid or (invalid is None and math.isnan(number)):
                    values[name] = None
                    continue
                value = number
                if names is not None:
                    value = names.get(value, value)
                if type(value) is not str:
                    if scale:
                        value = float(value) / scale
                    if offset:
                        value = value - offset
                    if dates and (dates == _LOCAL_TIME or value >= FIT_DATETIME_MIN):
                        value = _date_time(value)
                values[name] = value
        for spec, slot in self.others:
            raw = read_value(data, pos + slot.offset, slot.size, slot.base, self.endian)
            values[spec.name] = present_value(spec, raw)
        if header_time is not None and "timestamp" not in values:
            values["timestamp"] = present_value(_HEADER_TIME, header_time)
        return values


def definition_length(data: bytes, pos: int) -> int | None:
    """Bytes taken by the definition message at ``pos``; None if the data ends first."""
    end = len(data)
    if pos + 6 > end:
        return None
    length = 6 + 3 * data[pos + 5]
    if data[pos] & 0x20:  # developer fields follow the regular ones
        if pos + length + 1 > end:
            return None
        length += 1 + 3 * data[pos + length]
    return length if pos + length <= end else None


@lru_cache(maxsize=4096)
def compile_layout(body: bytes, developer: bool) -> Layout:
    """Layout of a definition message from its bytes after the record header.

    Cached across files: a watch writes the same few definitions into every activity.
    """
    endian = ">" if body[1] else "<"
    (global_number,) = struct.unpack_from(endian + "H", body, 2)
    field_count = body[4]
    offset = 1
    seen: set[int] = set()
    slots: list[FieldSlot] = []
    for index in range(field_count):
        number, size, base_byte = body[5 + 3 * index : 8 + 3 * index]
        base = BASE_TYPES.get(base_byte, BYTE)
        if size % base.size:
            base = BYTE  # misaligned fields (e.g. some Coros files) are read as raw bytes
        if number not in seen:  # a repeated field number: the first one counts, as in fitdecode
            seen.add(number)
            slots.append(FieldSlot(number, offset, size, base))
        offset += size
    if developer:
        dev_start = 5 + 3 * field_count
        for index in range(body[dev_start]):
            offset += body[dev_start + 2 + 3 * index]
    by_number = {slot.number: slot for slot in slots}
    wanted = MESSAGE_FIELDS.get(global_number)
    if global_number == RECORD:
        role = ROLE_RECORD
    elif wanted is not None:
        role = ROLE_SUMMARY
    else:
        role = ROLE_SKIP
    columns = tuple(
        (column.column, by_number[number])
        for number, column in RECORD_COLUMNS.items()
        if role == ROLE_RECORD and number in by_number
    )
    summary = tuple(
        (spec, slot) for slot in slots if wanted and (spec := wanted.get(slot.number)) is not None
    )
    scalars: list[tuple[FieldSpec, FieldSlot]] = []
    others: list[tuple[FieldSpec, FieldSlot]] = []
    for spec, slot in summary:
        simple = slot.base.kind in _NUMERIC and slot.size == slot.base.size
        (scalars if simple else others).append((spec, slot))
    return Layout(
        global_number=global_number,
        size=offset,
        endian=endian,
        role=role,
        timestamp=by_number.get(TIMESTAMP_FIELD),
        columns=columns,
        summary=summary,
        scalars=tuple(_scalar_plan(spec, slot.base) for spec, slot in scalars),
        scalar_struct=_scalar_struct(endian, [slot for _, slot in scalars]),
        others=tuple(others),
    )


def _scalar_struct(endian: str, slots: list[FieldSlot]) -> struct.Struct | None:
    """One struct reading every given single-number field, skipping the bytes between."""
    if not slots:
        return None
    parts = [endian]
    cursor = 0
    for slot in slots:  # in message order, so the gaps are never negative
        if slot.offset > cursor:
            parts.append(f"{slot.offset - cursor}x")
        parts.append(slot.base.code)
        cursor = slot.offset + slot.size
    return struct.Struct("".join(parts))


def read_value(data: bytes, pos: int, size: int, base: BaseType, endian: str) -> Any:
    """A field's raw value: number, tuple for arrays and bytes, str, or None if invalid."""
    if base.kind == "byte":
        chunk = tuple(data[pos : pos + size])
        return None if all(byte == 0xFF for byte in chunk) else chunk
    if base.kind == "string":
        text = data[pos : pos + size]
        nul = text.find(0)
        if nul >= 0:
            text = text[:nul]
        return text.decode("utf-8", errors="replace") or None
    count = size // base.size
    if count == 0:
        return None
    values = struct.unpack_from(f"{endian}{count}{base.code}", data, pos)
    if base.kind == "float":
        parsed = tuple(None if math.isnan(v) else v for v in values)
    else:
        parsed = tuple(None if v == base.invalid else v for v in values)
    return parsed[0] if count == 1 else parsed


def present_value(spec: FieldSpec, raw: Any) -> Any:
    """Raw value -> reported value: enum name, then scale/offset, then dates (FIT SDK order)."""
    value = raw
    names = enum_names(spec.type_name)
    if names and value is not None:
        value = names.get(value, value)
    if spec.scale or spec.offset:
        value = _scaled(value, spec.scale, spec.offset)
    if spec.type_name == "date_time":
        if isinstance(value, int | float) and value >= FIT_DATETIME_MIN:
            value = _date_time(value)
    elif spec.type_name == "local_date_time" and isinstance(value, int | float):
        value = _date_time(value)
    return value


def _scaled(value: Any, scale: float | None, offset: float | None) -> Any:
    if isinstance(value, tuple):
        return tuple(_scaled(item, scale, offset) for item in value)
    if isinstance(value, int | float):
        if scale:
            value = float(value) / scale
        if offset:
            value = value - offset
    return value


def _date_time(value: float) -> Any:
    """Aware UTC datetime for a FIT date; the bare number if it is not a representable date."""
    try:
        return datetime.fromtimestamp(FIT_EPOCH_S + value, UTC)
    except (OverflowError, OSError, ValueError):
        return value
