"""``niggle log run`` and ``niggle log cross``: sessions logged by hand in a few seconds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    import datetime as dt

    from niggle.domain.pain import PainReport
    from niggle.domain.units import UnitSystem
    from niggle.services.activities import LoggedSession

app = typer.Typer(help="Log a run or a cross-training session by hand.", no_args_is_help=True)

DateOption = Annotated[
    str | None, typer.Option("--date", help="The day (YYYY-MM-DD). Default: today.")
]
TimeOption = Annotated[
    str | None, typer.Option("--time", help="How long it took: mm:ss or h:mm:ss.")
]
RpeOption = Annotated[
    float | None,
    typer.Option("--rpe", help="How hard the whole session felt, 0 (rest) to 10 (maximal)."),
]
PainOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pain",
        help="Pain as REGION=NRS@WHEN, e.g. lower_back=4@during (NRS 0-10; WHEN during, "
        "after, next_morning or rest). Repeat for several.",
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Anything worth remembering.")]
# The kinds a run can be, in the plan's words (CONTRACTS.md workouts).
RUN_KIND_CHOICES = ("intervals", "tempo", "long", "easy", "race")


def _day(text: str | None) -> dt.date:
    from niggle.domain.activity import check_training_date
    from niggle.domain.dates import parse_date

    day = parse_date(text, "--date") if text else today()
    return check_training_date(day, today())


def _pain(values: list[str] | None, day: dt.date) -> list[PainReport]:
    from niggle.domain.pain import parse_pain

    return [parse_pain(value, day) for value in values or []]


def _required_time(text: str | None) -> float:
    from niggle.domain.errors import InvalidInput
    from niggle.domain.units import TIME_HELP, parse_duration

    if not text:
        raise InvalidInput(f"Give the session's time with --time. {TIME_HELP}")
    return parse_duration(text)


@app.command("run")
def run(
    ctx: typer.Context,
    date: DateOption = None,
    distance: Annotated[
        str | None, typer.Option("--distance", help="How far: 7mi, 12.5km, 5k, 800m.")
    ] = None,
    time: TimeOption = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="What the run was: intervals, tempo, long, easy or race."),
    ] = None,
    rpe: RpeOption = None,
    pain: PainOption = None,
    note: NoteOption = None,
    separate: Annotated[
        bool,
        typer.Option(
            "--separate",
            help="A second run that day, not the one your watch already recorded "
            "(otherwise what you give is added to that recording).",
        ),
    ] = False,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Log a run: niggle log run --date 2027-01-12 --distance 7mi --time 56:00 --rpe 7"""
    from niggle.domain.activity import check_rpe
    from niggle.domain.errors import InvalidInput
    from niggle.domain.units import DISTANCE_HELP, parse_distance
    from niggle.services.activities import log_run
    from niggle.services.athletes import find_athlete

    day = _day(date)
    if not distance:
        raise InvalidInput(f"Give the run's distance with --distance. {DISTANCE_HELP}")
    if kind is not None and kind.strip().lower() not in RUN_KIND_CHOICES:
        raise InvalidInput(f"Unknown run kind {kind!r}. Use one of: {', '.join(RUN_KIND_CHOICES)}.")
    metres = parse_distance(distance)
    seconds = _required_time(time)
    reports = _pain(pain, day)
    with database(ctx) as db:
        runner = find_athlete(db, get_state(ctx).athlete_name(athlete))
        assert runner.id is not None
        logged = log_run(
            db,
            runner.id,
            on=day,
            distance_m=metres,
            time_s=seconds,
            today=today(),
            kind=kind.strip().lower() if kind else None,  # type: ignore[arg-type]
            rpe=check_rpe(rpe) if rpe is not None else None,
            pain=reports,
            note=note,
            separate=separate,
        )
    _report(logged, json, runner.units)


@app.command("cross")
def cross(
    ctx: typer.Context,
    sport: Annotated[
        str | None,
        typer.Option("--sport", help="bike, swim, elliptical, strength or row."),
    ] = None,
    date: DateOption = None,
    time: TimeOption = None,
    rpe: RpeOption = None,
    distance: Annotated[
        str | None, typer.Option("--distance", help="How far, if it matters: 20km, 1500m.")
    ] = None,
    pain: PainOption = None,
    note: NoteOption = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Log cross-training, which counts toward load: niggle log cross --sport bike --time 45:00"""
    from niggle.domain.activity import check_rpe
    from niggle.domain.errors import InvalidInput
    from niggle.domain.units import parse_distance
    from niggle.services.activities import log_cross, parse_cross_sport
    from niggle.services.athletes import find_athlete

    if not sport:
        raise InvalidInput("Say which sport with --sport: bike, swim, elliptical, strength or row.")
    canonical = parse_cross_sport(sport)
    day = _day(date)
    seconds = _required_time(time)
    metres = parse_distance(distance) if distance else None
    reports = _pain(pain, day)
    with database(ctx) as db:
        runner = find_athlete(db, get_state(ctx).athlete_name(athlete))
        assert runner.id is not None
        logged = log_cross(
            db,
            runner.id,
            sport=canonical,
            on=day,
            time_s=seconds,
            today=today(),
            rpe=check_rpe(rpe) if rpe is not None else None,
            distance_m=metres,
            pain=reports,
            note=note,
        )
    _report(logged, json, runner.units)


def _report(logged: LoggedSession, json: bool, units: str) -> None:
    from niggle.services.activities import activity_summary, pain_summary

    activity = logged.activity
    if json:
        from niggle.cli.output import emit_json

        emit_json(
            {
                "schema_version": 1,
                "activity_id": activity.id,
                "activity": activity_summary(activity),
                "pain_reports": [pain_summary(p) for p in logged.pain_reports],
                "added_to_recording": logged.added_to_recording,
            }
        )
        return
    from niggle.cli.output import console
    from niggle.domain.units import format_distance, format_duration

    shown: UnitSystem = "mi" if units == "mi" else "km"
    what = activity.kind or activity.sport
    distance = f" {format_distance(activity.distance_m, shown)}" if activity.distance_m else ""
    out = console()
    if logged.added_to_recording:
        out.print(
            f"Your {activity.source.upper()} recording of this session is already in the log "
            f"({what}{distance} in {format_duration(activity.duration_s)} on "
            f"{activity.local_date.isoformat()}, activity {activity.id}), so what you gave "
            "(effort, note, pain) was added to it instead of counting the session twice. "
            "If this was a second run, log it again with --separate."
        )
    else:
        out.print(
            f"[green]Logged[/green] {what}{distance} in {format_duration(activity.duration_s)} "
            f"on {activity.local_date.isoformat()} (activity {activity.id})."
        )
    for report in logged.pain_reports:
        out.print(f"Pain: {report.region.replace('_', ' ')} {report.nrs}/10 {report.when}.")
