"""How the server spends its threads: a small pool for pages, a separate one for long jobs.

FastAPI runs every sync handler and dependency in anyio's default thread pool (40 threads).
On a two-core machine forty threads fighting for the GIL serve fewer pages, not more:
``benchmarks/bench_web.py --no-page-cache`` renders about 27 pages/s with 40 threads and
about 51 with 4, with a third of the p99. So pages get a small pool (``threads``).

A small pool must never be filled by work that takes seconds to minutes: importing a whole
export, building the data export. Those run on their own limiter (``long_jobs``), so four
runners uploading Garmin exports at once do not stop a fifth from seeing Today.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from niggle.web.context import WebContext

T = TypeVar("T")


def configure(ctx: WebContext) -> None:
    """Size the page pool and make the long-job limiter; called inside the event loop."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = ctx.web.threads
    ctx.long_jobs = CapacityLimiter(ctx.web.long_jobs)


async def run_long(ctx: WebContext, func: Callable[..., T], *args: object) -> T:
    """Run ``func(*args)`` in a worker thread counted against the long jobs, not the pages.

    Before ``configure`` has run (an app driven without its lifespan, as some tests do) the
    default pool is used, as for any sync handler.
    """
    return await anyio.to_thread.run_sync(func, *args, limiter=ctx.long_jobs)
