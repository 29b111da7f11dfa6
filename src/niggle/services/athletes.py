"""Creating, finding, showing and updating athletes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy.exc import IntegrityError

from niggle.domain.athlete import Athlete, Sex, validate_athlete
from niggle.domain.errors import Conflict, NotFound
from niggle.domain.paces import vdot
from niggle.domain.units import RaceResult, UnitSystem, race_key
from niggle.store import athletes as repo
from niggle.store.db import Database

NO_ATHLETE_HINT = "Create one with: niggle athlete create --name NAME --from 5k=25:00"


def create_athlete(db: Database, athlete: Athlete, today: dt.date) -> Athlete:
    athlete = validate_athlete(athlete, today)
    try:
        with db.begin() as session:
            if repo.by_name(session, athlete.name) is not None:
                raise Conflict(
                    f"An athlete called {athlete.name!r} already exists. "
                    "Pick another name, or change them with: niggle athlete update."
                )
            return repo.add(session, athlete)
    except IntegrityError as exc:  # a concurrent writer took the name first
        raise Conflict(f"An athlete called {athlete.name!r} already exists.") from exc


def find_athlete(db: Database, name: str | None) -> Athlete:
    """The named athlete, or the only one when no name is given."""
    with db.begin() as session:
        if name:
            found = repo.by_name(session, name)
            if found is None:
                known = ", ".join(a.name for a in repo.all_athletes(session)) or "none yet"
                raise NotFound(f"No athlete called {name!r} (athletes: {known}).")
            return found
        everyone = repo.all_athletes(session)
    if not everyone:
        raise NotFound(f"There is no athlete yet. {NO_ATHLETE_HINT}")
    if len(everyone) > 1:
        names = ", ".join(a.name for a in everyone)
        raise Conflict(f"There are several athletes ({names}); choose one with --athlete NAME.")
    return everyone[0]


def list_athletes(db: Database) -> list[Athlete]:
    with db.begin() as session:
        return repo.all_athletes(session)


def update_athlete(
    db: Database,
    name: str | None,
    today: dt.date,
    *,
    new_name: str | None = None,
    units: UnitSystem | None = None,
    birth_year: int | None = None,
    sex: Sex | None = None,
    result: RaceResult | None = None,
    result_on: dt.date | None = None,
    weekly_distance_m: float | None = None,
    hr_max: int | None = None,
    hr_rest: int | None = None,
    region: str | None = None,
) -> Athlete:
    current = find_athlete(db, name)
    changes: dict[str, Any] = {
        key: value
        for key, value in {
            "name": new_name,
            "units": units,
            "birth_year": birth_year,
            "sex": sex,
            "weekly_distance_m": weekly_distance_m,
            "hr_max": hr_max,
            "hr_rest": hr_rest,
            "region": region,
        }.items()
        if value is not None
    }
    updated = replace(current, **changes)
    if result is not None:
        updated = updated.with_result(result, result_on)
    updated = validate_athlete(updated, today)
    with db.begin() as session:
        if new_name:
            clash = repo.by_name(session, new_name)
            if clash is not None and clash.id != current.id:
                raise Conflict(f"An athlete called {new_name!r} already exists.")
        return repo.update(session, updated)


def athlete_document(athlete: Athlete, today: dt.date) -> dict[str, Any]:
    """The contract's JSON for ``niggle athlete show``."""
    fitness = athlete.fitness_result()
    return {
        "schema_version": 1,
        "id": athlete.id,
        "name": athlete.name,
        "units": athlete.units,
        "birth_year": athlete.birth_year,
        "age": athlete.age_on(today),
        "sex": athlete.sex,
        "region": athlete.region,
        "weekly_distance_m": athlete.weekly_distance_m,
        "hr_max": athlete.hr_max,
        "hr_rest": athlete.hr_rest,
        "results": [
            {
                "distance_m": r.result.distance_m,
                "distance": race_key(r.result.distance_m),
                "time_s": r.result.time_s,
                "date": r.on.isoformat() if r.on else None,
                "vdot": round(vdot(r.result), 1),
            }
            for r in athlete.results
        ],
        "vdot": round(vdot(fitness), 1) if fitness else None,
    }
