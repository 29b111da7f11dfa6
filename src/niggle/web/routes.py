"""The app's route table, flattened: every method and full path a request can reach.

FastAPI 0.16x keeps included routers as lazy wrappers instead of copying their routes, so
``app.routes`` no longer lists every endpoint. The tests walk this table to try each route
(cross-user access, CSRF), so a route added later is covered without touching them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import BaseRoute


@dataclass(frozen=True)
class RouteInfo:
    method: str
    path: str
    endpoint: Any
    dependencies: tuple[Any, ...]
    has_body: bool

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    @property
    def path_params(self) -> tuple[str, ...]:
        return tuple(p.split("}")[0] for p in self.path.split("{")[1:])


def _contexts(routes: Sequence[BaseRoute]) -> Iterator[tuple[str, APIRoute, tuple[Any, ...]]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route.path, route, tuple(route.dependencies)
        elif hasattr(route, "effective_route_contexts"):
            for context in route.effective_route_contexts():
                original = context.original_route
                if isinstance(original, APIRoute):
                    yield context.path, original, tuple(context.dependencies)


def route_table(routes: Sequence[BaseRoute]) -> list[RouteInfo]:
    table = []
    for path, route, dependencies in _contexts(routes):
        for method in sorted(route.methods or ()):
            table.append(
                RouteInfo(
                    method=method,
                    path=path,
                    endpoint=route.endpoint,
                    dependencies=tuple(d.dependency for d in dependencies),
                    has_body=route.body_field is not None,
                )
            )
    return sorted(table, key=lambda r: (r.path, r.method))
