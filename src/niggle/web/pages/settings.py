"""Settings: profile (units, region, a new race result), password, API tokens, sharing,
who viewed my data, the data export and deleting the account."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from niggle.domain.errors import InvalidInput, NiggleError
from niggle.domain.units import parse_unit_system
from niggle.services import accounts, audit, export, sharing
from niggle.services.athletes import update_athlete
from niggle.services.care import KNOWN_REGIONS, check_region
from niggle.web import forms, sessions
from niggle.web.deps import ClockDep, ContextDep, CurrentUser, SessionDep
from niggle.web.errors import status_for
from niggle.web.ids import RowId
from niggle.web.templating import render
from niggle.web.threads import run_long

router = APIRouter()

NOTICES = {
    "profile": "Profile saved.",
    "password": "Password changed. Other browsers were signed out.",
    "token-revoked": "Token revoked; scripts using it stop working now.",
    "invite-cancelled": "Invite cancelled.",
    "share-revoked": "Sharing stopped. They can no longer see your data.",
}


def _page(
    request: Request,
    ctx: ContextDep,
    user: accounts.User,
    *,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> Response:
    db = ctx.db
    now = ctx.clock.now()
    athlete = accounts.owned_athlete(db, user)
    values: dict[str, Any] = {
        "active": "settings",
        "athlete": athlete,
        "units": athlete.units if athlete else "km",
        "regions": KNOWN_REGIONS,
        "races": forms.RACE_CHOICES,
        "tokens": accounts.api_tokens(db, user),
        "shares": sharing.my_shares(db, user),
        "invites": sharing.pending_invites(db, user, now),
        "trail": audit.audit_trail(db, athlete.id, limit=50) if athlete and athlete.id else [],
        "new_token": None,
        "new_invite": None,
        "error": error,
        "notice": notice,
    }
    values.update(extra or {})
    return render(request, "settings.html", values, status_code=status)


@router.get("/settings")
def settings_page(
    request: Request, ctx: ContextDep, user: CurrentUser, saved: str = ""
) -> Response:
    return _page(request, ctx, user, notice=NOTICES.get(saved))


@router.post("/settings/profile")
def save_profile(
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    units: Annotated[str, Form(max_length=10)] = "",
    region: Annotated[str, Form(max_length=10)] = "",
    race: Annotated[str, Form(max_length=20)] = "5k",
    race_time: Annotated[str, Form(max_length=20)] = "",
    race_date: Annotated[str, Form(max_length=20)] = "",
    weekly: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    athlete = accounts.owned_athlete(ctx.db, user)
    if athlete is None:
        return RedirectResponse("/onboarding", status_code=303)
    try:
        unit_system = parse_unit_system(units) if units else athlete.units
        result = forms.race_result(race, race_time)
        result_on = forms.optional_date(race_date, "The race date")
        if result_on is not None and result is None:
            raise InvalidInput("Give the race time too, or leave the date empty.")
        update_athlete(
            ctx.db,
            athlete.name,
            ctx.clock.today(),
            units=unit_system,
            region=check_region(region) if region else None,
            result=result,
            result_on=result_on,
            weekly_distance_m=forms.weekly_distance(weekly, unit_system),
        )
    except NiggleError as exc:
        return _page(request, ctx, user, error=exc.message, status=status_for(exc))
    return RedirectResponse("/settings?saved=profile", status_code=303)


@router.post("/settings/password")
def change_password(
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    current: Annotated[str, Form(max_length=2000)] = "",
    new: Annotated[str, Form(max_length=2000)] = "",
    new_again: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        if user.is_local:
            raise InvalidInput("The local account signs in without a password.")
        if new != new_again:
            raise InvalidInput("The two new passwords differ; type them again.")
        accounts.change_password(ctx.db, user, current=current, new=new, hashing=ctx.hashing)
    except NiggleError as exc:
        return _page(request, ctx, user, error=exc.message, status=status_for(exc))
    # Every session was ended, this one too; start a fresh one for this browser.
    request.state.niggle_session = sessions.sign_in(request, ctx, user, old_token=None)
    return RedirectResponse("/settings?saved=password", status_code=303)


@router.post("/settings/tokens")
def create_token(
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        secret, _ = accounts.create_api_token(ctx.db, user, name, ctx.clock.now())
    except NiggleError as exc:
        return _page(request, ctx, user, error=exc.message, status=status_for(exc))
    return _page(request, ctx, user, extra={"new_token": secret}, status=201)


@router.post("/settings/tokens/{token_id}/revoke")
def revoke_token(ctx: ContextDep, user: CurrentUser, token_id: RowId) -> Response:
    accounts.revoke_api_token(ctx.db, user, token_id)
    return RedirectResponse("/settings?saved=token-revoked", status_code=303)


@router.post("/settings/invites")
def create_invite(request: Request, ctx: ContextDep, user: CurrentUser) -> Response:
    try:
        code, invite = sharing.create_invite(ctx.db, user, ctx.clock.now())
    except NiggleError as exc:
        return _page(request, ctx, user, error=exc.message, status=status_for(exc))
    return _page(
        request,
        ctx,
        user,
        extra={"new_invite": {"code": code, "expires_at": invite.expires_at}},
        status=201,
    )


@router.post("/settings/invites/{invite_id}/cancel")
def cancel_invite(ctx: ContextDep, user: CurrentUser, invite_id: RowId) -> Response:
    sharing.cancel_invite(ctx.db, user, invite_id)
    return RedirectResponse("/settings?saved=invite-cancelled", status_code=303)


@router.post("/settings/shares/{share_id}/revoke")
def revoke_share(ctx: ContextDep, user: CurrentUser, share_id: RowId) -> Response:
    sharing.revoke_share(ctx.db, user, share_id, ctx.clock.now())
    target = "/coach?left=1" if user.role == "coach" else "/settings?saved=share-revoked"
    return RedirectResponse(target, status_code=303)


@router.get("/settings/export")
async def export_data(ctx: ContextDep, clock: ClockDep, user: CurrentUser) -> Response:
    # Streamed from a temporary file: with the runner's original files in it, the zip can
    # be as large as a whole Strava export, so it is built with the long jobs (threads.py).
    handle = await run_long(ctx, export.export_file, ctx.db, user, clock.today(), clock.now())
    name = export.export_filename(user, clock.today())

    def chunks() -> Iterator[bytes]:
        with handle:
            while chunk := handle.read(1024 * 1024):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/settings/delete")
def delete_form(request: Request, user: CurrentUser) -> Response:
    return render(request, "delete.html", {"active": "settings"})


@router.post("/settings/delete")
def delete_account(
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    session: SessionDep,
    confirm: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    if user.is_local:
        confirmed = confirm.strip() == "DELETE"
        message = "Type DELETE in capitals to confirm."
    else:
        confirmed = user.password_hash is not None and ctx.hashing.verify(
            user.password_hash, confirm
        )
        message = "That is not your password; nothing was deleted."
    if not confirmed:
        return render(
            request, "delete.html", {"active": "settings", "error": message}, status_code=422
        )
    accounts.delete_account(ctx.db, user)
    sessions.sign_out(request, ctx, session)
    return render(request, "deleted.html", {"user": None, "csrf_token": None})
