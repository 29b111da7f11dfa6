"""Training context from a runner's description: plan, plan week, weekly volume, workouts, race.

Plan names become niggle template-style ids ("first-marathon", CONTRACTS.md plan templates)
when the plan and the race distance are both named; the words the runner used are kept in a
``training_plan`` finding's quote.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Final

from niggle.domain.intake import TextFinding, TrainingContext
from niggle.domain.units import METRES_PER_KM, METRES_PER_MILE
from niggle.nlp.numbers import parse_amount, parse_count
from niggle.nlp.text import quote

_UNIT_METRES: Final = {
    "mile": METRES_PER_MILE,
    "miles": METRES_PER_MILE,
    "mi": METRES_PER_MILE,
    "mpw": METRES_PER_MILE,
    "km": METRES_PER_KM,
    "kms": METRES_PER_KM,
    "k": METRES_PER_KM,
    "kpw": METRES_PER_KM,
    "kmpw": METRES_PER_KM,
    "kilometre": METRES_PER_KM,
    "kilometres": METRES_PER_KM,
    "kilometer": METRES_PER_KM,
    "kilometers": METRES_PER_KM,
}
# A week of running above this is a typo or a different unit, not a training load.
MAX_WEEKLY_METRES: Final = 400_000.0
MAX_PLAN_WEEK: Final = 52


def read_training(
    text: str, original: str, patterns: dict[str, Any], today: dt.date | None
) -> tuple[TrainingContext, list[TextFinding]]:
    words: dict[str, int] = patterns["number_words"]
    findings: list[TextFinding] = []
    plan = _plan(text, original, patterns)
    if plan is not None:
        findings.append(TextFinding("training_plan", plan[0], plan[1]))
    week = _plan_week(text, patterns["plan_week"], words)
    weekly = _weekly_distance(text, patterns["weekly_distance"])
    race_name, race_date = _race(text, patterns["race"], today)
    context = TrainingContext(
        plan=plan[0] if plan else None,
        plan_week=week,
        weekly_distance_m=weekly,
        workouts=_workouts(text, patterns["workouts"]),
        race_name=race_name,
        race_date=race_date,
    )
    return context, findings


def _plan(text: str, original: str, patterns: dict[str, Any]) -> tuple[str, str] | None:
    for spec in patterns["plans"]:
        flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
        m = re.search(spec["regex"], text, flags)
        if m is None:
            continue
        plan_id = str(spec["id"])
        for distance in patterns["plan_distances"]:
            if re.search(distance["regex"], text, re.IGNORECASE):
                plan_id = f"{plan_id}-{distance['suffix']}"
                break
        return plan_id, quote(original, m.start(), m.end())
    return None


def _plan_week(text: str, regexes: list[str], words: dict[str, int]) -> int | None:
    for rx in regexes:
        for m in re.finditer(rx, text, re.IGNORECASE):
            n = parse_count(m.group("n"), words)
            if n is not None and 1 <= n <= MAX_PLAN_WEEK:
                return n
    return None


def _weekly_distance(text: str, regexes: list[str]) -> float | None:
    for rx in regexes:
        for m in re.finditer(rx, text, re.IGNORECASE):
            # "20-25 miles a week" reads as the upper figure; "25+" as 25.
            amount = float(m.group("n"))
            metres = amount * _UNIT_METRES.get(m.group("unit").lower(), METRES_PER_KM)
            if 0 < metres <= MAX_WEEKLY_METRES:
                return round(metres, 1)
    return None


def _workouts(text: str, specs: list[dict[str, Any]]) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for spec in specs:
        for m in re.finditer(spec["regex"], text, re.IGNORECASE):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            label = _workout_label(spec["kind"], m)
            if label:
                taken.append((m.start(), m.end()))
                found.append((m.start(), label))
    labels: list[str] = []
    for _, label in sorted(found):
        if label not in labels:
            labels.append(label)
    return tuple(labels)


def _workout_label(kind: str, m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    dist = groups.get("dist") or ""
    unit = (groups.get("unit") or "").lower()
    if kind == "reps":
        if not unit:
            unit = "m" if parse_amount(dist, {}) and float(dist) >= 100 else ""
        unit = {"metres": "m", "meters": "m", "metre": "m", "meter": "m"}.get(unit, unit)
        joiner = "" if unit in ("m", "k", "km") else " "
        return f"{groups['reps']} x {dist}{joiner}{unit}".strip()
    if kind == "distance_run":
        unit = "mile" if unit.startswith("mi") else "km" if unit in ("k", "km") else unit
        return f"{dist} {unit} {' '.join(groups['kind'].lower().split())}"
    if kind == "miler":
        return f"{dist} miler" if unit.startswith("miler") else f"{dist} km long run"
    if kind == "long_of":
        unit = "mile" if unit.startswith("mi") else "km"
        return f"{dist} {unit} long run"
    return None


def _race(
    text: str, spec: dict[str, Any], today: dt.date | None
) -> tuple[str | None, dt.date | None]:
    stop = set(spec.get("name_stop_words", ()))
    for m in re.finditer(spec["name_regex"], text):
        words = m.group("name").split()
        while words and words[0] in stop:
            words.pop(0)
        if len(words) < 2:  # only the distance left: "my spring marathon"
            continue
        name = " ".join(words)
        window = text[m.end() : m.end() + int(spec.get("date_window", 80))]
        return name, _date_in(window, spec["date_regexes"], today)
    return None, None


def _date_in(window: str, regexes: list[str], today: dt.date | None) -> dt.date | None:
    months = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    months.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
    months["sept"] = 9
    for rx in regexes:
        m = re.search(rx, window, re.IGNORECASE)
        if m is None:
            continue
        raw_month = m.group("month").lower()
        month = int(raw_month) if raw_month.isdigit() else months.get(raw_month)
        if month is None:
            continue
        year_text = m.group("year")
        try:
            if year_text:
                return dt.date(int(year_text), month, int(m.group("day")))
            if today is None:
                return None
            candidate = dt.date(today.year, month, int(m.group("day")))
            return candidate if candidate >= today else candidate.replace(year=today.year + 1)
        except ValueError:  # 31 April and friends
            return None
    return None
