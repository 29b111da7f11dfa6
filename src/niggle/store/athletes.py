"""Athlete repository: maps rows to domain athletes and back."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from niggle.domain.athlete import Athlete, RecordedResult, Sex
from niggle.domain.units import RaceResult, UnitSystem
from niggle.store.tables.athletes import AthleteRow, RaceResultRow


def _to_domain(row: AthleteRow) -> Athlete:
    units: UnitSystem = "mi" if row.units == "mi" else "km"
    sex: Sex | None = row.sex if row.sex in ("female", "male", "other") else None  # type: ignore[assignment]
    return Athlete(
        id=row.id,
        name=row.name,
        units=units,
        birth_year=row.birth_year,
        sex=sex,
        results=tuple(
            RecordedResult(RaceResult(r.distance_m, r.time_s), r.raced_on) for r in row.results
        ),
        weekly_distance_m=row.weekly_distance_m,
        hr_max=row.hr_max,
        hr_rest=row.hr_rest,
        region=row.region,
    )


def _fill(row: AthleteRow, athlete: Athlete) -> None:
    row.name = athlete.name
    row.units = athlete.units
    row.birth_year = athlete.birth_year
    row.sex = athlete.sex
    row.weekly_distance_m = athlete.weekly_distance_m
    row.hr_max = athlete.hr_max
    row.hr_rest = athlete.hr_rest
    row.region = athlete.region
    row.results = [
        RaceResultRow(distance_m=r.result.distance_m, time_s=r.result.time_s, raced_on=r.on)
        for r in athlete.results
    ]


def add(session: Session, athlete: Athlete) -> Athlete:
    row = AthleteRow()
    _fill(row, athlete)
    session.add(row)
    session.flush()
    return _to_domain(row)


def update(session: Session, athlete: Athlete) -> Athlete:
    if athlete.id is None:
        raise ValueError("update needs a stored athlete")
    row = session.get_one(AthleteRow, athlete.id)
    _fill(row, athlete)
    session.flush()
    return _to_domain(row)


def get(session: Session, athlete_id: int) -> Athlete | None:
    row = session.get(AthleteRow, athlete_id)
    return None if row is None else _to_domain(row)


def by_name(session: Session, name: str) -> Athlete | None:
    row = session.scalars(
        select(AthleteRow).where(func.lower(AthleteRow.name) == name.strip().lower())
    ).first()
    return None if row is None else _to_domain(row)


def all_athletes(session: Session) -> list[Athlete]:
    return [_to_domain(r) for r in session.scalars(select(AthleteRow).order_by(AthleteRow.id))]


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AthleteRow)) or 0


def delete(session: Session, athlete_id: int) -> None:
    row = session.get(AthleteRow, athlete_id)
    if row is not None:
        session.delete(row)
