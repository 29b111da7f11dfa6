"""The rehab programme: build it from triage, show it with current levels, log sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from niggle.domain.activity import check_training_date
from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.rehab import (
    CARE_LEVELS,
    CareLevel,
    RehabNeeds,
    RuleNote,
    SavedProgramme,
    at_least_as_urgent,
    build_programme,
    needs_from_triage,
)
from niggle.domain.rehab_exercises import (
    CLASSIFICATIONS,
    PROVOKERS,
    Classification,
    Exercise,
    ExerciseLevel,
    ExerciseLibrary,
    Provoker,
)
from niggle.domain.rehab_progress import (
    LevelChange,
    RehabSession,
    SessionColour,
    check_pain,
    replay,
    session_colour,
)
from niggle.domain.rehab_schedule import place_sessions
from niggle.knowledge.exercises import load_exercise_library
from niggle.services.athletes import find_athlete
from niggle.services.plans import current_plan
from niggle.services.triage import latest_triage
from niggle.store import rehab as repo
from niggle.store.db import Database

TRIAGE_HINT = (
    "Run niggle triage first, or say what triage found with --classification (e.g. "
    "non_specific) and --provoked-by (e.g. tempo,intervals)."
)


@dataclass(frozen=True)
class WeekContext:
    """The runner's week, so sessions avoid key runs: dates of key runs and cross-training."""

    key_run_dates: tuple[dt.date, ...] = ()
    cross_training_dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class RehabView:
    """Everything ``niggle rehab`` shows."""

    athlete: Athlete
    library: ExerciseLibrary
    saved: SavedProgramme | None
    withheld_because: str | None
    notes: tuple[RuleNote, ...]
    levels: dict[str, int]
    sessions: tuple[RehabSession, ...]
    changes: tuple[LevelChange, ...]
    schedule: tuple[dt.date, ...]
    built_now: bool = False


@dataclass(frozen=True)
class LoggedRehab:
    view: RehabView
    session: RehabSession
    colour: SessionColour
    changes: tuple[LevelChange, ...]  # the level changes this session caused


def parse_classification(text: str) -> Classification:
    value = text.strip().lower().replace("-", "_")
    if value not in CLASSIFICATIONS:
        raise InvalidInput(
            f"Unknown classification {text!r}. Use one of: {', '.join(CLASSIFICATIONS)}."
        )
    return value


def parse_care_level(text: str) -> CareLevel:
    value = text.strip().lower().replace("-", "_")
    if value not in CARE_LEVELS:
        raise InvalidInput(f"Unknown care level {text!r}. Use one of: {', '.join(CARE_LEVELS)}.")
    return value


def parse_provokers(text: str) -> frozenset[Provoker]:
    found: set[Provoker] = set()
    for part in text.replace(" ", ",").split(","):
        word = part.strip().lower().replace("-", "_")
        if not word:
            continue
        if word not in PROVOKERS:
            raise InvalidInput(
                f"Unknown provoker {part.strip()!r}. Use any of: {', '.join(PROVOKERS)}."
            )
        found.add(word)
    return frozenset(found)


KEY_RUN_KINDS = frozenset({"intervals", "tempo", "long", "race"})


def plan_week(db: Database, athlete: Athlete, today: dt.date) -> WeekContext:
    """Key runs and cross-training days of the active plan in the seven days from today."""
    try:
        _, plan = current_plan(db, athlete.name)
    except NotFound:
        return WeekContext()
    window = [w for w in plan.workouts if today <= w.on <= today + dt.timedelta(days=7)]
    return WeekContext(
        key_run_dates=tuple(w.on for w in window if w.kind in KEY_RUN_KINDS),
        cross_training_dates=tuple(w.on for w in window if w.kind == "cross"),
    )


def _athlete_id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise RuntimeError(f"athlete {athlete.name!r} has no id")
    return athlete.id


def _view(
    athlete: Athlete,
    library: ExerciseLibrary,
    saved: SavedProgramme,
    logged: Sequence[RehabSession],
    today: dt.date,
    week: WeekContext,
    built_now: bool = False,
) -> RehabView:
    progress = replay(library, saved.start_levels, logged)
    schedule = place_sessions(
        today,
        saved.programme.sessions_per_week,
        week.key_run_dates,
        week.cross_training_dates,
    )
    return RehabView(
        athlete=athlete,
        library=library,
        saved=saved,
        withheld_because=None,
        notes=saved.notes,
        levels={i: s.level for i, s in progress.states.items()},
        sessions=tuple(sorted(logged, key=lambda s: s.on)),
        changes=progress.changes,
        schedule=schedule,
        built_now=built_now,
    )


def rehab_programme(
    db: Database,
    name: str | None,
    today: dt.date,
    *,
    needs: RehabNeeds | None = None,
    rebuild: bool = False,
    week: WeekContext | None = None,
) -> RehabView:
    """The runner's current programme, built (and stored) when needed.

    Findings come from ``needs`` (options) or else the latest stored triage. A triage newer
    than the programme rebuilds it; options never lower an emergency or urgent triage. A build
    that is withheld (emergency or urgent care) retires the current programme, so nothing that
    invites more exercise is shown until the runner has been seen.
    """
    library = load_exercise_library()
    athlete = find_athlete(db, name)
    athlete_id = _athlete_id(athlete)
    if week is None:
        week = plan_week(db, athlete, today)
    latest = latest_triage(db, athlete_id)
    with db.begin() as session:
        saved = repo.current_programme(session, athlete_id)
        logged = repo.sessions(session, saved.id) if saved and saved.id else []

    from_triage = False
    if needs is not None:
        if latest is not None:
            needs = at_least_as_urgent(needs, latest.care_level)
    elif latest is not None and (saved is None or saved.triage_id != latest.id):
        needs = needs_from_triage(latest.care_level, latest.classification, latest.answers)
        from_triage = True
    elif saved is not None and not rebuild:
        return _view(athlete, library, saved, logged, today, week)
    elif saved is not None:
        needs = saved.needs
    else:
        raise NotFound(f"{athlete.name} has no rehab programme yet. {TRIAGE_HINT}")

    decision = build_programme(
        library,
        needs,
        first_day=today,
        key_run_dates=week.key_run_dates,
        cross_training_dates=week.cross_training_dates,
    )
    if decision.programme is None:
        with db.begin() as session:
            current = repo.current_programme_row(session, athlete_id)
            if current is not None:
                current.replaced_on = today
        return RehabView(
            athlete=athlete,
            library=library,
            saved=None,
            withheld_because=decision.withheld_because,
            notes=decision.notes,
            levels={},
            sessions=(),
            changes=(),
            schedule=(),
            built_now=True,
        )
    provokers = ", ".join(sorted(needs.provoked_by)) or "nothing named"
    if from_triage and latest is not None:
        built_from = f"triage of {latest.taken_on.isoformat()}"
    else:
        built_from = f"options: {needs.classification}, care {needs.care_level}"
    built_from += f"; provoked by {provokers}"
    notes = decision.notes
    if latest is None:
        notes = (
            *notes,
            RuleNote(
                "not_screened_here",
                "This programme was built from the findings you gave, not from a stored "
                "triage; run niggle triage to screen for warning signs.",
                "niggle safety rule: emergency and urgent flags are always asked explicitly",
            ),
        )
    with db.begin() as session:
        stored = repo.add_programme(
            session,
            SavedProgramme(
                athlete_id=athlete_id,
                created_on=today,
                needs=needs,
                programme=decision.programme,
                notes=notes,
                built_from=built_from,
                triage_id=latest.id if latest is not None else None,
            ),
        )
    return _view(athlete, library, stored, [], today, week, built_now=True)


def log_rehab_session(
    db: Database,
    name: str | None,
    today: dt.date,
    on: dt.date,
    *,
    pain_during: int | None = None,
    settled_next_morning: bool | None = None,
    target_reached: bool | None = None,
    exercises: Sequence[str] | None = None,
    note: str | None = None,
    week: WeekContext | None = None,
) -> LoggedRehab:
    """Log (or complete) the session done on ``on``; answers not given keep earlier ones."""
    library = load_exercise_library()
    athlete = find_athlete(db, name)
    athlete_id = _athlete_id(athlete)
    check_training_date(on, today)
    if week is None:
        week = plan_week(db, athlete, today)
    if pain_during is not None:
        check_pain(pain_during)
    if settled_next_morning is not None and on >= today:
        raise InvalidInput(
            "--settled says how the back felt the morning after the session; log it tomorrow "
            f"with --date {on.isoformat()} --settled yes|no."
        )
    if note is not None and len(note) > 2000:
        raise InvalidInput("Session notes are limited to 2,000 characters.")
    with db.begin() as session:
        saved = repo.current_programme(session, athlete_id)
        if saved is None or saved.id is None:
            raise NotFound(f"{athlete.name} has no rehab programme yet. {TRIAGE_HINT}")
        if on < saved.created_on:
            raise InvalidInput(
                f"The programme started on {saved.created_on.isoformat()}; sessions before "
                "then cannot count towards it."
            )
        in_programme = [e.exercise_id for e in saved.programme.exercises]
        done: tuple[str, ...] | None = None
        if exercises is not None:
            unknown = [e for e in exercises if e not in in_programme]
            if unknown:
                raise InvalidInput(
                    f"Not in your programme: {', '.join(unknown)}. Its exercises are: "
                    f"{', '.join(in_programme)}."
                )
            done = tuple(dict.fromkeys(exercises))
        before = repo.session_on(session, saved.id, on) or RehabSession(on)
        merged = replace(
            before,
            exercises=done if done is not None else before.exercises,
            pain_during=pain_during if pain_during is not None else before.pain_during,
            settled_next_morning=settled_next_morning
            if settled_next_morning is not None
            else before.settled_next_morning,
            target_reached=target_reached if target_reached is not None else before.target_reached,
            note=note if note is not None else before.note,
        )
        stored = repo.save_session(session, saved.id, merged)
        logged = repo.sessions(session, saved.id)
    view = _view(athlete, library, saved, logged, today, week)
    return LoggedRehab(
        view=view,
        session=stored,
        colour=session_colour(stored),
        changes=tuple(c for c in view.changes if c.on == on),
    )


# --- JSON -------------------------------------------------------------------------------------


def _level_text(level: ExerciseLevel) -> str:
    return f"Level {level.level}: {level.dose.describe()} – {level.description}"


def exercise_document(exercise: Exercise, level_number: int) -> dict[str, Any]:
    level = exercise.level(level_number)
    up = exercise.progression(level.level)
    down = exercise.regression(level.level)
    return {
        "id": exercise.id,
        "name": exercise.name,
        "target": exercise.target,
        "category": exercise.category,
        "level": level.level,
        "top_level": exercise.top_level,
        "dose": level.dose.describe(),
        "dose_detail": {
            "sets": level.dose.sets,
            "reps": level.dose.reps,
            "hold_s": level.dose.hold_s,
            "minutes": level.dose.minutes,
            "distance_m": level.dose.distance_m,
            "contacts": level.dose.contacts,
            "pyramid": list(level.dose.pyramid),
            "per_side": level.dose.per_side,
        },
        "description": level.description,
        "progression": _level_text(up)
        if up
        else "Top level reached: keep this dose, or ask a physio for the next step.",
        "progression_level": up.level if up else None,
        "regression": _level_text(down)
        if down
        else "This is the easiest level: if it still hurts, leave it out and tell a physio.",
        "regression_level": down.level if down else None,
        "cautions": list(exercise.cautions),
        "how": list(exercise.how),
        "source": exercise.source,
    }


def _note(note: RuleNote) -> dict[str, str]:
    return {"rule": note.rule, "because": note.because, "source": note.source}


def _session_document(s: RehabSession) -> dict[str, Any]:
    return {
        "date": s.on.isoformat(),
        "exercises": list(s.exercises) or "all",
        "pain_during": s.pain_during,
        "settled_next_morning": s.settled_next_morning,
        "target_reached": s.target_reached,
        "colour": session_colour(s),
        "note": s.note,
    }


def _change_document(c: LevelChange) -> dict[str, Any]:
    return {
        "date": c.on.isoformat(),
        "exercise_id": c.exercise_id,
        "from_level": c.from_level,
        "to_level": c.to_level,
        "because": c.because,
        "source": c.source,
    }


def rehab_document(view: RehabView) -> dict[str, Any]:
    """The contract's JSON for ``niggle rehab``: the programme, plus levels, log and rules."""
    if view.saved is None:
        return {
            "schema_version": 1,
            "athlete": view.athlete.name,
            "status": "withheld",
            "because": view.withheld_because,
            "programme": {
                "sessions_per_week": 0,
                "exercises": [],
                "withheld": True,
                "because": view.withheld_because,
            },
            "rules": [_note(n) for n in view.notes],
        }
    saved = view.saved
    p = saved.programme
    return {
        "schema_version": 1,
        "athlete": view.athlete.name,
        "status": "built" if view.built_now else "current",
        "programme": {
            "id": saved.id,
            "created_on": saved.created_on.isoformat(),
            "built_from": saved.built_from,
            "classification": saved.needs.classification,
            "care_level": saved.needs.care_level,
            "provoked_by": sorted(saved.needs.provoked_by),
            "sessions_per_week": p.sessions_per_week,
            "schedule": [d.isoformat() for d in view.schedule],
            "exercises": [
                exercise_document(view.library.get(e.exercise_id), view.levels[e.exercise_id])
                for e in p.exercises
            ],
            "cross_training": [
                {"id": i, "name": view.library.get(i).name, "how": list(view.library.get(i).how)}
                for i in p.cross_training
            ],
            "includes_running": p.includes_running,
            "running_advice": p.running_advice,
            "withheld": False,
        },
        "sessions": [_session_document(s) for s in view.sessions],
        "level_changes": [_change_document(c) for c in view.changes],
        "rules": [_note(n) for n in view.notes],
    }


def logged_document(logged: LoggedRehab) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "session": _session_document(logged.session),
        "colour": logged.colour,
        "level_changes": [_change_document(c) for c in logged.changes],
        "programme": rehab_document(logged.view)["programme"],
    }
