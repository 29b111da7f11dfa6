"""Garmin "Export your data": the activity summaries that name the uploaded FIT files.

``DI_CONNECT/DI-Connect-Fitness/<email>_0_summarizedActivities.json`` holds
``[{"summarizedActivitiesExport": [{activityId, name, activityType, startTimeGmt (ms since
the epoch), distance (cm), duration (ms), ...}]}]`` (formats.md section 4; units inferred by
the community). The FIT files carry numbers for names, so each is matched to its summary
by start time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from niggle.domain.activity import Sport
from niggle.importers.errors import CorruptFile
from niggle.importers.parsed import sport_from_name


@dataclass(frozen=True)
class GarminSummary:
    start: float
    name: str | None
    sport: Sport
    activity_id: str | None


def read_garmin_summaries(raw: bytes, label: str) -> list[GarminSummary]:
    try:
        document = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except ValueError as exc:
        raise CorruptFile(f"{label}: not readable JSON ({exc}).") from None
    entries: list[Any] = []
    for block in document if isinstance(document, list) else [document]:
        if isinstance(block, dict):
            inner = block.get("summarizedActivitiesExport")
            if isinstance(inner, list):
                entries.extend(inner)
    found: list[GarminSummary] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        start_ms = entry.get("startTimeGmt")
        if not isinstance(start_ms, int | float):
            continue
        kind = entry.get("activityType")
        if isinstance(kind, dict):
            kind = kind.get("typeKey")
        name = entry.get("name")
        found.append(
            GarminSummary(
                start=float(start_ms) / 1000.0,
                name=name.strip() if isinstance(name, str) and name.strip() else None,
                sport=sport_from_name(kind if isinstance(kind, str) else None),
                activity_id=str(entry["activityId"]) if entry.get("activityId") else None,
            )
        )
    return sorted(found, key=lambda s: s.start)


def closest_summary(
    summaries: list[GarminSummary], start: float, window_s: float
) -> GarminSummary | None:
    """The summary starting nearest ``start`` (epoch seconds), if within ``window_s``."""
    best = min(summaries, key=lambda s: abs(s.start - start), default=None)
    if best is None or abs(best.start - start) > window_s:
        return None
    return best
