"""The plan calendar parses back (icalendar) with the same events, all-day and stable UIDs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from icalendar import Calendar

from niggle.exporters.ics import plan_calendar

from .plan_fixtures import TODAY, stored_plan

STAMP = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_the_calendar_round_trips_with_the_same_events() -> None:
    plan = stored_plan()
    data = plan_calendar(plan, "mi", STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"VERSION:2.0" in data and b"PRODID:-//niggle//training plan//EN" in data
    parsed = events(data)
    assert len(parsed) == len(plan.workouts) == 96
    for workout, event in zip(plan.workouts, parsed, strict=True):
        start = event.decoded("dtstart")
        assert start == workout.on and not isinstance(start, dt.datetime)  # all-day
        assert event.decoded("dtend") == workout.on + dt.timedelta(days=1)
        assert str(event["summary"]) == f"W{workout.week} {workout.title}"
        assert str(event["uid"]) == f"{plan.uid}-{workout.id}@niggle"
        assert event.decoded("dtstamp") == STAMP
    uids = [str(e["uid"]) for e in parsed]
    assert len(set(uids)) == len(uids)


def test_descriptions_carry_the_steps_and_paces_in_the_runners_units() -> None:
    plan = stored_plan()
    by_summary = {str(e["summary"]): e for e in events(plan_calendar(plan, "mi", STAMP))}
    intervals = str(by_summary["W2 4 x 800 m"]["description"])
    assert "4 times:" in intervals
    assert "Run 800 m in 2:57" in intervals  # the FIRST table's 800 m time for a 20:00 5K
    assert "Recover 400 m (walk or jog)" in intervals
    assert "Warm up 15 min easy" in intervals
    long_run = str(by_summary["W1 13 mi MP+30 s/mi"]["description"])
    assert "/mi" in long_run and "about 13 mi" in long_run
    metric = {str(e["summary"]): e for e in events(plan_calendar(plan, "km", STAMP))}
    assert "/km" in str(metric["W2 4 x 800 m"]["description"])


def test_uids_are_stable_between_exports_and_skipped_workouts_are_cancelled() -> None:
    plan = stored_plan()
    first = [str(e["uid"]) for e in events(plan_calendar(plan, "mi", STAMP))]
    skipped = plan.with_workout(replace(plan.workouts[0], status="skipped"))
    again = events(plan_calendar(skipped, "mi", STAMP + dt.timedelta(days=3)))
    assert [str(e["uid"]) for e in again] == first
    assert str(again[0]["status"]) == "CANCELLED"
    assert "Status: skipped" in str(again[0]["description"])
    assert {str(e["status"]) for e in again[1:]} == {"CONFIRMED"}


def test_long_lines_are_folded_as_rfc_5545_requires() -> None:
    data = plan_calendar(stored_plan(), "mi", STAMP)
    # Content lines are at most 75 octets; longer ones continue on lines starting with a space.
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert TODAY.year == 2026
