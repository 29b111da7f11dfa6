"""TCX (Garmin Training Center) activities: laps with their summaries, and trackpoints.

A TCX file may hold several activities (and a multisport session holds one per leg);
each becomes its own activity. Lap summaries are the device's own totals, so distance,
timer time and heart rate come from them when present; trackpoints fill the rest. Running
cadence (``Cadence`` or the ``RunCadence`` extension) is per foot and is doubled.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from niggle.domain.activity import Lap
from niggle.importers.errors import CorruptFile, UnsupportedFile
from niggle.importers.parsed import (
    ParsedActivity,
    activity_from_streams,
    counts_steps,
    from_epoch,
    sport_from_name,
    streams_from_samples,
)
from niggle.importers.xmlsafe import (
    LocalNames,
    end_elements,
    epoch_seconds,
    local_name,
    number,
)

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


# Where each trackpoint element's text goes; only HeartRateBpm has a Value inside one.
_SLOTS = {
    "Time": 0,
    "LatitudeDegrees": 1,
    "LongitudeDegrees": 2,
    "AltitudeMeters": 3,
    "DistanceMeters": 4,
    "Value": 5,
    "Cadence": 6,
    "RunCadence": 6,
    "Speed": 7,
}


class _Points:
    def __init__(self, names: LocalNames) -> None:
        self.names = names
        self.times: list[float] = []
        self.lats: list[float] = []
        self.lons: list[float] = []
        self.alts: list[float] = []
        self.dists: list[float] = []
        self.hrs: list[float] = []
        self.cads: list[float] = []
        self.speeds: list[float] = []

    def add(self, point: Element) -> None:
        texts: list[str | None] = [None] * 8
        names = self.names
        for child in point.iter():
            slot = _SLOTS.get(names[child.tag])
            if slot is not None:
                texts[slot] = child.text
        lat, lon, alt, dist, hr, cad, speed = (number(t) for t in texts[1:])
        self.times.append(epoch_seconds(texts[0]))
        self.lats.append(lat if -90 <= lat <= 90 else math.nan)
        self.lons.append(lon if -180 <= lon <= 180 else math.nan)
        self.alts.append(alt)
        self.dists.append(dist if dist >= 0 else math.nan)
        self.hrs.append(hr if 0 < hr < 300 else math.nan)
        self.cads.append(cad if cad >= 0 else math.nan)
        self.speeds.append(speed if speed >= 0 else math.nan)


def _value_of(element: Element) -> float:
    for child in element:
        if local_name(child.tag) == "Value":
            return number(child.text)
    return math.nan


def _lap(element: Element) -> Lap | None:
    start = epoch_seconds(element.get("StartTime"))
    total = distance = avg_hr = max_hr = cadence = avg_speed = math.nan
    for child in element.iter():
        tag = local_name(child.tag)
        if tag == "TotalTimeSeconds":
            total = number(child.text)
        elif tag == "DistanceMeters" and child in list(element):
            distance = number(child.text)
        elif tag == "AverageHeartRateBpm":
            avg_hr = _value_of(child)
        elif tag == "MaximumHeartRateBpm":
            max_hr = _value_of(child)
        elif tag in ("Cadence", "AvgRunCadence") and math.isnan(cadence):
            cadence = number(child.text)
        elif tag == "AvgSpeed":
            avg_speed = number(child.text)
    if math.isnan(start) or math.isnan(total):
        return None

    def known(value: float) -> float | None:
        return None if math.isnan(value) else value

    return Lap(
        start=from_epoch(start),
        elapsed_s=total,
        moving_s=total,
        distance_m=known(distance),
        avg_hr=known(avg_hr),
        max_hr=known(max_hr),
        avg_speed_m_per_s=known(avg_speed),
        avg_cadence=known(cadence),
    )


def _activity(
    element: Element, points: _Points, laps: list[Lap], label: str, index: int
) -> ParsedActivity:
    sport = sport_from_name(element.get("Sport"))
    identity = notes = creator = None
    for child in element:
        tag = local_name(child.tag)
        if tag == "Id":
            identity = child.text
        elif tag == "Notes" and child.text:
            notes = child.text.strip()[:200] or None
        elif tag == "Creator":
            for part in child:
                if local_name(part.tag) == "Name" and part.text:
                    creator = part.text.strip()[:80] or None
    where = f"{label} (activity {index + 1})" if index else label
    if not points.times:
        start = epoch_seconds(identity)
        if math.isnan(start) and laps:
            start = laps[0].start.timestamp()
        if math.isnan(start):
            raise CorruptFile(f"{where}: the activity has no trackpoints, laps or start time.")
        points.times.append(start)
        for column in (
            points.lats,
            points.lons,
            points.alts,
            points.dists,
            points.hrs,
            points.cads,
            points.speeds,
        ):
            column.append(math.nan)
    cads = [c * 2 for c in points.cads] if counts_steps(sport) else points.cads
    if counts_steps(sport):
        laps = [
            replace(lap, avg_cadence=lap.avg_cadence * 2) if lap.avg_cadence else lap
            for lap in laps
        ]
    start, streams, warnings = streams_from_samples(
        points.times,
        {
            "lat_deg": points.lats,
            "lon_deg": points.lons,
            "altitude_m": points.alts,
            "distance_m": points.dists,
            "heart_rate_bpm": points.hrs,
            "cadence_spm": cads,
            "speed_m_per_s": points.speeds,
        },
        where,
    )
    activity = activity_from_streams(
        sport=sport,
        start=from_epoch(start),
        streams=streams,
        source="tcx",
        title=notes,
        laps=laps,
        device=creator,
    )
    # The device's lap totals beat totals rebuilt from (possibly thinned) trackpoints.
    if laps:
        timer = sum(lap.elapsed_s for lap in laps)
        lap_end = max(lap.start.timestamp() + lap.elapsed_s for lap in laps)
        elapsed = max(activity.elapsed_s, lap_end - min(lap.start.timestamp() for lap in laps))
        distances = [lap.distance_m for lap in laps if lap.distance_m is not None]
        weighted = [(lap.avg_hr, lap.elapsed_s) for lap in laps if lap.avg_hr is not None]
        maxima = [lap.max_hr for lap in laps if lap.max_hr is not None]
        activity = replace(
            activity,
            elapsed_s=elapsed,
            moving_s=timer,
            distance_m=sum(distances) if distances else activity.distance_m,
            avg_hr=(
                sum(hr * t for hr, t in weighted) / sum(t for _, t in weighted)
                if weighted and sum(t for _, t in weighted) > 0
                else activity.avg_hr
            ),
            max_hr=max(maxima) if maxima else activity.max_hr,
        )
    return ParsedActivity(activity, streams, tuple(warnings))


def parse_tcx(data: bytes, label: str) -> list[ParsedActivity]:
    """Every activity in a TCX file, in file order."""
    found: list[ParsedActivity] = []
    names = LocalNames()
    points = _Points(names)
    laps: list[Lap] = []
    saw_root = saw_course = False
    for element in end_elements(data, label):
        name = names[element.tag]
        if name == "Trackpoint":
            points.add(element)
            element.clear()
        elif name == "Track":
            element.clear()
        elif name == "Lap":
            lap = _lap(element)
            if lap is not None:
                laps.append(lap)
            element.clear()
        elif name == "Activity":
            found.append(_activity(element, points, laps, label, len(found)))
            points, laps = _Points(names), []
            element.clear()
        elif name == "Course":
            saw_course = True
            element.clear()
        elif name == "TrainingCenterDatabase":
            saw_root = True
    if not saw_root:
        raise CorruptFile(f"{label}: not a TCX file (no <TrainingCenterDatabase> root).")
    if not found:
        if saw_course:
            raise UnsupportedFile(f"{label}: holds a course (a planned route), not an activity.")
        raise CorruptFile(f"{label}: the TCX file holds no activity.")
    return found
