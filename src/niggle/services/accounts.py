"""Accounts for the web app: registering, signing in, sessions, API tokens, the local account.

Everything here takes ``now`` (an aware UTC datetime) from the caller; nothing reads a clock.

Security choices, in one place:

- Passwords are hashed with argon2id (argon2-cffi; its default parameters are RFC 9106's
  low-memory profile: 64 MiB, 3 passes, 4 lanes). Hashes made with older parameters are
  upgraded at the next successful sign-in.
- Sessions (``niggle.services.sessions``), API tokens and invite codes are random
  (``secrets``) and stored only as SHA-256 digests, so reading the database does not give
  anyone a live credential.
- Sign-in is rate limited per account and per client address over a sliding window
  (:class:`LoginPolicy`); attempts live in the database so every worker process sees them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Final

from sqlalchemy.exc import IntegrityError

from niggle.domain.athlete import Athlete, validate_athlete
from niggle.domain.errors import Conflict, InvalidInput, NiggleError, NotFound
from niggle.store import accounts as repo
from niggle.store import athletes as athlete_repo
from niggle.store.accounts import ApiToken, Role, User
from niggle.store.db import Database

if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from sqlalchemy.orm import Session

__all__ = [
    "ApiToken",
    "LoginPolicy",
    "PasswordHashing",
    "Role",
    "SignInFailed",
    "TooManyAttempts",
    "User",
]

ROLES: Final[tuple[Role, ...]] = ("athlete", "coach")
ROLE_NAMES: Final[dict[Role, str]] = {"athlete": "Runner", "coach": "Coach or physio"}

# NIST SP 800-63B asks for at least 8 characters and for long passphrases to be accepted;
# 10 is our product default. The upper bound keeps one hash from tying up a worker.
PASSWORD_MIN_LENGTH: Final = 10
PASSWORD_MAX_LENGTH: Final = 1024
USERNAME_RE: Final = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,78}[a-z0-9]$")
LOCAL_USERNAME: Final = "local"
RESERVED_USERNAMES: Final = frozenset({LOCAL_USERNAME, "admin", "root"})
API_TOKEN_PREFIX: Final = "ngl_"
# Writing "last used" on every API call would turn reads into writes; once a minute is enough.
TOKEN_TOUCH_INTERVAL: Final = dt.timedelta(minutes=1)


class SignInFailed(NiggleError):
    code = "sign_in_failed"


class TooManyAttempts(NiggleError):
    """Too many failed sign-ins; ``retry_after_s`` says when the window frees up."""

    code = "rate_limited"

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class PasswordHashing:
    """argon2id parameters. The defaults are argon2-cffi's, i.e. RFC 9106's second profile."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4

    @cached_property
    def hasher(self) -> PasswordHasher:
        from argon2 import PasswordHasher

        return PasswordHasher(
            time_cost=self.time_cost, memory_cost=self.memory_kib, parallelism=self.parallelism
        )

    @cached_property
    def dummy_hash(self) -> str:
        # Verified against when the username is unknown, so both cases take the same time.
        return self.hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self.hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)


STANDARD_HASHING: Final = PasswordHashing()


@dataclass(frozen=True)
class LoginPolicy:
    """Failed sign-ins allowed within ``window`` before further tries are refused.

    Product defaults (not trial-based): 5 per account stops password guessing against one
    person; 20 per client address stops one machine spraying many accounts, while leaving
    room for a club sharing one network address.
    """

    window: dt.timedelta = dt.timedelta(minutes=15)
    per_account: int = 5
    per_client: int = 20


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# Users ---------------------------------------------------------------------------------------


def normalise_username(text: str) -> str:
    username = text.strip().lower()
    if not USERNAME_RE.match(username):
        raise InvalidInput(
            "Usernames are 3 to 80 characters: letters, digits and . _ @ + - "
            "(an email address works), starting and ending with a letter or digit."
        )
    return username


def check_password(password: str, username: str) -> str:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise InvalidInput(
            f"Passwords need at least {PASSWORD_MIN_LENGTH} characters; "
            "a few unrelated words make a strong one that is easy to remember."
        )
    if len(password) > PASSWORD_MAX_LENGTH:
        raise InvalidInput(f"Passwords are limited to {PASSWORD_MAX_LENGTH} characters.")
    if password.strip().lower() == username:
        raise InvalidInput("Choose a password that is not your username.")
    return password


def register(
    db: Database,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    hashing: PasswordHashing = STANDARD_HASHING,
) -> User:
    name = normalise_username(username)
    if name in RESERVED_USERNAMES:
        raise Conflict(f"The username {name!r} is reserved; choose another.")
    if role not in ROLES:
        raise InvalidInput("Choose a role: athlete (a runner) or coach (a coach or physio).")
    shown = (display_name or "").strip() or name
    if len(shown) > 80:
        raise InvalidInput("Names are limited to 80 characters.")
    password_hash = hashing.hash(check_password(password, name))
    taken = Conflict(f"The username {name!r} is taken; choose another.")
    try:
        with db.begin() as session:
            if repo.user_by_username(session, name) is not None:
                raise taken
            return repo.add_user(
                session,
                username=name,
                display_name=shown,
                role="coach" if role == "coach" else "athlete",
                password_hash=password_hash,
            )
    except IntegrityError as exc:  # someone registered the same name a moment earlier
        raise taken from exc


def get_user(db: Database, user_id: int) -> User:
    with db.begin() as session:
        user = repo.user_by_id(session, user_id)
    if user is None:
        raise NotFound("That account no longer exists.")
    return user


def _check_rate(
    session: Session, username: str, client: str, now: dt.datetime, policy: LoginPolicy
) -> None:
    since = now - policy.window
    for limit, key in (
        (policy.per_account, {"username": username}),
        (policy.per_client, {"client": client}),
    ):
        if repo.failures_since(session, since, **key) >= limit:
            oldest = repo.oldest_failure_since(session, since, **key) or now
            wait = max(1, int((oldest + policy.window - now).total_seconds()))
            minutes = (wait + 59) // 60
            raise TooManyAttempts(
                f"Too many failed sign-ins. Wait {minutes} minute{'s' if minutes != 1 else ''} "
                "and try again, or check the username and password.",
                retry_after_s=wait,
            )


def sign_in(
    db: Database,
    *,
    username: str,
    password: str,
    client: str,
    now: dt.datetime,
    hashing: PasswordHashing = STANDARD_HASHING,
    policy: LoginPolicy = LoginPolicy(),
) -> User:
    """The user with these credentials, or :class:`SignInFailed` / :class:`TooManyAttempts`."""
    name = username.strip().lower()[:80]
    client = client[:64]
    with db.begin() as session:
        _check_rate(session, name, client, now, policy)
        user = repo.user_by_username(session, name)
    stored = user.password_hash if user is not None else None
    ok = hashing.verify(stored or hashing.dummy_hash, password[:PASSWORD_MAX_LENGTH])
    ok = ok and stored is not None
    with db.begin() as session:
        repo.add_login_attempt(session, username=name, client=client, now=now, succeeded=ok)
        # Rows older than a day can never count again; trimming here keeps the table small.
        repo.delete_attempts_before(session, now - max(policy.window, dt.timedelta(days=1)))
        if ok and user is not None:
            repo.forget_failures(session, name)
            if stored is not None and hashing.needs_rehash(stored):
                repo.set_password_hash(session, user.id, hashing.hash(password))
    if not ok or user is None:
        raise SignInFailed("That username and password do not match an account.")
    return user


def change_password(
    db: Database,
    user: User,
    *,
    current: str,
    new: str,
    hashing: PasswordHashing = STANDARD_HASHING,
) -> None:
    if user.password_hash is None or not hashing.verify(user.password_hash, current):
        raise SignInFailed("Your current password is not right.")
    new_hash = hashing.hash(check_password(new, user.username))
    with db.begin() as session:
        repo.set_password_hash(session, user.id, new_hash)
        # Every other browser signed in with the old password is signed out.
        repo.delete_sessions_of(session, user.id)


# The local account ---------------------------------------------------------------------------


def ensure_local_user(db: Database, athlete_name: str | None = None) -> User:
    """The single-user mode's account, created on first use; it adopts an existing athlete.

    When the database already holds athletes nobody owns (made with the CLI), the local
    account owns the one named ``athlete_name``, else the first one created.
    """
    for _ in range(2):  # a second pass covers a concurrent first request creating it too
        try:
            with db.begin() as session:
                user = repo.local_user(session)
                if user is None:
                    user = repo.add_user(
                        session,
                        username=LOCAL_USERNAME,
                        display_name="You",
                        role="athlete",
                        password_hash=None,
                        is_local=True,
                    )
                if repo.owned_athlete_id(session, user.id) is None:
                    _adopt_athlete(session, user.id, athlete_name)
                return user
        except IntegrityError:
            continue
    raise Conflict("Could not create the local account; try again.")


def _adopt_athlete(session: Session, user_id: int, athlete_name: str | None) -> None:
    free = repo.unowned_athlete_ids(session)
    if athlete_name:
        named = athlete_repo.by_name(session, athlete_name)
        if named is None or named.id is None:
            raise NotFound(f"No athlete called {athlete_name!r} in this database.")
        if named.id not in free:
            raise Conflict(f"The athlete {athlete_name!r} belongs to another account.")
        repo.set_owner(session, named.id, user_id)
    elif free:
        repo.set_owner(session, free[0], user_id)


# The athlete a user owns ---------------------------------------------------------------------


def owned_athlete(db: Database, user: User) -> Athlete | None:
    with db.begin() as session:
        athlete_id = repo.owned_athlete_id(session, user.id)
        return None if athlete_id is None else athlete_repo.get(session, athlete_id)


def create_own_athlete(db: Database, user: User, athlete: Athlete, today: dt.date) -> Athlete:
    """Create the athlete profile a runner's account owns, in one transaction."""
    if user.role != "athlete":
        raise InvalidInput("Coach and physio accounts do not have a runner profile.")
    athlete = validate_athlete(athlete, today)
    clash = Conflict(
        f"The name {athlete.name!r} is already used on this server; add an initial or a "
        "surname to make it different."
    )
    try:
        with db.begin() as session:
            if repo.owned_athlete_id(session, user.id) is not None:
                raise Conflict("You already have a runner profile; change it in Settings.")
            if athlete_repo.by_name(session, athlete.name) is not None:
                raise clash
            created = athlete_repo.add(session, athlete)
            assert created.id is not None
            repo.set_owner(session, created.id, user.id)
            return created
    except IntegrityError as exc:
        raise clash from exc


def delete_account(db: Database, user: User) -> None:
    """Delete the account and everything it owns: the runner profile and all its data.

    Callers confirm first (password, or typing DELETE in local mode). The database cascades
    from the athlete to every table that belongs to them.
    """
    with db.begin() as session:
        athlete_id = repo.owned_athlete_id(session, user.id)
        if athlete_id is not None:
            athlete_repo.delete(session, athlete_id)
            session.flush()
        repo.delete_user(session, user.id)


# Personal API tokens -------------------------------------------------------------------------


def create_api_token(db: Database, user: User, name: str, now: dt.datetime) -> tuple[str, ApiToken]:
    """A new token for scripts: the secret (shown once) and its record."""
    label = name.strip()
    if not label or len(label) > 80:
        raise InvalidInput("Give the token a name of up to 80 characters, e.g. 'watch sync'.")
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.begin() as session:
        record = repo.add_api_token(
            session,
            user_id=user.id,
            name=label,
            token_hash=digest(secret),
            hint=secret[: len(API_TOKEN_PREFIX) + 4],
            now=now,
        )
    return secret, record


def api_tokens(db: Database, user: User) -> list[ApiToken]:
    with db.begin() as session:
        return repo.api_tokens_of(session, user.id)


def revoke_api_token(db: Database, user: User, token_id: int) -> None:
    with db.begin() as session:
        if not repo.delete_api_token(session, user.id, token_id):
            raise NotFound(f"You have no API token {token_id}.")


def user_for_api_token(db: Database, secret: str, now: dt.datetime) -> User | None:
    if not secret.startswith(API_TOKEN_PREFIX) or len(secret) > 128:
        return None
    with db.begin() as session:
        token = repo.api_token_by_hash(session, digest(secret))
        if token is None:
            return None
        if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_INTERVAL:
            repo.touch_api_token(session, token.id, now)
        return repo.user_by_id(session, token.user_id)
