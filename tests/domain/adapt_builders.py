"""Small builders for adaptation scenarios: a FIRST-like week, a training log, pain, triage.

The week: Tue track repeats (5 x 1000 m), Wed cross-training, Thu tempo (1 mi easy + 5 mi
tempo + 1 mi easy), Fri cross-training, Sat easy 5 mi, Sun long run. Values are invented and
round so the expected figures can be worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from niggle.domain.activity import Activity, RunKind, Sport
from niggle.domain.adapt import Adaptation, AdaptationInput, adapt
from niggle.domain.adapt_ladder import PastAdaptation
from niggle.domain.adapt_rules import AdaptationRules
from niggle.domain.adapt_triggers import CheckinFlags
from niggle.domain.pain import PainReport, PainWhen
from niggle.domain.plans import PlannedWorkout, Step, target_pace, workout_totals
from niggle.domain.triage.levels import CareLevel, Classification, RunningStatus
from niggle.domain.triage.records import TriageRecord
from niggle.domain.units import METRES_PER_MILE
from niggle.knowledge.adaptation import load_adaptation_rules

AS_OF = dt.date(2026, 11, 30)  # a Monday
EASY = 340.0  # s/km
REP = 250.0
TEMPO = 290.0
LONG = 360.0
MILE = METRES_PER_MILE


def rules() -> AdaptationRules:
    return load_adaptation_rules()


def monday(weeks_from_as_of: int) -> dt.date:
    return AS_OF + dt.timedelta(weeks=weeks_from_as_of)


def _workout(
    wid: int, on: dt.date, kind: Any, title: str, steps: tuple[Step, ...] = (), **extra: Any
) -> PlannedWorkout:
    distance, duration = workout_totals(steps, EASY)
    return PlannedWorkout(
        id=wid,
        week=1,
        on=on,
        kind=kind,
        title=title,
        steps=steps,
        distance_m=distance if steps else extra.pop("distance_m", None),
        duration_s=duration if steps else extra.pop("duration_s", None),
        target_pace_s_per_km=target_pace(steps),
        **extra,
    )


def intervals(wid: int, on: dt.date, reps: int = 5) -> PlannedWorkout:
    steps = (
        Step("warmup", duration_s=900, pace="easy", pace_s_per_km=EASY),
        Step(
            "repeat",
            repeat=reps,
            steps=(
                Step("work", distance_m=1000, pace="rep_1000", pace_s_per_km=REP),
                Step("recovery", distance_m=400),
            ),
        ),
        Step("cooldown", duration_s=600, pace="easy", pace_s_per_km=EASY),
    )
    return _workout(wid, on, "intervals", f"{reps} x 1000 m", steps)


def tempo(wid: int, on: dt.date, miles: float = 5) -> PlannedWorkout:
    steps = (
        Step("warmup", distance_m=MILE, pace="easy", pace_s_per_km=EASY),
        Step("work", distance_m=miles * MILE, pace="long_tempo", pace_s_per_km=TEMPO),
        Step("cooldown", distance_m=MILE, pace="easy", pace_s_per_km=EASY),
    )
    return _workout(wid, on, "tempo", f"1 mi easy + {miles:g} mi LT + 1 mi easy", steps)


def long_run(wid: int, on: dt.date, metres: float) -> PlannedWorkout:
    steps = (Step("work", distance_m=metres, pace="mp+45", pace_s_per_km=LONG),)
    return _workout(wid, on, "long", f"{metres / 1000:g} km long", steps)


def easy(wid: int, on: dt.date, metres: float = 5 * MILE) -> PlannedWorkout:
    steps = (Step("work", distance_m=metres, pace="easy", pace_s_per_km=EASY),)
    return _workout(wid, on, "easy", "Easy 5 mi", steps)


def cross(wid: int, on: dt.date) -> PlannedWorkout:
    return _workout(wid, on, "cross", "Cross-training", duration_s=2400.0)


def week(first_id: int, start: dt.date, long_m: float = 26_000) -> tuple[PlannedWorkout, ...]:
    """One plan week from Monday ``start``."""
    d = [start + dt.timedelta(days=i) for i in range(7)]
    return (
        intervals(first_id, d[1]),
        cross(first_id + 1, d[2]),
        tempo(first_id + 2, d[3]),
        cross(first_id + 3, d[4]),
        easy(first_id + 4, d[5]),
        long_run(first_id + 5, d[6], long_m),
    )


def plan(weeks: int = 3, long_m: float = 26_000) -> tuple[PlannedWorkout, ...]:
    found: list[PlannedWorkout] = []
    for index in range(weeks):
        found += week(100 + 10 * index, monday(index), long_m)
    return tuple(found)


class Log:
    """A training log with pain, built run by run."""

    def __init__(self) -> None:
        self.activities: list[Activity] = []
        self.pain: list[PainReport] = []
        self.flags: list[CheckinFlags] = []
        self._next = 1

    def session(
        self,
        on: dt.date,
        sport: Sport = "run",
        kind: RunKind | None = "easy",
        metres: float | None = 8000.0,
        seconds: float = 2700.0,
        pain: Iterable[tuple[PainWhen, int]] = (),
    ) -> Activity:
        activity = Activity(
            sport=sport,
            start=dt.datetime.combine(on, dt.time(12, 0), tzinfo=dt.UTC),
            local_date=on,
            elapsed_s=seconds,
            moving_s=seconds,
            distance_m=metres,
            kind=kind if sport == "run" else ("cross" if sport != "strength" else "strength"),
            id=self._next,
        )
        self._next += 1
        self.activities.append(activity)
        for when, nrs in pain:
            report_day = on + dt.timedelta(days=1) if when == "next_morning" else on
            self.report(report_day, nrs, when, activity.id)
        return activity

    def report(
        self, on: dt.date, nrs: int, when: PainWhen = "during", activity_id: int | None = None
    ) -> PainReport:
        report = PainReport(
            on=on, region="lower_back", nrs=nrs, when=when, activity_id=activity_id,
            id=len(self.pain) + 1,
        )  # fmt: skip
        self.pain.append(report)
        return report

    def set_pain(self, on: dt.date, nrs: int) -> None:
        """Change the during-run pain of the session logged on ``on``."""
        ids = {a.id for a in self.activities if a.local_date == on and a.is_run}
        self.pain = [
            replace(p, nrs=nrs) if p.activity_id in ids and p.when == "during" else p
            for p in self.pain
        ]
        if not any(p.activity_id in ids for p in self.pain):
            self.report(on, nrs, "during", next(iter(ids)))

    def usual_weeks(
        self,
        weeks: int,
        *,
        intervals_pain: int | None = None,
        tempo_pain: int | None = None,
        easy_pain: int | None = None,
        long_pain: int | None = None,
        long_m: Sequence[float] = (20_000, 22_000, 24_000, 25_000),
        checkin_all: bool = False,
        swapped_from: dt.date | None = None,
    ) -> None:
        """``weeks`` weeks of the usual pattern ending the Sunday before AS_OF.

        From ``swapped_from`` on, the hard sessions are run as easy runs (an applied swap).
        """
        for index in range(weeks):
            start = AS_OF - dt.timedelta(weeks=weeks - index)
            last = index == weeks - 1

            def pain(value: int | None, this_week: bool) -> list[tuple[PainWhen, int]]:
                if value is not None and this_week:
                    return [("during", value)]
                return [("during", 1)] if checkin_all else []

            swapped = swapped_from is not None and start >= swapped_from
            self.session(
                start + dt.timedelta(days=1),
                kind="easy" if swapped else "intervals",
                metres=9000,
                seconds=2900,
                pain=pain(intervals_pain, last),
            )
            self.session(
                start + dt.timedelta(days=2), sport="ride", kind=None, metres=None, seconds=2400
            )
            self.session(
                start + dt.timedelta(days=3),
                kind="easy" if swapped else "tempo",
                metres=11_265,
                seconds=3500,
                pain=pain(tempo_pain, last),
            )
            self.session(
                start + dt.timedelta(days=5),
                kind="easy",
                metres=8000,
                seconds=2700,
                pain=pain(easy_pain, last),
            )
            self.session(start + dt.timedelta(days=6), kind="long",
                         metres=long_m[index % len(long_m)], seconds=8000,
                         pain=pain(long_pain, last))  # fmt: skip


def triage(
    care_level: CareLevel = "self_care",
    *,
    taken_on: dt.date = AS_OF - dt.timedelta(days=2),
    running: RunningStatus = "modify",
    classification: Classification = "non_specific",
    flags: Sequence[tuple[str, str, Sequence[str]]] = (),
    answers: dict[str, Any] | None = None,
    provisional: bool = False,
) -> TriageRecord:
    """A stored triage; ``flags`` are (rule id, urgency, question ids)."""
    return TriageRecord(
        athlete_id=1,
        taken_on=taken_on,
        care_level=care_level,
        running=running,
        classification=classification,
        provisional=provisional,
        answers=answers if answers is not None else {"provoked_by": []},
        document={
            "care_message": f"Care message for {care_level}.",
            "safety_net": "Call 999 if ...",
            "red_flags": [
                {"id": i, "urgency": u, "because": "...", "questions": list(q)} for i, u, q in flags
            ],
        },
        id=7,
    )


def run_engine(
    workouts: Sequence[PlannedWorkout],
    log: Log | None = None,
    *,
    as_of: dt.date = AS_OF,
    triage_record: TriageRecord | None = None,
    originals: dict[int, PlannedWorkout] | None = None,
    history: Sequence[PastAdaptation] = (),
) -> Adaptation:
    log = log or Log()
    return adapt(
        rules(),
        AdaptationInput(
            as_of=as_of,
            units="mi",
            workouts=tuple(workouts),
            originals=originals or {},
            activities=tuple(log.activities),
            pain=tuple(log.pain),
            flags=tuple(log.flags),
            triage=triage_record,
            history=tuple(history),
        ),
    )


def applied(
    workouts: Sequence[PlannedWorkout],
    result: Adaptation,
    originals: dict[int, PlannedWorkout] | None = None,
) -> tuple[tuple[PlannedWorkout, ...], dict[int, PlannedWorkout]]:
    """The plan after applying ``result``, and the originals map the store would keep."""
    by_id = {c.before.id: c.after for c in result.changes if c.before and c.after}
    kept = dict(originals or {})
    for change in result.changes:
        if change.before is not None and change.before.id is not None:
            kept.setdefault(change.before.id, change.before)
    return tuple(by_id.get(w.id, w) or w for w in workouts), kept


def in_window(workouts: Sequence[PlannedWorkout], result: Adaptation) -> list[PlannedWorkout]:
    return [w for w in workouts if result.as_of <= w.on < result.review_on]


def by_day(result: Adaptation) -> dict[dt.date, Any]:
    return {c.on: c for c in result.changes}


def mark_done(workout: PlannedWorkout, activity_id: int) -> PlannedWorkout:
    return replace(workout, status="done", activity_id=activity_id)
