"""Sharing and the audit log on both backends: invites, access checks, revoking."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.services import accounts, audit, sharing
from niggle.services.accounts import PasswordHashing
from niggle.store.db import Database

CHEAP = PasswordHashing(time_cost=1, memory_kib=8192, parallelism=1)
NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def _user(db: Database, name: str, role: str = "athlete") -> accounts.User:
    return accounts.register(
        db, username=name, password="a long enough password", role=role, hashing=CHEAP
    )


def _runner(db: Database, name: str) -> tuple[accounts.User, int]:
    user = _user(db, name)
    athlete = accounts.create_own_athlete(db, user, Athlete(name=name.title()), NOW.date())
    assert athlete.id is not None
    return user, athlete.id


def test_an_invite_lets_a_coach_see_and_only_see(db: Database) -> None:
    runner, athlete_id = _runner(db, "rhea")
    coach = _user(db, "cole", role="coach")
    assert sharing.access_to(db, coach, athlete_id) is None
    code, invite = sharing.create_invite(db, runner, NOW)
    assert len(code) == 14 and code.count("-") == 2
    assert invite.expires_at == NOW + sharing.INVITE_LIFETIME
    share = sharing.accept_invite(db, coach, code, NOW)
    assert share.athlete_id == athlete_id and share.viewer_name == "cole"
    assert sharing.access_to(db, coach, athlete_id) == "shared"
    assert sharing.access_to(db, runner, athlete_id) == "owner"
    assert sharing.athlete_for_viewing(db, coach, athlete_id, what="test", now=NOW).name == "Rhea"
    with pytest.raises(NotFound):
        sharing.athlete_for_changing(db, coach, athlete_id)


def test_codes_are_single_use_and_expire(db: Database) -> None:
    runner, _ = _runner(db, "rhea")
    first, second = _user(db, "cole", role="coach"), _user(db, "cara", role="coach")
    code, _ = sharing.create_invite(db, runner, NOW)
    sharing.accept_invite(db, first, code, NOW)
    with pytest.raises(NotFound, match="unknown or has expired"):
        sharing.accept_invite(db, second, code, NOW)
    late, _ = sharing.create_invite(db, runner, NOW)
    with pytest.raises(NotFound):
        sharing.accept_invite(db, second, late, NOW + sharing.INVITE_LIFETIME)


def test_codes_forgive_case_dashes_and_lookalike_letters(db: Database) -> None:
    runner, athlete_id = _runner(db, "rhea")
    coach = _user(db, "cole", role="coach")
    code, _ = sharing.create_invite(db, runner, NOW)
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert sharing.accept_invite(db, coach, typed, NOW).athlete_id == athlete_id


@pytest.mark.parametrize("code", ["", "short", "ABCD-EFGH-IJK!", "U" * 12])
def test_malformed_codes_say_what_a_code_looks_like(db: Database, code: str) -> None:
    coach = _user(db, "cole", role="coach")
    with pytest.raises(InvalidInput, match="12 letters and digits"):
        sharing.accept_invite(db, coach, code, NOW)


def test_only_coaches_accept_and_only_runners_with_a_profile_invite(db: Database) -> None:
    runner, _ = _runner(db, "rhea")
    other_runner, _ = _runner(db, "otto")
    code, _ = sharing.create_invite(db, runner, NOW)
    with pytest.raises(InvalidInput, match="coach and physio"):
        sharing.accept_invite(db, other_runner, code, NOW)
    no_profile = _user(db, "nobody")
    with pytest.raises(NotFound, match="runner profile first"):
        sharing.create_invite(db, no_profile, NOW)


def test_pending_invites_are_capped_and_can_be_cancelled(db: Database) -> None:
    runner, _ = _runner(db, "rhea")
    for _ in range(sharing.MAX_PENDING_INVITES):
        sharing.create_invite(db, runner, NOW)
    with pytest.raises(Conflict):
        sharing.create_invite(db, runner, NOW)
    pending = sharing.pending_invites(db, runner, NOW)
    sharing.cancel_invite(db, runner, pending[0].id)
    assert len(sharing.pending_invites(db, runner, NOW)) == sharing.MAX_PENDING_INVITES - 1
    other, _ = _runner(db, "otto")
    with pytest.raises(NotFound):
        sharing.cancel_invite(db, other, pending[1].id)


def test_either_side_can_end_a_share_and_nobody_else(db: Database) -> None:
    runner, athlete_id = _runner(db, "rhea")
    coach = _user(db, "cole", role="coach")
    stranger = _user(db, "stan", role="coach")
    code, _ = sharing.create_invite(db, runner, NOW)
    share = sharing.accept_invite(db, coach, code, NOW)
    with pytest.raises(NotFound):
        sharing.revoke_share(db, stranger, share.id, NOW)
    sharing.revoke_share(db, coach, share.id, NOW)
    assert sharing.shared_with(db, coach) == []
    with pytest.raises(NotFound):
        sharing.athlete_for_viewing(db, coach, athlete_id, what="after", now=NOW)
    code, _ = sharing.create_invite(db, runner, NOW)
    share = sharing.accept_invite(db, coach, code, NOW)
    sharing.revoke_share(db, runner, share.id, NOW)
    assert sharing.my_shares(db, runner) == []


def test_views_by_others_are_audited_and_own_views_are_not(db: Database) -> None:
    runner, athlete_id = _runner(db, "rhea")
    coach = _user(db, "cole", role="coach")
    code, _ = sharing.create_invite(db, runner, NOW)
    sharing.accept_invite(db, coach, code, NOW)
    sharing.athlete_for_viewing(db, runner, athlete_id, what="own look", now=NOW)
    later = NOW + dt.timedelta(minutes=5)
    sharing.athlete_for_viewing(db, coach, athlete_id, what="pain reports", now=later)
    trail = audit.audit_trail(db, athlete_id)
    assert [(e.action, e.what, e.actor_name) for e in trail] == [
        ("view", "pain reports", "cole"),
        ("share", "accepted an invite", "cole"),
    ]
    assert trail[0].at == later


def test_the_audit_trail_outlives_the_viewers_account(db: Database) -> None:
    runner, athlete_id = _runner(db, "rhea")
    coach = _user(db, "cole", role="coach")
    code, _ = sharing.create_invite(db, runner, NOW)
    sharing.accept_invite(db, coach, code, NOW)
    sharing.athlete_for_viewing(db, coach, athlete_id, what="overview", now=NOW)
    accounts.delete_account(db, coach)
    trail = audit.audit_trail(db, athlete_id)
    assert {e.actor_name for e in trail} == {"cole"}
    assert {e.actor_id for e in trail} == {None}
    assert sharing.my_shares(db, runner) == []


def test_nobody_learns_whether_an_athlete_exists(db: Database) -> None:
    _, athlete_id = _runner(db, "rhea")
    coach = _user(db, "cole", role="coach")
    with pytest.raises(NotFound) as real:
        sharing.athlete_for_viewing(db, coach, athlete_id, what="x", now=NOW)
    with pytest.raises(NotFound) as fake:
        sharing.athlete_for_viewing(db, coach, 424242, what="x", now=NOW)
    assert real.value.message.replace(str(athlete_id), "N") == fake.value.message.replace(
        "424242", "N"
    )
