"""Record messages -> numpy streams, a whole layout at a time.

The decoder's walk over the file only notes where each record message starts and its
position in the record sequence. Here all records of one layout are read in one go: a
numpy structured dtype describes the fields niggle wants at their byte offsets, and the
messages are viewed in place (back-to-back or evenly spaced records) or gathered
(irregular spacing), then written to their places in the output. Invalid sentinels
become NaN and the profile's scale and offset are applied exactly as fitdecode does
(``raw / scale - offset`` in float64), so the two decoders agree to the last bit.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from niggle.importers.fit_layout import FieldSlot, Layout
from niggle.importers.fit_profile import FIT_EPOCH_S, RECORD_COLUMNS, SEMICIRCLES_TO_DEG
from niggle.importers.fit_result import FloatArray

_SCALING = {column.column: (column.scale, column.offset) for column in RECORD_COLUMNS.values()}
_RAW_NAMES = tuple(_SCALING)


class RecordGroup:
    """The record messages of one layout: where they are and which record number each is.

    ``positions``/``indices`` list single messages; ``runs`` holds repeating stretches as
    ``(start, count, stride, first_index, index_step)``: ``count`` messages, ``stride``
    bytes apart from byte ``start``, numbered ``first_index`` on in steps of
    ``index_step`` (2 when two record layouts take turns).
    """

    __slots__ = ("indices", "layout", "positions", "runs")

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.positions: list[int] = []
        self.indices: list[int] = []
        self.runs: list[tuple[int, int, int, int, int]] = []


def record_streams(
    data: bytes,
    total: int,
    groups: list[RecordGroup],
    header_times: list[int | None] | None,
) -> dict[str, FloatArray]:
    """The FitRecords columns for ``total`` records.

    ``header_times`` (files with compressed timestamps) gives per record the raw time
    from its compressed header, or None when the record's own timestamp field counts.
    """
    raw = {name: np.full(total, np.nan) for name in _RAW_NAMES}
    u8 = np.frombuffer(data, dtype=np.uint8)
    for group in groups:
        table, where = _group_table(data, u8, group)
        if table is None:
            continue
        names = table.dtype.names or ()
        for name, slot in group.layout.columns:
            if name in names:
                raw[name][where] = _column(table, name, slot)
    if header_times is not None:
        override = np.array([np.nan if t is None else t for t in header_times], dtype=np.float64)
        known = ~np.isnan(override)
        raw["timestamp"][known] = override[known]
    return {
        "timestamp": raw["timestamp"] + FIT_EPOCH_S,
        "distance_m": raw["distance"],
        "speed_m_per_s": _prefer(raw["enhanced_speed"], raw["speed"]),
        "heart_rate": raw["heart_rate"],
        "cadence": raw["cadence"],
        "altitude_m": _prefer(raw["enhanced_altitude"], raw["altitude"]),
        "lat_deg": raw["position_lat"] * SEMICIRCLES_TO_DEG,
        "lon_deg": raw["position_long"] * SEMICIRCLES_TO_DEG,
    }


def _prefer(first: FloatArray, fallback: FloatArray) -> FloatArray:
    result: FloatArray = np.where(np.isnan(first), fallback, first)
    return result


def _group_table(
    data: bytes, u8: np.ndarray[Any, Any], group: RecordGroup
) -> tuple[np.ndarray[Any, Any] | None, slice | np.ndarray[Any, Any]]:
    """The group's records as a structured array, and where they go in the output.

    One evenly spaced stretch is viewed in place. Otherwise the runs are copied out as
    byte rows (plain memory copies) and the single messages gathered, into one array.
    """
    layout = group.layout
    dtype = _record_dtype(layout)
    if not group.positions and len(group.runs) == 1:
        start, count, stride, first, step = group.runs[0]
        view: np.ndarray[Any, Any] = np.ndarray(
            (count,), dtype=dtype, buffer=data, offset=start, strides=(stride,)
        )
        return view, slice(first, first + count * step, step)
    size = layout.size
    blocks: list[np.ndarray[Any, Any]] = []
    numbers: list[np.ndarray[Any, Any]] = []
    if group.positions:
        singles = np.array(group.positions, dtype=np.intp)
        blocks.append(u8[singles[:, None] + np.arange(size, dtype=np.intp)])
        numbers.append(np.array(group.indices, dtype=np.intp))
    for start, count, stride, first, step in group.runs:
        # The run's bytes seen as rows of ``stride`` bytes, of which a message fills ``size``.
        blocks.append(
            np.ndarray(
                (count, size), dtype=np.uint8, buffer=data, offset=start, strides=(stride, 1)
            )
        )
        numbers.append(np.arange(first, first + count * step, step, dtype=np.intp))
    if not blocks:
        return None, slice(0, 0)
    table: np.ndarray[Any, Any] = np.concatenate(blocks).view(dtype)[:, 0]
    return table, np.concatenate(numbers)


@lru_cache(maxsize=256)
def _record_dtype(layout: Layout) -> np.dtype[Any]:
    names: list[str] = []
    formats: list[object] = []
    offsets: list[int] = []
    for name, slot in layout.columns:
        fmt = _slot_format(slot, layout.endian)
        if fmt is None:
            continue
        names.append(name)
        formats.append(fmt)
        offsets.append(slot.offset)
    return np.dtype(
        {"names": names, "formats": formats, "offsets": offsets, "itemsize": layout.size}
    )


def _slot_format(slot: FieldSlot, endian: str) -> object | None:
    """numpy format of the field's first element; None when it can hold no number."""
    base = slot.base
    if base.kind == "string" or slot.size == 0:
        return None
    if base.kind == "byte":
        return ("u1", (slot.size,))
    return endian + base.code


def _column(table: np.ndarray[Any, Any], name: str, slot: FieldSlot) -> FloatArray:
    raw = table[name]
    base = slot.base
    if base.kind == "byte":
        values = raw[:, 0].astype(np.float64)
        invalid = (raw == 0xFF).all(axis=1)
    else:
        values = raw.astype(np.float64)
        invalid = None if base.kind == "float" else raw == base.invalid
    if invalid is not None and invalid.any():
        values[invalid] = np.nan
    scale, offset = _SCALING[name]
    if scale:
        values = values / scale
    if offset:
        values = values - offset
    return values
