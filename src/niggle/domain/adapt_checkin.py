"""What one check-in means: its band, what to do now, and whether symptoms have changed.

The band follows the pain-monitoring model (R1-R3). The safety net follows IFOMPT 2020 and
Greenhalgh 2020: re-screen for red flags whenever symptoms change. niggle counts as a change
a body region not reported in the last ``NEW_REGION_DAYS`` days, pain at rest above green
(rest and night pain are in the bone-stress screen, clinical.md R7), and a report at least
``MIC_NRS`` points above the previous one at the same time (the minimal important change for
the NRS, Ostelo et al. 2008).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from niggle.domain.adapt_pain import Band, report_band
from niggle.domain.adapt_rules import PainBands
from niggle.domain.pain import PainReport

MIC_NRS: Final = 2  # Ostelo et al. 2008 (Spine): minimal important change on the 0-10 NRS
NEW_REGION_DAYS: Final = 60  # product default (not trial-based)
WHEN_WORDS: Final[dict[str, str]] = {
    "during": "during a run",
    "after": "after a run",
    "next_morning": "the next morning",
    "rest": "at rest",
}


def band_of(report: PainReport, bands: PainBands) -> Band:
    return report_band(report, bands)


def band_advice(report: PainReport, band: Band, bands: PainBands) -> str:
    """What the pain-monitoring model says to do with this report, in plain words."""
    nrs, when = report.nrs, report.when
    if when == "during":
        if band == "green":
            return f"Green ({nrs}/10 during the run, 0-{bands.green_max} is fine): carry on."
        if band == "amber":
            return (
                f"Amber ({nrs}/10 during the run): allowed under the pain-monitoring model. Keep "
                "the effort easy and check in after the run and tomorrow morning."
            )
        return (
            f"Red ({nrs}/10 during the run, above {bands.amber_max}): stop running this session "
            "and walk or cross-train instead. Check in tomorrow morning."
        )
    if when == "after":
        if nrs <= bands.after_max:
            return (
                f"{nrs}/10 after the run: pain after running may reach {bands.after_max}/10 as "
                f"long as it has settled to {bands.settled_max}/10 or less by tomorrow morning. "
                "Check in then (niggle checkin --when next_morning)."
            )
        return (
            f"Red ({nrs}/10 after the run, above {bands.after_max}): the last session was too "
            "much. Rest from running tomorrow and check in in the morning."
        )
    if when == "next_morning":
        if band == "green":
            return f"Settled ({nrs}/10 the next morning): the run was within your limits."
        return (
            f"Not settled ({nrs}/10 the next morning, above {bands.settled_max}): go easier in "
            "your next session. If mornings stay like this for a week, running pauses (R2, R7)."
        )
    if band == "green":
        return f"{nrs}/10 at rest: fine."
    return f"{nrs}/10 at rest: pain at rest is worth a fresh triage (niggle triage)."


def symptom_changes(
    report: PainReport, earlier: Sequence[PainReport], bands: PainBands
) -> list[str]:
    """Why this report counts as a change in symptoms (empty when it does not)."""
    changes: list[str] = []
    first = report.on - dt.timedelta(days=NEW_REGION_DAYS)
    recent = [r for r in earlier if first <= r.on <= report.on]
    if recent and report.region not in {r.region for r in recent}:
        where = report.region.replace("_", " ")
        changes.append(f"pain in a new place ({where})")
    if report.when == "rest" and report.nrs > bands.green_max:
        changes.append(f"pain at rest ({report.nrs}/10)")
    same_time = [r for r in recent if r.when == report.when and r.region == report.region]
    if same_time and report.nrs - same_time[-1].nrs >= MIC_NRS:
        previous = same_time[-1]
        changes.append(
            f"pain {WHEN_WORDS[report.when]} up from {previous.nrs}/10 to {report.nrs}/10"
        )
    return changes
