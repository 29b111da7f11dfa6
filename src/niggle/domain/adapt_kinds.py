"""Which kinds of session provoke pain now, and how far intensity has come back (R6).

A kind provokes pain when a check-in of that kind of run was amber or red (easy runs: red;
amber is allowed under the pain-monitoring model), or when the latest triage said that kind
of run brings the pain on. It stays swapped until the last two weeks have been green with
enough check-ins, all of them after the last painful one. Intensity then comes back in steps:
first part of the session, then, once one of that kind has stayed green, the full session.
Once two sessions of that kind have stayed green (the step and the full session), the kind is
back for good, until one of its own sessions provokes pain again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.adapt_pain import Band, GreenWeeks, PainSession, last_provoked
from niggle.domain.adapt_rules import AdaptationRules
from niggle.domain.adapt_triggers import day
from niggle.domain.plans import WorkoutKind
from niggle.domain.triage.records import TriageRecord

KindState = Literal["as_planned", "swap", "first_step", "full"]

KIND_WORDS: Final[dict[str, str]] = {
    "intervals": "interval session",
    "tempo": "tempo run",
    "long": "long run",
    "easy": "easy run",
    "race": "race",
}
# Triage's "all running" means every kind of key run brings the pain on.
ALL_RUNNING: Final[tuple[WorkoutKind, ...]] = ("intervals", "tempo", "long")


@dataclass(frozen=True, slots=True)
class KindReading:
    kind: WorkoutKind
    state: KindState
    last_painful: PainSession | None
    triage_on: dt.date | None
    evidence: str  # what showed the kind provokes pain, in plain words ("" when nothing)
    green_again_on: dt.date | None = None  # a session of this kind stayed green since

    @property
    def provoked_on(self) -> dt.date | None:
        dates = [d for d in (self.triage_on, self.last_painful and self.last_painful.on) if d]
        return max(dates) if dates else None


def triage_provokers(triage: TriageRecord | None) -> frozenset[WorkoutKind]:
    if triage is None:
        return frozenset()
    named = triage.answers.get("provoked_by") or ()
    found: set[WorkoutKind] = set()
    for word in named if isinstance(named, list | tuple) else ():
        if word == "all_running":
            found.update(ALL_RUNNING)
        for kind in ("intervals", "tempo", "long"):
            if word == kind:
                found.add(kind)
    return frozenset(found)


def _evidence(kind: WorkoutKind, painful: PainSession | None, triage_on: dt.date | None) -> str:
    parts = []
    if painful is not None:
        parts.append(
            f"pain reached {painful.peak}/10 ({painful.band}) in the {KIND_WORDS[kind]} on "
            f"{day(painful.on)}"
        )
    if triage_on is not None:
        parts.append(f"your triage of {day(triage_on)} says {KIND_WORDS[kind]}s bring it on")
    return "; ".join(parts)


def read_kind(
    kind: WorkoutKind,
    sessions: Sequence[PainSession],
    triage: TriageRecord | None,
    greens: GreenWeeks,
    rules: AdaptationRules,
) -> KindReading:
    allowed: Band = "amber" if kind == "easy" else "green"
    painful = last_provoked(sessions, kind, allowed)
    triage_on = triage.taken_on if triage is not None and kind in triage_provokers(triage) else None
    evidence = _evidence(kind, painful, triage_on)
    reading = KindReading(kind, "as_planned", painful, triage_on, evidence)
    provoked_on = reading.provoked_on
    if provoked_on is None:
        return reading
    again = [s.on for s in sessions if s.kind == kind and s.band == "green" and s.on > provoked_on]
    last_green = max(again, default=None)
    # Sessions of this kind that stayed green since show it no longer provokes the pain: the
    # first step and the full session for intervals and tempo, any one for other kinds. Pain
    # elsewhere later (an amber easy run) then does not swap this kind again.
    settled = len(again) >= (2 if kind in rules.swap.intensity_kinds else 1)
    if settled:
        return KindReading(kind, "full", painful, triage_on, evidence, last_green)
    if not (greens.green and provoked_on < greens.since):
        return KindReading(kind, "swap", painful, triage_on, evidence)
    if kind not in rules.swap.intensity_kinds or again:
        return KindReading(kind, "full", painful, triage_on, evidence, last_green)
    return KindReading(kind, "first_step", painful, triage_on, evidence)


def read_kinds(
    sessions: Sequence[PainSession],
    triage: TriageRecord | None,
    greens: GreenWeeks,
    rules: AdaptationRules,
) -> dict[WorkoutKind, KindReading]:
    kinds: list[WorkoutKind] = [*sorted(rules.swap.intensity_kinds), "long", "easy"]
    return {k: read_kind(k, sessions, triage, greens, rules) for k in kinds}
