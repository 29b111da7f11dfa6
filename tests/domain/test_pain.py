"""Pain reports as runners type them, and the values niggle refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.errors import InvalidInput
from niggle.domain.pain import PainReport, parse_pain, parse_region, validate_pain_report

DAY = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 11, 28)


def test_reads_region_score_and_timing() -> None:
    report = parse_pain("lower_back=4@during", DAY)
    assert report == PainReport(on=DAY, region="lower_back", nrs=4, when="during")


def test_timing_defaults_to_during_and_aliases_are_understood() -> None:
    assert parse_pain("back=3", DAY).region == "lower_back"
    assert parse_pain("back=3", DAY).when == "during"
    assert parse_pain("Left Knee=2@next-morning", DAY).region == "left_knee"
    assert parse_pain("left_knee=2@next-morning", DAY).when == "next_morning"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("lower_back=11@during", "outside 0-10"),
        ("lower_back=-1", "outside 0-10"),
        ("lower_back=4.5", "whole number"),
        ("lower_back=four", "whole number"),
        ("elbow=3", "Unknown body region"),
        ("left_lower_back=3", "Unknown body region"),
        ("lower_back=3@yesterday", "Unknown pain timing"),
        ("lower_back", "REGION=NRS@WHEN"),
    ],
)
def test_refuses_bad_reports(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        parse_pain(text, DAY)


def test_region_list_is_offered_when_unknown() -> None:
    with pytest.raises(InvalidInput, match="lower_back"):
        parse_region("spleen")


def test_future_reports_are_refused() -> None:
    with pytest.raises(InvalidInput, match="future"):
        validate_pain_report(
            PainReport(on=TODAY + dt.timedelta(days=1), region="knee", nrs=2, when="after"), TODAY
        )
    assert validate_pain_report(PainReport(on=TODAY, region="knee", nrs=2, when="after"), TODAY)
