"""A small FIT writer for tests and benchmarks: definition and data messages, header, CRC.

Written from the FIT protocol description (header, record headers, definition messages,
base types, CRC-16 trailer); it is test tooling, not a product encoder. Bulk record
messages are built as numpy structured rows, so a benchmark corpus of hundreds of
thousands of records is written in well under a second.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from niggle.importers.fit_crc import crc16

FIT_EPOCH_S = 631065600  # 1989-12-31T00:00:00Z

# Base type bytes as they appear in field definitions (bit 7 = multi-byte, endian-aware).
ENUM, SINT8, UINT8, STRING, UINT8Z, BYTE = 0x00, 0x01, 0x02, 0x07, 0x0A, 0x0D
SINT16, UINT16, SINT32, UINT32 = 0x83, 0x84, 0x85, 0x86
FLOAT32, FLOAT64, UINT16Z, UINT32Z = 0x88, 0x89, 0x8B, 0x8C

_CODE = {
    ENUM: "B",
    SINT8: "b",
    UINT8: "B",
    STRING: "s",
    UINT8Z: "B",
    BYTE: "B",
    SINT16: "h",
    UINT16: "H",
    SINT32: "i",
    UINT32: "I",
    FLOAT32: "f",
    FLOAT64: "d",
    UINT16Z: "H",
    UINT32Z: "I",
}
INVALID: dict[int, float] = {
    ENUM: 0xFF,
    SINT8: 0x7F,
    UINT8: 0xFF,
    UINT8Z: 0,
    BYTE: 0xFF,
    SINT16: 0x7FFF,
    UINT16: 0xFFFF,
    SINT32: 0x7FFFFFFF,
    UINT32: 0xFFFFFFFF,
    FLOAT32: math.nan,
    FLOAT64: math.nan,
    UINT16Z: 0,
    UINT32Z: 0,
}


def width(base: int) -> int:
    return 1 if base in (STRING, BYTE) else struct.calcsize(_CODE[base])


@dataclass(frozen=True)
class Field:
    """A field of a definition message: number, base type, size in bytes, and a name."""

    number: int
    base: int
    name: str
    size: int = 0  # 0: one value of the base type

    @property
    def nbytes(self) -> int:
        return self.size or width(self.base)


@dataclass
class _Definition:
    fields: tuple[Field, ...]
    endian: str
    developer_bytes: int


@dataclass
class FitWriter:
    """Collects the messages of one FIT file; ``to_bytes`` adds header and CRC."""

    body: bytearray = field(default_factory=bytearray)
    _definitions: dict[int, _Definition] = field(default_factory=dict)

    def define(
        self,
        local: int,
        global_number: int,
        fields: Sequence[Field],
        *,
        big_endian: bool = False,
        developer: Sequence[tuple[int, int, int]] = (),
    ) -> None:
        """Definition message; ``developer`` holds (field number, size, developer index)."""
        endian = ">" if big_endian else "<"
        header = 0x40 | local | (0x20 if developer else 0)
        out = bytearray([header, 0, 1 if big_endian else 0])
        out += struct.pack(endian + "HB", global_number, len(fields))
        for item in fields:
            out += bytes([item.number, item.nbytes, item.base])
        if developer:
            out.append(len(developer))
            for number, size, index in developer:
                out += bytes([number, size, index])
        self.body += out
        dev_bytes = sum(size for _, size, _ in developer)
        self._definitions[local] = _Definition(tuple(fields), endian, dev_bytes)

    def message(
        self,
        local: int,
        values: Sequence[Any],
        *,
        time_offset: int | None = None,
        developer: bytes = b"",
    ) -> None:
        """Data message; None writes the field's invalid value; ``time_offset`` compresses."""
        definition = self._definitions[local]
        if time_offset is None:
            out = bytearray([local])
        else:
            out = bytearray([0x80 | (local << 5) | (time_offset & 0x1F)])
        for item, value in zip(definition.fields, values, strict=True):
            out += pack_value(item, value, definition.endian)
        if len(developer) != definition.developer_bytes:
            raise ValueError("developer bytes do not match the definition")
        self.body += out + developer

    def rows(self, table: np.ndarray) -> None:
        """Append pre-built messages (a numpy structured array, one or more per row)."""
        self.body += table.tobytes()

    def raw(self, data: bytes) -> None:
        self.body += data

    def to_bytes(
        self,
        *,
        header_size: int = 14,
        data_size: int | None = None,
        header_crc: bool = True,
        file_crc: bool = True,
    ) -> bytes:
        size = len(self.body) if data_size is None else data_size
        header = struct.pack("<BBHI4s", header_size, 0x20, 2147, size, b".FIT")
        if header_size == 14:
            header += struct.pack("<H", crc16(header) if header_crc else 0)
        out = header + bytes(self.body)
        return out + struct.pack("<H", crc16(out)) if file_crc else out


def pack_value(item: Field, value: Any, endian: str) -> bytes:
    size = item.nbytes
    if item.base == STRING:
        text = b"" if value is None else str(value).encode("utf-8")
        return text[:size].ljust(size, b"\0")
    if item.base == BYTE or size % width(item.base):  # misaligned sizes are raw bytes
        raw = b"\xff" * size if value is None else bytes(value)
        return raw[:size].ljust(size, b"\xff")
    count = size // width(item.base)
    values = list(value) if isinstance(value, tuple | list) else [value]
    values += [None] * (count - len(values))
    filled = [INVALID[item.base] if v is None else v for v in values[:count]]
    return struct.pack(f"{endian}{count}{_CODE[item.base]}", *filled)


def row_dtype(fields: Sequence[Field], endian: str, local: int) -> list[tuple[str, Any]]:
    """numpy row layout of one data message (header byte first) for bulk writing."""
    layout: list[tuple[str, Any]] = [(f"head{local}", "u1")]
    for item in fields:
        if item.base in (STRING, BYTE):
            layout.append((f"{item.name}{local}", ("u1", (item.nbytes,))))
        else:
            count = item.nbytes // width(item.base)
            code = endian + _CODE[item.base]
            layout.append((f"{item.name}{local}", code if count == 1 else (code, (count,))))
    return layout


def chain(*files: bytes) -> bytes:
    """Chained FIT file: complete FIT files back to back, as some devices write them."""
    return b"".join(files)
