"""Results computed from an athlete's whole history, remembered until that history changes.

The load lines and the race forecast read every session an athlete has ever logged (years of
them) and run the load maths over all of it; the Today and Insights pages need them on every
request. Here each result is remembered in this process against a *history version*: a
fingerprint of the athlete's stored sessions read in one small aggregate query
(``store.activities.history_version``). Logging, importing, replacing or deleting a session
changes the fingerprint, so the next request computes afresh from the database: nothing is
served from before a write, whichever process or command made it.

Only what is derived from the sessions is kept. The triage result, pain reports, check-ins
and the plan are read fresh on every request, so a new urgent triage shows at once.

Remembered values are shared between requests (and threads): callers must treat them as
read-only, as every caller of the load and forecast services already does.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Final, TypeVar

from niggle.store import activities as repo
from niggle.store.db import Database

T = TypeVar("T")

# A few results per athlete (Today's load, Insights' load, the forecast) for the athletes
# active at once; each is well under a megabyte even for ten years of history.
MAX_ENTRIES: Final = 256

HistoryVersion = tuple[object, ...]
Owner = tuple[Hashable, int]  # (database URL, athlete id)


def history_version(db: Database, athlete_id: int) -> HistoryVersion:
    with db.begin() as session:
        return repo.history_version(session, athlete_id)


class HistoryMemo:
    """A bounded, thread-safe LRU of results per (database, athlete, history version, question).

    When an athlete's version moves on, everything remembered for the older version is
    dropped at once rather than left to age out.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._max = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Owner, Hashable], object] = OrderedDict()
        self._versions: dict[Owner, HistoryVersion] = {}
        self.hits = 0
        self.misses = 0

    def get_or_compute(
        self,
        db: Database,
        athlete_id: int,
        version: HistoryVersion,
        question: Hashable,
        compute: Callable[[], T],
    ) -> T:
        # The database is part of the owner: one process may serve (or test) several, where
        # the same athlete id means different people.
        athlete: Owner = (db.engine.url, athlete_id)
        key = (athlete, question)
        with self._lock:
            if self._versions.get(athlete) == version and key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]  # type: ignore[return-value]
            self.misses += 1
        # Computed outside the lock: two requests may both compute a miss, which is only
        # wasted work, while holding the lock would queue every athlete behind one.
        value = compute()
        with self._lock:
            if self._versions.get(athlete) != version:
                self._forget_locked(athlete)
                self._versions[athlete] = version
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                (old_athlete, _), _ = self._entries.popitem(last=False)
                if not any(a == old_athlete for a, _ in self._entries):
                    self._versions.pop(old_athlete, None)
        return value

    def forget(self, db: Database, athlete_id: int) -> None:
        with self._lock:
            self._forget_locked((db.engine.url, athlete_id))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._versions.clear()

    def _forget_locked(self, athlete: Owner) -> None:
        for key in [k for k in self._entries if k[0] == athlete]:
            del self._entries[key]
        self._versions.pop(athlete, None)

    def __len__(self) -> int:
        return len(self._entries)


# One per process: uvicorn's workers and the CLI each keep their own, and each checks the
# database's version before using anything remembered.
MEMO: Final = HistoryMemo()


# Results kept against the athlete's data version ----------------------------------------------

# Product default: a coach's dashboard keeps one entry per runner, so this covers a few clinics
# of a few hundred runners each; an entry (two weeks of sessions, four of pain, the plan's
# last week) is a few tens of kilobytes.
MAX_VERSION_ENTRIES: Final = 1024


class VersionMemo:
    """A bounded, thread-safe LRU of one result per key, kept while its version holds.

    The version is the athlete's data version (``store.versions``, moved on by database
    triggers with every write of theirs), plus anything else the result depends on, such as
    the day. Callers read it *before* reading what they compute from: a write in between then
    leaves a result newer than its version, which is only recomputed once more, never a stale
    result under a new version. A lookup with any other version computes afresh and replaces
    the entry. The key must name the database (its URL), as one process may serve several.
    """

    def __init__(self, max_entries: int = MAX_VERSION_ENTRIES) -> None:
        self._max = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[Hashable, object]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, version: Hashable) -> object | None:
        """The result kept for ``key`` if it was made under ``version``, else None."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0] == version:
                self._entries.move_to_end(key)
                self.hits += 1
                return found[1]
            self.misses += 1
            return None

    def put(self, key: Hashable, version: Hashable, value: object) -> None:
        with self._lock:
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def get_or_compute(self, key: Hashable, version: Hashable, compute: Callable[[], T]) -> T:
        found = self.get(key, version)
        if found is not None:
            return found  # type: ignore[return-value]
        # Outside the lock, as in HistoryMemo: a duplicate computation is only wasted work.
        value = compute()
        self.put(key, version, value)
        return value

    def keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
