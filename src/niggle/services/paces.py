"""Training paces and race predictions, for a given result or an athlete's fitness."""

from __future__ import annotations

from typing import Any

from niggle.domain.athlete import Athlete
from niggle.domain.errors import NotFound
from niggle.domain.paces import RIEGEL_EXPONENT, RIEGEL_MARATHON_CAVEAT, PaceReport, pace_report
from niggle.domain.units import METRES_PER_MILE, RaceResult
from niggle.services.athletes import find_athlete
from niggle.store.db import Database


def paces_document(report: PaceReport) -> dict[str, Any]:
    """The contract's JSON for ``niggle paces``; SI units unless the field name says so."""
    d = report.daniels
    f = report.first
    return {
        "schema_version": 1,
        "input": {"distance_m": report.result.distance_m, "time_s": report.result.time_s},
        "vdot": round(report.vdot, 2),
        "predictions": {
            p.name: {"riegel_s": round(p.riegel_s, 1), "vdot_s": round(p.vdot_s, 1)}
            for p in report.predictions
        },
        "riegel_exponent": report.riegel_exponent,
        "notes": [RIEGEL_MARATHON_CAVEAT],
        "daniels": {
            "easy_s_per_km": [round(d.easy_s_per_km[0], 1), round(d.easy_s_per_km[1], 1)],
            "marathon_s_per_km": round(d.marathon_s_per_km, 1),
            "threshold_s_per_km": round(d.threshold_s_per_km, 1),
            "interval_s_per_400m": round(d.interval_s_per_400m, 1),
            "repetition_s_per_400m": round(d.repetition_s_per_400m, 1),
        },
        "first": {
            **{f"rep_{m}_s": round(s, 1) for m, s in f.rep_s.items()},
            "short_tempo_s_per_mi": round(f.short_tempo_s_per_mi, 1),
            "mid_tempo_s_per_mi": round(f.mid_tempo_s_per_mi, 1),
            "long_tempo_s_per_mi": round(f.long_tempo_s_per_mi, 1),
            "marathon_pace_s_per_mi": round(f.marathon_pace_s_per_mi, 1),
            "marathon_time_s": round(f.marathon_time_s, 1),
            "easy_s_per_mi": round(f.easy_s_per_mi, 1),
            "five_k_equivalent_s": round(f.five_k_s, 1),
            "marathon_pace_s_per_km": round(f.marathon_pace_s_per_mi * 1000 / METRES_PER_MILE, 1),
        },
    }


def pace_report_for(result: RaceResult, riegel_exponent: float = RIEGEL_EXPONENT) -> PaceReport:
    return pace_report(result, riegel_exponent)


def athlete_pace_report(
    db: Database, name: str | None, riegel_exponent: float = RIEGEL_EXPONENT
) -> tuple[Athlete, PaceReport]:
    athlete = find_athlete(db, name)
    result = athlete.fitness_result()
    if result is None:
        raise NotFound(
            f"{athlete.name} has no race result yet. Add one with: "
            "niggle athlete update --from 5k=25:00, or pass --from to this command."
        )
    return athlete, pace_report(result, riegel_exponent)
