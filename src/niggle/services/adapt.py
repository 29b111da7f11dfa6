"""Plan adaptation: propose changes from pain and triage, apply them with consent, undo them.

``propose_adaptation`` reads and never writes. ``apply_adaptation`` works the proposal out
again and writes every changed workout and the record of the set in one transaction, so the
plan is never half-changed. ``undo_adaptation`` puts back the rows exactly as the last applied
set found them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from niggle.domain.adapt import Adaptation, AdaptationInput, PastAdaptation, adapt
from niggle.domain.adapt_records import AppliedAdaptation, AppliedChange
from niggle.domain.adapt_rules import AdaptationRules
from niggle.domain.adapt_workouts import same_session
from niggle.domain.athlete import Athlete
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.domain.plans import Plan, PlannedWorkout, WorkoutKind
from niggle.domain.triage.records import TriageRecord
from niggle.knowledge.adaptation import load_adaptation_rules
from niggle.services.activities import list_activities, list_pain_reports
from niggle.services.checkins import checkin_flags
from niggle.services.plans import current_plan, workout_document
from niggle.services.triage import triage_history
from niggle.store import adaptations as repo
from niggle.store.db import Database

# How far back the log is read: long enough for two green weeks, the spike rule's 30 days,
# and a return-to-run ladder that started after a stop weeks ago. Product default.
HISTORY_DAYS: Final = 180
CONSENT: Final = "Nothing has changed yet. To make these changes, run: niggle adapt --apply"
STOPPED: Final = ("pause_running", "stop_and_seek_care")


@dataclass(frozen=True)
class AdaptView:
    athlete: Athlete
    plan: Plan
    adaptation: Adaptation
    triage: TriageRecord | None
    applied: AppliedAdaptation | None = None


@dataclass(frozen=True)
class UndoneView:
    athlete: Athlete
    plan: Plan
    undone: AppliedAdaptation
    moved_on: tuple[PlannedWorkout, ...]  # rows the runner had changed since (now put back)


def _athlete_id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise RuntimeError(f"athlete {athlete.name!r} has no id")
    return athlete.id


def _plan_id(plan: Plan) -> int:
    if plan.id is None:
        raise RuntimeError("the active plan has no id")
    return plan.id


def _check_as_of(as_of: dt.date, today: dt.date, plan: Plan) -> None:
    if as_of > today:
        raise InvalidInput(
            f"--as-of {as_of.isoformat()} is in the future (today is {today.isoformat()}). "
            "Adaptation reads what has happened; leave --as-of out to use today."
        )
    if as_of > plan.race.date:
        raise InvalidInput(
            f"The plan's race ({plan.race.date.isoformat()}) is before {as_of.isoformat()}; "
            "there is nothing left to adapt. Create a new plan with niggle plan create."
        )


def _originals(applied: list[AppliedAdaptation]) -> dict[int, PlannedWorkout]:
    """Each workout as it was before the first applied (and not undone) change to it."""
    found: dict[int, PlannedWorkout] = {}
    for adaptation in applied:
        for change in adaptation.changes:
            if change.before is not None and change.workout_id not in found:
                found[change.workout_id] = change.before
    return found


def _latest_triage(db: Database, athlete_id: int, as_of: dt.date) -> TriageRecord | None:
    taken = [t for t in triage_history(db, athlete_id) if t.taken_on <= as_of]
    return taken[-1] if taken else None


def _inputs(
    db: Database, athlete: Athlete, plan: Plan, as_of: dt.date
) -> tuple[AdaptationInput, TriageRecord | None]:
    athlete_id = _athlete_id(athlete)
    first = as_of - dt.timedelta(days=HISTORY_DAYS)
    with db.begin() as session:
        applied = repo.applied_sets(session, athlete_id, _plan_id(plan))
    triage = _latest_triage(db, athlete_id, as_of)
    planned: dict[int, WorkoutKind] = {
        w.activity_id: w.kind for w in plan.workouts if w.activity_id is not None
    }
    return (
        AdaptationInput(
            as_of=as_of,
            units=athlete.units,
            workouts=plan.workouts,
            originals=_originals(applied),
            activities=tuple(list_activities(db, athlete_id, first, as_of)),
            planned_kinds=planned,
            pain=tuple(list_pain_reports(db, athlete_id, first, as_of)),
            flags=tuple(checkin_flags(db, athlete_id, first, as_of)),
            triage=triage,
            history=tuple(PastAdaptation(a.as_of, a.status) for a in applied),
        ),
        triage,
    )


def rules() -> AdaptationRules:
    return load_adaptation_rules()


def propose_adaptation(
    db: Database, athlete_name: str | None, today: dt.date, as_of: dt.date | None = None
) -> AdaptView:
    """What the plan should become from ``as_of`` (default today). Writes nothing."""
    athlete, plan = current_plan(db, athlete_name)
    return propose_for_plan(db, athlete, plan, today, as_of)


def propose_for_plan(
    db: Database, athlete: Athlete, plan: Plan, today: dt.date, as_of: dt.date | None = None
) -> AdaptView:
    """:func:`propose_adaptation` for a plan the caller has already loaded (the plan page)."""
    day = as_of or today
    _check_as_of(day, today, plan)
    inputs, triage = _inputs(db, athlete, plan, day)
    return AdaptView(athlete, plan, adapt(rules(), inputs), triage)


def apply_adaptation(
    db: Database, athlete_name: str | None, today: dt.date, as_of: dt.date | None = None
) -> AdaptView:
    """Work the proposal out again and write it, with its record, in one transaction."""
    view = propose_adaptation(db, athlete_name, today, as_of)
    adaptation, plan = view.adaptation, view.plan
    if not adaptation.changes and adaptation.status not in STOPPED:
        return view  # nothing to write; a stop is still recorded, as the ladder starts from it
    plan_id = _plan_id(plan)
    snapshots: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
    applied_changes: list[AppliedChange] = []
    with db.begin() as session:
        for change in adaptation.changes:
            if change.before is None or change.before.id is None or change.after is None:
                raise RuntimeError("adaptation changes replace stored workouts")
            row = repo.workout_row(session, change.before.id)
            if row is None or row.plan_id != plan_id:
                raise Conflict(
                    "The plan changed while the adaptation was worked out; run niggle adapt "
                    "again to see the changes now."
                )
            before = repo.snapshot(row)
            stored = repo.workout_from_snapshot(before)
            if not same_session(stored, change.before) or stored.status != change.before.status:
                raise Conflict(
                    f"The workout on {change.on.isoformat()} changed while the adaptation was "
                    "worked out; run niggle adapt again."
                )
            repo.write_values(row, repo.workout_values(change.after))
            session.flush()
            snapshots.append((before, repo.snapshot(row)))
            applied_changes.append(
                AppliedChange(
                    workout_id=change.before.id,
                    on=change.on,
                    rule=change.rule,
                    because=change.because,
                    before=change.before,
                    after=change.after,
                )
            )
        record = repo.add_set(
            session,
            AppliedAdaptation(
                athlete_id=_athlete_id(view.athlete),
                plan_id=plan_id,
                as_of=adaptation.as_of,
                applied_on=today,
                status=adaptation.status,
                review_on=adaptation.review_on,
                changes=tuple(applied_changes),
                document=adaptation_document(view),
            ),
            snapshots,
        )
    athlete, updated = current_plan(db, view.athlete.name)
    return AdaptView(athlete, updated, adaptation, view.triage, record)


def last_applied(db: Database, athlete: Athlete, plan: Plan) -> AppliedAdaptation | None:
    """The set applied last to ``plan`` and not undone (what Undo would take back)."""
    with db.begin() as session:
        row = repo.last_applied_row(session, _athlete_id(athlete), _plan_id(plan))
        return None if row is None else repo.to_domain(row)


def stop_to_record(view: AdaptView, last: AppliedAdaptation | None) -> bool:
    """True when the proposal stops running but leaves no session to change, and running is
    not recorded as stopped yet.

    Applying such a proposal changes no session; it records the stop, and the return-to-run
    ladder counts from the day of the last recorded stop (docs/ADAPT.md). A stop counts as
    recorded while it is the last set applied and not undone: until the runner applies a
    later change, running has not been brought back, so there is nothing new to record.
    """
    a = view.adaptation
    if a.status not in STOPPED or a.changes:
        return False
    return last is None or last.status not in STOPPED


def undo_adaptation(db: Database, athlete_name: str | None, today: dt.date) -> UndoneView:
    """Put the plan back exactly as it was before the last applied set."""
    athlete, plan = current_plan(db, athlete_name)
    athlete_id, plan_id = _athlete_id(athlete), _plan_id(plan)
    moved_on: list[PlannedWorkout] = []
    with db.begin() as session:
        row = repo.last_applied_row(session, athlete_id, plan_id)
        if row is None:
            raise NotFound(
                f"Nothing to undo: no adaptation applied to {athlete.name}'s plan is left "
                "to undo. See what niggle suggests with: niggle adapt"
            )
        for change in sorted(row.changes, key=lambda c: c.position, reverse=True):
            workout = repo.workout_row(session, change.workout_id)
            if workout is None or workout.plan_id != plan_id:
                raise Conflict(
                    "A workout this adaptation changed is no longer in the plan, so it cannot "
                    "be put back exactly. Nothing was undone."
                )
            if change.after is not None and repo.snapshot(workout) != change.after:
                moved_on.append(repo.workout_from_snapshot(repo.snapshot(workout)))
            if change.before is not None:
                repo.write_values(workout, change.before)
        row.undone_on = today
        session.flush()
        undone = repo.to_domain(row)
    athlete, updated = current_plan(db, athlete.name)
    return UndoneView(athlete, updated, undone, tuple(moved_on))


def changed_this_week(
    db: Database, athlete: Athlete, plan: Plan, workouts: tuple[PlannedWorkout, ...]
) -> dict[int, AppliedChange]:
    """For each changed workout shown, the applied change that made it what it is now."""
    ids = {w.id for w in workouts if w.id is not None and w.status == "changed"}
    if not ids or plan.id is None:
        return {}
    with db.begin() as session:
        applied = repo.applied_sets(session, _athlete_id(athlete), plan.id)
    found: dict[int, AppliedChange] = {}
    for adaptation in applied:
        for change in adaptation.changes:
            if change.workout_id in ids:
                found[change.workout_id] = change
    return found


# ----------------------------------------------------------------------------- documents


def _change_document(view: AdaptView, index: int) -> dict[str, Any]:
    change = view.adaptation.changes[index]
    info = rules().info[change.rule]
    return {
        "date": change.on.isoformat(),
        "before": workout_document(change.before) if change.before is not None else None,
        "after": workout_document(change.after) if change.after is not None else None,
        "rule": change.rule,
        "rule_title": info.title,
        "because": change.because,
        "source": info.source,
        "product_default": info.product_default,
    }


def adaptation_document(view: AdaptView) -> dict[str, Any]:
    """The contract's JSON for ``niggle adapt`` (plus triggers, notes, rules and consent)."""
    a = view.adaptation
    known = rules()
    used = sorted({c.rule for c in a.changes} | {t.rule for t in a.triggers})
    triage = view.triage
    document: dict[str, Any] = {
        "schema_version": 1,
        "athlete": view.athlete.name,
        "plan_id": view.plan.id,
        "as_of": a.as_of.isoformat(),
        "status": a.status,
        "review_on": a.review_on.isoformat(),
        "changes": [_change_document(view, i) for i in range(len(a.changes))],
        "triggers": [
            {
                "rule": t.rule,
                "status": t.status,
                "because": t.because,
                "retriage": t.retriage,
                "act_now": t.act_now,
            }
            for t in a.triggers
        ],
        "notes": [{"rule": n.rule, "text": n.text} for n in a.notes],
        "retriage": a.retriage,
        "act_now": a.act_now,
        "care_message": (triage.document.get("care_message") if triage and a.act_now else None),
        "safety_net": triage.document.get("safety_net") if triage else None,
        "triage": (
            {
                "date": triage.taken_on.isoformat(),
                "care_level": triage.care_level,
                "running": triage.running,
                "classification": triage.classification,
            }
            if triage
            else None
        ),
        "ladder": (
            {
                "stopped_on": a.ladder.stopped_on.isoformat(),
                "walk_test_on": a.ladder.walk_test_on.isoformat()
                if a.ladder.walk_test_on
                else None,
                "phase": a.ladder.phase,
                "repeats_done": a.ladder.repeats_done,
            }
            if a.ladder is not None
            else None
        ),
        "rules": [
            {
                "id": rule,
                "code": known.info[rule].code,
                "title": known.info[rule].title,
                "summary": known.info[rule].summary,
                "source": known.info[rule].source,
                "product_default": known.info[rule].product_default,
            }
            for rule in used
        ],
        "applied": view.applied is not None,
        "adaptation_id": view.applied.id if view.applied is not None else None,
    }
    if view.applied is None and a.changes:
        document["consent"] = CONSENT
    return document


def undone_document(view: UndoneView) -> dict[str, Any]:
    undone = view.undone
    return {
        "schema_version": 1,
        "athlete": view.athlete.name,
        "plan_id": view.plan.id,
        "undone": {
            "adaptation_id": undone.id,
            "as_of": undone.as_of.isoformat(),
            "applied_on": undone.applied_on.isoformat(),
            "status": undone.status,
        },
        "restored": [
            {
                "date": c.on.isoformat(),
                "workout": workout_document(c.before) if c.before is not None else None,
                "was": workout_document(c.after) if c.after is not None else None,
            }
            for c in undone.changes
        ],
        "moved_on": [workout_document(w) for w in view.moved_on],
    }
