"""Server-rendered pages. Every route here sits behind the CSRF check for unsafe methods."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from niggle.web.deps import csrf_protect


def build_pages_router() -> APIRouter:
    from niggle.web.pages import (  # imported here so building the app is the only cost
        auth,
        coach,
        insights,
        log,
        onboarding,
        plan,
        plan_adapt,
        programme,
        settings,
        today,
        triage,
    )

    router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
    for module in (
        auth,
        onboarding,
        today,
        plan,
        plan_adapt,
        log,
        programme,
        insights,
        triage,
        settings,
        coach,
    ):
        router.include_router(module.router)
    return router
