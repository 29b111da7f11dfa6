"""Strava's ``activities.csv``: localized, with repeated column names, read by position.

The layout (formats.md section 4, from community importers): columns 0-3 are Activity ID,
Activity Date, Activity Name and Activity Type, column 12 is Filename (empty for manual
activities). Headers and values follow the account's language (``Aktivitäts-ID``,
``Radfahrt``; dates like ``Oct 7, 2020, 2:43:11 PM`` or ``09.12.2022, 15:24:49``), and
``Elapsed Time`` and ``Distance`` appear twice: the first Distance is in the account's km
or mi, the second in metres. Exports before July 2019 used a short lower-case header
(``id,date,name,type,...,filename``) with metres. Dates are UTC.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Final

from niggle.domain.activity import Sport
from niggle.importers.errors import CorruptFile
from niggle.importers.parsed import sport_from_name

UTC = dt.UTC


_MONTHS: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "januar", "janv", "ene"),
            ("feb", "februar", "févr", "fév"),
            ("mar", "mär", "märz", "mars"),
            ("apr", "april", "avr", "abr"),
            ("may", "mai", "mayo"),
            ("jun", "juni", "juin"),
            ("jul", "juli", "juil"),
            ("aug", "august", "août", "ago"),
            ("sep", "sept", "september", "set"),
            ("oct", "okt", "oktober", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "dez", "dezember", "déc", "dic"),
        ],
        start=1,
    )
    for name in names
}
_EN_DATE = re.compile(
    r"^\s*([A-Za-zäéû]+)\.?\s+(\d{1,2}),\s*(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])?\s*$"
)
_DAY_FIRST_NAMED = re.compile(
    r"^\s*(\d{1,2})\.?\s+([A-Za-zäéû]+)\.?\s+(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*$"
)
_DOTTED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})")


def parse_strava_date(text: str) -> dt.datetime:
    """Strava's CSV dates (UTC) in the forms seen in English, German and old exports."""
    if match := _EN_DATE.match(text):
        month_name, day, year, hour, minute, second, half = match.groups()
        month = _MONTHS.get(month_name.lower()[:4]) or _MONTHS.get(month_name.lower()[:3])
        hour_24 = int(hour)
        if half:
            hour_24 = hour_24 % 12 + (12 if half.lower() == "pm" else 0)
        if month:
            return dt.datetime(
                int(year), month, int(day), hour_24, int(minute), int(second), tzinfo=UTC
            )
    if match := _DAY_FIRST_NAMED.match(text):
        day, month_name, year, hour, minute, second = match.groups()
        month = _MONTHS.get(month_name.lower()[:4]) or _MONTHS.get(month_name.lower()[:3])
        if month:
            return dt.datetime(
                int(year), month, int(day), int(hour), int(minute), int(second), tzinfo=UTC
            )
    if match := _DOTTED.match(text):
        day, month_number, year, hour, minute, second = (int(g) for g in match.groups())
        return dt.datetime(year, month_number, day, hour, minute, second, tzinfo=UTC)
    if match := _ISO.match(text):
        year, month_number, day, hour, minute, second = (int(g) for g in match.groups())
        return dt.datetime(year, month_number, day, hour, minute, second, tzinfo=UTC)
    raise ValueError(f"unrecognised date {text!r}")


def _localized_number(text: str) -> float | None:
    """``7.25``, ``7,25`` (German) or ``1,234.5`` -> float; blank -> None."""
    raw = text.strip().replace("\u202f", "").replace(" ", "")
    if not raw:
        return None
    if "," in raw and "." in raw:
        raw = (
            raw.replace(",", "")
            if raw.rfind(".") > raw.rfind(",")
            else raw.replace(".", "").replace(",", ".")
        )
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


@dataclass(frozen=True)
class StravaRow:
    activity_id: str
    start: dt.datetime
    name: str | None
    sport: Sport
    filename: str | None
    elapsed_s: float | None
    distance_m: float | None


def read_strava_csv(text: str, label: str) -> list[StravaRow]:
    """The rows of ``activities.csv``, read by position, after checking the layout."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise CorruptFile(f"{label}: activities.csv is empty.")
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    lowered = [cell.lower() for cell in header]
    # Before July 2019: "id,date,name,type,...,filename" in lower case, whatever the language.
    old_layout = bool(lowered) and lowered[0] == "id" and "filename" in lowered
    if old_layout:
        file_col = lowered.index("filename")
        elapsed_col = lowered.index("elapsed_time") if "elapsed_time" in lowered else None
        metres_col = lowered.index("distance") if "distance" in lowered else None
    else:
        if len(header) < 13:
            raise CorruptFile(
                f"{label}: activities.csv has {len(header)} columns; a Strava export has "
                "at least 13 (Activity ID, Activity Date, Activity Name, Activity Type, ... "
                "Filename). Is this a Strava export?"
            )
        file_col = 12
        # Elapsed Time (5) and Distance (6) each appear twice; the second Distance is in
        # metres whatever the account's units, and the second Elapsed Time in seconds.
        elapsed_col = _second(header, 5)
        metres_col = _second(header, 6)
    found: list[StravaRow] = []
    problems = 0
    for row in rows[1:]:
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(3, file_col) and not old_layout:
            problems += 1
            continue
        activity_id = row[0].strip()
        try:
            start = parse_strava_date(row[1])
        except ValueError:
            problems += 1
            continue
        if not activity_id.isdigit():
            problems += 1
            continue
        filename = row[file_col].strip() if file_col < len(row) else ""

        def cell(index: int | None, row: list[str] = row) -> float | None:
            if index is None or index >= len(row):
                return None
            return _localized_number(row[index])

        found.append(
            StravaRow(
                activity_id=activity_id,
                start=start,
                name=row[2].strip() or None,
                sport=sport_from_name(row[3]),
                filename=filename or None,
                elapsed_s=cell(elapsed_col),
                distance_m=cell(metres_col),
            )
        )
    if problems and not found:
        raise CorruptFile(
            f"{label}: no row of activities.csv has an activity id and a date where a Strava "
            "export puts them (columns 1 and 2); the layout may have changed."
        )
    return found


def _second(header: list[str], first: int) -> int | None:
    """The position of the second column named like ``header[first]``, if any."""
    name = header[first]
    for index in range(first + 1, len(header)):
        if header[index] == name:
            return index
    return None
