"""Load and forecast results remembered per history version: a write is seen at once.

Every test runs on SQLite and PostgreSQL (the ``db`` fixture). The expected figures are
computed the slow way (the whole log read and the domain maths run again), never copied.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace

import pytest
from sqlalchemy import select

from niggle.domain.athlete import Athlete
from niggle.domain.load import compute_load
from niggle.domain.session_load import load_profile
from niggle.services.activities import list_activities, log_cross, log_run
from niggle.services.athletes import create_athlete
from niggle.services.database import open_database
from niggle.services.forecast import athlete_forecast, forecast_document, load_and_forecast
from niggle.services.history_cache import MEMO, HistoryMemo, history_version
from niggle.services.load import athlete_load, load_document, load_summary
from niggle.services.overview import athlete_overview
from niggle.store import activities as repo
from niggle.store.db import Database
from niggle.store.tables.activities import ActivityRow

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _fresh_memo() -> None:
    MEMO.clear()


def _runner(db: Database, weeks: int = 8) -> Athlete:
    athlete = create_athlete(db, Athlete(name="Ana", birth_year=1990, hr_max=190), TODAY)
    assert athlete.id is not None
    for week in range(weeks):
        monday = TODAY - dt.timedelta(weeks=weeks - week, days=TODAY.weekday())
        for offset, metres in ((1, 8_000.0), (3, 10_000.0), (6, 16_000.0)):
            day = monday + dt.timedelta(days=offset)
            log_run(db, athlete.id, on=day, distance_m=metres, time_s=metres * 0.33, today=TODAY)
    return athlete


def _slow_load(db: Database, athlete: Athlete, **options: object) -> dict[str, object]:
    assert athlete.id is not None
    summary = compute_load(
        list_activities(db, athlete.id, None, TODAY),
        load_profile(athlete),
        TODAY,
        units=athlete.units,
        **options,  # type: ignore[arg-type]
    )
    return load_document(load_profile(athlete), summary)


def test_nothing_changed_means_nothing_recomputed(db: Database) -> None:
    athlete = _runner(db)
    _, _, first = athlete_load(db, athlete.name, TODAY)
    hits = MEMO.hits
    _, _, again = athlete_load(db, athlete.name, TODAY)
    assert again is first
    assert MEMO.hits == hits + 1


def test_a_logged_run_changes_the_load_at_once(db: Database) -> None:
    athlete = _runner(db)
    assert athlete.id is not None
    _, profile, before = athlete_load(db, athlete.name, TODAY)
    log_run(db, athlete.id, on=TODAY, distance_m=12_000.0, time_s=3_900.0, today=TODAY, rpe=7)
    _, _, after = athlete_load(db, athlete.name, TODAY)
    assert after.acute_7d > before.acute_7d
    assert after.weekly[-1].distance_m == pytest.approx(before.weekly[-1].distance_m + 12_000.0)
    assert load_document(profile, after) == _slow_load(db, athlete)


def test_cross_training_counts_too(db: Database) -> None:
    athlete = _runner(db)
    assert athlete.id is not None
    _, _, before = athlete_load(db, athlete.name, TODAY)
    log_cross(db, athlete.id, sport="ride", on=TODAY, time_s=3_600.0, today=TODAY, rpe=5)
    _, _, after = athlete_load(db, athlete.name, TODAY)
    assert after.acute_7d > before.acute_7d


def test_a_write_from_another_process_is_seen(db: Database, db_url: str) -> None:
    """The CLI (or another worker) writes through its own engine; the memo cannot be told,
    so the history version must notice by itself."""
    athlete = _runner(db)
    assert athlete.id is not None
    _, _, before = athlete_load(db, athlete.name, TODAY)
    other = open_database(db_url)
    try:
        log_run(other, athlete.id, on=TODAY, distance_m=5_000.0, time_s=1_500.0, today=TODAY)
    finally:
        other.dispose()
    _, profile, after = athlete_load(db, athlete.name, TODAY)
    assert after is not before
    assert load_document(profile, after) == _slow_load(db, athlete)


def test_removing_or_replacing_a_session_changes_the_version(db: Database) -> None:
    athlete = _runner(db, weeks=2)
    assert athlete.id is not None
    start = history_version(db, athlete.id)
    newest = list_activities(db, athlete.id)[-1]
    assert newest.id is not None
    with db.begin() as session:
        better = replace(newest, elapsed_s=newest.elapsed_s + 61.0)
        repo.replace_recording(
            session, athlete.id, newest.id, better, None, source_hash=None, source_index=0,
            source_path=None,
        )  # fmt: skip
    replaced = history_version(db, athlete.id)
    assert replaced != start
    with db.begin() as session:
        assert repo.remove(session, athlete.id, newest.id)
    assert history_version(db, athlete.id) not in (start, replaced)


def test_the_forecast_follows_the_log(db: Database) -> None:
    athlete = _runner(db)
    assert athlete.id is not None
    race = {"race_date": TODAY + dt.timedelta(weeks=12), "distance_m": 21_097.5}
    before = athlete_forecast(db, athlete.name, TODAY, **race)  # type: ignore[arg-type]
    assert athlete_forecast(db, athlete.name, TODAY, **race) is before  # type: ignore[arg-type]
    # A fast 10K today: the runs the forecast reads have changed.
    log_run(db, athlete.id, on=TODAY, distance_m=10_000.0, time_s=2_400.0, today=TODAY, rpe=9)
    after = athlete_forecast(db, athlete.name, TODAY, **race)  # type: ignore[arg-type]
    assert after is not before
    MEMO.clear()
    slow = athlete_forecast(db, athlete.name, TODAY, **race)  # type: ignore[arg-type]
    assert forecast_document(after) == forecast_document(slow)
    assert forecast_document(after) != forecast_document(before)


def test_load_and_forecast_without_a_plan_matches_the_load_service(db: Database) -> None:
    athlete = _runner(db)
    since = TODAY - dt.timedelta(weeks=12)
    summary, forecast = load_and_forecast(db, athlete.name, TODAY, weeks=12, flags_since=since)
    assert forecast is None
    _, profile, alone = athlete_load(db, athlete.name, TODAY, weeks=12, flags_since=since)
    assert alone is summary  # the same question, asked twice, computed once
    assert load_document(profile, summary) == _slow_load(db, athlete, weeks=12, flags_since=since)


def test_a_changed_profile_is_a_different_question(db: Database) -> None:
    """The athlete (max heart rate, race results) is part of the key, not just the log."""
    athlete = _runner(db)
    _, _, first = athlete_load(db, athlete.name, TODAY)
    changed = replace(athlete, hr_max=175, hr_rest=50)
    assert load_summary(db, changed, TODAY) is not first


def test_plain_read_gives_the_same_activities_as_the_orm_read(db: Database) -> None:
    athlete = _runner(db, weeks=3)
    assert athlete.id is not None
    since = TODAY - dt.timedelta(days=10)
    with db.begin() as session:
        rows = session.scalars(
            select(ActivityRow)
            .where(ActivityRow.athlete_id == athlete.id)
            .order_by(ActivityRow.start, ActivityRow.id)
        )
        through_orm = [repo._to_domain(row) for row in rows]
        assert repo.plain_between(session, athlete.id) == through_orm
        assert repo.between(session, athlete.id, since, TODAY) == [
            a for a in through_orm if since <= a.local_date <= TODAY
        ]


# The memo itself -------------------------------------------------------------------------


def test_the_memo_is_bounded_and_drops_old_versions(db: Database) -> None:
    memo = HistoryMemo(max_entries=3)
    calls: list[str] = []

    def make(label: str) -> str:
        calls.append(label)
        return label

    assert memo.get_or_compute(db, 1, (1,), "a", lambda: make("a1")) == "a1"
    assert memo.get_or_compute(db, 1, (1,), "b", lambda: make("b1")) == "b1"
    assert memo.get_or_compute(db, 1, (1,), "a", lambda: make("again")) == "a1"
    # A new version: everything for the old one goes, whatever the question.
    assert memo.get_or_compute(db, 1, (2,), "a", lambda: make("a2")) == "a2"
    assert len(memo) == 1
    assert memo.get_or_compute(db, 1, (2,), "b", lambda: make("b2")) == "b2"
    for athlete in (2, 3, 4):
        memo.get_or_compute(db, athlete, (1,), "a", lambda: make("other"))
    assert len(memo) == 3
    # The oldest entries were evicted, so asking again computes again.
    assert memo.get_or_compute(db, 1, (2,), "a", lambda: make("a2 again")) == "a2 again"
    assert calls == ["a1", "b1", "a2", "b2", "other", "other", "other", "a2 again"]


def test_the_memo_is_safe_across_threads(db: Database) -> None:
    memo = HistoryMemo(max_entries=8)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(300):
                version = (i // 50,)
                value = memo.get_or_compute(
                    db, i % 5, version, i % 3, lambda v=version: (v, worker)
                )
                assert value[0] == version
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(memo) <= 8


def test_the_newest_session_before_a_day_is_found_without_the_history(db: Database) -> None:
    athlete = _runner(db, weeks=3)
    assert athlete.id is not None
    everything = list_activities(db, athlete.id)
    cutoff = everything[4].local_date
    with db.begin() as session:
        found = repo.latest_until(session, athlete.id, cutoff)
        assert (
            repo.latest_until(session, athlete.id, everything[0].local_date.replace(year=2000))
            is None
        )
    assert found == [a for a in everything if a.local_date <= cutoff][-1]


def test_overview_after_a_break_still_knows_the_last_session(db: Database) -> None:
    athlete = _runner(db, weeks=3)
    assert athlete.id is not None
    later = TODAY + dt.timedelta(days=60)
    overview = athlete_overview(db, athlete, later)
    assert overview.recent_activities == ()
    assert overview.last_activity == list_activities(db, athlete.id)[-1]
    assert overview.days_since_last_activity == (later - overview.last_activity.local_date).days
