"""Pain reports: how much it hurt, where, and when relative to running.

Pain is rated on the 0-10 numeric rating scale (NRS), the scale the pain-monitoring model
for running with pain uses (Silbernagel et al. 2007; Thomeé 1997): 0 is no pain, 10 the
worst imaginable. ``when`` separates pain during a run, after it, the next morning (the
24-hour response) and at rest, because triage and the adaptation rules read them differently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Final, Literal

from niggle.domain.activity import check_training_date
from niggle.domain.errors import InvalidInput

PainWhen = Literal["during", "after", "next_morning", "rest"]
PAIN_WHEN: Final[tuple[PainWhen, ...]] = ("during", "after", "next_morning", "rest")

# Where runners hurt, in plain words. Limb regions may carry a side: left_knee, right_calf.
BODY_REGIONS: Final[tuple[str, ...]] = (
    "lower_back",
    "upper_back",
    "neck",
    "buttock",
    "hip",
    "groin",
    "thigh",
    "hamstring",
    "quadriceps",
    "it_band",
    "knee",
    "shin",
    "calf",
    "achilles",
    "ankle",
    "foot",
    "heel",
    "arch",
    "toe",
)
_BACK_AND_TRUNK: Final = frozenset({"lower_back", "upper_back", "neck"})
_REGION_ALIASES: Final[dict[str, str]] = {
    "back": "lower_back",
    "low_back": "lower_back",
    "lowback": "lower_back",
    "lumbar": "lower_back",
    "lower-back": "lower_back",
    "upper-back": "upper_back",
    "glute": "buttock",
    "glutes": "buttock",
    "quad": "quadriceps",
    "quads": "quadriceps",
    "hamstrings": "hamstring",
    "itb": "it_band",
    "shins": "shin",
    "achilles_tendon": "achilles",
    "plantar_fascia": "heel",
}
_WHEN_ALIASES: Final[dict[str, PainWhen]] = {
    "during": "during",
    "after": "after",
    "next_morning": "next_morning",
    "next-morning": "next_morning",
    "morning": "next_morning",
    "rest": "rest",
    "at_rest": "rest",
}
NRS_RANGE: Final = (0, 10)
PAIN_HELP: Final = "Write REGION=NRS@WHEN, e.g. lower_back=4@during (NRS 0-10; WHEN one of " + (
    ", ".join(PAIN_WHEN) + ")."
)


@dataclass(frozen=True, slots=True)
class PainReport:
    on: dt.date
    region: str
    nrs: int
    when: PainWhen
    activity_id: int | None = None
    note: str | None = None
    id: int | None = field(default=None, compare=False)


def parse_region(text: str) -> str:
    """A known body region, with an optional ``left_``/``right_`` side on limbs."""
    raw = re.sub(r"[\s-]+", "_", text.strip().lower())
    raw = _REGION_ALIASES.get(raw, raw)
    side = ""
    for prefix in ("left_", "right_"):
        if raw.startswith(prefix):
            side, raw = prefix, _REGION_ALIASES.get(raw[len(prefix) :], raw[len(prefix) :])
            break
    if raw not in BODY_REGIONS or (side and raw in _BACK_AND_TRUNK):
        raise InvalidInput(
            f"Unknown body region {text!r}. Use one of: {', '.join(BODY_REGIONS)} "
            "(limbs may start with left_ or right_, e.g. left_knee)."
        )
    return side + raw


def parse_when(text: str) -> PainWhen:
    raw = text.strip().lower().replace(" ", "_")
    if raw not in _WHEN_ALIASES:
        raise InvalidInput(f"Unknown pain timing {text!r}. Use one of: {', '.join(PAIN_WHEN)}.")
    return _WHEN_ALIASES[raw]


def parse_nrs(text: str) -> int:
    raw = text.strip()
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise InvalidInput(
            f"Pain {text!r} is not a whole number. Rate it 0 (none) to 10 (worst imaginable)."
        )
    return check_nrs(int(raw))


def check_nrs(nrs: int) -> int:
    low, high = NRS_RANGE
    if not low <= nrs <= high:
        raise InvalidInput(
            f"Pain {nrs} is outside {low}-{high}. Rate it 0 (none) to 10 (worst imaginable)."
        )
    return nrs


def parse_pain(text: str, on: dt.date, default_when: PainWhen = "during") -> PainReport:
    """Read ``lower_back=4@during`` (``@WHEN`` may be left out) into a report for ``on``."""
    if "=" not in text:
        raise InvalidInput(f"Cannot read the pain report {text!r}. {PAIN_HELP}")
    region_text, rest = text.split("=", 1)
    nrs_text, _, when_text = rest.partition("@")
    when = parse_when(when_text) if when_text.strip() else default_when
    return PainReport(on=on, region=parse_region(region_text), nrs=parse_nrs(nrs_text), when=when)


def validate_pain_report(report: PainReport, today: dt.date) -> PainReport:
    check_training_date(report.on, today, "The pain report's date")
    check_nrs(report.nrs)
    if report.when not in PAIN_WHEN:
        raise InvalidInput(
            f"Unknown pain timing {report.when!r}. Use one of: {', '.join(PAIN_WHEN)}."
        )
    region = parse_region(report.region)
    if region != report.region:
        raise InvalidInput(f"Write the region as {region!r}, not {report.region!r}.")
    if report.note is not None and len(report.note) > 2000:
        raise InvalidInput("Pain notes are limited to 2,000 characters.")
    return report
