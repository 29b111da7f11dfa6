"""Generators for GPX, TCX and export archives, so tests never need real people's tracks.

Every generator is deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from tests.importers.fitgen import ENUM, UINT16, UINT32, UINT32Z, Field, FitWriter

UTC = dt.UTC
START = dt.datetime(2026, 11, 10, 7, 30, tzinfo=UTC)
# A point a second at 3 m/s due north from central London: 1e-5 degrees is about 1.11 m.
LAT0, LON0 = 51.5, -0.12
METRES_PER_DEGREE = 6_371_008.8 * math.pi / 180


@dataclass(frozen=True)
class Point:
    seconds: float
    lat: float
    lon: float
    ele: float
    hr: int
    cad: int  # per foot, as watches write it
    distance_m: float


def track(
    n: int = 600,
    *,
    speed: float = 3.0,
    pause: tuple[int, int] | None = None,
    lat0: float = LAT0,
    lon0: float = LON0,
) -> list[Point]:
    """``n`` one-second samples northwards; ``pause=(at, seconds)`` leaves a gap."""
    points = []
    distance = 0.0
    clock = 0.0
    for i in range(n):
        if i and pause and i == pause[0]:
            clock += pause[1]
        if i:
            distance += speed
            clock += 1
        points.append(
            Point(
                seconds=clock,
                lat=lat0 + distance / METRES_PER_DEGREE,
                lon=lon0,
                ele=20 + 10 * math.sin(i / 60),
                hr=140 + (i % 20),
                cad=85,
                distance_m=distance,
            )
        )
    return points


def _iso(moment: dt.datetime, zone: str = "Z") -> str:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if zone == "Z":
        return text + "Z"
    if zone == "+02:00":
        return (moment + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S") + "+02:00"
    return text  # no zone: GPX says UTC


def gpx(
    points: Sequence[Point],
    *,
    start: dt.datetime = START,
    version: str = "1.1",
    style: str = "garmin",
    sport: str | None = "running",
    name: str | None = "Morning Run",
    zone: str = "Z",
    segments_at: Sequence[int] = (),
) -> bytes:
    """A GPX track. ``style``: garmin (TrackPointExtension with a prefix), strava (bare
    heartrate/cadence elements), plain (no extensions; GPX 1.0 adds <speed>)."""
    ns = f"http://www.topografix.com/GPX/{version.replace('.', '/')}"
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gpx version="{version}" creator="niggle tests" xmlns="{ns}" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">',
        f"<metadata><time>{_iso(start)}</time></metadata>" if version == "1.1" else "",
        "<trk>",
    ]
    if name:
        head.append(f"<name>{name}</name>")
    if sport:
        head.append(f"<type>{sport}</type>")
    body = ["<trkseg>"]
    for i, p in enumerate(points):
        if i in segments_at:
            body.append("</trkseg><trkseg>")
        moment = start + dt.timedelta(seconds=p.seconds)
        ext = ""
        if style == "garmin":
            ext = (
                "<extensions><gpxtpx:TrackPointExtension>"
                f"<gpxtpx:hr>{p.hr}</gpxtpx:hr><gpxtpx:cad>{p.cad}</gpxtpx:cad>"
                "</gpxtpx:TrackPointExtension></extensions>"
            )
        elif style == "strava":
            ext = (
                f"<extensions><heartrate>{p.hr}</heartrate><cadence>{p.cad}</cadence></extensions>"
            )
        speed = "<speed>3.0</speed>" if version == "1.0" else ""
        body.append(
            f'<trkpt lat="{p.lat:.7f}" lon="{p.lon:.7f}"><ele>{p.ele:.1f}</ele>'
            f"<time>{_iso(moment, zone)}</time>{speed}{ext}</trkpt>"
        )
    body.append("</trkseg></trk></gpx>")
    return "\n".join(head + body).encode()


def tcx(
    points: Sequence[Point],
    *,
    start: dt.datetime = START,
    sport: str = "Running",
    laps: int = 2,
    notes: str | None = "Tempo",
    run_cadence_extension: bool = False,
) -> bytes:
    """A TCX activity split into ``laps`` laps, each with its device summary."""
    per_lap = math.ceil(len(points) / laps)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<TrainingCenterDatabase "
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
        'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">',
        f'<Activities><Activity Sport="{sport}"><Id>{_iso(start)}</Id>',
    ]
    for lap in range(laps):
        chunk = points[lap * per_lap : (lap + 1) * per_lap]
        if not chunk:
            break
        lap_start = start + dt.timedelta(seconds=chunk[0].seconds)
        seconds = chunk[-1].seconds - chunk[0].seconds + 1
        metres = chunk[-1].distance_m - chunk[0].distance_m + 3.0
        avg_hr = round(sum(p.hr for p in chunk) / len(chunk))
        out.append(
            f'<Lap StartTime="{_iso(lap_start)}"><TotalTimeSeconds>{seconds:.1f}</TotalTimeSeconds>'
            f"<DistanceMeters>{metres:.1f}</DistanceMeters><Calories>100</Calories>"
            f"<AverageHeartRateBpm><Value>{avg_hr}</Value></AverageHeartRateBpm>"
            f"<MaximumHeartRateBpm><Value>{max(p.hr for p in chunk)}</Value></MaximumHeartRateBpm>"
            "<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>"
        )
        for p in chunk:
            moment = start + dt.timedelta(seconds=p.seconds)
            cadence = (
                f"<Extensions><ns3:TPX><ns3:RunCadence>{p.cad}</ns3:RunCadence></ns3:TPX></Extensions>"
                if run_cadence_extension
                else f"<Cadence>{p.cad}</Cadence>"
            )
            out.append(
                f"<Trackpoint><Time>{_iso(moment)}</Time><Position>"
                f"<LatitudeDegrees>{p.lat:.7f}</LatitudeDegrees>"
                f"<LongitudeDegrees>{p.lon:.7f}</LongitudeDegrees></Position>"
                f"<AltitudeMeters>{p.ele:.1f}</AltitudeMeters>"
                f"<DistanceMeters>{p.distance_m:.1f}</DistanceMeters>"
                f"<HeartRateBpm><Value>{p.hr}</Value></HeartRateBpm>{cadence}</Trackpoint>"
            )
        out.append("</Track></Lap>")
    if notes:
        out.append(f"<Notes>{notes}</Notes>")
    out.append(
        "<Creator><Name>Forerunner 935</Name></Creator></Activity></Activities>"
        "</TrainingCenterDatabase>"
    )
    return "\n".join(out).encode()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def zip_of(members: dict[str, bytes], *, stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


# Strava ------------------------------------------------------------------------------------

ENGLISH_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed",
    "Max Heart Rate", "Relative Effort", "Commute", "Media",
]  # fmt: skip
GERMAN_HEADER = [
    "Aktivitäts-ID", "Datum der Aktivität", "Name der Aktivität", "Aktivitätsart",
    "Beschreibung der Aktivität", "Verstrichene Zeit", "Distanz", "Maximale Herzfrequenz",
    "Relative Leistung", "Pendeln", "Private Notiz zur Aktivität", "Aktivitätsausrüstung",
    "Dateiname", "Gewicht des Athleten", "Fahrradgewicht", "Verstrichene Zeit", "Bewegungszeit",
    "Distanz", "Max. Geschwindigkeit", "Durchschnittsgeschwindigkeit",
    "Maximale Herzfrequenz", "Relative Leistung", "Pendeln", "Medien",
]  # fmt: skip


@dataclass(frozen=True)
class StravaRow:
    activity_id: int
    date: str  # as the CSV writes it, localized
    name: str
    kind: str  # Strava's type, localized
    elapsed_s: int
    distance_display: str  # first Distance column: km or mi, localized decimal
    distance_m: float
    filename: str = ""


def strava_csv(rows: Sequence[StravaRow], header: Sequence[str] = ENGLISH_HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for r in rows:
        writer.writerow(
            [
                r.activity_id, r.date, r.name, r.kind, "", r.elapsed_s, r.distance_display,
                "170", "40", "false", "", "", r.filename, "70", "", r.elapsed_s,
                r.elapsed_s, f"{r.distance_m:.1f}", "5.0", "3.0", "170", "40", "0", "",
            ]
        )  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def strava_export(
    rows: Sequence[StravaRow], files: dict[str, bytes], **csv_options: object
) -> bytes:
    members = {"activities.csv": strava_csv(rows, **csv_options)}  # type: ignore[arg-type]
    members.update(files)
    members["profile.csv"] = b"Athlete ID,Email\n1,runner@example.org\n"
    members["media/photo.jpg"] = b"\xff\xd8\xff\xe0 not really a photo"
    return zip_of(members)


# Garmin ------------------------------------------------------------------------------------


def garmin_summaries(entries: Sequence[tuple[str, dt.datetime, str]]) -> bytes:
    """``[(name, start, typeKey)]`` as summarizedActivities.json."""
    return json.dumps(
        [
            {
                "summarizedActivitiesExport": [
                    {
                        "activityId": 9000 + i,
                        "name": name,
                        "activityType": type_key,
                        "startTimeGmt": int(start.timestamp() * 1000),
                        "distance": 1_000_000.0,
                        "duration": 3_600_000.0,
                    }
                    for i, (name, start, type_key) in enumerate(entries)
                ]
            }
        ]
    ).encode()


def garmin_export(uploaded: dict[str, bytes], summaries: bytes, *, parts: int = 2) -> bytes:
    """DI_CONNECT layout: summaries JSON plus uploads split over nested part zips."""
    names = sorted(uploaded)
    members: dict[str, bytes] = {
        "DI_CONNECT/DI-Connect-Fitness/runner@example.org_0_summarizedActivities.json": summaries,
        "DI_CONNECT/DI-Connect-Wellness/sleep.json": b"[]",
    }
    for part in range(parts):
        chunk = {name: uploaded[name] for name in names[part::parts]}
        members[f"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part{part + 1}.zip"] = (
            zip_of(chunk)
        )
    return zip_of(members)


# FIT ----------------------------------------------------------------------------------------


def monitoring_fit() -> bytes:
    """A daily-monitoring FIT (file_id.type = monitoring_b), as Garmin exports mix in."""
    writer = FitWriter()
    fields = [
        Field(0, ENUM, "type"),
        Field(1, UINT16, "manufacturer"),
        Field(2, UINT16, "product"),
        Field(3, UINT32Z, "serial_number"),
        Field(4, UINT32, "time_created"),
    ]
    writer.define(0, 0, fields)
    writer.message(0, [32, 1, 2697, 12345, 1_100_000_000])
    return writer.to_bytes()
