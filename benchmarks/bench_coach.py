"""The coach's dashboard for a clinic: many runners, each with a year of runs and a plan.

What it does, in one run:
1. seeds a fresh SQLite database in a temporary folder through the services: one coach and
   RUNNERS runners (default 40), each with a 5K result, a first-marathon plan and a year of
   runs (three a week, fixed seed, a pain report now and then), each sharing with the coach
   by invite as a runner would. The seeding time is printed;
2. builds the app in this process (accounts mode), signs the coach in, and times
   ``GET /coach`` through the app, alternating between:
   - **baseline**: the dashboard as it was (``per_runner_dashboard`` below, swapped in for
     ``web.pages.coach._dashboard``): for each runner an access check, an audit row in its
     own transaction, the athlete, then the overview and missed check-ins computed afresh;
   - **now**: the dashboard as it is: one query for every share with its owner and data
     version, one audit transaction, each runner's card remembered against their data
     version (``services.overview.runner_card``);
   - **now, cold**: the same with the remembered cards dropped before each request, which
     is the cost when every runner has written something since the coach last looked;
3. checks that the baseline and the new dashboard give the same page, byte for byte (the
   CSRF token aside), then prints the median of each, per runner, and the ratios.

Nothing here is a test: timing belongs in benchmarks (docs/ARCHITECTURE.md, Performance).

Run: .venv/bin/python benchmarks/bench_coach.py [--runners 40] [--repeat 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx2 in its test client
    from fastapi.testclient import TestClient

from fastapi import Request
from starlette.responses import Response

import niggle.web.pages.coach as coach_pages
from niggle.config import Settings
from niggle.domain.athlete import Athlete, RecordedResult
from niggle.domain.pain import PainReport
from niggle.domain.units import RaceResult
from niggle.services import accounts, plans, sharing
from niggle.services.accounts import PasswordHashing, User
from niggle.services.activities import log_run
from niggle.services.database import open_database
from niggle.services.missed_checkins import missed_checkins
from niggle.services.overview import CARD_MEMO, athlete_overview, attention_order
from niggle.web.app import create_app
from niggle.web.clock import Clock
from niggle.web.settings import WebSettings
from niggle.web.templating import render

SEED = 1
RUNNERS = 40
PASSWORD = "correct horse battery"
CHEAP = PasswordHashing(time_cost=1, memory_kib=8192, parallelism=1)
CSRF_RE = re.compile(r'name="csrf_token" value="[^"]+"')


def seed(db_url: str, runners: int, today: dt.date, now: dt.datetime) -> float:
    started = time.perf_counter()
    db = open_database(db_url)
    try:
        coach = accounts.register(
            db, username="cath", password=PASSWORD, role="coach", hashing=CHEAP
        )
        rng = random.Random(SEED)
        for i in range(runners):
            user = accounts.register(
                db, username=f"runner{i}", password=PASSWORD, role="athlete", hashing=CHEAP
            )
            profile = Athlete(name=f"Runner {i}", results=(RecordedResult(RaceResult(5000, 1400)),))
            athlete = accounts.create_own_athlete(db, user, profile, today)
            assert athlete.id is not None
            plans.create_plan(
                db,
                athlete.name,
                today,
                race_date=today + dt.timedelta(days=100),
                template_id="first-marathon",
            )
            day = today - dt.timedelta(days=365)
            while day <= today:
                if day.weekday() in (1, 3, 6) and rng.random() < 0.9:
                    pain = (
                        [
                            PainReport(
                                on=day, region="lower_back", nrs=rng.randint(0, 6), when="during"
                            )
                        ]
                        if rng.random() < 0.2
                        else []
                    )
                    metres = rng.uniform(5000, 20000)
                    log_run(
                        db,
                        athlete.id,
                        on=day,
                        distance_m=metres,
                        time_s=metres * rng.uniform(0.28, 0.36),
                        today=today,
                        rpe=5.0,
                        pain=pain,
                    )
                day += dt.timedelta(days=1)
            code, _ = sharing.create_invite(db, user, now)
            sharing.accept_invite(db, coach, code, now)
    finally:
        db.dispose()
    return time.perf_counter() - started


def per_runner_dashboard(
    request: Request,
    db: Any,
    clock: Clock,
    coach: User,
    *,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    """The dashboard before batching and memoising, kept here as the baseline."""
    today = clock.today()
    now = clock.now()
    rows = []
    for share in sharing.shared_with(db, coach):
        athlete = sharing.athlete_for_viewing(
            db, coach, share.athlete_id, what="coach dashboard", now=now
        )
        overview = athlete_overview(db, athlete, today)
        rows.append((share, overview, missed_checkins(db, athlete, today, overview.triage)))
    rows.sort(key=lambda row: attention_order(row[1], row[2]))
    return render(
        request,
        "coach.html",
        {
            "active": "coach",
            "rows": rows,
            "today": today,
            "error": error,
            "notice": notice,
            **coach_pages._missed_rules(),
        },
        status_code=status,
    )


def timed(client: TestClient, before: Callable[[], None]) -> tuple[float, str]:
    before()
    started = time.perf_counter()
    response = client.get("/coach")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed, CSRF_RE.sub("", response.text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, default=RUNNERS)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clock = Clock(fixed_now=now)
    today = clock.today()

    with tempfile.TemporaryDirectory(prefix="niggle-bench-coach-") as folder:
        db_url = f"sqlite:///{Path(folder) / 'coach.db'}"
        took = seed(db_url, args.runners, today, now)
        print(f"seeded {args.runners} runners (a year of runs and a plan each) in {took:.1f} s")
        web = WebSettings(
            mode="accounts",
            host="0.0.0.0",
            argon2_time_cost=1,
            argon2_memory_kib=8192,
            argon2_parallelism=1,
        )
        app = create_app(Settings(db_url=db_url), web, clock=clock)
        client = TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False)
        page = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        signed_in = client.post(
            "/login", data={"username": "cath", "password": PASSWORD, "csrf_token": token[1]}
        )
        assert signed_in.status_code == 303, signed_in.status_code

        current = coach_pages._dashboard

        def as_it_was() -> None:
            coach_pages._dashboard = per_runner_dashboard

        def as_it_is() -> None:
            coach_pages._dashboard = current

        def as_it_is_cold() -> None:
            as_it_is()
            CARD_MEMO.clear()

        phases: dict[str, Callable[[], None]] = {
            "baseline (per runner, as it was)": as_it_was,
            "now (cards remembered)": as_it_is,
            "now, cold (every card computed)": as_it_is_cold,
        }
        times: dict[str, list[float]] = {name: [] for name in phases}
        pages: dict[str, str] = {}
        for name, before in phases.items():  # warm-up: templates, history memo, card memo
            _, pages[name] = timed(client, before)
        # Interleaved, so drift on a shared machine falls on every phase alike.
        for _ in range(args.repeat):
            for name, before in phases.items():
                elapsed, text = timed(client, before)
                times[name].append(elapsed)
                assert text == pages[name]
        as_it_is()
        cards = pages["now (cards remembered)"].count('<li class="card">')
        assert len(set(pages.values())) == 1, "the dashboards differ"
        print(f"same page from all three ({cards} runner cards): yes")

        base = statistics.median(times["baseline (per runner, as it was)"])
        print(f"\nGET /coach, {args.runners} runners, median of {args.repeat}:")
        for name, values in times.items():
            ms = statistics.median(values) * 1000
            print(
                f"  {name:34} {ms:7.1f} ms  {ms / args.runners:5.2f} ms/runner"
                f"  baseline/this {base * 1000 / ms:5.1f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
