"""Which format a file holds, read from its first bytes, never from its name.

Exports name files by number (Garmin), keep ``.gpx`` on gzip data, or lose extensions
in transit, so the content decides:

- FIT: a 12- or 14-byte header whose bytes 8-11 are ``.FIT``;
- gzip: the magic ``1f 8b``; zip: ``PK\\x03\\x04`` (or ``PK\\x05\\x06``, an empty zip);
- GPX and TCX: XML whose root element is ``gpx`` or ``TrainingCenterDatabase``.
"""

from __future__ import annotations

import re
from typing import Final, Literal

Format = Literal["fit", "gzip", "zip", "gpx", "tcx", "json", "unknown"]

SNIFF_BYTES: Final = 4096
_ROOT = re.compile(
    rb"<(?![?!])(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)",
)
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_PROLOG = re.compile(rb"<\?.*?\?>", re.DOTALL)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE)


def _as_utf8(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, errors="ignore").encode("utf-8")
    return head


def is_fit(head: bytes) -> bool:
    return len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT"


def xml_root(head: bytes) -> str | None:
    """The local name of the root element, when ``head`` starts like an XML document."""
    text = _as_utf8(head[:SNIFF_BYTES]).lstrip()
    if not text.startswith(b"<"):
        return None
    text = _PROLOG.sub(b"", text)
    text = _COMMENT.sub(b"", text)
    text = _DOCTYPE.sub(b"", text)
    match = _ROOT.search(text)
    return match.group(1).decode("ascii", errors="ignore") if match else None


def detect(head: bytes) -> Format:
    """The format of a file from its first bytes (``SNIFF_BYTES`` is plenty)."""
    if is_fit(head):
        return "fit"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    root = xml_root(head)
    if root is not None:
        if root == "gpx":
            return "gpx"
        if root == "TrainingCenterDatabase":
            return "tcx"
        return "unknown"
    stripped = _as_utf8(head).lstrip()
    if stripped.startswith((b"[", b"{")):
        return "json"
    return "unknown"


DESCRIPTIONS: Final[dict[Format, str]] = {
    "fit": "a FIT file",
    "gzip": "gzip data",
    "zip": "a zip archive",
    "gpx": "a GPX file",
    "tcx": "a TCX file",
    "json": "a JSON document",
    "unknown": "not an activity file niggle reads",
}
