"""``niggle athlete``: create, show, list and update runners."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    from niggle.domain.athlete import Athlete

app = typer.Typer(help="Create, show and update athletes.", no_args_is_help=True)

NameOption = Annotated[str | None, typer.Option("--name", help="The athlete's name.")]
UnitsOption = Annotated[str | None, typer.Option("--units", help="km or mi.")]
BirthYearOption = Annotated[int | None, typer.Option("--birth-year", help="Year of birth.")]
SexOption = Annotated[
    str | None, typer.Option("--sex", help="female, male or other (optional; used for TRIMP).")
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="A recent race result, e.g. 5k=22:30.")
]
RaceDateOption = Annotated[
    str | None, typer.Option("--race-date", help="When that race was run (YYYY-MM-DD).")
]
WeeklyOption = Annotated[
    str | None, typer.Option("--weekly", help="Typical weekly distance, e.g. 25mi or 40km.")
]
HrMaxOption = Annotated[int | None, typer.Option("--hr-max", help="Maximum heart rate (bpm).")]
HrRestOption = Annotated[int | None, typer.Option("--hr-rest", help="Resting heart rate (bpm).")]
RegionOption = Annotated[
    str | None, typer.Option("--region", help="Where you live, for care contacts (default uk).")
]


def _parsed(
    units: str | None,
    sex: str | None,
    from_result: str | None,
    race_date: str | None,
    weekly: str | None,
    region: str | None,
) -> dict[str, Any]:
    from niggle.domain.athlete import parse_sex
    from niggle.domain.dates import parse_date
    from niggle.domain.errors import InvalidInput
    from niggle.domain.units import parse_distance, parse_race_result, parse_unit_system
    from niggle.services.care import check_region

    if race_date and not from_result:
        raise InvalidInput("--race-date needs a result with --from, e.g. --from 5k=22:30.")
    return {
        "units": parse_unit_system(units) if units else None,
        "sex": parse_sex(sex) if sex else None,
        "result": parse_race_result(from_result) if from_result else None,
        "result_on": parse_date(race_date, "--race-date") if race_date else None,
        "weekly_distance_m": parse_distance(weekly) if weekly else None,
        "region": check_region(region) if region else None,
    }


@app.command("create")
def create(
    ctx: typer.Context,
    name: NameOption = None,
    units: UnitsOption = None,
    birth_year: BirthYearOption = None,
    sex: SexOption = None,
    from_result: FromOption = None,
    race_date: RaceDateOption = None,
    weekly: WeeklyOption = None,
    hr_max: HrMaxOption = None,
    hr_rest: HrRestOption = None,
    region: RegionOption = None,
    json: JsonOption = False,
) -> None:
    """Add a runner. Only --name is required."""
    from niggle.domain.athlete import Athlete, RecordedResult
    from niggle.domain.errors import InvalidInput
    from niggle.services.athletes import create_athlete

    if not name:
        raise InvalidInput("Give the athlete a name with --name, for example --name Sam.")
    values = _parsed(units, sex, from_result, race_date, weekly, region)
    athlete = Athlete(
        name=name,
        units=values["units"] or "km",
        birth_year=birth_year,
        sex=values["sex"],
        results=(RecordedResult(values["result"], values["result_on"]),)
        if values["result"]
        else (),
        weekly_distance_m=values["weekly_distance_m"],
        hr_max=hr_max,
        hr_rest=hr_rest,
        region=values["region"] or "uk",
    )
    with database(ctx) as db:
        created = create_athlete(db, athlete, today())
    _show(created, json, headline=f"Created athlete {created.name}.")


@app.command("show")
def show(ctx: typer.Context, athlete: AthleteOption = None, json: JsonOption = False) -> None:
    """Show an athlete's profile and fitness."""
    from niggle.services.athletes import find_athlete

    with database(ctx) as db:
        found = find_athlete(db, get_state(ctx).athlete_name(athlete))
    _show(found, json)


@app.command("list")
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    """List every athlete in the database."""
    from niggle.services.athletes import athlete_document, list_athletes

    with database(ctx) as db:
        everyone = list_athletes(db)
    if json:
        from niggle.cli.output import emit_json

        emit_json({"athletes": [athlete_document(a, today()) for a in everyone]})
        return
    from niggle.cli.output import console

    out = console()
    if not everyone:
        out.print("No athletes yet. Create one with: niggle athlete create --name NAME")
    for a in everyone:
        out.print(f"- {a.name} ({a.units})")


@app.command("update")
def update(
    ctx: typer.Context,
    athlete: AthleteOption = None,
    name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    units: UnitsOption = None,
    birth_year: BirthYearOption = None,
    sex: SexOption = None,
    from_result: FromOption = None,
    race_date: RaceDateOption = None,
    weekly: WeeklyOption = None,
    hr_max: HrMaxOption = None,
    hr_rest: HrRestOption = None,
    region: RegionOption = None,
    json: JsonOption = False,
) -> None:
    """Change an athlete's details, or add a new race result with --from."""
    from niggle.services.athletes import update_athlete

    values = _parsed(units, sex, from_result, race_date, weekly, region)
    with database(ctx) as db:
        updated = update_athlete(
            db,
            get_state(ctx).athlete_name(athlete),
            today(),
            new_name=name,
            birth_year=birth_year,
            hr_max=hr_max,
            hr_rest=hr_rest,
            **values,
        )
    _show(updated, json, headline=f"Updated {updated.name}.")


def _show(athlete: Athlete, json: bool, headline: str | None = None) -> None:
    from niggle.services.athletes import athlete_document

    document = athlete_document(athlete, today())
    if json:
        from niggle.cli.output import emit_json

        emit_json(document)
        return
    from niggle.cli.output import console
    from niggle.domain.units import format_distance, format_duration

    out = console()
    if headline:
        out.print(f"[green]{headline}[/green]")
    out.print(f"[bold]{athlete.name}[/bold]  units: {athlete.units}  region: {athlete.region}")
    if athlete.birth_year:
        out.print(f"Born {athlete.birth_year} (age {document['age']})")
    if athlete.sex:
        out.print(f"Sex: {athlete.sex}")
    if athlete.weekly_distance_m:
        out.print(f"Typical week: {format_distance(athlete.weekly_distance_m, athlete.units)}")
    if athlete.hr_max or athlete.hr_rest:
        out.print(f"Heart rate: max {athlete.hr_max or '?'}, rest {athlete.hr_rest or '?'}")
    for r in document["results"]:
        when = f" on {r['date']}" if r["date"] else ""
        out.print(
            f"Result: {format_distance(r['distance_m'], athlete.units)} in "
            f"{format_duration(r['time_s'])}{when} (VDOT {r['vdot']})"
        )
    if not athlete.results:
        out.print("No race result yet: add one with niggle athlete update --from 5k=25:00")
