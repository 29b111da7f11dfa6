"""``niggle activities``: the training log, newest last, with pain reports alongside."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state

if TYPE_CHECKING:
    from niggle.domain.activity import Activity
    from niggle.domain.pain import PainReport
    from niggle.domain.units import UnitSystem


def register(app: typer.Typer) -> None:
    app.command("activities")(activities)


def activities(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", help="First day to list (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last day to list (YYYY-MM-DD).")
    ] = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """List logged and imported sessions, with any pain reported."""
    from niggle.domain.dates import parse_date
    from niggle.domain.errors import InvalidInput
    from niggle.services.activities import (
        activities_document,
        list_activities,
        list_pain_reports,
    )
    from niggle.services.athletes import find_athlete

    start = parse_date(since, "--since") if since else None
    end = parse_date(until, "--until") if until else None
    if start and end and end < start:
        raise InvalidInput("--until is before --since; swap them.")
    with database(ctx) as db:
        runner = find_athlete(db, get_state(ctx).athlete_name(athlete))
        assert runner.id is not None
        found = list_activities(db, runner.id, start, end)
        pain = list_pain_reports(db, runner.id, start, end)
    if json:
        from niggle.cli.output import emit_json

        document = activities_document(found, pain)
        document["athlete"] = runner.name
        emit_json(document)
        return
    _table(found, pain, runner.units)


def _table(found: list[Activity], pain: list[PainReport], units: UnitSystem) -> None:
    from rich.table import Table

    from niggle.cli.output import console
    from niggle.domain.units import format_distance, format_duration, format_pace

    out = console()
    if not found and not pain:
        out.print(
            "No activities yet. Log one with: niggle log run --distance 5k --time 25:00, "
            "or import files with: niggle import PATH"
        )
        return
    by_activity: dict[int | None, list[PainReport]] = {}
    for report in pain:
        by_activity.setdefault(report.activity_id, []).append(report)
    table = Table(title="Training log", title_justify="left")
    for column in ("Date", "Sport", "Kind", "Distance", "Time", "Pace", "HR", "RPE", "Pain"):
        table.add_column(column, justify="right" if column in ("Distance", "Time") else "left")
    for activity in found:
        speed = activity.avg_speed_m_per_s
        pace = format_pace(1000 / speed, units) if speed and activity.sport == "run" else ""
        hurts = ", ".join(
            f"{p.region.replace('_', ' ')} {p.nrs}/10 {p.when}"
            for p in by_activity.get(activity.id, [])
        )
        table.add_row(
            activity.local_date.isoformat(),
            activity.sport,
            activity.kind or "",
            format_distance(activity.distance_m, units) if activity.distance_m else "",
            format_duration(activity.duration_s),
            pace,
            f"{activity.avg_hr:.0f}" if activity.avg_hr else "",
            f"{activity.rpe:g}" if activity.rpe is not None else "",
            hurts,
        )
    out.print(table)
    loose = by_activity.get(None, [])
    for report in loose:
        out.print(
            f"{report.on.isoformat()}: {report.region.replace('_', ' ')} {report.nrs}/10 "
            f"{report.when}"
        )
