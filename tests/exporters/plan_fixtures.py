"""A scheduled FIRST plan with stored-looking ids, for the exporter tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from niggle.domain.plans import Plan, Race
from niggle.domain.plans_schedule import schedule
from niggle.knowledge.plans import load_template

TODAY = dt.date(2026, 11, 28)
RACE_DAY = dt.date(2027, 4, 25)


def stored_plan(template_id: str = "first-marathon", five_k_s: float = 1200.0) -> Plan:
    template = load_template(template_id)
    race = Race("London Marathon", RACE_DAY, template.race_distance_m)
    plan = schedule(template, race, today=TODAY, units="mi", five_k_s=five_k_s).plan
    workouts = tuple(replace(w, id=i + 1) for i, w in enumerate(plan.workouts))
    return replace(plan, id=7, uid="0123456789abcdef0123456789abcdef", workouts=workouts)
