"""The race forecast for an athlete: their log, their load, their race."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from niggle.domain.activity import Activity
from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.forecast import Forecast, RaceTarget, ScenarioForecast, forecast
from niggle.domain.load import LoadSummary
from niggle.domain.race_predictors import Effort, Prediction
from niggle.services.athletes import find_athlete
from niggle.services.history_cache import MEMO, HistoryVersion, history_version
from niggle.services.load import HistoryReader, load_summary
from niggle.store import plans as plans_repo
from niggle.store.db import Database

NO_RACE_HINT = (
    "Say which race with --race-date YYYY-MM-DD --distance marathon (and --goal 3:45:00 if you "
    "have one), or create a plan with: niggle plan create --template first-marathon "
    "--race-date YYYY-MM-DD"
)


@dataclass(frozen=True)
class AthleteForecast:
    athlete: Athlete
    forecast: Forecast
    race_from: str  # "options" or "plan"


def _athlete_id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise RuntimeError(f"athlete {athlete.name!r} has no id")
    return athlete.id


def plan_race(db: Database, athlete: Athlete) -> RaceTarget | None:
    """The race of the athlete's active plan, if there is one."""
    athlete_id = _athlete_id(athlete)
    with db.begin() as session:
        race = plans_repo.active_race(session, athlete_id)
    return None if race is None else RaceTarget(race.date, race.distance_m, race.name)


def athlete_forecast(
    db: Database,
    name: str | None,
    today: dt.date,
    *,
    race_date: dt.date | None = None,
    distance_m: float | None = None,
    goal_time_s: float | None = None,
    race_name: str | None = None,
) -> AthleteForecast:
    athlete = find_athlete(db, name)
    if (race_date is None) != (distance_m is None):
        raise InvalidInput(
            "Give both --race-date and --distance for a race of your own, e.g. "
            "--race-date 2027-04-25 --distance marathon."
        )
    race_from = "options"
    if race_date is not None and distance_m is not None:
        race = RaceTarget(race_date, distance_m, race_name)
    else:
        found = plan_race(db, athlete)
        if found is None:
            raise NotFound(f"{athlete.name} has no race to forecast. {NO_RACE_HINT}")
        race, race_from = found, "plan"

    return _remembered_forecast(db, athlete, race, race_from, today, goal_time_s)


def load_and_forecast(
    db: Database,
    name: str | None,
    today: dt.date,
    *,
    weeks: int | None = None,
    flags_since: dt.date | None = None,
) -> tuple[LoadSummary, AthleteForecast | None]:
    """The load summary (as ``athlete_load``) and the plan race's forecast (None without a
    plan), from one read of the whole history instead of two: years of sessions take far
    longer to read than to compute with, and the Insights page shows both."""
    athlete = find_athlete(db, name)
    athlete_id = _athlete_id(athlete)
    version = history_version(db, athlete_id)
    history = HistoryReader(db, athlete_id, today)
    summary = load_summary(
        db,
        athlete,
        today,
        weeks=weeks,
        flags_since=flags_since,
        version=version,
        history=history,
    )
    race = plan_race(db, athlete)
    if race is None:
        return summary, None
    return summary, _remembered_forecast(
        db, athlete, race, "plan", today, None, version=version, history=history
    )


def _remembered_forecast(
    db: Database,
    athlete: Athlete,
    race: RaceTarget,
    race_from: str,
    today: dt.date,
    goal_time_s: float | None,
    *,
    version: HistoryVersion | None = None,
    history: HistoryReader | None = None,
) -> AthleteForecast:
    """The forecast, remembered until the athlete's history changes (history_cache.py)."""
    athlete_id = _athlete_id(athlete)
    if version is None:  # read before the history, so a write in between is never hidden
        version = history_version(db, athlete_id)
    sessions = history or HistoryReader(db, athlete_id, today)

    def compute() -> AthleteForecast:
        summary = load_summary(db, athlete, today, version=version, history=sessions)
        return _forecast_from(athlete, race, race_from, sessions(), summary, today, goal_time_s)

    return MEMO.get_or_compute(
        db, athlete_id, version, ("forecast", athlete, race, race_from, today, goal_time_s), compute
    )


def _forecast_from(
    athlete: Athlete,
    race: RaceTarget,
    race_from: str,
    activities: Sequence[Activity],
    summary: LoadSummary,
    today: dt.date,
    goal_time_s: float | None,
) -> AthleteForecast:
    runs = [a for a in activities if a.is_run]
    daily = [float(x) for x in summary.daily.load] if summary.daily is not None else []
    while daily and daily[0] == 0.0:  # the series starts on a Monday, maybe before the log
        daily.pop(0)
    results = [
        Effort(r.result.distance_m, r.result.time_s, r.on, "race result", is_race=True)
        for r in athlete.results
    ]
    return AthleteForecast(
        athlete, forecast(today, race, goal_time_s, runs, daily, results), race_from
    )


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def prediction_document(p: Prediction) -> dict[str, Any]:
    return {
        "method": p.method,
        "predicted_time_s": _round(p.time_s),
        "basis": p.basis,
        "bias": p.bias,
        "source": p.source,
        "note": p.note,
    }


def scenario_document(s: ScenarioForecast) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "description": s.description,
        "predicted_time_s": _round(s.predicted_time_s),
        "feasible": s.feasible,
        "notes": list(s.notes),
        "suggested_goal_s": _round(s.suggested_goal_s),
        "race_day_vdot": _round(s.race_day_vdot, 2),
        "long_run_ready_on": s.long_run_ready_on.isoformat() if s.long_run_ready_on else None,
        "earliest_race_on": s.earliest_race_on.isoformat() if s.earliest_race_on else None,
        "range_s": [_round(x) for x in s.range_s] if s.range_s else None,
    }


def forecast_document(result: AthleteForecast) -> dict[str, Any]:
    """The contract's JSON for ``niggle forecast``, plus the side-by-side predictions."""
    f = result.forecast
    return {
        "schema_version": 1,
        "athlete": result.athlete.name,
        "as_of": f.today.isoformat(),
        "race": {
            "name": f.race.name,
            "date": f.race.on.isoformat(),
            "distance_m": f.race.distance_m,
            "from": result.race_from,
        },
        "goal_time_s": _round(f.goal_time_s),
        "predicted_time_s": _round(f.predicted_time_s),
        "vdot": round(f.vdot_now, 2),
        "predictions": [prediction_document(p) for p in f.predictions],
        "scenarios": [scenario_document(s) for s in f.scenarios],
        "assumptions": [
            {"name": a.name, "value": a.value, "source": a.source} for a in f.assumptions
        ],
        "notes": list(f.notes),
    }
