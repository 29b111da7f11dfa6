"""Stop-running triggers (clinical.md §4 R7) from the latest triage, check-ins and pain.

Each trigger says which status it asks for (pause_running or stop_and_seek_care), why in plain
words, and whether the runner should re-run ``niggle triage`` (the safety net: re-screen
whenever symptoms change; IFOMPT 2020, Greenhalgh 2020).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from niggle.domain.adapt_pain import (
    PainSession,
    red_in_a_row,
    rising_weeks,
    unsettled_mornings,
    weekly_peaks,
)
from niggle.domain.adapt_rules import AdaptationRules, AdaptStatus, RuleId
from niggle.domain.pain import PainReport
from niggle.domain.triage.records import TriageRecord

# Triage questions that cover each check-in flag: a triage taken on or after the check-in
# that answered them supersedes the flag (it asked again, and a "yes" raises its own flag).
LIMPING_QUESTIONS: Final = frozenset({"limping", "unable_to_bear_weight"})
LEG_QUESTIONS: Final = frozenset(
    {
        "leg_pain_below_knee",
        "leg_numbness_or_tingling",
        "bilateral_leg_pain",
        "bilateral_leg_numbness_or_weakness",
        "progressive_leg_weakness",
    }
)
RETRIAGE: Final = "Run niggle triage again now: symptoms have changed."


@dataclass(frozen=True, slots=True)
class Trigger:
    rule: RuleId
    status: AdaptStatus
    because: str
    retriage: bool = False
    act_now: bool = False  # emergency or urgent care: nothing but the action to take
    brief: str | None = None  # a shorter reason for each session it changes


@dataclass(frozen=True, slots=True)
class CheckinFlags:
    """The R7 signs a check-in records that triage does not hold day to day (None: not said)."""

    on: dt.date
    limping: bool | None = None
    new_leg_symptoms: bool | None = None


def day(on: dt.date) -> str:
    return f"{on:%a} {on.day} {on:%b}"


def _flags(triage: TriageRecord) -> list[Mapping[str, Any]]:
    found = triage.document.get("red_flags", [])
    return [f for f in found if isinstance(f, Mapping)] if isinstance(found, list) else []


def _message(triage: TriageRecord) -> str:
    text = triage.document.get("care_message")
    return str(text) if text else "See a clinician before you train again."


def triage_triggers(triage: TriageRecord | None, rules: AdaptationRules) -> list[Trigger]:
    """What the latest triage asks of running: act-now care, bone-stress signs, soon flags."""
    if triage is None:
        return []
    found: list[Trigger] = []
    when = f"Your triage of {day(triage.taken_on)}"
    if triage.care_level in rules.care.act_now_levels:
        soon = "now" if triage.care_level == "emergency" else "today"
        found.append(
            Trigger(
                "seek_care",
                "stop_and_seek_care",
                f"{when} says: {_message(triage)}",
                act_now=True,
                brief=f"{when} asks you to get care {soon}: no training until a clinician "
                "has seen you.",
            )
        )
    flags = _flags(triage)
    bone = [
        f
        for f in flags
        if set(f.get("questions", ())) & rules.stop.bone_stress_flags
        or "bone_stress" in str(f.get("id", ""))
    ]
    if bone or triage.classification == "possible_bone_stress":
        found.append(
            Trigger(
                "seek_care",
                "stop_and_seek_care",
                f"{when} found signs of a possible bone stress injury. No running until a "
                "clinician has checked you: bone stress injuries get worse when you run "
                "through the pain (Goom, return-to-running guidance).",
            )
        )
    serious = [f for f in flags if f.get("urgency") in rules.stop.flag_urgencies]
    if not found and (serious or triage.care_level in rules.stop.flag_urgencies):
        names = ", ".join(str(f.get("id", "")).replace("_", " ") for f in serious) or (
            f"a reason to see a clinician ({triage.care_level})"
        )
        found.append(
            Trigger(
                "stop_running",
                "pause_running",
                f"{when} found {names}. See a clinician within 1–2 weeks; until then "
                "cross-train instead of running (R7).",
            )
        )
    if not found and triage.running == "stop":
        found.append(Trigger("seek_care", "stop_and_seek_care", f"{when} says to stop running."))
    if not found and triage.running == "pause_running":
        found.append(
            Trigger("stop_running", "pause_running", f"{when} says to pause running for now.")
        )
    return found


def _latest_statement(
    flags: Iterable[CheckinFlags], attribute: str, as_of: dt.date
) -> CheckinFlags | None:
    stated = [f for f in flags if f.on <= as_of and getattr(f, attribute) is not None]
    return stated[-1] if stated else None


def flag_triggers(
    flags: Sequence[CheckinFlags], triage: TriageRecord | None, as_of: dt.date
) -> list[Trigger]:
    """Limping and new leg symptoms pause running until a check-in or triage clears them."""
    found: list[Trigger] = []
    checks = (
        ("limping", LIMPING_QUESTIONS, "you are limping"),
        ("new_leg_symptoms", LEG_QUESTIONS, "you have new symptoms in your leg"),
    )
    ordered = sorted(flags, key=lambda f: f.on)
    for attribute, questions, words in checks:
        latest = _latest_statement(ordered, attribute, as_of)
        if latest is None or not getattr(latest, attribute):
            continue
        if triage is not None and triage.taken_on >= latest.on and questions & set(triage.answers):
            continue  # triage asked again since; its answer rules now
        found.append(
            Trigger(
                "stop_running",
                "pause_running",
                f"Your check-in of {day(latest.on)} says {words}. Running pauses; cross-train "
                f"instead until it has gone and triage has been run again (R7). {RETRIAGE}",
                retriage=True,
            )
        )
    return found


def pain_triggers(
    sessions: Sequence[PainSession],
    reports: Sequence[PainReport],
    as_of: dt.date,
    rules: AdaptationRules,
) -> list[Trigger]:
    """R7 from the check-ins: red twice in a row; pain not settling or rising for a week."""
    found: list[Trigger] = []
    stop, bands = rules.stop, rules.bands
    reds = red_in_a_row(sessions, stop.red_in_a_row, as_of, stop.window_days)
    if reds:
        when = " and ".join(f"{day(s.on)} ({s.peak}/10)" for s in reds)
        found.append(
            Trigger(
                "stop_running",
                "pause_running",
                f"Pain was red (above {bands.amber_max}/10) in {len(reds)} sessions in a row: "
                f"{when}. Running pauses for a week; cross-train for the same time instead, "
                f"then come back through the walk/run ladder (R7, R8). {RETRIAGE}",
                retriage=True,
            )
        )
    mornings = unsettled_mornings(reports, as_of, stop.window_days, bands)
    if len(mornings) >= stop.unsettled_mornings:
        when = ", ".join(f"{day(r.on)} ({r.nrs}/10)" for r in mornings)
        found.append(
            Trigger(
                "stop_running",
                "pause_running",
                f"Pain had not settled by the next morning {len(mornings)} times this week "
                f"({when}); under the pain-monitoring model it should be back to "
                f"{bands.settled_max}/10 or less (R2, R7). Running pauses; cross-train "
                f"instead. {RETRIAGE}",
                retriage=True,
            )
        )
    if rising_weeks(sessions, as_of, bands) >= 2:
        peaks = [p for p in weekly_peaks(sessions, as_of, 3) if p is not None]
        trend = " → ".join(f"{p}/10" for p in reversed(peaks))
        found.append(
            Trigger(
                "stop_running",
                "pause_running",
                f"Your peak pain has risen week after week ({trend}); it should not trend "
                f"upward (R4, R7). Running pauses; cross-train instead. {RETRIAGE}",
                retriage=True,
            )
        )
    return found
