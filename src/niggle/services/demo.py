"""The demo athlete who tells niggle's founding story.

Sam is a social runner on about 27 miles a week, three weeks into the FIRST marathon plan
for a spring race, whose lower back hurts during the tempo run and the 800 m repeats. The
demo grows as capabilities land: each one seeds its part of the story here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from niggle.domain.athlete import Athlete, RecordedResult
from niggle.domain.units import METRES_PER_MILE, RaceResult
from niggle.services.athletes import create_athlete
from niggle.services.demo_history import seed_history
from niggle.services.demo_story import Chapter, tell_the_rest
from niggle.services.plans import create_demo_plan
from niggle.services.triage import seed_demo_triage
from niggle.store import athletes as athlete_repo
from niggle.store.db import Database

DEMO_NAME = "Sam"


@dataclass(frozen=True)
class DemoSummary:
    athlete: Athlete
    created: bool
    steps: tuple[str, ...]
    story: tuple[Chapter, ...] = ()


def demo_athlete(today: dt.date) -> Athlete:
    return Athlete(
        name=DEMO_NAME,
        units="mi",
        birth_year=today.year - 38,
        sex="male",
        results=(RecordedResult(RaceResult(5000.0, 22 * 60 + 30), today - dt.timedelta(days=45)),),
        weekly_distance_m=27 * METRES_PER_MILE,
        hr_max=186,
        hr_rest=52,
        region="uk",
    )


def seed_demo(db: Database, today: dt.date) -> DemoSummary:
    """Create the demo athlete and their story; a second call changes nothing."""
    with db.begin() as session:
        existing = athlete_repo.by_name(session, DEMO_NAME)
    if existing is not None:
        return DemoSummary(existing, created=False, steps=())
    athlete = create_athlete(db, demo_athlete(today), today)
    steps = [f"athlete {athlete.name}: 5K in 22:30, about 27 miles a week"]
    plan = create_demo_plan(db, athlete, today)
    steps.append(
        f"plan: {plan.name} for the {plan.race.name} on {plan.race.date.isoformat()}, "
        f"now in week {plan.week_of(today)}"
    )
    assert athlete.id is not None
    steps.append(seed_history(db, athlete.id, today, plan.workouts))
    checkin = seed_demo_triage(db, athlete, today)
    steps.append(
        f"triage: {checkin.care_level.replace('_', ' ')}, running: {checkin.running} "
        "(intervals and tempo swapped for easy running)"
    )
    rest = tell_the_rest(db, athlete, today)
    steps += [f"{c.title.lower()}: {c.text}" for c in rest if c.title not in ("Try", "Triage")]
    story = (
        Chapter("The runner", f"{athlete.name}, 38: a 5K in 22:30 and about 27 miles a week."),
        Chapter(
            "The plan",
            f"His first marathon: the {plan.race.name} on {plan.race.date:%a %d %b %Y}, on the "
            f"{plan.name} plan (Run Less, Run Faster): three key runs a week (track repeats, a "
            "tempo run and a long run) and two cross-training days. He is in week "
            f"{plan.week_of(today)}.",
        ),
        Chapter("Three weeks of history", steps[2].removeprefix("history: ") + "."),
        *rest,
    )
    return DemoSummary(athlete, created=True, steps=tuple(steps), story=story)


def is_empty(db: Database) -> bool:
    with db.begin() as session:
        return athlete_repo.count(session) == 0
