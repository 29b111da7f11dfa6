"""Sharing: a runner lets a coach or physio see their data, and every read is checked here.

The rule, for every object: a user may read an athlete's data when they own the athlete or
the athlete shares with them; only the owner may change it. Anything else is answered as
"not found", so nobody learns which ids exist. Reads by someone other than the owner are
written to the audit log first (``niggle.services.audit``).

Invites are single-use codes, valid for :data:`INVITE_LIFETIME`, that the runner passes to
their coach or physio by any channel they like; the coach enters it to see the runner.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Final, Literal

from sqlalchemy.exc import IntegrityError

from niggle.domain.athlete import Athlete
from niggle.domain.errors import Conflict, InvalidInput, NotFound
from niggle.services import audit
from niggle.services.accounts import digest
from niggle.store import accounts as repo
from niggle.store import athletes as athlete_repo
from niggle.store.accounts import Invite, Share, SharedAthlete, User
from niggle.store.db import Database

__all__ = ["Invite", "Share", "SharedAthlete"]

Access = Literal["owner", "shared"]

# Product default: long enough to pass a code on at the next session, short enough that a
# forgotten code does not linger.
INVITE_LIFETIME: Final = dt.timedelta(days=7)
MAX_PENDING_INVITES: Final = 10
# Crockford's base32 alphabet: no I, L, O or U, so codes survive being read aloud or copied
# by hand. 12 characters carry 60 bits, far beyond guessing within an invite's lifetime.
CODE_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH: Final = 12
_CODE_LOOKALIKES: Final = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _not_found(athlete_id: int) -> NotFound:
    return NotFound(f"There is no athlete {athlete_id} that you can see.")


def access_to(db: Database, user: User, athlete_id: int) -> Access | None:
    with db.begin() as session:
        if repo.owner_of(session, athlete_id) == user.id:
            return "owner"
        if user.role == "coach" and repo.share_between(session, athlete_id, user.id) is not None:
            return "shared"
    return None


def athlete_for_viewing(
    db: Database, user: User, athlete_id: int, *, what: str, now: dt.datetime
) -> Athlete:
    """The athlete whose data ``user`` is about to see; audited unless it is their own."""
    access = access_to(db, user, athlete_id)
    if access is None:
        raise _not_found(athlete_id)
    if access == "shared":
        audit.record(db, user, athlete_id, "view", what, now)
    with db.begin() as session:
        athlete = athlete_repo.get(session, athlete_id)
    if athlete is None:
        raise _not_found(athlete_id)
    return athlete


def athletes_for_viewing(
    db: Database, viewer: User, *, what: str, now: dt.datetime
) -> list[SharedAthlete]:
    """Every runner who shares with ``viewer``, audited, for a page that shows them all.

    The same rule as :func:`athlete_for_viewing` for each runner, asked in one query rather
    than three per runner: a share with a coach or physio gives access (a revoked share is
    deleted, so it is not there), and a runner the viewer owns is theirs and not logged. The
    audit rows are written together, in one transaction, before anything is returned. Each
    comes with its data version, read before any of the runner's data is, for caching.
    """
    if viewer.role != "coach":
        return []
    with db.begin() as session:
        found = repo.shared_athletes_of_viewer(session, viewer.id)
    others = [f.share.athlete_id for f in found if f.owner_id != viewer.id]
    audit.record_many(db, viewer, others, "view", what, now)
    return found


def athlete_for_changing(db: Database, user: User, athlete_id: int) -> Athlete:
    """The athlete ``user`` owns; a coach who can see it still may not change it."""
    if access_to(db, user, athlete_id) != "owner":
        raise _not_found(athlete_id)
    with db.begin() as session:
        athlete = athlete_repo.get(session, athlete_id)
    if athlete is None:
        raise _not_found(athlete_id)
    return athlete


def _owned_athlete_id(db: Database, user: User) -> int:
    with db.begin() as session:
        athlete_id = repo.owned_athlete_id(session, user.id)
    if athlete_id is None:
        raise NotFound("Set up your runner profile first; then you can share it.")
    return athlete_id


# Invites -------------------------------------------------------------------------------------


def normalise_code(text: str) -> str:
    code = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CODE_LOOKALIKES)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise InvalidInput(
            f"An invite code has {CODE_LENGTH} letters and digits, like 7K3M-Q9TX-2B4R. "
            "Ask the runner for a new one if it does not work."
        )
    return code


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def create_invite(db: Database, user: User, now: dt.datetime) -> tuple[str, Invite]:
    """A new invite code for the runner's coach or physio (shown once) and its record."""
    athlete_id = _owned_athlete_id(db, user)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with db.begin() as session:
        if len(repo.invites_of(session, athlete_id, now)) >= MAX_PENDING_INVITES:
            raise Conflict(
                f"You have {MAX_PENDING_INVITES} unused invites; cancel some before making more."
            )
        invite = repo.add_invite(
            session,
            athlete_id=athlete_id,
            code_hash=digest(code),
            now=now,
            expires_at=now + INVITE_LIFETIME,
        )
    return format_code(code), invite


def pending_invites(db: Database, user: User, now: dt.datetime) -> list[Invite]:
    with db.begin() as session:
        athlete_id = repo.owned_athlete_id(session, user.id)
        return [] if athlete_id is None else repo.invites_of(session, athlete_id, now)


def cancel_invite(db: Database, user: User, invite_id: int) -> None:
    athlete_id = _owned_athlete_id(db, user)
    with db.begin() as session:
        if not repo.delete_invite(session, athlete_id, invite_id):
            raise NotFound(f"You have no invite {invite_id}.")


def accept_invite(db: Database, viewer: User, code_text: str, now: dt.datetime) -> Share:
    """The coach or physio enters the runner's code and can see them from now on."""
    if viewer.role != "coach":
        raise InvalidInput("Invite codes are for coach and physio accounts.")
    code = normalise_code(code_text)
    unknown = NotFound("That invite code is unknown or has expired; ask the runner for a new one.")
    try:
        with db.begin() as session:
            athlete_id = repo.take_invite(session, digest(code), now)
            if athlete_id is None:
                raise unknown
            if repo.share_between(session, athlete_id, viewer.id) is None:
                repo.add_share(session, athlete_id, viewer.id, now)
            share = repo.share_between(session, athlete_id, viewer.id)
            assert share is not None
            repo.add_audit(
                session,
                at=now,
                actor_id=viewer.id,
                actor_name=viewer.display_name,
                athlete_id=athlete_id,
                action="share",
                what="accepted an invite",
            )
            return share
    except IntegrityError as exc:  # the same code used twice at once
        raise unknown from exc


# Shares --------------------------------------------------------------------------------------


def my_shares(db: Database, user: User) -> list[Share]:
    """Who can see the runner's data (the runner's side)."""
    with db.begin() as session:
        athlete_id = repo.owned_athlete_id(session, user.id)
        return [] if athlete_id is None else repo.shares_of_athlete(session, athlete_id)


def shared_with(db: Database, viewer: User) -> list[Share]:
    """The runners who share with a coach or physio (the coach's side)."""
    if viewer.role != "coach":
        return []
    with db.begin() as session:
        return repo.shares_with_viewer(session, viewer.id)


def revoke_share(db: Database, user: User, share_id: int, now: dt.datetime) -> Share:
    """End a share from either side: the runner revokes it, or the coach stops seeing them."""
    with db.begin() as session:
        athlete_id = repo.owned_athlete_id(session, user.id)
        removed = None
        if athlete_id is not None:
            removed = repo.delete_share(session, share_id, athlete_id=athlete_id)
        if removed is None and user.role == "coach":
            removed = repo.delete_share(session, share_id, viewer_id=user.id)
        if removed is None:
            raise NotFound(f"There is no share {share_id} of yours.")
        repo.add_audit(
            session,
            at=now,
            actor_id=user.id,
            actor_name=user.display_name,
            athlete_id=removed.athlete_id,
            action="revoke",
            what=f"ended sharing with {removed.viewer_name}",
        )
        return removed


def share_document(share: Share) -> dict[str, Any]:
    return {
        "id": share.id,
        "athlete_id": share.athlete_id,
        "athlete": share.athlete_name,
        "viewer_id": share.viewer_id,
        "viewer": share.viewer_name,
        "since": share.created_at.isoformat(),
    }
