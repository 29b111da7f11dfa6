"""The JSON API under /api/v1: one route per service use case, Bearer-token authenticated."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from niggle.web.api.schemas import ErrorDocument

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorDocument, "description": "No valid personal API token."},
    404: {"model": ErrorDocument, "description": "Not found, or not yours to see."},
    409: {"model": ErrorDocument, "description": "Clashes with what is stored."},
    413: {"model": ErrorDocument, "description": "The request body is over the size cap."},
}


def build_api_router() -> APIRouter:
    from niggle.web.api import adaptations, athletes, care, log, me, plans

    router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
    for module in (me, athletes, log, plans, adaptations, care):
        router.include_router(module.router)
    return router
