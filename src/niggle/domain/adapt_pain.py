"""Reading pain check-ins with the pain-monitoring model (clinical.md §4 R1-R4).

A check-in is one pain report (0-10 NRS) during a run, after it, the next morning or at rest.
Reports about one session are read together: the session's band is the worst of its reports,
where pain after a run may reach ``after_max`` if it has settled by the next morning (R2).
Thresholds come from ``adaptation_rules.yaml`` (Thomeé 1997; Silbernagel et al. 2007,
extrapolated from tendon pain to back pain).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.activity import Activity
from niggle.domain.adapt_rules import PainBands
from niggle.domain.pain import PainReport
from niggle.domain.plans import RUN_KINDS, WorkoutKind

Band = Literal["green", "amber", "red"]
BANDS: Final[tuple[Band, ...]] = ("green", "amber", "red")
ONE_DAY: Final = dt.timedelta(days=1)


def worst(bands: Iterable[Band]) -> Band:
    return max(bands, key=BANDS.index, default="green")


def nrs_band(nrs: int, bands: PainBands) -> Band:
    if nrs <= bands.green_max:
        return "green"
    return "amber" if nrs <= bands.amber_max else "red"


def report_band(report: PainReport, bands: PainBands) -> Band:
    """The band of one report on its own (an after-run 4 is amber until it has settled)."""
    if report.when == "next_morning":
        return "green" if report.nrs <= bands.settled_max else nrs_band(report.nrs, bands)
    return nrs_band(report.nrs, bands)


@dataclass(frozen=True, slots=True)
class PainSession:
    """Every report about one session: a logged activity, or a day with no activity logged."""

    on: dt.date
    kind: WorkoutKind | None  # the run's kind; cross/strength for other sports; None unknown
    activity_id: int | None
    during: int | None
    after: int | None
    next_morning: int | None
    band: Band

    @property
    def peak(self) -> int:
        return max(n for n in (self.during, self.after, self.next_morning, 0) if n is not None)

    @property
    def is_run(self) -> bool:
        return self.kind in RUN_KINDS


def session_band(
    during: int | None, after: int | None, next_morning: int | None, bands: PainBands
) -> Band:
    found: list[Band] = []
    if during is not None:
        found.append(nrs_band(during, bands))
    if after is not None:
        if after <= bands.green_max:
            found.append("green")
        elif after <= bands.after_max:
            # R2: allowed up to after_max, but only once it has settled by the next morning.
            settled = next_morning is not None and next_morning <= bands.settled_max
            found.append("green" if settled else "amber")
        else:
            found.append("red")
    if next_morning is not None:
        found.append(
            "green" if next_morning <= bands.settled_max else nrs_band(next_morning, bands)
        )
    return worst(found)


def session_kind(activity: Activity, planned: Mapping[int, WorkoutKind]) -> WorkoutKind | None:
    """What the session was: the runner's own word, else the plan workout it completed."""
    if activity.sport == "strength":
        return "strength"
    if not activity.is_run:
        return "cross"
    if activity.kind in RUN_KINDS:
        return activity.kind
    if activity.id is not None and planned.get(activity.id) in RUN_KINDS:
        return planned[activity.id]
    return None


def pain_sessions(
    reports: Sequence[PainReport],
    activities: Sequence[Activity],
    planned: Mapping[int, WorkoutKind],
    bands: PainBands,
) -> tuple[PainSession, ...]:
    """Group reports by session, oldest first. Reports at rest are not about a session."""
    by_id = {a.id: a for a in activities if a.id is not None}
    by_day: dict[dt.date, list[Activity]] = {}
    for logged in activities:
        by_day.setdefault(logged.local_date, []).append(logged)
    groups: dict[tuple[str, object], dict[str, int]] = {}
    days: dict[tuple[str, object], tuple[dt.date, Activity | None]] = {}
    for report in sorted(reports, key=lambda r: (r.on, r.id or 0)):
        if report.when == "rest":
            continue
        activity: Activity | None = (
            by_id.get(report.activity_id) if report.activity_id is not None else None
        )
        if activity is None:
            # A next-morning report is about the day before.
            day = report.on - ONE_DAY if report.when == "next_morning" else report.on
            candidates = by_day.get(day, [])
            runs = [a for a in candidates if a.is_run]
            if len(runs) == 1:
                activity = runs[0]
            elif len(candidates) == 1:
                activity = candidates[0]
        key: tuple[str, object]
        if activity is not None:
            key = ("activity", activity.id)
            days[key] = (activity.local_date, activity)
        else:
            day = report.on - ONE_DAY if report.when == "next_morning" else report.on
            key = ("day", day)
            days.setdefault(key, (day, None))
        slot = groups.setdefault(key, {})
        slot[report.when] = max(slot.get(report.when, 0), report.nrs)
    sessions = []
    for key, found in groups.items():
        day, linked = days[key]
        during, after, morning = found.get("during"), found.get("after"), found.get("next_morning")
        sessions.append(
            PainSession(
                on=day,
                kind=session_kind(linked, planned) if linked is not None else None,
                activity_id=linked.id if linked is not None else None,
                during=during,
                after=after,
                next_morning=morning,
                band=session_band(during, after, morning, bands),
            )
        )
    return tuple(sorted(sessions, key=lambda s: (s.on, s.activity_id or 0)))


def between(sessions: Iterable[PainSession], first: dt.date, last: dt.date) -> list[PainSession]:
    return [s for s in sessions if first <= s.on <= last]


def red_in_a_row(
    sessions: Sequence[PainSession], count: int, as_of: dt.date, window_days: int
) -> tuple[PainSession, ...]:
    """The last ``count`` sessions when all are red and the latest is recent; else empty."""
    recent = [s for s in sessions if s.on <= as_of]
    if len(recent) < count:
        return ()
    last = tuple(recent[-count:])
    if all(s.band == "red" for s in last) and (as_of - last[-1].on).days < window_days:
        return last
    return ()


def unsettled_mornings(
    reports: Iterable[PainReport], as_of: dt.date, window_days: int, bands: PainBands
) -> list[PainReport]:
    """Next-morning reports above ``settled_max`` in the window (R2/R3 failing)."""
    first = as_of - dt.timedelta(days=window_days - 1)
    return [
        r
        for r in reports
        if r.when == "next_morning" and first <= r.on <= as_of and r.nrs > bands.settled_max
    ]


def weekly_peaks(sessions: Sequence[PainSession], as_of: dt.date, weeks: int) -> list[int | None]:
    """Peak NRS in each 7-day block ending ``as_of``, newest first (None: no check-ins)."""
    peaks: list[int | None] = []
    for index in range(weeks):
        last = as_of - dt.timedelta(days=7 * index)
        block = between(sessions, last - dt.timedelta(days=6), last)
        peaks.append(max((s.peak for s in block), default=None))
    return peaks


def rising_weeks(sessions: Sequence[PainSession], as_of: dt.date, bands: PainBands) -> int:
    """How many week-on-week rises in a row end this week (R4), counting amber-or-worse peaks."""
    peaks = weekly_peaks(sessions, as_of, 4)
    rises = 0
    for newer, older in itertools.pairwise(peaks):
        if newer is None or older is None or newer <= older or newer < bands.rising_min:
            break
        rises += 1
    return rises


@dataclass(frozen=True, slots=True)
class GreenWeeks:
    green: bool
    since: dt.date  # the first day of the green stretch asked about
    checkins: tuple[int, ...]  # sessions checked in per week, newest first


def green_weeks(
    sessions: Sequence[PainSession],
    rest_reports: Iterable[PainReport],
    as_of: dt.date,
    weeks: int,
    min_checkins: int,
    bands: PainBands,
) -> GreenWeeks:
    """Whether each of the last ``weeks`` 7-day blocks had enough check-ins, all green."""
    rest = list(rest_reports)
    counts: list[int] = []
    green = True
    for index in range(weeks):
        last = as_of - dt.timedelta(days=7 * index)
        first = last - dt.timedelta(days=6)
        block = between(sessions, first, last)
        counts.append(len(block))
        rest_bad = any(first <= r.on <= last and r.nrs > bands.green_max for r in rest)
        if len(block) < min_checkins or rest_bad or any(s.band != "green" for s in block):
            green = False
    since = as_of - dt.timedelta(days=7 * weeks - 1)
    return GreenWeeks(green, since, tuple(counts))


def last_provoked(
    sessions: Iterable[PainSession], kind: WorkoutKind, worst_allowed: Band
) -> PainSession | None:
    """The latest session of ``kind`` whose band was worse than ``worst_allowed``."""
    limit = BANDS.index(worst_allowed)
    found = [s for s in sessions if s.kind == kind and BANDS.index(s.band) > limit]
    return found[-1] if found else None
