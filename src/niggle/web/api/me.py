"""The API's account side: health check, who am I, tokens, sharing and the access log."""

from __future__ import annotations

from fastapi import APIRouter, Response

from niggle import __version__
from niggle.services import accounts, audit, sharing
from niggle.web.api.schemas import (
    AccessLog,
    AuditEntryPublic,
    Health,
    InviteAccept,
    InviteCreated,
    Me,
    SharePublic,
    Shares,
    TokenPublic,
    Tokens,
    UserPublic,
)
from niggle.web.deps import ApiUser, ClockDep, DbDep
from niggle.web.ids import RowId

router = APIRouter()


@router.get("/health", response_model=Health, tags=["meta"])
def health() -> Health:
    """Answers without authentication: for uptime checks and load balancers."""
    return Health(version=__version__)


@router.get("/me", response_model=Me, tags=["account"])
def me(user: ApiUser, db: DbDep) -> Me:
    athlete = accounts.owned_athlete(db, user)
    return Me(
        user=UserPublic(
            id=user.id, username=user.username, display_name=user.display_name, role=user.role
        ),
        athlete_id=athlete.id if athlete else None,
    )


@router.get("/tokens", response_model=Tokens, tags=["account"])
def list_tokens(user: ApiUser, db: DbDep) -> Tokens:
    """Your personal API tokens (names and hints only; secrets are shown once, at creation)."""
    return Tokens(
        tokens=[
            TokenPublic(
                id=t.id,
                name=t.name,
                hint=t.hint,
                created_at=t.created_at,
                last_used_at=t.last_used_at,
            )
            for t in accounts.api_tokens(db, user)
        ]
    )


@router.delete("/tokens/{token_id}", status_code=204, tags=["account"])
def revoke_token(user: ApiUser, db: DbDep, token_id: RowId) -> Response:
    accounts.revoke_api_token(db, user, token_id)
    return Response(status_code=204)


def _shares(user: accounts.User, db: DbDep) -> Shares:
    return Shares(
        shared_with=[SharePublic(**sharing.share_document(s)) for s in sharing.my_shares(db, user)],
        athletes_sharing_with_me=[
            SharePublic(**sharing.share_document(s)) for s in sharing.shared_with(db, user)
        ],
    )


@router.get("/shares", response_model=Shares, tags=["sharing"])
def list_shares(user: ApiUser, db: DbDep) -> Shares:
    """Who sees your data, and (for a coach or physio) the runners who share with you."""
    return _shares(user, db)


@router.delete("/shares/{share_id}", status_code=204, tags=["sharing"])
def revoke_share(user: ApiUser, db: DbDep, clock: ClockDep, share_id: RowId) -> Response:
    """The runner stops sharing, or the coach stops seeing that runner."""
    sharing.revoke_share(db, user, share_id, clock.now())
    return Response(status_code=204)


@router.post("/invites", response_model=InviteCreated, status_code=201, tags=["sharing"])
def create_invite(user: ApiUser, db: DbDep, clock: ClockDep) -> InviteCreated:
    """A single-use code for your coach or physio; the code is shown only in this answer."""
    code, invite = sharing.create_invite(db, user, clock.now())
    return InviteCreated(id=invite.id, code=code, expires_at=invite.expires_at)


@router.post("/invites/accept", response_model=Shares, tags=["sharing"])
def accept_invite(body: InviteAccept, user: ApiUser, db: DbDep, clock: ClockDep) -> Shares:
    """A coach or physio enters a runner's code."""
    sharing.accept_invite(db, user, body.code, clock.now())
    return _shares(user, db)


@router.get("/access-log", response_model=AccessLog, tags=["sharing"])
def access_log(user: ApiUser, db: DbDep) -> AccessLog:
    """Who else looked at your data, newest first."""
    athlete = accounts.owned_athlete(db, user)
    if athlete is None or athlete.id is None:
        return AccessLog(entries=[])
    entries = audit.audit_document(audit.audit_trail(db, athlete.id))
    return AccessLog(entries=[AuditEntryPublic(**e) for e in entries])
