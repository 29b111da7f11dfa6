"""The rest of the founding story, after the plan, history and triage are seeded.

Sam checks in the morning after the tempo run; niggle builds his programme from the triage,
adapts his plan (applied here so every screen has something to show: in real use nothing
changes until the runner says ``niggle adapt --apply``), and forecasts race day. Each part is
told in plain English, step by step, for ``niggle demo``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from niggle.domain.adapt_pain import nrs_band
from niggle.domain.athlete import Athlete
from niggle.domain.plans import Plan
from niggle.domain.units import UnitSystem, format_distance, format_duration
from niggle.knowledge.adaptation import load_adaptation_rules
from niggle.services.activities import list_activities, list_pain_reports
from niggle.services.adapt import AdaptView, apply_adaptation
from niggle.services.checkins import record_checkin
from niggle.services.forecast import athlete_forecast
from niggle.services.rehab import rehab_programme
from niggle.services.triage import latest_triage
from niggle.store.db import Database

TRY: Final = (
    "niggle start · niggle plan show · niggle adapt · niggle checkin --pain 2 --when "
    "next_morning · niggle rehab · niggle forecast · niggle adapt --undo"
)


@dataclass(frozen=True)
class Chapter:
    title: str
    text: str


def _day(on: dt.date) -> str:
    return f"{on:%a} {on.day} {on:%b}"


def _athlete_id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise ValueError("the demo story needs a stored athlete")
    return athlete.id


def seed_morning_checkin(db: Database, athlete: Athlete, today: dt.date) -> Chapter:
    """The pain in the 800s and the tempo run, and the next-morning check-in after it."""
    athlete_id = _athlete_id(athlete)
    runs = [a for a in list_activities(db, athlete_id, None, today) if a.is_run]
    tempo = next((a for a in reversed(runs) if a.kind == "tempo"), None)
    if tempo is not None and tempo.local_date < today:
        morning = tempo.local_date + dt.timedelta(days=1)
        record_checkin(
            db, athlete.name, today, on=morning, nrs=2, when="next_morning",
            note="Stiff getting out of bed, eased after a few minutes.",
        )  # fmt: skip
    pain = list_pain_reports(db, athlete_id, None, today)
    by_run = {a.id: a for a in runs}
    bands = load_adaptation_rules().bands
    told = []
    for report in pain:
        run = by_run.get(report.activity_id)
        if run is None or report.when != "during":
            continue
        band = nrs_band(report.nrs, bands)
        told.append(f"the {run.title} on {_day(run.local_date)} ({report.nrs}/10, {band})")
    mornings = [r for r in pain if r.when == "next_morning"]
    text = "His lower back hurt during " + " and ".join(told) + "."
    if mornings:
        text += (
            f" The morning after, it was down to {mornings[-1].nrs}/10 (niggle checkin "
            "--when next_morning). Easy running and the long runs did not hurt."
        )
    return Chapter("The pain", text)


def build_programme(db: Database, athlete: Athlete, today: dt.date) -> Chapter:
    view = rehab_programme(db, athlete.name, today)
    if view.saved is None:
        return Chapter("The programme", view.withheld_because or "No programme for now.")
    programme = view.saved.programme
    names = [view.library.get(e.exercise_id).name for e in programme.exercises]
    return Chapter(
        "The programme",
        f"From the triage, niggle built {len(names)} exercises, {programme.sessions_per_week} "
        f"sessions a week on cross-training days: {', '.join(names)}. Leg strength leads "
        "(Cai 2017: lower-limb work helped runners' function most). See niggle rehab.",
    )


def _changes_text(view: AdaptView, units: UnitSystem) -> str:
    parts = []
    for change in view.adaptation.changes:
        if change.before is None or change.after is None:
            continue
        parts.append(
            f"{_day(change.on)}: {change.before.title} → {change.after.title} ({change.rule})"
        )
    return "; ".join(parts)


def adapt_plan(db: Database, athlete: Athlete, today: dt.date) -> tuple[Chapter, Plan]:
    view = apply_adaptation(db, athlete.name, today)
    a = view.adaptation
    text = (
        f"niggle proposed {len(a.changes)} change(s) up to {_day(a.review_on)}, each with its "
        f"rule and reason: {_changes_text(view, athlete.units)}. For the demo they are applied "
        "so every screen has something to show; in real use nothing changes until you run "
        "niggle adapt --apply, and niggle adapt --undo puts the plan back."
    )
    return Chapter("The adapted plan", text), view.plan


def forecast_race(db: Database, athlete: Athlete, today: dt.date) -> Chapter:
    result = athlete_forecast(db, athlete.name, today)
    f = result.forecast
    race = format_distance(f.race.distance_m, athlete.units)
    scenarios = "; ".join(
        f"{s.title.lower()}: {format_duration(s.predicted_time_s)}"
        + ("" if s.feasible else " (not feasible as planned)")
        for s in f.scenarios
    )
    return Chapter(
        "The forecast",
        f"From recent training his {race} would take about {format_duration(f.predicted_time_s)}"
        f" today. On race day ({_day(f.race.on)}): {scenarios}. See niggle forecast.",
    )


def triage_chapter(db: Database, athlete: Athlete) -> Chapter:
    stored = latest_triage(db, _athlete_id(athlete))
    if stored is None:
        return Chapter("Triage", "No triage stored.")
    flags = stored.document.get("red_flags") or []
    screen = "no warning signs" if not flags else f"{len(flags)} warning sign(s)"
    return Chapter(
        "Triage",
        f"Every red-flag question answered: {screen}. Care: "
        f"{stored.care_level.replace('_', ' ')}; running: {stored.running.replace('_', ' ')}. "
        "Intervals and tempo runs bring it on; walking and sitting ease it. It reads as "
        "load-related back pain, not a diagnosis. See niggle triage.",
    )


def tell_the_rest(db: Database, athlete: Athlete, today: dt.date) -> tuple[Chapter, ...]:
    """Seed the check-in, programme and adaptation, and tell the story's second half."""
    pain = seed_morning_checkin(db, athlete, today)
    triage = triage_chapter(db, athlete)
    programme = build_programme(db, athlete, today)
    adapted, _ = adapt_plan(db, athlete, today)
    forecast = forecast_race(db, athlete, today)
    return (pain, triage, programme, adapted, forecast, Chapter("Try", TRY))
