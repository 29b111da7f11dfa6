"""Adaptations on the plan calendar: the proposed changes as a diff, Accept, Decline, Undo.

Consent is the rule (docs/ADAPT.md): the calendar only shows what niggle proposes; nothing
changes until the runner presses Accept. Accept carries a fingerprint of the changes the
runner saw, and is refused if the proposal worked out again now differs (a check-in logged
in another tab, a new day), so the runner never agrees to changes they were not shown.

Decline writes nothing and records nothing: the plan stays as it is, and the proposal is
folded away on the page that follows. Because the proposal is worked out afresh from the
check-ins and triage on every visit, it is offered again on the next visit for as long as
they still call for it.

A pause with nothing to change: when pain or triage say to pause or stop running but no run
is left in the window to change, the calendar explains it and offers to record the pause,
the same ``adapt.apply_adaptation`` call as ``niggle adapt --apply``. The record changes no
session; the return-to-run ladder counts from it. Undo takes it back like any applied set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from niggle.domain.adapt import Adaptation
from niggle.domain.adapt_records import AppliedAdaptation, AppliedChange
from niggle.domain.adapt_workouts import workout_line
from niggle.domain.athlete import Athlete
from niggle.domain.errors import NotFound
from niggle.domain.plans import Plan
from niggle.domain.triage.records import TriageRecord
from niggle.domain.units import UnitSystem
from niggle.services import adapt, triage
from niggle.web.deps import ClockDep, CurrentAthlete, DbDep
from niggle.web.templating import render

router = APIRouter()

ACT_NOW = ("emergency", "urgent")  # the care levels that show only the action (as Today)
STATUS_WORDS = {
    "continue": "Carry on with the plan",
    "modify": "Keep running, with changes",
    "pause_running": "Pause running; cross-train instead",
    "stop_and_seek_care": "Stop running and see a clinician",
}


def act_now_triage(db: DbDep, athlete: Athlete) -> TriageRecord | None:
    """The latest triage when it is at an act-now level, else None."""
    assert athlete.id is not None
    latest = triage.latest_triage(db, athlete.id)
    return latest if latest is not None and latest.care_level in ACT_NOW else None


def render_act_now(
    request: Request, athlete: Athlete, record: TriageRecord, today: dt.date
) -> Response:
    # Clinical safety rule: at emergency and urgent levels only the action to take is shown,
    # nothing that invites more running (the same page Today shows).
    return render(
        request,
        "act_now.html",
        {"active": "plan", "athlete": athlete, "triage": record, "today": today},
    )


def fingerprint(adaptation: Adaptation) -> str:
    """A digest of the changes as shown, so Accept applies exactly what the runner saw."""
    shown = [
        [
            c.on.isoformat(),
            c.before.id if c.before else None,
            workout_line(c.before, "km"),
            workout_line(c.after, "km"),
            c.after.note if c.after else None,
            c.rule,
            c.because,
        ]
        for c in adaptation.changes
    ]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]


def _rule_title(rule: str) -> str:
    for known, info in adapt.rules().info.items():
        if known == rule:
            return info.title
    return rule


def proposal_context(view: adapt.AdaptView, units: UnitSystem) -> dict[str, Any]:
    a = view.adaptation
    return {
        "status": a.status,
        "status_words": STATUS_WORDS.get(a.status, a.status),
        "review_on": a.review_on,
        "changes": [
            {
                "date": c.on,
                "before": workout_line(c.before, units),
                "after": workout_line(c.after, units),
                "rule": c.rule,
                "rule_title": _rule_title(c.rule),
                "because": c.because,
            }
            for c in a.changes
        ],
        "triggers": [t.because for t in a.triggers],
        "notes": [n.text for n in a.notes],
        "retriage": a.retriage,
        "fingerprint": fingerprint(a),
    }


def applied_reasons(db: DbDep, athlete: Athlete, plan: Plan) -> dict[int, dict[str, str]]:
    """For each session an applied adaptation changed: its rule and plain-English reason."""
    found: dict[int, AppliedChange] = adapt.changed_this_week(db, athlete, plan, plan.workouts)
    return {
        workout_id: {
            "rule": change.rule,
            "rule_title": _rule_title(change.rule),
            "because": change.because,
            "was": workout_line(change.before, athlete.units),
        }
        for workout_id, change in found.items()
    }


def pause_fingerprint(adaptation: Adaptation) -> str:
    """A digest of the stop as shown (status, review day, reasons), so Record pause records
    only the pause the runner read."""
    shown = [
        adaptation.status,
        adaptation.review_on.isoformat(),
        [t.because for t in adaptation.triggers],
    ]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]


def pause_context(view: adapt.AdaptView, units: UnitSystem) -> dict[str, Any]:
    """A stop with no session to change: why, until when, and what recording it does."""
    return {
        **proposal_context(view, units),
        "stop": view.adaptation.status,
        "fingerprint": pause_fingerprint(view.adaptation),
    }


def recorded_stop_context(last: AppliedAdaptation | None) -> dict[str, Any] | None:
    """The pause recorded with no session changed, while it is the set Undo would take back
    (a stop that changed sessions shows through those sessions and the usual Undo)."""
    if last is None or last.changes or last.status not in adapt.STOPPED:
        return None
    return {
        "status": last.status,
        "title": "Running stopped" if last.status == "stop_and_seek_care" else "Running paused",
        "applied_on": last.applied_on,
        "as_of": last.as_of,
    }


def adaptation_context(
    db: DbDep, athlete: Athlete, plan: Plan | None, today: dt.date
) -> dict[str, Any]:
    """What the calendar shows of adaptations: the proposal, the applied reasons, and a
    pause to record (or recorded) when no session is left to change."""
    if plan is None:
        return {"proposal": None, "reasons": {}, "pause": None, "recorded_stop": None}
    reasons = applied_reasons(db, athlete, plan)
    last = adapt.last_applied(db, athlete, plan)
    proposal = pause = None
    if today <= plan.race.date:
        view = adapt.propose_for_plan(db, athlete, plan, today)
        proposal = proposal_context(view, athlete.units)
        if adapt.stop_to_record(view, last):
            pause = pause_context(view, athlete.units)
    return {
        "proposal": proposal,
        "reasons": reasons,
        "pause": pause,
        "recorded_stop": recorded_stop_context(last),
    }


@router.post("/plan/adaptation/accept")
def accept(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    seen: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Apply the proposal the runner saw, as one transaction, through the service."""
    today = clock.today()
    record = act_now_triage(db, athlete)
    if record is not None:
        return render_act_now(request, athlete, record, today)
    view = adapt.propose_adaptation(db, athlete.name, today)
    if not view.adaptation.changes:
        return RedirectResponse("/plan?saved=nothing", status_code=303)
    if seen != fingerprint(view.adaptation):
        return RedirectResponse("/plan?saved=stale", status_code=303)
    # The service works the proposal out once more inside its write; it refuses (409) if a
    # session changed in between, so what is written is what was just compared.
    adapt.apply_adaptation(db, athlete.name, today)
    return RedirectResponse("/plan?saved=adapted", status_code=303)


@router.post("/plan/adaptation/pause")
def record_pause(
    request: Request,
    athlete: CurrentAthlete,
    db: DbDep,
    clock: ClockDep,
    seen: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Record the pause the runner was shown, as ``niggle adapt --apply`` does, when no
    session is left to change."""
    today = clock.today()
    record = act_now_triage(db, athlete)
    if record is not None:
        return render_act_now(request, athlete, record, today)
    view = adapt.propose_adaptation(db, athlete.name, today)
    last = adapt.last_applied(db, athlete, view.plan)
    status = view.adaptation.status
    if (
        view.adaptation.changes
        or status not in adapt.STOPPED
        or seen != pause_fingerprint(view.adaptation)
    ):
        # What the page showed no longer stands (a new check-in, a new day): show it now.
        return RedirectResponse("/plan?saved=stale", status_code=303)
    if not adapt.stop_to_record(view, last):
        return RedirectResponse("/plan?saved=paused", status_code=303)  # already recorded
    adapt.apply_adaptation(db, athlete.name, today)
    return RedirectResponse("/plan?saved=paused", status_code=303)


@router.post("/plan/adaptation/decline")
def decline(athlete: CurrentAthlete) -> Response:
    """Nothing is written: the plan stays as it is (see the module docstring)."""
    return RedirectResponse("/plan?saved=declined", status_code=303)


@router.post("/plan/adaptation/undo")
def undo(request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep) -> Response:
    """Put the sessions back exactly as the last applied set found them."""
    today = clock.today()
    record = act_now_triage(db, athlete)
    if record is not None:
        # Undoing now could put runs back on the calendar; only the action is shown.
        return render_act_now(request, athlete, record, today)
    try:
        undone = adapt.undo_adaptation(db, athlete.name, today)
    except NotFound:
        return RedirectResponse("/plan?saved=nothing-to-undo", status_code=303)
    if not undone.undone.changes:
        return RedirectResponse("/plan?saved=pause-undone", status_code=303)
    return RedirectResponse("/plan?saved=undone", status_code=303)


NOTICES = {
    "adapted": "Done: the changes are in your plan. Undo puts the sessions back as they were.",
    "declined": (
        "Nothing changed. The suggestion is folded away below; niggle works it out again "
        "from your check-ins each time you open the plan, so it comes back while they still "
        "call for it."
    ),
    "stale": (
        "The suggestion changed since the page was shown (a new check-in or a new day), so "
        "nothing was changed. Here it is as it stands now."
    ),
    "nothing": "There is nothing to change now; your plan already matches.",
    "undone": "The last changes were undone: those sessions are back as they were.",
    "nothing-to-undo": "There is nothing to undo.",
    "paused": (
        "Recorded: no running for now. No session needed changing; when the reason clears, "
        "niggle brings running back step by step, counting from the day of this record."
    ),
    "pause-undone": "The recorded pause was undone; no session had changed.",
}
