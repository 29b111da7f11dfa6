"""Plan adaptation in the API, as ``niggle adapt --json`` prints it: the proposal (GET, writes
nothing), apply it (POST, one transaction, the runner's consent) and undo the last set."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from niggle.services import adapt, sharing
from niggle.web.deps import ApiUser, ClockDep, DbDep
from niggle.web.ids import RowId

router = APIRouter(tags=["plans"])

Document = dict[str, Any]


@router.get("/athletes/{athlete_id}/plan/adaptation")
def get_adaptation(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """The changes pain and triage call for from today, each with its rule and reason.
    Nothing is written; POST to the same address to make them."""
    athlete = sharing.athlete_for_viewing(
        db, user, athlete_id, what="API: plan adaptation", now=clock.now()
    )
    view = adapt.propose_adaptation(db, athlete.name, clock.today())
    document = adapt.adaptation_document(view)
    if "consent" in document:
        document["consent"] = (
            "Nothing has changed yet. To make these changes, POST to this address."
        )
    return document


@router.post("/athletes/{athlete_id}/plan/adaptation")
def apply_adaptation(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """Work the proposal out again and apply it with its record, in one transaction (the
    owner only). With nothing to change, nothing is written and ``applied`` is false."""
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    view = adapt.apply_adaptation(db, athlete.name, clock.today())
    return adapt.adaptation_document(view)


@router.post("/athletes/{athlete_id}/plan/adaptation/undo")
def undo_adaptation(athlete_id: RowId, user: ApiUser, db: DbDep, clock: ClockDep) -> Document:
    """Put the sessions back exactly as the last applied set found them; 404 when none is
    left to undo."""
    athlete = sharing.athlete_for_changing(db, user, athlete_id)
    return adapt.undone_document(adapt.undo_adaptation(db, athlete.name, clock.today()))
