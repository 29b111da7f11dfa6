"""One pass over the messages of a FIT body: where the records are, and the summaries.

This is the decoder's hot loop, so it does as little per message as it can: read the
record header byte, look up the layout of its local message type, step over the message.
Record messages are only noted (offset and sequence number, see fit_columns); summary
messages (file_id, lap, session, event, activity) are decoded on the spot; the rest is
skipped by size.

Watches repeat themselves, and two patterns are measured with one numpy comparison
instead of message by message: runs of back-to-back records with the same header byte,
and records alternating with one other fixed-size message (an hrv or a second record
layout after every record, as Garmin HRV logging and Strava's app write them). Files
with compressed-timestamp headers are walked with a clock (``track_time``), which needs
every message's own timestamp; runs of compressed records advance that clock in numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from niggle.importers.fit_columns import RecordGroup
from niggle.importers.fit_layout import (
    ROLE_RECORD,
    ROLE_SKIP,
    Layout,
    compile_layout,
    definition_length,
)

# Patterns are measured with numpy only once they have repeated this often.
_PROBE = 3
_WINDOW = 256
_MAX_BACKOFF = 64


@dataclass
class Body:
    """What one walk over a FIT body found."""

    groups: dict[Layout, RecordGroup] = field(default_factory=dict)
    # Per record, the raw time its compressed header gave (None: it has its own field).
    header_times: list[int | None] | None = None
    messages: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    records: int = 0
    stop: str | None = None  # why the walk ended early: "cut", "needs_time" or a reason


def walk(
    data: bytes, u8: np.ndarray[Any, Any], pos: int, end: int, first: int, track_time: bool
) -> Body:
    """Walk the body ``data[pos:end]``; its first record gets sequence number ``first``.

    Without ``track_time`` the walk gives up (``stop == "needs_time"``) at the first
    compressed-timestamp header, and the caller walks again with it.
    """
    local: list[Layout | None] = [None] * 16
    body = Body(header_times=[] if track_time else None)
    groups = body.groups
    messages = body.messages
    header_times: list[int | None] = body.header_times if body.header_times is not None else []
    current: Layout | None = None
    group: RecordGroup | None = None
    record = first
    clock = 0  # compressed-timestamp accumulator, raw FIT seconds
    patience = 0  # records to take one by one before probing for a pattern again
    backoff = 1
    while pos < end:
        head = data[pos]
        if head & 0xC0 == 0x40:  # definition message
            length = definition_length(data, pos)
            if length is None or pos + length > end:
                body.stop = "cut"
                break
            local[head & 0x0F] = compile_layout(data[pos + 1 : pos + length], bool(head & 0x20))
            pos += length
            continue
        compressed = head & 0x80
        number = (head >> 5) & 0x03 if compressed else head & 0x0F
        found = local[number]
        if found is None:
            body.stop = _undefined(number, pos)
            break
        layout = found
        size = layout.size
        if pos + size > end:
            body.stop = "cut"
            break
        if compressed or track_time:
            if not track_time:
                body.stop = "needs_time"
                return body
            own_time = layout.read_raw_timestamp(data, pos)
            if own_time is not None:
                clock = own_time
            if compressed:
                offset = head & 0x1F
                rolled = offset + (clock & ~0x1F)
                if offset < (clock & 0x1F):
                    rolled += 0x20
                clock = rolled
        role = layout.role
        if role == ROLE_RECORD:
            if layout is not current or group is None:
                current = layout
                group = groups.get(layout)
                if group is None:
                    group = groups[layout] = RecordGroup(layout)
            if not track_time:
                if patience:
                    patience -= 1
                else:
                    covered, length = _repeats(data, u8, local, groups, pos, end, record)
                    if covered:
                        backoff = 1
                        record += covered
                        pos += length
                        continue
                    # Irregular files would pay for a failed probe at every record.
                    patience = backoff
                    backoff = min(2 * backoff, _MAX_BACKOFF)
            elif compressed and layout.timestamp is None:
                kind = head & 0xE0
                count = (
                    _run_length(u8, pos, size, end, head, 0xE0, None, 0)
                    if pos + 3 * size <= end
                    and data[pos + size] & 0xE0 == kind
                    and data[pos + 2 * size] & 0xE0 == kind
                    else 1
                )
                if count >= _PROBE:
                    # Each header holds the clock's low five bits; the clock only moves on.
                    offsets = u8[pos : pos + count * size : size].astype(np.int64) & 0x1F
                    steps = np.cumsum(np.diff(offsets) & 0x1F)
                    header_times.append(clock)
                    header_times.extend((clock + steps).tolist())
                    clock += int(steps[-1])
                    group.runs.append((pos, count, size, record, 1))
                    record += count
                    pos += count * size
                    continue
                header_times.append(clock)
            else:
                header_times.append(clock if compressed and layout.timestamp is None else None)
            group.positions.append(pos)
            group.indices.append(record)
            record += 1
        elif role != ROLE_SKIP:
            header_time = clock if compressed and layout.timestamp is None else None
            messages.append((layout.global_number, layout.decode_summary(data, pos, header_time)))
        elif (
            not track_time
            and pos + 3 * size <= end
            and data[pos + size] == head
            and data[pos + 2 * size] == head
        ):  # a block of messages we skip (hrv bursts; or hostile input of tiny messages)
            pos += size * _run_length(u8, pos, size, end, head, 0xFF, None, 0)
            continue
        pos += size
    body.records = record - first
    if body.stop == "cut" and end < len(data):
        body.stop = (
            f"a message at byte {pos} runs past the end of the data declared in the "
            "FIT header; stopped reading there"
        )
    return body


def _repeats(
    data: bytes,
    u8: np.ndarray[Any, Any],
    local: list[Layout | None],
    groups: dict[Layout, RecordGroup],
    pos: int,
    end: int,
    record: int,
) -> tuple[int, int]:
    """Note a repeating pattern starting with the record at ``pos``, if there is one.

    Returns (records covered, bytes covered); (0, 0) when the record stands alone.
    """
    head = data[pos]
    layout = local[head & 0x0F]
    assert layout is not None
    size = layout.size
    if pos + 3 * size <= end and data[pos + size] == head and data[pos + 2 * size] == head:
        count = _run_length(u8, pos, size, end, head, 0xFF, None, 0)
        groups[layout].runs.append((pos, count, size, record, 1))
        return count, count * size
    partner_at = pos + size
    if partner_at >= end:
        return 0, 0
    partner_head = data[partner_at]
    if partner_head & 0xC0:  # a definition or a compressed header: not a simple pair
        return 0, 0
    partner = local[partner_head & 0x0F]
    if partner is None or partner.role not in (ROLE_RECORD, ROLE_SKIP):
        return 0, 0  # summaries are decoded one by one
    period = size + partner.size
    if not (
        pos + 3 * period <= end
        and data[pos + period] == head
        and data[partner_at + period] == partner_head
        and data[pos + 2 * period] == head
    ):
        return 0, 0
    count = _run_length(u8, pos, period, end, head, 0xFF, partner_head, size)
    if partner.role == ROLE_RECORD:  # two record layouts taking turns
        groups[layout].runs.append((pos, count, period, record, 2))
        partner_group = groups.get(partner)
        if partner_group is None:
            partner_group = groups[partner] = RecordGroup(partner)
        partner_group.runs.append((partner_at, count, period, record + 1, 2))
        return 2 * count, count * period
    groups[layout].runs.append((pos, count, period, record, 1))
    return count, count * period


def _run_length(
    u8: np.ndarray[Any, Any],
    pos: int,
    period: int,
    end: int,
    head: int,
    mask: int,
    partner_head: int | None,
    partner_offset: int,
) -> int:
    """How many periods from ``pos`` start with ``head`` (under ``mask``), and the partner.

    Only whole periods before ``end`` count. Checked in growing windows, so a short run
    costs little and a long one a handful of numpy calls.
    """
    limit = (end - pos) // period
    wanted = head & mask
    count = 0
    window = _WINDOW
    while count < limit:
        stop = min(limit, count + window)
        start = pos + count * period
        heads = u8[start : pos + stop * period : period]
        wrong = (heads & mask) != wanted if mask != 0xFF else heads != wanted
        if partner_head is not None:
            partners = u8[start + partner_offset : pos + stop * period : period]
            wrong |= partners[: len(wrong)] != partner_head
        first_wrong = int(wrong.argmax())
        if wrong[first_wrong]:
            return count + first_wrong
        count = stop
        window *= 8
    return count


def _undefined(local_number: int, pos: int) -> str:
    return (
        f"a data message at byte {pos} uses local message type {local_number} before any "
        "definition of it (corrupt file); stopped reading"
    )
