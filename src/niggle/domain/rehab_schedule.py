"""Where rehab sessions go in the week: never on a key run day, cross-training days first.

Rules (product defaults unless a source is named):
- No strength session on a key run day: the key runs carry the training, and a strength
  session on the same day would add load to the day the pain is most likely to flare.
- Cross-training days first: they are already the lighter, non-running days of the plan
  (FIRST schedules cross-training on two non-running days).
- Spread the sessions out: at least a day between them where the week allows. ACSM 2009
  suggests 48 h between sessions that load the same muscles (†, to be re-verified).
- Prefer a day that is not the eve of a key run, so tired legs do not meet a hard session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import combinations, pairwise
from typing import Final

from niggle.domain.dates import week_start as monday_of

DAYS_IN_WEEK: Final = 7

SCHEDULE_SOURCE: Final = (
    "product default (not trial-based): off key-run days, cross-training days first, spread "
    "out (ACSM 2009: ~48 h between sessions for the same muscles †)"
)


def place_sessions(
    week_of: dt.date,
    sessions: int,
    key_run_dates: Iterable[dt.date] = (),
    cross_training_dates: Iterable[dt.date] = (),
) -> tuple[dt.date, ...]:
    """Pick ``sessions`` days in the Monday-start week holding ``week_of``.

    Returns fewer days when the week has fewer non-key days than sessions asked for.
    """
    monday = monday_of(week_of)
    week = [monday + dt.timedelta(days=i) for i in range(DAYS_IN_WEEK)]
    key = {d for d in key_run_dates if monday <= d < monday + dt.timedelta(days=DAYS_IN_WEEK)}
    cross = set(cross_training_dates)
    free = [d for d in week if d not in key]
    count = min(max(sessions, 0), len(free))
    if count == 0:
        return ()

    def score(days: tuple[dt.date, ...]) -> tuple[int, int, int, int]:
        on_cross = sum(1 for d in days if d in cross)
        gaps = [(b - a).days for a, b in pairwise(days)]
        # The week wraps: Sunday's session is a day before next Monday's.
        if len(days) > 1:
            gaps.append((days[0] - days[-1]).days + DAYS_IN_WEEK)
        smallest_gap = min(gaps) if gaps else DAYS_IN_WEEK
        eve_of_key = sum(1 for d in days if d + dt.timedelta(days=1) in key)
        # Larger is better; the last term makes ties fall on the earliest days.
        return (on_cross, min(smallest_gap, 2), -eve_of_key, -sum(d.toordinal() for d in days))

    best = max(combinations(free, count), key=score)
    return tuple(best)
