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

from niggle.domain.errors import InvalidInput

DAYS_IN_WEEK: Final = 7

SCHEDULE_SOURCE: Final = (
    "product default (not trial-based): off key-run days, cross-training days first, spread "
    "out (ACSM 2009: ~48 h between sessions for the same muscles †)"
)


def place_sessions(
    first_day: dt.date,
    sessions: int,
    key_run_dates: Iterable[dt.date] = (),
    cross_training_dates: Iterable[dt.date] = (),
) -> tuple[dt.date, ...]:
    """Pick ``sessions`` days in the seven days from ``first_day`` (a Monday gives a plan week).

    Returns fewer days when the window has fewer non-key days than sessions asked for.
    """
    week = [first_day + dt.timedelta(days=i) for i in range(DAYS_IN_WEEK)]
    key = {d for d in key_run_dates if week[0] <= d <= week[-1]}
    # A key run just after the window still makes its eve a poor strength day.
    eves = set(key) | {d for d in key_run_dates if d == week[-1] + dt.timedelta(days=1)}
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
        eve_of_key = sum(1 for d in days if d + dt.timedelta(days=1) in eves)
        # Larger is better; the last term makes ties fall on the earliest days.
        return (on_cross, min(smallest_gap, 2), -eve_of_key, -sum(d.toordinal() for d in days))

    best = max(combinations(free, count), key=score)
    return tuple(best)


WEEKDAY_NAMES: Final[tuple[str, ...]] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_weekdays(text: str, what: str = "--key-days") -> tuple[int, ...]:
    """Read ``tue,thu,sun`` (or full names) into weekday numbers, Monday = 0."""
    days: list[int] = []
    for part in text.replace(" ", ",").split(","):
        word = part.strip().lower()[:3]
        if not word:
            continue
        if word not in WEEKDAY_NAMES:
            raise InvalidInput(
                f"Unknown weekday {part.strip()!r} in {what}. Use mon, tue, wed, thu, fri, sat "
                "or sun, e.g. --key-days tue,thu,sun."
            )
        days.append(WEEKDAY_NAMES.index(word))
    if not days:
        raise InvalidInput(f"No weekdays given in {what}; write them like tue,thu,sun.")
    return tuple(sorted(set(days)))


def dates_in_window(first_day: dt.date, weekdays: Iterable[int]) -> tuple[dt.date, ...]:
    """The dates falling on ``weekdays`` in the seven days from ``first_day``."""
    wanted = set(weekdays)
    days = (first_day + dt.timedelta(days=i) for i in range(DAYS_IN_WEEK + 1))
    return tuple(d for d in days if d.weekday() in wanted)
