"""Training history for the demo athlete, as Sam would have logged it.

Two base weeks of easy running at Sam's usual 27 miles, then the demo plan's completed
workouts (FIRST: three key runs a week and two cross-training days; about three weeks),
with the small wobbles of real running: a little longer or shorter, a little faster or
slower, an RPE for each. The low back pain of niggle's founding
story comes on in the two hardest sessions: the 6 x 800 m repeats and the 7-mile tempo
run, each with a pain report (NRS 4-6 during the run). All values are invented for the
demo; none comes from a real runner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from niggle.domain.activity import RunKind, Sport
from niggle.domain.dates import week_start
from niggle.domain.pain import PainReport
from niggle.domain.plans import PlannedWorkout
from niggle.domain.units import METRES_PER_MILE
from niggle.services.activities import log_cross, log_run
from niggle.store.db import Database

# A fixed wobble per session (fraction of distance and time), so the demo is the same
# every time it is seeded.
_WOBBLE: Final = (0.01, -0.015, 0.02, 0.0, -0.01, 0.015, -0.02, 0.005, 0.01, -0.005)
_RPE: Final[dict[str, float]] = {"intervals": 8, "tempo": 7, "long": 6, "easy": 4}
_CROSS: Final[tuple[tuple[Sport, float, float, str], ...]] = (
    ("ride", 45 * 60, 4, "Easy spin on the turbo"),
    ("swim", 35 * 60, 4, "Pool, steady lengths"),
    ("elliptical", 40 * 60, 5, "Cross-trainer at the gym"),
)
SIX_BY_800_M: Final = 2 * METRES_PER_MILE + 6 * 800 + 5 * 400  # warm-up/cool-down + reps + jogs
SEVEN_MILES: Final = 7 * METRES_PER_MILE


@dataclass(frozen=True)
class _Session:
    on: dt.date
    kind: str
    title: str
    distance_m: float | None
    duration_s: float


def _fallback_schedule(today: dt.date) -> list[_Session]:
    """FIRST's weekly rhythm over the last three weeks, for a demo without a stored plan."""
    first = week_start(today) - dt.timedelta(weeks=2)
    week: list[tuple[int, str, str, float | None, float]] = [
        (1, "intervals", "Track repeats", 9_600.0, 2_900.0),
        (2, "cross", "Cross-training", None, 2_400.0),
        (3, "tempo", "Tempo", SEVEN_MILES, 3_550.0),
        (4, "cross", "Cross-training", None, 2_400.0),
        (6, "long", "Long run", 15 * METRES_PER_MILE, 8_100.0),
    ]
    return [
        _Session(first + dt.timedelta(weeks=w, days=day), kind, title, distance, seconds)
        for w in range(3)
        for day, kind, title, distance, seconds in week
    ]


def _base_weeks(plan_start: dt.date) -> list[_Session]:
    """The two weeks before the plan: Sam's usual 27 miles, all easy, a 9-mile long run."""
    first = week_start(plan_start) - dt.timedelta(weeks=2)
    easy_pace_s_per_mi = 9 * 60 + 15
    week = [(1, 5.0), (2, 4.0), (3, 5.0), (5, 4.0), (6, 9.0)]
    return [
        _Session(
            first + dt.timedelta(weeks=w, days=day),
            "long" if miles > 8 else "easy",
            "Long easy run" if miles > 8 else "Easy run",
            miles * METRES_PER_MILE,
            miles * easy_pace_s_per_mi,
        )
        for w in range(2)
        for day, miles in week
    ]


def _from_plan(workouts: Sequence[PlannedWorkout]) -> list[_Session]:
    return [
        _Session(w.on, w.kind, w.title, w.distance_m, w.duration_s or 2_400.0)
        for w in workouts
        if w.status == "done" and not w.optional and w.kind != "rest"
    ]


def seed_history(
    db: Database,
    athlete_id: int,
    today: dt.date,
    planned: Sequence[PlannedWorkout] = (),
) -> str:
    """Log the demo's past sessions and pain reports; returns a one-line summary."""
    plan_sessions = _from_plan(planned) or _fallback_schedule(today)
    plan_start = min((s.on for s in plan_sessions), default=today)
    sessions = [s for s in _base_weeks(plan_start) + plan_sessions if s.on < today]
    sessions.sort(key=lambda s: s.on)
    # The story: the most recent intervals session was 6 x 800 m and the most recent tempo
    # 7 miles; back pain came on in the earlier of the two and was worse in the later.
    last_intervals = next((s for s in reversed(sessions) if s.kind == "intervals"), None)
    last_tempo = next((s for s in reversed(sessions) if s.kind == "tempo"), None)
    painful = sorted((s for s in (last_intervals, last_tempo) if s), key=lambda s: s.on)
    pain_nrs = dict(zip((id(s) for s in painful), (4, 6), strict=False))
    runs = cross = 0
    for index, session in enumerate(sessions):
        wobble = _WOBBLE[index % len(_WOBBLE)]
        time_s = round(session.duration_s * (1 + wobble))
        if session.kind in ("cross", "strength"):
            sport, minutes, rpe, title = _CROSS[cross % len(_CROSS)]
            if session.kind == "strength":
                sport, minutes, rpe, title = "strength", 20 * 60, 5, "Strength and core"
            log_cross(
                db, athlete_id, sport=sport, on=session.on, time_s=minutes, today=today,
                rpe=rpe, title=title,
            )  # fmt: skip
            cross += 1
            continue
        distance = session.distance_m or 8_000.0
        title, note = session.title, None
        if session is last_intervals:
            distance, title = SIX_BY_800_M, "6 x 800 m"
            time_s = round(distance / 3.55)
            note = "Back tightened from the fourth rep; finished the set."
        elif session is last_tempo:
            distance, title = SEVEN_MILES, "7 mi tempo (1 E + 5 tempo + 1 E)"
            time_s = round(distance / 3.4)
            note = "Lower back ached through the tempo miles, worse on the last one."
        pain: list[PainReport] = []
        if id(session) in pain_nrs:
            nrs = pain_nrs[id(session)]
            pain = [
                PainReport(on=session.on, region="lower_back", nrs=nrs, when="during"),
                PainReport(on=session.on, region="lower_back", nrs=max(nrs - 1, 0), when="after"),
            ]
        kind: RunKind | None = session.kind if session.kind in _RPE else None  # type: ignore[assignment]
        log_run(
            db, athlete_id, on=session.on, distance_m=round(distance * (1 + wobble), 1),
            time_s=time_s, today=today, kind=kind, rpe=_RPE.get(session.kind, 5),
            pain=pain, note=note, title=title,
        )  # fmt: skip
        runs += 1
    story = {id(last_intervals): "the 6 x 800 m", id(last_tempo): "the 7-mile tempo"}
    told = " and ".join(f"{story[id(s)]} ({pain_nrs[id(s)]}/10)" for s in painful)
    summary = (
        f"history: {runs} runs and {cross} cross-training sessions (two base weeks, then the "
        "plan's weeks so far)"
    )
    return summary + (f"; lower back pain during {told}" if told else "")
