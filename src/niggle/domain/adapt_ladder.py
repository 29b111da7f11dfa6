"""Where a runner stands on the return-to-run ladder (clinical.md §4 R8).

The ladder starts when running was last stopped (an applied adaptation with status
pause_running or stop_and_seek_care) and the reason has cleared. Its prerequisite is a
pain-free brisk walk of ``walk_test_s``. Each run after that moves the runner along: a session
counts when its check-in is green, or amber without rising above the session before ("advance
only if pain, stiffness or swelling has not increased"); ``repeats_per_phase`` such sessions
finish a phase; a red session steps back a phase. Runs without a check-in do not count,
because niggle cannot tell whether the pain rose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from niggle.domain.activity import Activity
from niggle.domain.adapt_pain import PainSession
from niggle.domain.adapt_rules import AdaptStatus, ReturnToRun

STOPPED: frozenset[AdaptStatus] = frozenset({"pause_running", "stop_and_seek_care"})


@dataclass(frozen=True, slots=True)
class PastAdaptation:
    """An adaptation the runner applied (and has not undone)."""

    as_of: dt.date
    status: AdaptStatus


@dataclass(frozen=True, slots=True)
class LadderState:
    stopped_on: dt.date
    walk_test_on: dt.date | None
    phase: int
    repeats_done: int
    last_run_on: dt.date | None
    unchecked_runs: int
    held_back: bool
    complete: bool


def _walk_test(
    activities: Sequence[Activity],
    painful_ids: set[int],
    painful_days: set[dt.date],
    since: dt.date,
    as_of: dt.date,
    seconds: float,
) -> dt.date | None:
    for activity in activities:
        if (
            activity.sport == "walk"
            and since <= activity.local_date <= as_of
            and activity.duration_s >= seconds
            and activity.id not in painful_ids
            and activity.local_date not in painful_days
        ):
            return activity.local_date
    return None


def ladder_state(
    history: Sequence[PastAdaptation],
    activities: Sequence[Activity],
    sessions: Sequence[PainSession],
    ladder: ReturnToRun,
    as_of: dt.date,
) -> LadderState | None:
    """The runner's place on the ladder, or None when running was never stopped."""
    stops = [h.as_of for h in history if h.status in STOPPED and h.as_of <= as_of]
    if not stops:
        return None
    stopped_on = max(stops)
    by_activity = {s.activity_id: s for s in sessions if s.activity_id is not None}
    painful_ids = {s.activity_id for s in sessions if s.activity_id is not None and s.peak > 0}
    painful_days = {s.on for s in sessions if s.activity_id is None and s.peak > 0}
    walk_on = _walk_test(
        activities, painful_ids, painful_days, stopped_on, as_of, ladder.walk_test_s
    )
    runs = sorted(
        (a for a in activities if a.is_run and stopped_on < a.local_date <= as_of),
        key=lambda a: a.start,
    )
    phase, done, previous, unchecked, held = 1, 0, None, 0, False
    for run in runs:
        session = by_activity.get(run.id) if run.id is not None else None
        if session is None:
            unchecked += 1
            continue
        if session.band == "red":
            phase, done, held = max(1, phase - 1), 0, True
        elif session.band == "amber" and previous is not None and session.peak > previous:
            done, held = 0, True
        else:
            done, held = done + 1, False
            if done >= ladder.repeats_per_phase:
                phase, done = phase + 1, 0
        previous = session.peak
    return LadderState(
        stopped_on=stopped_on,
        walk_test_on=walk_on,
        phase=min(phase, ladder.top),
        repeats_done=done,
        last_run_on=runs[-1].local_date if runs else None,
        unchecked_runs=unchecked,
        held_back=held,
        complete=phase > ladder.top,
    )


def next_phases(state: LadderState, ladder: ReturnToRun, slots: int) -> list[int]:
    """The phase of each of the next ``slots`` ladder sessions, if each goes well."""
    phase, done = state.phase, state.repeats_done
    planned = []
    for _ in range(slots):
        planned.append(phase)
        done += 1
        if done >= ladder.repeats_per_phase and phase < ladder.top:
            phase, done = phase + 1, 0
    return planned
