"""The web app under load: Today, Plan and Insights against a trivial endpoint, same server.

What it does, in one run:
1. seeds a fresh SQLite database through the services: the demo runner (profile, plan,
   three weeks of story history, triage, programme), then ten years of older history
   (about five runs and one cross-training session a week, fixed seed, a pain report now
   and then), logged with ``services.activities.log_run``/``log_cross`` one transaction
   each, as the runner would have. The seeding time is printed;
2. starts the real server (``niggle serve``, uvicorn, local mode) on 127.0.0.1 on a free
   port in a subprocess, and waits for ``/api/v1/health``;
3. asks for each page (and the trivial endpoint) from one client alone for a moment, whose
   latency is the server's own cost per request; then drives it over loopback with CLIENTS
   concurrent clients (threads, one keep-alive ``http.client`` connection each, carrying the
   local session cookie), first on the trivial endpoint (``/api/v1/health``), then on the
   three pages in turn, each phase bounded by time and by request count;
4. prints p50/p99 latency and requests/s for each page, for the pages together and for
   the trivial endpoint, and the throughput ratio.

Targets on the project's two-core machine: page p99 under 150 ms, and page throughput at
least 30% of the trivial endpoint's. The client threads share the machine with the server,
so both figures include the load generator's own cost, equally for both phases.

The pages are answered from the page cache after the first view (web/page_cache.py: kept
until the runner's data version moves on); ``--no-page-cache`` renders every request, which
is the cost right after a write.

Run: .venv/bin/python benchmarks/bench_web.py [--seconds 10] [--clients 20] [--no-page-cache]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from niggle.domain.pain import PainReport
from niggle.services.activities import log_cross, log_run
from niggle.services.database import open_database
from niggle.services.demo import DEMO_NAME, seed_demo

SEED = 20_261_128
YEARS = 10
CLIENTS = 20
PAGES = ("/today", "/plan", "/insights")
TRIVIAL = "/api/v1/health"
TARGET_P99_MS = 150.0
TARGET_RATIO = 0.30
HOST = "127.0.0.1"


def seed(db_url: str, today: dt.date) -> tuple[int, int, float]:
    """The demo runner plus ten years of older history; returns (runs, cross, seconds)."""
    started = time.perf_counter()
    db = open_database(db_url)
    try:
        summary = seed_demo(db, today)
        athlete_id = summary.athlete.id
        assert athlete_id is not None
        rng = random.Random(SEED)
        # The demo's own history covers the last five weeks; the older years end before it.
        last = today - dt.timedelta(days=42)
        day = last - dt.timedelta(days=round(365.25 * YEARS))
        runs = cross = 0
        while day <= last:
            weekday = day.weekday()
            if weekday in (1, 2, 3, 5, 6) and rng.random() < 0.9:
                kind = {1: "intervals", 3: "tempo", 6: "long"}.get(weekday, "easy")
                metres = max(3_000.0, rng.gauss(20_000 if kind == "long" else 9_000, 1_500))
                pace = rng.gauss(330 if kind in ("easy", "long") else 285, 15)
                pain = []
                if rng.random() < 0.03:
                    pain = [PainReport(on=day, region="knee", nrs=rng.randint(1, 5), when="during")]
                log_run(
                    db, athlete_id, on=day, distance_m=round(metres, 1),
                    time_s=round(metres / 1000 * pace), today=today, kind=kind,
                    rpe=float(rng.randint(3, 8)), pain=pain,
                )  # fmt: skip
                runs += 1
            elif weekday == 0 and rng.random() < 0.7:
                log_cross(
                    db, athlete_id, sport="ride", on=day, time_s=45 * 60, today=today, rpe=4.0
                )
                cross += 1
            day += dt.timedelta(days=1)
    finally:
        db.dispose()
    return runs, cross, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db_url: str, port: int, log: Path, *, page_cache: bool) -> subprocess.Popen[bytes]:
    niggle = Path(sys.executable).with_name("niggle")
    command = [str(niggle), "--db", db_url, "serve", "--port", str(port), "--athlete", DEMO_NAME]
    env = {**os.environ, "NIGGLE_WEB_PAGE_CACHE": "1" if page_cache else "0"}
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {log.read_text()[-2000:]}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", TRIVIAL)
            if connection.getresponse().status == 200:
                connection.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 60 s")


@dataclass
class Client:
    port: int
    cookie: str = ""
    connection: http.client.HTTPConnection | None = None
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def get(self, path: str) -> float:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        started = time.perf_counter()
        try:
            response = self._send(path, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # uvicorn closes keep-alive connections idle for 5 s; open a new one, as browsers do.
            self.connection = None
            started = time.perf_counter()
            response = self._send(path, headers)
        elapsed = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("niggle_session="):
                self.cookie = value.split(";", 1)[0]
        if response.status != 200:
            self.errors.append(f"{path}: {response.status}")
        if response.getheader("connection", "").lower() == "close" and self.connection:
            self.connection.close()
            self.connection = None
        return elapsed

    def _send(self, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        self.connection.request("GET", path, headers=headers)
        response = self.connection.getresponse()
        response.read()
        return response


def drive(clients: list[Client], paths: tuple[str, ...], seconds: float, limit: int) -> float:
    """Every client asks for the paths in turn until the time or the request budget is spent."""
    budget = threading.Semaphore(limit)
    stop_at = time.perf_counter() + seconds

    def work(client: Client, offset: int) -> None:
        n = offset
        while time.perf_counter() < stop_at and budget.acquire(blocking=False):
            path = paths[n % len(paths)]
            client.timings.setdefault(path, []).append(client.get(path))
            n += 1

    threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def figures(samples: list[float], wall_s: float) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000, len(ordered) / wall_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per phase (default 10)")
    parser.add_argument("--requests", type=int, default=5_000, help="cap per phase")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument(
        "--single-seconds", type=float, default=2.0, help="one client alone, per path"
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="render every page afresh (NIGGLE_WEB_PAGE_CACHE=0): the cost of the render itself",
    )
    args = parser.parse_args()
    page_cache = not args.no_page_cache
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        db_url = f"sqlite:///{Path(folder) / 'niggle.db'}"
        runs, cross, seed_s = seed(db_url, today)
        print(f"seeded {DEMO_NAME}: {runs} runs and {cross} cross-training sessions over "
              f"{YEARS} years (plus the demo story) in {seed_s:.1f} s")  # fmt: skip
        port = free_port()
        server = start_server(db_url, port, Path(folder) / "server.log", page_cache=page_cache)
        try:
            clients = [Client(port) for _ in range(args.clients)]
            for client in clients:  # sign in (local mode), then warm every page once
                client.get(TRIVIAL)
                client.get(PAGES[0])
                for path in (*PAGES, TRIVIAL):
                    client.get(path)
                client.timings.clear()
                client.errors.clear()
            # One client alone first: its latency is the server's own cost per request, with
            # no queueing, which says which page to work on when the concurrent figures miss.
            alone: dict[str, list[float]] = {}
            for path in (*PAGES, TRIVIAL):
                drive(clients[:1], (path,), args.single_seconds, args.requests)
                alone[path] = clients[0].timings.pop(path, [])
            trivial_wall = drive(clients, (TRIVIAL,), args.seconds, args.requests)
            trivial = [t for c in clients for t in c.timings.pop(TRIVIAL, [])]
            pages_wall = drive(clients, PAGES, args.seconds, args.requests)
            errors = [e for c in clients for e in c.errors]
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"one client alone, {args.single_seconds:g} s per path (server cost per request):")
    for path, samples in alone.items():
        p50, p99, rate = figures(samples, args.single_seconds)
        print(f"  {path:<16}{len(samples):>7} requests  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
    print(f"{args.clients} concurrent clients over loopback, {args.seconds:g} s per phase "
          f"(cap {args.requests} requests); server: niggle serve (uvicorn, 1 process), "
          f"page cache {'on' if page_cache else 'OFF'}")  # fmt: skip
    print(f"{'endpoint':<16}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}")
    by_page = {p: [t for c in clients for t in c.timings.get(p, [])] for p in PAGES}
    for path, samples in by_page.items():
        p50, p99, rate = figures(samples, pages_wall)
        print(f"{path:<16}{len(samples):>9}{p50:>9.1f}{p99:>9.1f}{rate:>9.1f}")
    all_pages = [t for samples in by_page.values() for t in samples]
    p50, p99, page_rate = figures(all_pages, pages_wall)
    print(f"{'pages together':<16}{len(all_pages):>9}{p50:>9.1f}{p99:>9.1f}{page_rate:>9.1f}")
    t50, t99, trivial_rate = figures(trivial, trivial_wall)
    print(f"{TRIVIAL:<16}{len(trivial):>9}{t50:>9.1f}{t99:>9.1f}{trivial_rate:>9.1f}")
    ratio = page_rate / trivial_rate
    worst = max(figures(s, pages_wall)[1] for s in by_page.values())
    print(f"page throughput / trivial throughput: {ratio:.2f} (target >= {TARGET_RATIO:.2f}: "
          f"{'met' if ratio >= TARGET_RATIO else 'MISSED'})")  # fmt: skip
    print(f"worst page p99: {worst:.1f} ms (target < {TARGET_P99_MS:.0f} ms: "
          f"{'met' if worst < TARGET_P99_MS else 'MISSED'})")  # fmt: skip
    if errors:
        print(f"{len(errors)} requests did not answer 200, e.g. {errors[:3]}")
    print(f"machine: {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
