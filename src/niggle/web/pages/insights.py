"""Insights: weekly running volume, the load lines and pain over time (server-side SVG),
and the race forecast with its scenarios."""

from __future__ import annotations

import datetime as dt
import math
from typing import Final

from fastapi import APIRouter, Request
from starlette.responses import Response

from niggle.domain.load import ACWR_CRITIQUE, LOAD_UNIT, TSB_CONVENTION
from niggle.domain.units import distance_in
from niggle.services.activities import list_pain_reports
from niggle.services.forecast import forecast_document, load_and_forecast
from niggle.web.charts import Series, bar_chart, line_chart
from niggle.web.deps import ClockDep, CurrentAthlete, DbDep
from niggle.web.page_cache import mark_cacheable
from niggle.web.templating import render

router = APIRouter()

WEEKS: Final = 12


@router.get("/insights")
def insights_page(
    request: Request, athlete: CurrentAthlete, db: DbDep, clock: ClockDep
) -> Response:
    assert athlete.id is not None
    mark_cacheable(request)
    today = clock.today()
    first_day = today - dt.timedelta(weeks=WEEKS)
    # One read of the whole history for both the load lines and the forecast.
    summary, forecast = load_and_forecast(
        db, athlete.name, today, weeks=WEEKS, flags_since=first_day
    )
    units = athlete.units
    weekly = [
        (f"{w.week_start.day} {w.week_start:%b}", distance_in(w.distance_m, units))
        for w in summary.weekly
    ]
    # No runs in the window: say so in words rather than draw a chart of empty bars.
    volume = (
        bar_chart(
            weekly, title=f"Running distance per week ({units})", unit=units, highlight_last=True
        )
        if any(value > 0 for _, value in weekly)
        else None
    )
    load_chart = None
    if summary.daily is not None:
        daily = summary.daily
        start = max(0, len(daily) - WEEKS * 7)
        days = [daily.day(i) for i in range(start, len(daily))]
        curves = daily.curves

        def points(values: object) -> list[tuple[dt.date, float]]:
            series = [float(v) for v in values[start:]]  # type: ignore[index]
            return [(d, v) for d, v in zip(days, series, strict=True) if math.isfinite(v)]

        load_chart = line_chart(
            [
                Series("Fitness (CTL, 42-day)", "ctl", points(curves.ctl)),
                Series("Fatigue (ATL, 7-day)", "atl", points(curves.atl)),
            ],
            title="Load lines: fitness and fatigue (load points per day)",
            unit="pts",
        )
    pain = list_pain_reports(db, athlete.id, first_day, today)
    pain_chart = (
        line_chart(
            [
                Series(
                    when.replace("_", " "),
                    f"pain-{when}",
                    [(p.on, p.nrs) for p in pain if p.when == when],
                )
                for when in ("during", "after", "next_morning", "rest")
            ],
            title="Pain reported (0-10) by when it was felt",
            unit="0-10",
            y_max=10,
            dots=True,
        )
        if pain
        else None
    )
    race_forecast = forecast_document(forecast) if forecast is not None else None
    return render(
        request,
        "insights.html",
        {
            "active": "insights",
            "athlete": athlete,
            "units": units,
            "summary": summary,
            "weekly": weekly,
            "volume_chart": volume,
            "load_chart": load_chart,
            "pain_chart": pain_chart,
            "pain": pain,
            "weeks": WEEKS,
            "forecast": race_forecast,
            "load_unit": LOAD_UNIT,
            "acwr_note": ACWR_CRITIQUE,
            "tsb_convention": TSB_CONVENTION,
        },
    )
