"""Plans in words: workout titles and step-by-step instructions in the runner's units.

Titles follow FIRST's own shorthand (``3 x 1600 m``, ``1200-1000-800 m``, ``13 mi MP+30``);
instructions spell out each step with its pace, and for track repeats the time per rep,
which is how FIRST prescribes them.
"""

from __future__ import annotations

from typing import Final

from niggle.domain.plans import Step, WorkoutTemplate
from niggle.domain.plans_paces import pace_label
from niggle.domain.units import UnitSystem, distance_in, format_duration, format_pace


def distance_text(metres: float, units: UnitSystem) -> str:
    """Track reps in metres (``800 m``); road distances in the runner's units (``13 mi``)."""
    if metres <= 3200 and abs(metres - round(metres, -2)) < 1e-6:
        return f"{round(metres)} m"
    value = distance_in(metres, units)
    text = f"{value:.1f}" if abs(value - round(value)) > 0.05 else f"{round(value)}"
    return f"{text} {units}"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min"


def _piece(step: Step, units: UnitSystem) -> str | None:
    if step.type == "repeat":
        inner = " + ".join(p for p in (_piece(s, units) for s in step.steps) if p)
        parts = [s for s in step.steps if s.type in ("work", "repeat")]
        if len(parts) > 1 or any(s.type == "repeat" for s in parts):
            inner = f"({inner})"
        return f"{step.repeat} x {inner}"
    if step.type != "work" and (step.distance_m is None or step.pace is None):
        return None  # timed warm-ups and plain recoveries go without saying
    amount = (
        distance_text(step.distance_m, units)
        if step.distance_m is not None
        else _minutes(step.duration_s or 0)
    )
    if step.pace is None or step.pace.startswith("rep_"):
        return amount
    return f"{amount} {pace_label(step.pace, units)}"


def describe(template: WorkoutTemplate, units: UnitSystem) -> str:
    """A title such as ``3 x 1600 m``, ``1200-1000-800-600-400 m`` or ``13 mi MP+30 s/mi``."""
    if template.title:
        return template.title
    pieces = [p for p in (_piece(s, units) for s in template.steps) if p]
    if not pieces:
        names = {"cross": "Cross-training", "strength": "Strength", "rest": "Rest"}
        label = names.get(template.kind, template.kind.capitalize())
        return f"{label} {_minutes(template.duration_s)}" if template.duration_s else label
    # Ladders of single reps read best as FIRST writes them: 1200-1000-800 m.
    if len(pieces) > 2 and all(p.endswith(" m") and " " not in p[:-2] for p in pieces):
        return "-".join(p[:-2] for p in pieces) + " m"
    return " + ".join(pieces)


KIND_NAMES: Final[dict[str, str]] = {
    "intervals": "Track repeats",
    "tempo": "Tempo run",
    "long": "Long run",
    "easy": "Easy run",
    "cross": "Cross-training",
    "strength": "Strength",
    "rest": "Rest",
    "race": "Race",
}


_VERBS: Final[dict[str, str]] = {
    "warmup": "Warm up",
    "work": "Run",
    "recovery": "Recover",
    "cooldown": "Cool down",
}


def step_text(step: Step, units: UnitSystem) -> str:
    """``Run 800 m in 2:57 (5:56/mi)``, ``Warm up 15 min easy (8:46/mi)``, ``Recover 400 m``."""
    verb = _VERBS.get(step.type, step.type)
    if step.distance_m is not None:
        amount = distance_text(step.distance_m, units)
    else:
        amount = _minutes(step.duration_s or 0)
    text = f"{verb} {amount}"
    if step.pace is not None and step.pace_s_per_km is not None:
        pace = format_pace(step.pace_s_per_km, units)
        if step.pace.startswith("rep_") and step.distance_m is not None:
            rep_time = format_duration(step.distance_m / 1000.0 * step.pace_s_per_km)
            text += f" in {rep_time} ({pace})"
        else:
            text += f" {pace_label(step.pace, units)} ({pace})"
    elif step.pace is not None:
        text += f" {pace_label(step.pace, units)}"
    elif step.type == "recovery":
        text += " (walk or jog)"
    if step.note:
        text += f"; {step.note}"
    return text


def step_lines(steps: tuple[Step, ...], units: UnitSystem, indent: str = "") -> list[str]:
    lines: list[str] = []
    for step in steps:
        if step.type == "repeat":
            lines.append(f"{indent}{step.repeat} times:")
            lines += step_lines(step.steps, units, indent + "  ")
        else:
            lines.append(indent + step_text(step, units))
    return lines
