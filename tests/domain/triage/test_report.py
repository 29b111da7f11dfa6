"""Vignette scoring: exact level, per-level sensitivity, over/under-triage, Kopka's decisions."""

from __future__ import annotations

import pytest

from niggle.domain.triage.levels import CareLevel
from niggle.domain.triage.report import Proportion, Vignette, VignetteOutcome, summarise


def outcome(expected: CareLevel, got: CareLevel) -> VignetteOutcome:
    vignette = Vignette(f"{expected}-{got}", "t", {}, expected, "continue")
    return VignetteOutcome(vignette, got, "continue", "non_specific", False)


def test_summary_counts_exact_over_and_under_triage() -> None:
    report = summarise(
        [
            outcome("emergency", "emergency"),
            outcome("emergency", "urgent"),  # under-triaged
            outcome("urgent", "urgent"),
            outcome("soon", "urgent"),  # over-triaged
            outcome("self_care", "self_care"),
            outcome("self_care", "routine"),  # over-triaged
        ]
    )
    assert (report.exact.hits, report.exact.total) == (3, 6)
    assert report.over_triage.hits == 2 and report.under_triage.hits == 1
    emergency = report.levels[0]
    assert emergency.level == "emergency"
    assert (emergency.sensitivity.hits, emergency.sensitivity.total) == (1, 2)
    assert emergency.under == 1
    assert report.emergency_decision.sensitivity.value == 0.5
    assert report.emergency_decision.specificity.value == 1.0
    # care vs self-care: 4 needed care and all got it; 1 of 2 self-care kept self-care
    assert report.care_decision.sensitivity.value == 1.0
    assert report.care_decision.specificity.value == 0.5
    assert len(report.misses) == 3


def test_wilson_interval_matches_the_textbook_value() -> None:
    # 8/10: Wilson 95% interval 0.490-0.943 (Newcombe 1998, method 3)
    low, high = Proportion(8, 10).interval or (0, 0)
    assert low == pytest.approx(0.490, abs=0.001) and high == pytest.approx(0.943, abs=0.001)
    assert Proportion(0, 0).value is None and Proportion(0, 0).interval is None
    low, high = Proportion(5, 5).interval or (0, 0)
    assert high == 1.0 and 0.5 < low < 0.6
