"""GPX 1.0 and 1.1 tracks, with heart rate and cadence from the common extensions.

Heart rate and cadence live in extensions: Garmin's TrackPointExtension (``hr``, ``cad``,
``speed`` in v2) as Garmin Connect and Strava write it, and the bare ``heartrate`` and
``cadence`` elements older Strava and other apps write. GPX 1.0 puts ``speed`` in the
point itself. Elements are matched by local name, so any namespace prefix works.

GPX carries no distance: it comes from the positions (haversine). Times are UTC.
Routes and waypoints are not activities and are skipped.
"""

from __future__ import annotations

import math

from niggle.importers.errors import CorruptFile
from niggle.importers.parsed import (
    ParsedActivity,
    activity_from_streams,
    counts_steps,
    from_epoch,
    sport_from_name,
    streams_from_samples,
)
from niggle.importers.xmlsafe import LocalNames, end_elements, epoch_seconds, number

# Where each element's text goes in a point: time, elevation, heart rate, cadence, speed.
_SLOTS = {
    "time": 0,
    "ele": 1,
    "hr": 2,
    "heartrate": 2,
    "heart_rate": 2,
    "cad": 3,
    "cadence": 3,
    "runcadence": 3,
    "speed": 4,
}


def parse_gpx(data: bytes, label: str) -> ParsedActivity:
    """One activity from a GPX file's tracks (several tracks or segments are joined)."""
    times: list[float] = []
    lats: list[float] = []
    lons: list[float] = []
    alts: list[float] = []
    hrs: list[float] = []
    cads: list[float] = []
    speeds: list[float] = []
    title: str | None = None
    kind_name: str | None = None
    creator: str | None = None
    saw_gpx = False

    names = LocalNames()
    for element in end_elements(data, label):
        name = names[element.tag]
        if name == "trkpt":
            texts: list[str | None] = [None, None, None, None, None]
            for child in element.iter():
                slot = _SLOTS.get(names[child.tag])
                if slot is not None:
                    texts[slot] = child.text
            ele, hr, cad, speed = (number(t) for t in texts[1:])
            times.append(epoch_seconds(texts[0]))
            lat = number(element.get("lat"))
            lon = number(element.get("lon"))
            lats.append(lat if -90 <= lat <= 90 else math.nan)
            lons.append(lon if -180 <= lon <= 180 else math.nan)
            alts.append(ele)
            hrs.append(hr if 0 < hr < 300 else math.nan)
            cads.append(cad if cad >= 0 else math.nan)
            speeds.append(speed if speed >= 0 else math.nan)
            element.clear()
        elif name == "trkseg":
            element.clear()
        elif name == "trk":
            for child in element:
                tag = names[child.tag]
                if tag == "name" and title is None and child.text:
                    title = child.text.strip() or None
                elif tag == "type" and kind_name is None and child.text:
                    kind_name = child.text.strip() or None
            element.clear()
        elif name in ("wpt", "rte"):
            element.clear()
        elif name == "metadata":
            for child in element:
                if names[child.tag] == "name" and child.text and title is None:
                    title = child.text.strip() or None
        elif name == "gpx":
            saw_gpx = True
            creator = element.get("creator")

    if not saw_gpx:
        raise CorruptFile(f"{label}: not a GPX file (its root element is not <gpx>).")
    if not times:
        raise CorruptFile(
            f"{label}: the GPX file holds no track points (only a route or waypoints?)."
        )
    sport = sport_from_name(kind_name)
    if counts_steps(sport):
        cads = [c * 2 for c in cads]
    start, streams, warnings = streams_from_samples(
        times,
        {
            "lat_deg": lats,
            "lon_deg": lons,
            "altitude_m": alts,
            "heart_rate_bpm": hrs,
            "cadence_spm": cads,
            "speed_m_per_s": speeds,
        },
        label,
    )
    activity = activity_from_streams(
        sport=sport,
        start=from_epoch(start),
        streams=streams,
        source="gpx",
        title=title,
        device=creator.strip()[:80] if creator and creator.strip() else None,
    )
    return ParsedActivity(activity, streams, tuple(warnings))
