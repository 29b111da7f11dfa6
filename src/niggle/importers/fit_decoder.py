"""A fast FIT decoder for the messages an activity import needs.

Only file_id, record, lap, session, event and activity messages are decoded; everything
else is skipped by its size. This module handles the file level: FIT headers, chained
files, CRCs and damage. fit_walk steps through the messages and notes where records are;
fit_columns then reads the records a whole layout at a time with numpy.

Damage is reported, never raised, as long as something usable was read: a CRC mismatch
or a truncated file gives a warning (and ``truncated=True``) with everything decoded
before the damage kept. :class:`CorruptFile` is raised only when nothing usable could be
read. Every loop advances by at least one byte, so any input ends in time linear in its
size.

fitdecode (see fit_reference) is the oracle: values are compared field by field in tests.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from niggle.importers.errors import CorruptFile
from niggle.importers.fit_columns import RecordGroup, record_streams
from niggle.importers.fit_crc import crc16
from niggle.importers.fit_layout import Layout
from niggle.importers.fit_profile import ACTIVITY, EVENT, FILE_ID, LAP, SESSION
from niggle.importers.fit_result import FitDecoded, FitRecords, assemble
from niggle.importers.fit_walk import Body, walk

__all__ = ["CorruptFile", "FitDecoded", "FitRecords", "decode_fit"]

_MIN_HEADER = 12


class _Decoder:
    def __init__(self, data: bytes, check_crc: bool) -> None:
        self.data = data
        self.check_crc = check_crc
        self.u8 = np.frombuffer(data, dtype=np.uint8)
        self.groups: dict[Layout, RecordGroup] = {}
        self.header_times: list[int | None] | None = None
        self.messages: list[tuple[int, dict[str, Any]]] = []
        self.records = 0
        self.warnings: list[str] = []
        self.truncated = False

    def run(self) -> FitDecoded:
        data = self.data
        size = len(data)
        reason = _header_problem(data, 0)
        if reason is not None:
            raise CorruptFile(f"not a FIT file: {reason}. Check that this is a .fit file.")
        pos = 0
        files = 0
        while pos < size:
            if files and (reason := _header_problem(data, pos)) is not None:
                self.warnings.append(
                    f"ignored {size - pos} bytes after the end of the FIT data at byte {pos}"
                )
                break
            files += 1
            pos = self._read_file(pos)
            if pos < 0:
                break
        if not self.records and not self.messages:
            why = self.warnings[0] if self.warnings else "it holds no data messages"
            raise CorruptFile(f"nothing could be read from the FIT file: {why}")
        return self._result()

    def _read_file(self, start: int) -> int:
        """Decode one FIT file of a chain; the offset of the next one, or -1 to stop."""
        data = self.data
        size = len(data)
        header_size = data[start]
        data_size = int.from_bytes(data[start + 4 : start + 8], "little")
        if header_size >= 14 and self.check_crc:
            stored = int.from_bytes(data[start + 12 : start + 14], "little")
            if stored and stored != crc16(data[start : start + 12]):
                self.warnings.append(f"FIT header CRC mismatch at byte {start}; decoded anyway")
        body_start = start + header_size
        body_end = body_start + data_size
        if data_size == 0 and size > body_start + 2:
            # A device that died before closing the file leaves the size at zero.
            self.warnings.append(
                "the FIT header gives no data size (the file was not closed properly); "
                "read to the end of the file"
            )
            body_end = size
            self.truncated = True
        cut_short = body_end > size
        stop = min(body_end, size)
        body = walk(data, self.u8, body_start, stop, self.records, track_time=False)
        if body.stop == "needs_time":
            body = walk(data, self.u8, body_start, stop, self.records, track_time=True)
        self._keep(body)
        if body.stop == "cut" or (body.stop is None and cut_short):
            self._truncated(None)
            return -1
        if body.stop is not None:
            self._truncated(body.stop)
        if body_end > size - 2:
            if body_end <= size:
                self.truncated = True
                self.warnings.append(
                    f"file ends without its CRC after {self.records} records; kept what was read"
                )
            return -1
        if self.check_crc and body.stop is None:
            stored = int.from_bytes(data[body_end : body_end + 2], "little")
            computed = crc16(memoryview(data)[start:body_end])
            if stored != computed:
                self.warnings.append(
                    f"file CRC mismatch (stored {stored:#06x}, computed {computed:#06x}): "
                    "the file may be damaged; decoded anyway"
                )
        return body_end + 2

    def _keep(self, body: Body) -> None:
        """Add one body's findings to the file's (chained files follow each other)."""
        for layout, group in body.groups.items():
            mine = self.groups.get(layout)
            if mine is None:
                self.groups[layout] = group
            else:
                mine.positions.extend(group.positions)
                mine.indices.extend(group.indices)
                mine.runs.extend(group.runs)
        self.messages.extend(body.messages)
        if body.header_times is not None or self.header_times is not None:
            if self.header_times is None:
                self.header_times = [None] * self.records
            self.header_times.extend(body.header_times or [None] * body.records)
        self.records += body.records

    def _truncated(self, reason: str | None) -> None:
        self.truncated = True
        detail = f" ({reason})" if reason else ""
        self.warnings.append(
            f"file is truncated after {self.records} records{detail}; kept what was read"
        )

    def _result(self) -> FitDecoded:
        file_id = None
        sessions: list[dict[str, Any]] = []
        laps: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        activity = None
        for number, values in self.messages:
            if number == FILE_ID:
                file_id = file_id or values
            elif number == SESSION:
                sessions.append(values)
            elif number == LAP:
                laps.append(values)
            elif number == EVENT:
                events.append(values)
            elif number == ACTIVITY:
                activity = values
        records = (
            FitRecords.from_columns(
                record_streams(
                    self.data, self.records, list(self.groups.values()), self.header_times
                )
            )
            if self.records
            else FitRecords.empty()
        )
        return assemble(
            file_id=file_id,
            records=records,
            sessions=sessions,
            laps=laps,
            events=events,
            activity=activity,
            warnings=self.warnings,
            truncated=self.truncated,
        )


def _header_problem(data: bytes, pos: int) -> str | None:
    """Why the bytes at ``pos`` are not a FIT file header, or None if they are one."""
    if len(data) - pos < _MIN_HEADER:
        return f"only {len(data) - pos} bytes where a 12-byte FIT header was expected"
    header_size = data[pos]
    if header_size < _MIN_HEADER:
        return f"header size {header_size} is below the minimum of 12"
    if data[pos + 8 : pos + 12] != b".FIT":
        return "the '.FIT' signature is missing"
    if pos + header_size > len(data):
        return "the header runs past the end of the file"
    return None


def decode_fit(data: bytes, *, check_crc: bool = True) -> FitDecoded:
    """Decode a FIT file (chained files included) held in memory.

    Raises :class:`CorruptFile` when the bytes are not FIT or nothing usable can be read.
    ``check_crc=False`` skips the CRC checks (benchmarks only).
    """
    return _Decoder(bytes(data), check_crc).run()
