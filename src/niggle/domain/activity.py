"""The canonical activity: one session of training, whatever file or form it came from.

Units are stated once, here: distances in metres, durations in seconds, speeds in metres per
second, heart rate in beats per minute, cadence in steps per minute (both feet), altitude in
metres, positions in degrees (WGS84). Start times are timezone-aware; ``local_date`` is the
calendar day the athlete trained on, which is what weeks and plans count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from niggle.domain.errors import InvalidInput

Sport = Literal["run", "walk", "ride", "swim", "elliptical", "strength", "row", "other"]
SPORTS: Final[tuple[Sport, ...]] = (
    "run",
    "walk",
    "ride",
    "swim",
    "elliptical",
    "strength",
    "row",
    "other",
)
# Sports that count as cross-training in a running plan (they carry load, not run mileage).
CROSS_TRAINING: Final[frozenset[Sport]] = frozenset(
    {"ride", "swim", "elliptical", "row", "strength", "walk"}
)

# What a run was meant to be, in the plan's vocabulary (CONTRACTS.md, plan workouts).
RunKind = Literal["intervals", "tempo", "long", "easy", "race", "cross", "strength", "rest"]
RUN_KINDS: Final[tuple[RunKind, ...]] = (
    "intervals",
    "tempo",
    "long",
    "easy",
    "race",
    "cross",
    "strength",
    "rest",
)


@dataclass(frozen=True, slots=True)
class Lap:
    start: dt.datetime
    elapsed_s: float
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_speed_m_per_s: float | None = None
    moving_s: float | None = None
    avg_cadence: float | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """A session's summary. Per-second streams are kept apart (they are large)."""

    sport: Sport
    start: dt.datetime
    local_date: dt.date
    elapsed_s: float
    distance_m: float | None = None
    moving_s: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence: float | None = None
    rpe: float | None = None
    kind: RunKind | None = None
    title: str | None = None
    note: str | None = None
    source: str = "manual"
    laps: tuple[Lap, ...] = ()
    id: int | None = field(default=None, compare=False)
    # Where it came from, for people and for duplicate checks: the watch that recorded it
    # ("garmin fenix2") and the service's own id (a Strava or Garmin Connect activity id).
    device: str | None = None
    external_id: str | None = None

    @property
    def duration_s(self) -> float:
        """Moving time when known (pauses excluded), else elapsed time."""
        return self.moving_s if self.moving_s is not None else self.elapsed_s

    @property
    def is_run(self) -> bool:
        return self.sport == "run"

    @property
    def avg_speed_m_per_s(self) -> float | None:
        if not self.distance_m or self.duration_s <= 0:
            return None
        return self.distance_m / self.duration_s


# A session longer than this is a typo or a watch left running (ultra-marathons included).
MAX_ACTIVITY_S: Final = 48 * 3600.0
# Faster than this on foot is not running: 12 m/s is beyond any sprinter over any distance.
MAX_RUN_SPEED_M_PER_S: Final = 12.0
# Borg CR-10, the scale Foster's session-RPE uses (Foster et al. 2001).
RPE_RANGE: Final = (0.0, 10.0)
EARLIEST_YEAR: Final = 1970


def check_training_date(day: dt.date, today: dt.date, what: str = "--date") -> dt.date:
    """Refuse days that cannot hold a session the runner did: future days and the distant past."""
    if day > today:
        raise InvalidInput(
            f"{what} {day.isoformat()} is in the future (today is {today.isoformat()}). "
            "Log sessions you have done; planned ones belong in the plan."
        )
    if day.year < EARLIEST_YEAR:
        raise InvalidInput(f"{what} {day.isoformat()} is before {EARLIEST_YEAR}; check the year.")
    return day


def check_rpe(rpe: float) -> float:
    low, high = RPE_RANGE
    if not math.isfinite(rpe) or not low <= rpe <= high:
        raise InvalidInput(
            f"RPE {rpe:g} is outside {low:g}–{high:g}. Rate the whole session from 0 (rest) "
            "to 10 (maximal), e.g. --rpe 7."
        )
    return rpe


def validate_activity(activity: Activity, today: dt.date) -> Activity:
    """Refuse a session that cannot be right, saying which value and how to fix it."""
    check_training_date(activity.local_date, today)
    if activity.start.tzinfo is None:
        raise ValueError("activity start times must be timezone-aware")
    if not math.isfinite(activity.elapsed_s) or activity.elapsed_s <= 0:
        raise InvalidInput("The session needs a time above zero, e.g. --time 56:00.")
    if activity.elapsed_s > MAX_ACTIVITY_S:
        raise InvalidInput("A single session cannot last over 48 hours; check --time.")
    if activity.distance_m is not None:
        if not math.isfinite(activity.distance_m) or activity.distance_m < 0:
            raise InvalidInput("Distance must be zero or more, e.g. --distance 7mi.")
        if (
            activity.sport == "run"
            and activity.distance_m / activity.duration_s > MAX_RUN_SPEED_M_PER_S
        ):
            raise InvalidInput(
                "That distance in that time is faster than any human runs; check --distance "
                "and --time (times are mm:ss or h:mm:ss)."
            )
    if activity.rpe is not None:
        check_rpe(activity.rpe)
    return activity


# Product defaults (not from a study) for recognising one session recorded twice, e.g. the
# watch's FIT and the GPX Strava made of it: the clocks agree within two minutes and the
# distances within 3% (GPS track length and the watch's own odometer differ by a few %).
SAME_SESSION_START_S: Final = 120.0
SAME_SESSION_DISTANCE_RATIO: Final = 0.03
SAME_SESSION_TIME_RATIO: Final = 0.05


def is_same_session(a: Activity, b: Activity) -> bool:
    """Whether ``a`` and ``b`` are two recordings of the same session."""
    if abs((a.start - b.start).total_seconds()) > SAME_SESSION_START_S:
        return False
    if a.sport != b.sport and "other" not in (a.sport, b.sport):
        return False
    if a.distance_m and b.distance_m:
        larger = max(a.distance_m, b.distance_m)
        return abs(a.distance_m - b.distance_m) <= SAME_SESSION_DISTANCE_RATIO * larger
    if a.distance_m or b.distance_m:
        return False  # one has a distance, the other none: a treadmill and a walk, say
    longer = max(a.elapsed_s, b.elapsed_s)
    return abs(a.elapsed_s - b.elapsed_s) <= SAME_SESSION_TIME_RATIO * longer


# Product defaults (not from a study) for recognising a recording of a session the runner
# already logged by hand (a check-in on Today, `niggle log run`). A hand log has a day but
# no clock time, and its figures are the runner's own rounding ("7 km, 40 minutes"), so the
# day must match and the distance (or, without one, the time) only roughly.
HAND_LOGGED_DISTANCE_RATIO: Final = 0.15
HAND_LOGGED_TIME_RATIO: Final = 0.20


def _rough_gap(hand: Activity, recorded: Activity) -> float | None:
    """How far apart a hand log and a recording are (0 = the same figures), or None when
    they cannot be one session: another day, another sport, or figures too far apart."""
    if hand.local_date != recorded.local_date:
        return None
    if hand.sport != recorded.sport and "other" not in (hand.sport, recorded.sport):
        return None
    if hand.distance_m and recorded.distance_m:
        larger = max(hand.distance_m, recorded.distance_m)
        off = abs(hand.distance_m - recorded.distance_m) / larger
        return off if off <= HAND_LOGGED_DISTANCE_RATIO else None
    if hand.distance_m:
        return None  # the runner gave a distance the recording does not have
    longer = max(hand.elapsed_s, recorded.elapsed_s)
    if longer <= 0:
        return None
    off = abs(hand.elapsed_s - recorded.elapsed_s) / longer
    return off if off <= HAND_LOGGED_TIME_RATIO else None


def _closest(pairs: Sequence[tuple[float | None, Activity]]) -> Activity | None:
    scored = [(off, a) for off, a in pairs if off is not None]
    return min(scored, key=lambda pair: pair[0])[1] if scored else None


def hand_logged_match(recorded: Activity, logged: Sequence[Activity]) -> Activity | None:
    """The session logged by hand on ``recorded``'s day that it is a recording of, if any.

    Of several candidates (two runs that day) the closest in distance, then time, is taken,
    so a second recording finds the other one.
    """
    return _closest([(_rough_gap(c, recorded), c) for c in logged if c.source == "manual"])


def recording_match(hand: Activity, stored: Sequence[Activity]) -> Activity | None:
    """The other way round: the recording (a watch file already imported) of the session
    being logged by hand now, if that day holds one; the closest wins."""
    return _closest([(_rough_gap(hand, c), c) for c in stored if c.source != "manual"])
