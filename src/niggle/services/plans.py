"""Training plans: templates, creating a plan for a race, showing, marking, exporting.

One active plan per athlete: creating a new plan archives the old one in the same
transaction, and nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from niggle.domain.athlete import Athlete
from niggle.domain.dates import week_start
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.domain.paces import five_k_equivalent
from niggle.domain.plans import (
    WEEKDAYS,
    Plan,
    PlannedWorkout,
    PlanTemplate,
    Race,
    WorkoutStatus,
    step_to_data,
)
from niggle.domain.plans_progress import apply_matches, match_activities
from niggle.domain.plans_schedule import DEFAULT_KEY_DAYS, schedule
from niggle.domain.units import RaceResult, format_distance
from niggle.knowledge import plans as templates
from niggle.services.activities import list_activities
from niggle.services.athletes import find_athlete
from niggle.store import plans as repo
from niggle.store.db import Database

# FIRST asks whether you can already run the week's long run; four weeks of history is the
# window niggle looks back over for "recent". Product default (not trial-based).
RECENT_DAYS: Final = 28
NO_PLAN_HINT: Final = (
    "Create one with: niggle plan create --template first-marathon --race-date YYYY-MM-DD"
)


@dataclass(frozen=True, slots=True)
class CreatedPlan:
    athlete: Athlete
    plan: Plan
    warnings: tuple[str, ...]
    archived_plan_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PlanCheck:
    path: Path
    template: PlanTemplate | None
    problems: list[templates.PlanProblem]


@dataclass(frozen=True, slots=True)
class WeekView:
    athlete: Athlete
    plan: Plan
    week: int
    today: dt.date
    workouts: tuple[PlannedWorkout, ...]

    @property
    def today_workouts(self) -> tuple[PlannedWorkout, ...]:
        return tuple(w for w in self.workouts if w.on == self.today)


def template_summaries() -> list[dict[str, Any]]:
    """The contract's list for ``niggle plan templates``."""
    return [
        {
            "id": t.id,
            "name": t.name,
            "distance_m": t.race_distance_m,
            "weeks": t.length_weeks,
            "runs_per_week": t.runs_per_week(),
            "description": t.description,
            "source": t.source,
        }
        for t in templates.all_templates()
    ]


def check_plan_file(path: Path) -> PlanCheck:
    """Every problem in a runner-written plan file, each with its line and field."""
    template, problems = templates.check_plan_text(templates.read_plan_text(path))
    return PlanCheck(path, template, problems)


def _longest_recent_run(db: Database, athlete_id: int, today: dt.date) -> float | None:
    recent = list_activities(db, athlete_id, today - dt.timedelta(days=RECENT_DAYS), today)
    runs = [a.distance_m for a in recent if a.is_run and a.distance_m]
    return max(runs) if runs else None


def create_plan(
    db: Database,
    athlete_name: str | None,
    today: dt.date,
    *,
    race_date: dt.date,
    template_id: str | None = None,
    plan_file: Path | None = None,
    race_name: str | None = None,
    fitness: RaceResult | None = None,
    start: dt.date | None = None,
    key_days: tuple[int, ...] | None = None,
    longest_recent_run_m: float | None = None,
) -> CreatedPlan:
    if (template_id is None) == (plan_file is None):
        raise InvalidInput(
            "Choose a plan with --template ID (see: niggle plan templates) or your own "
            "with --file MY_PLAN.yaml, not both."
        )
    if plan_file is not None:
        template = templates.load_plan_file(plan_file)
    else:
        template = templates.load_template(template_id or "")
    athlete = find_athlete(db, athlete_name)
    assert athlete.id is not None
    result = fitness or athlete.fitness_result()
    if longest_recent_run_m is None:
        longest_recent_run_m = _longest_recent_run(db, athlete.id, today)
    name = (race_name or "").strip() or format_distance(template.race_distance_m, "km").title()
    if len(name) > 200:
        raise InvalidInput("Race names are limited to 200 characters.")
    scheduled = schedule(
        template,
        Race(name, race_date, template.race_distance_m),
        today=today,
        units=athlete.units,
        five_k_s=five_k_equivalent(result) if result is not None else None,
        key_days=key_days or DEFAULT_KEY_DAYS,
        start=start,
        longest_recent_run_m=longest_recent_run_m,
    )
    with db.begin() as session:
        archived = repo.archive_active(session, athlete.id)
        stored = repo.add(session, athlete.id, scheduled.plan)
    return CreatedPlan(athlete, stored, scheduled.warnings, tuple(archived))


def sync_progress(db: Database, athlete_id: int, plan: Plan) -> Plan:
    """Link logged sessions to the plan's workouts (same day, compatible kind)."""
    logged = list_activities(db, athlete_id, plan.start, plan.race.date)
    matches = match_activities(plan.workouts, logged)
    if not matches:
        return plan
    with db.begin() as session:
        for workout in apply_matches(matches):
            plan = plan.with_workout(repo.update_workout(session, workout))
    return plan


def current_plan(db: Database, athlete_name: str | None) -> tuple[Athlete, Plan]:
    athlete = find_athlete(db, athlete_name)
    assert athlete.id is not None
    with db.begin() as session:
        plan = repo.active_plan(session, athlete.id)
    if plan is None:
        raise NotFound(f"{athlete.name} has no training plan yet. {NO_PLAN_HINT}")
    return athlete, sync_progress(db, athlete.id, plan)


def check_week(plan: Plan, week: int) -> None:
    if not plan.first_week <= week <= plan.length_weeks:
        joined = f" (joined in week {plan.first_week})" if plan.first_week > 1 else ""
        raise InvalidInput(
            f"Week {week} is not in this plan{joined}; choose a week from "
            f"{plan.first_week} to {plan.length_weeks}."
        )


def current_week(plan: Plan, today: dt.date) -> int:
    """The week holding ``today``, clamped to the plan: its first week before it starts."""
    week = plan.week_of(today)
    if week is None:
        return plan.first_week if today < plan.start else plan.length_weeks
    return max(week, plan.first_week)


def week_view(db: Database, athlete_name: str | None, today: dt.date) -> WeekView | None:
    """This week of the athlete's plan, or None when there is no plan or its race is past."""
    athlete = find_athlete(db, athlete_name)
    assert athlete.id is not None
    with db.begin() as session:
        plan = repo.active_plan(session, athlete.id)
    if plan is None or plan.race.date < today:
        return None
    plan = sync_progress(db, athlete.id, plan)
    week = current_week(plan, today)
    return WeekView(athlete, plan, week, today, plan.workouts_in_week(week))


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def workout_document(workout: PlannedWorkout) -> dict[str, Any]:
    return {
        "id": workout.id,
        "date": workout.on.isoformat(),
        "week": workout.week,
        "kind": workout.kind,
        "title": workout.title,
        "distance_m": _round(workout.distance_m),
        "duration_s": _round(workout.duration_s, 0),
        "target_pace_s_per_km": _round(workout.target_pace_s_per_km),
        "steps": [step_to_data(s) for s in workout.steps],
        "status": workout.status,
        "optional": workout.optional,
        "note": workout.note,
        "activity_id": workout.activity_id,
    }


def plan_document(
    plan: Plan, week: int | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The contract's JSON for ``niggle plan show`` (SI units)."""
    if week is not None:
        check_week(plan, week)
    indexes = [week] if week is not None else list(plan.week_indexes())
    document: dict[str, Any] = {
        "schema_version": 1,
        "plan_id": plan.id,
        "template": plan.template_id,
        "name": plan.name,
        "status": plan.status,
        "race": {
            "name": plan.race.name,
            "date": plan.race.date.isoformat(),
            "distance_m": plan.race.distance_m,
        },
        "start": plan.start.isoformat(),
        "first_week": plan.first_week,
        "length_weeks": plan.length_weeks,
        "key_days": [WEEKDAYS[d] for d in plan.key_days],
        "five_k_equivalent_s": _round(plan.five_k_s),
        "source": plan.source,
        "weeks": [
            {
                "index": index,
                "start": plan.week_start(index).isoformat(),
                "workouts": [workout_document(w) for w in plan.workouts_in_week(index)],
            }
            for index in indexes
        ],
    }
    if today is not None:
        document["current_week"] = plan.week_of(today)
    return document


def mark_workout(
    db: Database,
    athlete_name: str | None,
    on: dt.date,
    status: WorkoutStatus,
    kind: str | None = None,
) -> tuple[Athlete, PlannedWorkout]:
    """Set the status of the workout on ``on`` (choose with ``kind`` when a day has several)."""
    athlete, plan = current_plan(db, athlete_name)
    candidates = [w for w in plan.workouts_on(on) if kind is None or w.kind == kind]
    if not candidates:
        what = f"{kind} workout" if kind else "workout"
        raise NotFound(f"There is no {what} on {on.isoformat()} in {athlete.name}'s plan.")
    if len(candidates) > 1:
        runs = [w for w in candidates if w.is_run]
        if kind is None and len(runs) == 1:
            candidates = runs
        else:
            kinds = ", ".join(sorted({w.kind for w in candidates}))
            raise Conflict(
                f"{on.isoformat()} has {len(candidates)} workouts ({kinds}); choose one with "
                "--kind KIND."
            )
    updated = replace(candidates[0], status=status)
    with db.begin() as session:
        return athlete, repo.update_workout(session, updated)


def demo_race_date(today: dt.date) -> dt.date:
    """A Sunday race 13 weeks after this week, so a 16-week plan has today in week 3."""
    return week_start(today) + dt.timedelta(weeks=13, days=6)


def create_demo_plan(db: Database, athlete: Athlete, today: dt.date) -> Plan:
    """The founding story's plan: FIRST marathon for a spring race, now in week 3."""
    race_date = demo_race_date(today)
    created = create_plan(
        db,
        athlete.name,
        today,
        template_id="first-marathon",
        race_date=race_date,
        race_name="Spring Marathon",
        start=week_start(today) - dt.timedelta(weeks=2),
        longest_recent_run_m=None,
    )
    plan = created.plan
    # Sam has followed the plan so far: everything before today is done.
    with db.begin() as session:
        for workout in plan.workouts:
            if workout.on < today and workout.status == "planned" and not workout.optional:
                plan = plan.with_workout(
                    repo.update_workout(session, replace(workout, status="done"))
                )
    return plan


@dataclass(frozen=True, slots=True)
class Exported:
    written: tuple[Path, ...]
    notes: tuple[str, ...]


def export_plan(
    db: Database,
    athlete_name: str | None,
    today: dt.date,
    *,
    ics: Path | None = None,
    fit_dir: Path | None = None,
    html: Path | None = None,
    markdown: Path | None = None,
) -> Exported:
    """Write the plan out; each file appears whole or not at all (temp file, then rename)."""
    from niggle.exporters.files import check_folder, write_atomically

    if not any((ics, fit_dir, html, markdown)):
        raise InvalidInput(
            "Say what to export: --ics FILE, --fit FOLDER, --html FILE or --md FILE."
        )
    # Check every destination before writing anything, so a typo leaves nothing half-done.
    for target in (ics, html, markdown):
        if target is not None:
            check_folder(target.parent)
    if fit_dir is not None:
        check_folder(fit_dir)
    athlete, plan = current_plan(db, athlete_name)
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    written: list[Path] = []
    notes: list[str] = []
    if ics is not None:
        from niggle.exporters.ics import plan_calendar

        written.append(write_atomically(ics, plan_calendar(plan, athlete.units, stamp)))
    if html is not None:
        from niggle.exporters.printable import plan_html

        page = plan_html(plan, athlete.units, athlete.name, today)
        written.append(write_atomically(html, page.encode("utf-8")))
    if markdown is not None:
        from niggle.exporters.printable import plan_markdown

        text = plan_markdown(plan, athlete.units, athlete.name, today)
        written.append(write_atomically(markdown, text.encode("utf-8")))
    if fit_dir is not None:
        from niggle.exporters.fit_workouts import file_name, workout_fit

        upcoming = [
            w
            for w in plan.workouts
            if w.is_run and w.steps and w.on >= today and w.status == "planned"
        ]
        for workout in upcoming:
            data = workout_fit(plan, workout, athlete.units, stamp)
            written.append(write_atomically(fit_dir / file_name(workout), data))
        if not upcoming:
            notes.append("No upcoming planned key runs, so no FIT workouts were written.")
    return Exported(tuple(written), tuple(notes))
