"""Accounts services on both backends: users, sign-in and its rate limit, sessions, tokens,
the local account and deleting an account."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from niggle.domain.athlete import Athlete
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.services import accounts, sessions
from niggle.services.accounts import LoginPolicy, PasswordHashing, SignInFailed, TooManyAttempts
from niggle.services.activities import list_activities, log_run
from niggle.services.athletes import create_athlete
from niggle.store.db import Database

CHEAP = PasswordHashing(time_cost=1, memory_kib=8192, parallelism=1)
NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)
PASSWORD = "a long enough password"


def _register(db: Database, name: str = "alice", role: str = "athlete") -> accounts.User:
    return accounts.register(db, username=name, password=PASSWORD, role=role, hashing=CHEAP)


def _sign_in(
    db: Database, name: str, password: str, client: str = "10.0.0.1", now: dt.datetime = NOW
) -> accounts.User:
    return accounts.sign_in(
        db, username=name, password=password, client=client, now=now, hashing=CHEAP
    )


def test_register_then_sign_in(db: Database) -> None:
    user = _register(db, "Alice@Example.org")
    assert user.username == "alice@example.org"
    assert user.password_hash is not None and user.password_hash.startswith("$argon2id$")
    assert _sign_in(db, "ALICE@example.org", PASSWORD).id == user.id


@pytest.mark.parametrize("name", ["a", "no spaces", "-dash", "x" * 81, "ünï"])
def test_bad_usernames_are_refused(db: Database, name: str) -> None:
    with pytest.raises(InvalidInput, match="Usernames are 3 to 80"):
        accounts.register(db, username=name, password=PASSWORD, role="athlete", hashing=CHEAP)


def test_reserved_and_duplicate_usernames(db: Database) -> None:
    with pytest.raises(Conflict, match="reserved"):
        accounts.register(db, username="local", password=PASSWORD, role="athlete", hashing=CHEAP)
    _register(db)
    with pytest.raises(Conflict, match="taken"):
        _register(db, "ALICE")


def test_password_rules(db: Database) -> None:
    with pytest.raises(InvalidInput, match="at least 10"):
        accounts.register(db, username="bob", password="short", role="athlete", hashing=CHEAP)
    with pytest.raises(InvalidInput, match="not your username"):
        accounts.register(
            db, username="bobbybobby", password="bobbybobby", role="athlete", hashing=CHEAP
        )
    with pytest.raises(InvalidInput, match="Choose a role"):
        accounts.register(db, username="bob", password=PASSWORD, role="admin", hashing=CHEAP)


def test_wrong_password_and_unknown_user_fail_the_same_way(db: Database) -> None:
    _register(db)
    with pytest.raises(SignInFailed) as wrong:
        _sign_in(db, "alice", "not it at all")
    with pytest.raises(SignInFailed) as unknown:
        _sign_in(db, "nobody", "not it at all")
    assert wrong.value.message == unknown.value.message


def test_rate_limit_per_account_then_the_window_passes(db: Database) -> None:
    _register(db)
    policy = LoginPolicy()
    for i in range(policy.per_account):
        with pytest.raises(SignInFailed):
            _sign_in(db, "alice", "wrong guess", client=f"10.0.0.{i}")
    with pytest.raises(TooManyAttempts) as blocked:
        _sign_in(db, "alice", PASSWORD, client="10.9.9.9")
    assert 0 < blocked.value.retry_after_s <= policy.window.total_seconds()
    later = NOW + policy.window + dt.timedelta(seconds=1)
    assert _sign_in(db, "alice", PASSWORD, now=later).username == "alice"


def test_rate_limit_per_client_address(db: Database) -> None:
    _register(db)
    policy = LoginPolicy(per_client=3, per_account=100)
    for name in ("u1", "u2", "u3"):
        with pytest.raises(SignInFailed):
            accounts.sign_in(
                db,
                username=name,
                password="x",
                client="10.0.0.7",
                now=NOW,
                hashing=CHEAP,
                policy=policy,
            )
    with pytest.raises(TooManyAttempts):
        accounts.sign_in(
            db,
            username="alice",
            password=PASSWORD,
            client="10.0.0.7",
            now=NOW,
            hashing=CHEAP,
            policy=policy,
        )
    other = accounts.sign_in(
        db,
        username="alice",
        password=PASSWORD,
        client="10.0.0.8",
        now=NOW,
        hashing=CHEAP,
        policy=policy,
    )
    assert other.username == "alice"


def test_old_attempts_are_trimmed(db: Database) -> None:
    _register(db)
    with pytest.raises(SignInFailed):
        _sign_in(db, "alice", "wrong guess")
    with pytest.raises(SignInFailed):
        _sign_in(db, "nobody", "x", now=NOW + dt.timedelta(days=2))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM login_attempts")).scalar() == 1


def test_hashes_made_with_weaker_parameters_are_upgraded_at_sign_in(db: Database) -> None:
    weak = PasswordHashing(time_cost=1, memory_kib=8192, parallelism=1)
    stronger = PasswordHashing(time_cost=2, memory_kib=8192, parallelism=1)
    accounts.register(db, username="alice", password=PASSWORD, role="athlete", hashing=weak)
    user = accounts.sign_in(
        db, username="alice", password=PASSWORD, client="c", now=NOW, hashing=stronger
    )
    upgraded = accounts.get_user(db, user.id).password_hash
    assert upgraded is not None and "t=2" in upgraded


def test_sessions_expire_and_end(db: Database) -> None:
    user = _register(db)
    token, record = sessions.start_session(db, user.id, NOW)
    found = sessions.find_session(db, token, NOW + dt.timedelta(days=1))
    assert found is not None and found[1] is not None and found[1].id == user.id
    assert found[0].csrf_token == record.csrf_token
    assert sessions.find_session(db, token, NOW + sessions.SESSION_LIFETIME) is None
    token2, _ = sessions.start_session(db, user.id, NOW)
    sessions.end_session(db, token2)
    assert sessions.find_session(db, token2, NOW) is None
    assert sessions.find_session(db, "", NOW) is None
    assert sessions.find_session(db, "x" * 500, NOW) is None


def test_anonymous_sessions_are_short_and_carry_a_csrf_token(db: Database) -> None:
    token, record = sessions.start_session(db, None, NOW)
    assert record.user_id is None and len(record.csrf_token) >= 40
    assert record.expires_at == NOW + sessions.ANONYMOUS_SESSION_LIFETIME
    found = sessions.find_session(db, token, NOW)
    assert found is not None and found[1] is None


def test_changing_the_password_ends_every_session(db: Database) -> None:
    user = _register(db)
    token, _ = sessions.start_session(db, user.id, NOW)
    accounts.change_password(db, user, current=PASSWORD, new="another long password", hashing=CHEAP)
    assert sessions.find_session(db, token, NOW) is None
    with pytest.raises(SignInFailed):
        _sign_in(db, "alice", PASSWORD)
    assert _sign_in(db, "alice", "another long password").id == user.id


def test_api_tokens(db: Database) -> None:
    user = _register(db)
    secret, token = accounts.create_api_token(db, user, "watch sync", NOW)
    assert secret.startswith("ngl_") and secret.startswith(token.hint)
    assert accounts.user_for_api_token(db, secret, NOW) == user
    assert accounts.user_for_api_token(db, secret + "x", NOW) is None
    assert accounts.user_for_api_token(db, "Bearer nonsense", NOW) is None
    assert accounts.api_tokens(db, user)[0].last_used_at == NOW
    with pytest.raises(InvalidInput):
        accounts.create_api_token(db, user, "  ", NOW)
    other = _register(db, "bob")
    with pytest.raises(NotFound):
        accounts.revoke_api_token(db, other, token.id)
    accounts.revoke_api_token(db, user, token.id)
    assert accounts.user_for_api_token(db, secret, NOW) is None


def test_the_local_account_is_made_once_and_adopts_the_first_athlete(db: Database) -> None:
    today = NOW.date()
    first = create_athlete(db, Athlete(name="First"), today)
    create_athlete(db, Athlete(name="Second"), today)
    local = accounts.ensure_local_user(db)
    assert local.is_local and local.password_hash is None
    assert accounts.ensure_local_user(db).id == local.id
    owned = accounts.owned_athlete(db, local)
    assert owned is not None and owned.id == first.id
    with pytest.raises(SignInFailed):
        _sign_in(db, "local", "")


def test_create_own_athlete_once(db: Database) -> None:
    user = _register(db)
    athlete = accounts.create_own_athlete(db, user, Athlete(name="Alice"), NOW.date())
    assert accounts.owned_athlete(db, user) == athlete
    with pytest.raises(Conflict, match="already have"):
        accounts.create_own_athlete(db, user, Athlete(name="Alice Two"), NOW.date())
    coach = _register(db, "coachy", role="coach")
    with pytest.raises(InvalidInput):
        accounts.create_own_athlete(db, coach, Athlete(name="Coach"), NOW.date())
    someone = _register(db, "someone")
    with pytest.raises(Conflict, match="already used"):
        accounts.create_own_athlete(db, someone, Athlete(name="alice"), NOW.date())


def test_deleting_an_account_removes_the_athlete_and_all_their_data(db: Database) -> None:
    user = _register(db)
    athlete = accounts.create_own_athlete(db, user, Athlete(name="Alice"), NOW.date())
    assert athlete.id is not None
    log_run(db, athlete.id, on=NOW.date(), distance_m=5000, time_s=1500, today=NOW.date())
    accounts.create_api_token(db, user, "t", NOW)
    sessions.start_session(db, user.id, NOW)
    bystander = _register(db, "bob")
    bob_athlete = accounts.create_own_athlete(db, bystander, Athlete(name="Bob"), NOW.date())
    assert bob_athlete.id is not None
    log_run(db, bob_athlete.id, on=NOW.date(), distance_m=5000, time_s=1500, today=NOW.date())

    accounts.delete_account(db, user)

    with pytest.raises(NotFound):
        accounts.get_user(db, user.id)
    assert list_activities(db, athlete.id) == []
    assert len(list_activities(db, bob_athlete.id)) == 1
    with db.engine.connect() as conn:
        for table in ("web_sessions", "api_tokens"):
            assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM athletes")).scalar() == 1
