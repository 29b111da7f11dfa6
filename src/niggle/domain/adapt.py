"""The adaptation engine: from pain, triage and the log to concrete changes to the plan.

Pure: it reads the plan's workouts, the training log, pain check-ins, check-in flags, the
latest triage and the adaptations already applied, all as of one date, and proposes what the
sessions up to the next review should be. Nothing is written here; the runner applies a
proposal (``niggle adapt --apply``) or not.

How it decides, most cautious first (rules and sources in ``adaptation_rules.yaml``):

1. ``seek_care``: emergency or urgent triage: every session becomes rest and only the action
   is shown. Bone-stress signs at a lower level: runs become non-impact cross-training.
2. ``stop_running`` (R7): soon flags, red pain twice in a row, pain not settling or rising
   for a week, limping, new leg symptoms: runs become cross-training of the same time.
3. ``return_to_run`` (R8): after a stop whose reason has cleared, runs become walk/run
   ladder sessions, once a brisk walk has been pain-free.
4. Otherwise the plan as written, with ``intensity_swap`` (R6) for the kinds that provoke
   pain, ``reintroduce_intensity`` after two green weeks, and ``spike_cap`` (R5) on runs.

Each workout's target is worked out from the plan as written (``originals``), so re-running
the engine after applying its proposal changes nothing, and a change that is no longer needed
is undone with the rule that says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from niggle.domain.activity import Activity
from niggle.domain.adapt_choices import Choice, Planner
from niggle.domain.adapt_kinds import read_kinds
from niggle.domain.adapt_ladder import LadderState, PastAdaptation, ladder_state
from niggle.domain.adapt_pain import green_weeks, pain_sessions, rising_weeks, weekly_peaks
from niggle.domain.adapt_rules import AdaptationRules, AdaptStatus, RuleId, status_rank
from niggle.domain.adapt_triggers import (
    CheckinFlags,
    Trigger,
    day,
    flag_triggers,
    pain_triggers,
    triage_triggers,
)
from niggle.domain.adapt_workouts import easy_pace, rest, same_session
from niggle.domain.pain import PainReport
from niggle.domain.plans import PlannedWorkout, WorkoutKind
from niggle.domain.triage.records import TriageRecord
from niggle.domain.units import UnitSystem

__all__ = [
    "Adaptation",
    "AdaptationInput",
    "Change",
    "CheckinFlags",
    "Note",
    "PastAdaptation",
    "Trigger",
    "adapt",
]

# How long a triage stays current before the weekly re-screen is due (IFOMPT 2020).
RESCREEN_DAYS = 7


@dataclass(frozen=True, slots=True)
class AdaptationInput:
    as_of: dt.date
    units: UnitSystem
    workouts: tuple[PlannedWorkout, ...]
    # Workout id -> the workout as the plan wrote it, for those earlier adaptations changed.
    originals: Mapping[int, PlannedWorkout] = field(default_factory=dict)
    activities: tuple[Activity, ...] = ()
    # Activity id -> kind of the plan workout it completed (when the log does not say).
    planned_kinds: Mapping[int, WorkoutKind] = field(default_factory=dict)
    pain: tuple[PainReport, ...] = ()
    flags: tuple[CheckinFlags, ...] = ()
    triage: TriageRecord | None = None
    history: tuple[PastAdaptation, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    on: dt.date
    before: PlannedWorkout | None
    after: PlannedWorkout | None
    rule: RuleId
    because: str


@dataclass(frozen=True, slots=True)
class Note:
    rule: RuleId
    text: str


@dataclass(frozen=True, slots=True)
class Adaptation:
    as_of: dt.date
    status: AdaptStatus
    review_on: dt.date
    changes: tuple[Change, ...]
    triggers: tuple[Trigger, ...]
    notes: tuple[Note, ...]
    ladder: LadderState | None = None

    @property
    def retriage(self) -> bool:
        return any(t.retriage for t in self.triggers)

    @property
    def act_now(self) -> bool:
        return any(t.act_now for t in self.triggers)


def _most_cautious(triggers: list[Trigger]) -> AdaptStatus:
    status: AdaptStatus = "continue"
    for trigger in triggers:
        if status_rank(trigger.status) > status_rank(status):
            status = trigger.status
    return status


def _notes(
    inp: AdaptationInput, rules: AdaptationRules, rises: int, peaks: list[int | None]
) -> list[Note]:
    notes: list[Note] = []
    triage = inp.triage
    if triage is None:
        notes.append(
            Note(
                "seek_care",
                "niggle has no triage for you yet, so these changes read only your check-ins. "
                "Run niggle triage to screen for warning signs.",
            )
        )
    else:
        if triage.provisional:
            notes.append(
                Note(
                    "seek_care",
                    f"Your triage of {day(triage.taken_on)} is provisional: some safety "
                    "questions are unanswered. Run niggle triage again and answer them.",
                )
            )
        if (inp.as_of - triage.taken_on).days >= RESCREEN_DAYS:
            notes.append(
                Note(
                    "seek_care",
                    f"Your last triage was on {day(triage.taken_on)}: the weekly re-screen is "
                    "due. Run niggle triage again.",
                )
            )
    if rises == 1 and peaks[0] is not None and peaks[1] is not None:
        notes.append(
            Note(
                "pain_bands",
                f"Your peak pain rose from {peaks[1]}/10 last week to {peaks[0]}/10 this week. "
                "It should not trend upward (R4): if it rises again next week, running pauses.",
            )
        )
    if not any(r.on <= inp.as_of for r in inp.pain):
        notes.append(
            Note(
                "pain_bands",
                "No check-ins yet. After each run, record your pain with niggle checkin "
                "(during, after, and the next morning) so niggle can read how you respond.",
            )
        )
    return notes


def adapt(rules: AdaptationRules, inp: AdaptationInput) -> Adaptation:
    """Propose the plan for the sessions from ``as_of`` up to the next review."""
    as_of = inp.as_of
    pain = tuple(r for r in inp.pain if r.on <= as_of)
    activities = tuple(a for a in inp.activities if a.local_date <= as_of)
    sessions = pain_sessions(pain, activities, inp.planned_kinds, rules.bands)

    triggers = [
        *triage_triggers(inp.triage, rules),
        *flag_triggers(inp.flags, inp.triage, as_of),
        *pain_triggers(sessions, pain, as_of, rules),
    ]
    stop_status = _most_cautious(triggers)
    ladder = None
    if stop_status in ("continue", "modify"):
        ladder = ladder_state(inp.history, activities, sessions, rules.ladder, as_of)
        if ladder is not None and ladder.complete:
            ladder = None
    window_status: AdaptStatus = stop_status
    if ladder is not None:
        window_status = "modify" if ladder.walk_test_on else "pause_running"
    review_on = as_of + dt.timedelta(days=rules.review_days[window_status])

    greens = green_weeks(
        sessions,
        [r for r in pain if r.when == "rest"],
        as_of,
        rules.reintroduce.green_weeks,
        rules.reintroduce.min_checkins_per_week,
        rules.bands,
    )
    planner = Planner(
        rules=rules,
        units=inp.units,
        as_of=as_of,
        triggers=tuple(triggers),
        kinds=read_kinds(sessions, inp.triage, greens, rules),
        greens=greens,
        ladder=ladder,
        pace=easy_pace(inp.workouts),
        activities=activities,
    )
    window = sorted(
        (
            w
            for w in inp.workouts
            if as_of <= w.on < review_on
            and w.activity_id is None
            and w.status in ("planned", "changed")
        ),
        key=lambda w: (w.on, w.id or 0),
    )
    changes: list[Change] = []
    differs_from_plan = False
    for current in window:
        original = inp.originals.get(current.id, current) if current.id is not None else current
        choice = planner.choose(original, current)
        target = _guard(choice, planner)
        if not same_session(target.workout, original):
            differs_from_plan = True
        if not same_session(target.workout, current):
            changes.append(Change(current.on, current, target.workout, target.rule, target.because))
    status = stop_status
    if status_rank(window_status) > status_rank(status):
        status = window_status
    if status == "continue" and (differs_from_plan or planner.intensity_held_back()):
        status = "modify"
    rises = rising_weeks(sessions, as_of, rules.bands)
    notes = _notes(inp, rules, rises, weekly_peaks(sessions, as_of, 2))
    notes += [Note(rule, text) for rule, text in planner.notes()]
    if planner.act_now:
        # Emergency or urgent care: the action only, nothing about running or training.
        triggers = [t for t in triggers if t.rule == "seek_care"]
        notes = [n for n in notes if n.rule == "seek_care"]
    return Adaptation(
        as_of=as_of,
        status=status,
        review_on=review_on,
        changes=tuple(changes),
        triggers=tuple(triggers),
        notes=tuple(notes),
        ladder=ladder,
    )


def _guard(choice: Choice, planner: Planner) -> Choice:
    """Whatever the rules above decided, nothing invites running at act-now care levels."""
    if not planner.act_now or choice.workout.kind == "rest":
        return choice
    trigger = next(t for t in planner.triggers if t.act_now)
    because = trigger.brief or trigger.because
    safe = rest(replace(choice.workout, status="changed"), "Rest: see a clinician first", because)
    return Choice(safe, "seek_care", because)
