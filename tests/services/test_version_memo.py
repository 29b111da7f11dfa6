"""The coach's dashboard path on both backends: one query and one audit transaction for every
runner, and each runner's card remembered against their data version (``VersionMemo``)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.dates import week_start
from niggle.domain.pain import PainReport
from niggle.domain.units import RaceResult
from niggle.services import accounts, audit, sharing
from niggle.services.accounts import PasswordHashing
from niggle.services.activities import log_run
from niggle.services.care import care_contacts
from niggle.services.database import open_database
from niggle.services.history_cache import VersionMemo
from niggle.services.missed_checkins import missed_checkins
from niggle.services.overview import CARD_MEMO, RunnerCard, athlete_overview, runner_card
from niggle.services.plans import create_plan, demo_race_date
from niggle.services.triage import AnswersInput, knowledge, run_triage, save_triage
from niggle.store.db import Database
from tests.services.test_triage import NEGATIVE

CHEAP = PasswordHashing(time_cost=1, memory_kib=8192, parallelism=1)
NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _fresh_memo() -> Iterator[None]:
    # The PostgreSQL tier reuses one URL with ids and versions restarting at 1, so a card
    # from an earlier test could otherwise match a later one's (URL, athlete, version, day).
    CARD_MEMO.clear()
    yield
    CARD_MEMO.clear()


def _user(db: Database, name: str, role: str = "athlete") -> accounts.User:
    return accounts.register(
        db, username=name, password="a long enough password", role=role, hashing=CHEAP
    )


def _runner(db: Database, name: str) -> tuple[accounts.User, int]:
    user = _user(db, name)
    athlete = accounts.create_own_athlete(db, user, Athlete(name=name.title()), TODAY)
    assert athlete.id is not None
    return user, athlete.id


def _share(db: Database, runner: accounts.User, coach: accounts.User) -> None:
    code, _ = sharing.create_invite(db, runner, NOW)
    sharing.accept_invite(db, coach, code, NOW)


def _views(db: Database, athlete_id: int) -> list[str]:
    return [e.what for e in audit.audit_trail(db, athlete_id) if e.action == "view"]


# VersionMemo ----------------------------------------------------------------------------------


def test_a_result_is_kept_while_its_version_holds_and_replaced_when_it_moves() -> None:
    memo = VersionMemo()
    calls: list[int] = []

    def compute(value: int) -> int:
        calls.append(value)
        return value

    assert memo.get_or_compute("a", 1, lambda: compute(10)) == 10
    assert memo.get_or_compute("a", 1, lambda: compute(11)) == 10  # same version: kept
    assert memo.get_or_compute("a", 2, lambda: compute(12)) == 12  # moved on: computed
    assert memo.get_or_compute("a", 1, lambda: compute(13)) == 13  # only the latest is kept
    assert calls == [10, 12, 13]
    assert (memo.hits, memo.misses, len(memo)) == (1, 3, 1)


def test_the_memo_is_bounded_least_recently_used_first() -> None:
    memo = VersionMemo(max_entries=2)
    memo.get_or_compute("a", 1, lambda: "A")
    memo.get_or_compute("b", 1, lambda: "B")
    memo.get_or_compute("a", 1, lambda: "not used")  # a is now the most recent
    memo.get_or_compute("c", 1, lambda: "C")  # b goes
    assert len(memo) == 2
    assert memo.get_or_compute("a", 1, lambda: "again") == "A"
    assert memo.get_or_compute("b", 1, lambda: "B2") == "B2"
    memo.clear()
    assert len(memo) == 0


def test_threads_never_get_a_result_for_another_version() -> None:
    # Many threads asking for a few keys at versions that keep changing: whatever is kept or
    # replaced in between, each answer is the one computed for the version asked about.
    memo = VersionMemo(max_entries=3)
    wrong: list[tuple[object, ...]] = []

    def work(seed: int) -> None:
        for i in range(300):
            key, version = (seed + i) % 5, (i // 7) % 3
            got = memo.get_or_compute(key, version, lambda k=key, v=version: (k, v))
            if got != (key, version):
                wrong.append((key, version, got))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert len(memo) <= 3 and memo.hits + memo.misses == 8 * 300


# The batched access check and audit ---------------------------------------------------------


def test_every_runner_sharing_is_listed_with_one_audit_row_per_look(db: Database) -> None:
    coach = _user(db, "cole", role="coach")
    other_coach = _user(db, "olga", role="coach")
    ids = {}
    for name in ("ann", "bea", "cat"):
        runner, ids[name] = _runner(db, name)
        _share(db, runner, coach)
    _, loner = _runner(db, "dee")  # shares with nobody
    runner_e, ids["eve"] = _runner(db, "eve")
    _share(db, runner_e, other_coach)  # shares with someone else only

    for look in (1, 2):
        found = sharing.athletes_for_viewing(db, coach, what="coach dashboard", now=NOW)
        assert [f.share.athlete_name for f in found] == ["Ann", "Bea", "Cat"]
        assert all(f.version is not None and f.owner_id != coach.id for f in found)
        for name in ("ann", "bea", "cat"):
            assert _views(db, ids[name]) == ["coach dashboard"] * look
    assert _views(db, loner) == [] and _views(db, ids["eve"]) == []


def test_a_revoked_share_is_gone_at_once_and_not_audited(db: Database) -> None:
    coach = _user(db, "cole", role="coach")
    ann, ann_id = _runner(db, "ann")
    bea, bea_id = _runner(db, "bea")
    _share(db, ann, coach)
    _share(db, bea, coach)
    sharing.athletes_for_viewing(db, coach, what="coach dashboard", now=NOW)
    (share,) = sharing.my_shares(db, ann)
    sharing.revoke_share(db, ann, share.id, NOW)
    found = sharing.athletes_for_viewing(db, coach, what="coach dashboard", now=NOW)
    assert [f.share.athlete_id for f in found] == [bea_id]
    assert _views(db, ann_id) == ["coach dashboard"]  # the look before, not the one after
    assert _views(db, bea_id) == ["coach dashboard"] * 2


def test_a_runner_account_sees_nothing_and_logs_nothing(db: Database) -> None:
    ann, ann_id = _runner(db, "ann")
    assert sharing.athletes_for_viewing(db, ann, what="coach dashboard", now=NOW) == []
    assert _views(db, ann_id) == []


# The remembered card ------------------------------------------------------------------------


def _card_now(db: Database, coach: accounts.User, athlete_id: int) -> RunnerCard | None:
    (found,) = [
        f
        for f in sharing.athletes_for_viewing(db, coach, what="coach dashboard", now=NOW)
        if f.share.athlete_id == athlete_id
    ]
    return runner_card(db, athlete_id, found.version, TODAY)


def test_the_card_is_what_the_per_runner_path_computes_and_is_kept(db: Database) -> None:
    coach = _user(db, "cole", role="coach")
    ann, ann_id = _runner(db, "ann")
    _share(db, ann, coach)
    # A plan begun two weeks back, sessions and pain either side of every window's edge
    # (7, 14, 28 and 60 days), a next-morning report and a triage: the one-transaction card
    # must agree with the per-runner functions on all of it.
    create_plan(
        db, "Ann", TODAY, template_id="first-marathon", race_date=demo_race_date(TODAY),
        start=week_start(TODAY) - dt.timedelta(weeks=2), fitness=RaceResult(5000, 1350),
    )  # fmt: skip
    for back in (0, 3, 6, 7, 8, 13, 14, 15, 27, 28, 29, 59, 60, 61):
        day = TODAY - dt.timedelta(days=back)
        when = "next_morning" if back == 8 else "during"
        pain = [PainReport(on=day, region="knee", nrs=back % 8, when=when)] if back % 2 else []
        log_run(db, ann_id, on=day, distance_m=5000 + back, time_s=1800, today=TODAY, pain=pain)
    result = run_triage(
        knowledge(),
        care_contacts("uk"),
        TODAY - dt.timedelta(days=5),
        answers=AnswersInput({**NEGATIVE, "pain_during_run_nrs": 7}, 38, "male"),  # type: ignore[dict-item]
    )
    save_triage(db, ann_id, result, TODAY - dt.timedelta(days=5))
    card = _card_now(db, coach, ann_id)
    athlete = sharing.athlete_for_viewing(db, coach, ann_id, what="test", now=NOW)
    overview = athlete_overview(db, athlete, TODAY)
    assert card == (overview, missed_checkins(db, athlete, TODAY, overview.triage))
    assert card[1].sessions and card[0].recent_pain and card[0].triage is not None
    hits = CARD_MEMO.hits
    assert _card_now(db, coach, ann_id) is card  # nothing written: the same card
    assert CARD_MEMO.hits == hits + 1


def test_a_new_run_or_pain_report_shows_on_the_next_look(db: Database) -> None:
    coach = _user(db, "cole", role="coach")
    ann, ann_id = _runner(db, "ann")
    _share(db, ann, coach)
    before = _card_now(db, coach, ann_id)
    assert before is not None and before[0].week_runs == 0
    pain = PainReport(on=TODAY, region="knee", nrs=6, when="during")
    log_run(db, ann_id, on=TODAY, distance_m=5000, time_s=1800, today=TODAY, pain=[pain])
    after = _card_now(db, coach, ann_id)
    assert after is not None
    overview, missed = after
    assert overview.week_runs == 1 and overview.week_run_distance_m == 5000
    assert overview.worst_pain_7d is not None and overview.worst_pain_7d.nrs == 6
    assert missed.last_checkin == TODAY


def test_cards_are_kept_per_database(db: Database, tmp_path: Path) -> None:
    # Another database where the runner has the same athlete id and version: its own card.
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        names = []
        for database, name in ((db, "ann"), (other, "zoe")):
            coach = _user(database, "cole", role="coach")
            runner, athlete_id = _runner(database, name)
            _share(database, runner, coach)
            card = _card_now(database, coach, athlete_id)
            assert card is not None
            names.append(card[0].athlete.name)
        assert names == ["Ann", "Zoe"]
    finally:
        other.dispose()
