"""A printable plan: one self-contained HTML page (or Markdown) with the week-by-week table.

No external assets: the styles are inline so the page prints the same offline, years later.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from niggle.domain.plans import Plan, PlannedWorkout
from niggle.domain.plans_paces import PACE_NAMES, plan_paces
from niggle.domain.units import UnitSystem, format_distance, format_duration, format_pace

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #111; }
h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
p.meta { margin-top: 0; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.8rem; }
th, td { border: 1px solid #999; padding: 0.25rem 0.35rem; vertical-align: top; }
th { background: #eee; }
td.week { white-space: nowrap; font-weight: bold; }
.kind-intervals, .kind-tempo, .kind-long, .kind-race { font-weight: 600; }
.kind-cross, .kind-strength { color: #555; }
.status-done { text-decoration: line-through; }
.status-skipped { text-decoration: line-through; color: #999; }
.pace { color: #333; white-space: nowrap; }
table.paces { width: auto; margin: 0.5rem 0 1rem; }
@media print { body { margin: 0.5cm; } tr { page-break-inside: avoid; } }
"""


def _cell_text(workout: PlannedWorkout, units: UnitSystem) -> tuple[str, str | None]:
    pace = (
        format_pace(workout.target_pace_s_per_km, units)
        if workout.target_pace_s_per_km and workout.kind != "cross"
        else None
    )
    title = workout.title
    if workout.status != "planned":
        title += f" [{workout.status}]"
    return title, pace


def _week_run_distance(workouts: tuple[PlannedWorkout, ...]) -> float:
    return sum(w.distance_m or 0.0 for w in workouts if w.is_run)


def _pace_rows(plan: Plan, units: UnitSystem) -> list[tuple[str, str]]:
    if plan.five_k_s is None:
        return []
    paces = plan_paces(plan.five_k_s, plan.race.distance_m)
    rows = []
    for key, name in PACE_NAMES.items():
        value = paces.named_s_per_km[key]
        if key.startswith("rep_"):
            metres = int(key[4:])
            text = f"{format_duration(value * metres / 1000)} per {metres} m"
        else:
            text = format_pace(value, units)
        rows.append((name, text))
    return rows


def plan_html(plan: Plan, units: UnitSystem, athlete_name: str, today: dt.date) -> str:
    title = f"{plan.race.name} — {plan.name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        '<p class="meta">'
        + escape(
            f"{athlete_name} · race on {plan.race.date:%A %d %B %Y} "
            f"({format_distance(plan.race.distance_m, units)}) · "
            f"weeks {plan.first_week}–{plan.length_weeks} from {plan.start.isoformat()}"
            + (f" · paces from a {format_duration(plan.five_k_s)} 5K" if plan.five_k_s else "")
            + f" · printed {today.isoformat()}"
        )
        + "</p>",
    ]
    pace_rows = _pace_rows(plan, units)
    if pace_rows:
        parts.append('<table class="paces"><tr><th>Pace</th><th>Target</th></tr>')
        parts += [f"<tr><td>{escape(n)}</td><td>{escape(v)}</td></tr>" for n, v in pace_rows]
        parts.append("</table>")
    parts.append("<table><thead><tr><th>Week</th>")
    parts += [f"<th>{d}</th>" for d in DAY_NAMES]
    parts.append("<th>Running</th></tr></thead><tbody>")
    for index in plan.week_indexes():
        monday = plan.week_start(index)
        workouts = plan.workouts_in_week(index)
        parts.append(f'<tr><td class="week">Week {index}<br><small>{monday:%d %b}</small></td>')
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            cell = []
            for workout in (w for w in workouts if w.on == day):
                text, pace = _cell_text(workout, units)
                pace_html = f' <span class="pace">{escape(pace)}</span>' if pace else ""
                cell.append(
                    f'<div class="kind-{workout.kind} status-{workout.status}">'
                    f"{escape(text)}{pace_html}</div>"
                )
            parts.append(f"<td>{''.join(cell)}</td>")
        distance = _week_run_distance(workouts)
        parts.append(f"<td>{escape(format_distance(distance, units)) if distance else ''}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if plan.source:
        parts.append(f'<p class="meta">Source: {escape(plan.source)}</p>')
    parts.append(
        '<p class="meta">niggle gives self-management advice and triage; it never diagnoses.</p>'
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def plan_markdown(plan: Plan, units: UnitSystem, athlete_name: str, today: dt.date) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        f"# {plan.race.name} — {plan.name}",
        "",
        f"{athlete_name} · race on {plan.race.date.isoformat()} "
        f"({format_distance(plan.race.distance_m, units)}) · printed {today.isoformat()}",
        "",
    ]
    pace_rows = _pace_rows(plan, units)
    if pace_rows:
        lines += ["| Pace | Target |", "|---|---|"]
        lines += [f"| {cell(n)} | {cell(v)} |" for n, v in pace_rows]
        lines.append("")
    lines.append("| Week | " + " | ".join(DAY_NAMES) + " | Running |")
    lines.append("|---" * (len(DAY_NAMES) + 2) + "|")
    for index in plan.week_indexes():
        monday = plan.week_start(index)
        workouts = plan.workouts_in_week(index)
        row = [f"{index} ({monday:%d %b})"]
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            texts = []
            for workout in (w for w in workouts if w.on == day):
                text, pace = _cell_text(workout, units)
                texts.append(f"{text} ({pace})" if pace else text)
            row.append("<br>".join(cell(t) for t in texts))
        distance = _week_run_distance(workouts)
        row.append(format_distance(distance, units) if distance else "")
        lines.append("| " + " | ".join(row) + " |")
    if plan.source:
        lines += ["", f"Source: {plan.source}"]
    return "\n".join(lines) + "\n"
