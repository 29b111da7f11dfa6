"""Formats are recognised by content, whatever the file is called."""

from __future__ import annotations

import pytest

from niggle.importers.detect import detect, xml_root
from tests.importers.activity_files import gpx, gz, tcx, track, zip_of

FIT_HEADER = bytes([14, 0x10, 0x00, 0x00, 0, 0, 0, 0]) + b".FIT" + b"\x00\x00"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (FIT_HEADER, "fit"),
        (bytes([12, 0x10, 0, 0, 0, 0, 0, 0]) + b".FIT", "fit"),
        (b"\x1f\x8b\x08\x00rest", "gzip"),
        (b"PK\x03\x04rest", "zip"),
        (b"PK\x05\x06" + b"\x00" * 18, "zip"),
        (b"", "unknown"),
        (b"hello, world", "unknown"),
        (b'[{"summarizedActivitiesExport": []}]', "json"),
        (b"<?xml version='1.0'?><html><body/></html>", "unknown"),
        (bytes([14, 0x10, 0, 0, 0, 0, 0, 0]) + b".FTI", "unknown"),
    ],
)
def test_detects_by_magic(head: bytes, expected: str) -> None:
    assert detect(head) == expected


def test_xml_activity_files_by_their_root_element() -> None:
    points = track(5)
    assert detect(gpx(points)) == "gpx"
    assert detect(tcx(points)) == "tcx"
    assert detect(gz(gpx(points))) == "gzip"
    assert detect(zip_of({"a.gpx": gpx(points)})) == "zip"


def test_prolog_comments_doctype_and_bom_do_not_hide_the_root() -> None:
    text = (
        b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- exported by <gpx> lookalike -->\n"
        b"<!DOCTYPE gpx>\n<ns:TrainingCenterDatabase xmlns:ns='x'/>"
    )
    assert xml_root(text) == "TrainingCenterDatabase"
    assert detect(text) == "tcx"
    utf16 = "\ufeff<?xml version='1.0' encoding='UTF-16'?><gpx/>".encode("utf-16-le")
    assert detect(b"\xff\xfe" + utf16[2:]) == "gpx"
