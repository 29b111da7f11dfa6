"""A plan as an RFC 5545 calendar: one all-day event per workout, details in the description.

UIDs are built from the plan's own random uid and the workout's id, so exporting the same plan
again updates the events a calendar already holds instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from niggle.domain.plans import Plan, PlannedWorkout
from niggle.domain.plans_text import KIND_NAMES, step_lines
from niggle.domain.units import UnitSystem, format_distance, format_duration, format_pace

PRODID = "-//niggle//training plan//EN"


def workout_uid(plan: Plan, workout: PlannedWorkout) -> str:
    key = workout.id if workout.id is not None else f"{workout.on.isoformat()}-{workout.kind}"
    return f"{plan.uid or plan.id}-{key}@niggle"


def workout_description(workout: PlannedWorkout, units: UnitSystem) -> str:
    lines = [f"{KIND_NAMES.get(workout.kind, workout.kind)}: {workout.title}"]
    totals = []
    if workout.distance_m:
        totals.append(f"about {format_distance(workout.distance_m, units)}")
    if workout.duration_s:
        totals.append(f"about {format_duration(workout.duration_s)}")
    if workout.target_pace_s_per_km:
        totals.append(f"target {format_pace(workout.target_pace_s_per_km, units)}")
    if totals:
        lines.append(", ".join(totals))
    if workout.steps:
        lines.append("")
        lines += step_lines(workout.steps, units)
    if workout.note:
        lines += ["", workout.note]
    if workout.status != "planned":
        lines += ["", f"Status: {workout.status}"]
    return "\n".join(lines)


def plan_calendar(plan: Plan, units: UnitSystem, stamp: dt.datetime) -> bytes:
    """The calendar as bytes; ``stamp`` (UTC) is the DTSTAMP of every event."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{plan.race.name}: {plan.name}")
    for workout in plan.workouts:
        event = Event()
        event.add("uid", workout_uid(plan, workout))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        # All-day events: DTSTART is a DATE, DTEND the next day (exclusive, RFC 5545 3.6.1).
        event.add("dtstart", workout.on)
        event.add("dtend", workout.on + dt.timedelta(days=1))
        event.add("summary", f"W{workout.week} {workout.title}")
        event.add("description", workout_description(workout, units))
        event.add("categories", [workout.kind])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if workout.status == "skipped" else "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
