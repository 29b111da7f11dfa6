"""Reading GPX and TCX safely: defusedxml's iterparse, and the small helpers both readers share.

defusedxml refuses document type declarations, entity declarations and external
references outright, which stops billion-laughs and quadratic-blowup bombs, XXE file theft
and DTD fetches whatever the expat version (formats.md, "XML safety"). Activity files never
need any of them, so a file that declares one is refused, not repaired.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from niggle.importers.errors import CorruptFile
from niggle.importers.limits import ImportRefused

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

UTC = dt.UTC


def end_elements(data: bytes, label: str) -> Iterator[Element]:
    """Every element as it closes; the caller clears what it has read to keep memory flat."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        stream = iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True)
        for _event, element in stream:
            yield element
    except DefusedXmlException as exc:
        raise ImportRefused(
            f"{label}: refused, the XML declares a DTD, entities or external references "
            f"({type(exc).__name__}). Activity files never need them; XML bombs and "
            "file-stealing (XXE) attacks do."
        ) from None
    except ParseError as exc:
        raise CorruptFile(
            f"{label}: not well-formed XML ({exc}). The file is damaged or cut short; "
            "export it again."
        ) from None
    except (ValueError, LookupError) as exc:  # unknown encodings, bad characters
        raise CorruptFile(f"{label}: unreadable XML ({exc}).") from None


def local_name(tag: object) -> str:
    """``{namespace}name`` -> ``name``; comments and processing instructions -> ``""``."""
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1 :]


class LocalNames(dict[object, str]):
    """``names[element.tag]`` -> local name, worked out once per distinct tag.

    A file repeats a handful of tags thousands of times; a dict hit is far cheaper than
    splitting the namespace off every time.
    """

    def __missing__(self, tag: object) -> str:
        name = local_name(tag)
        self[tag] = name
        return name


def number(text: str | None) -> float:
    """A decimal number, or NaN when absent or unreadable (one bad value spoils nothing)."""
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def epoch_seconds(text: str | None) -> float:
    """ISO 8601 time as UTC epoch seconds; times without a zone are UTC (GPX 1.1 says so)."""
    if not text:
        return math.nan
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return math.nan
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return math.nan
