"""Progressing the rehab programme from logged sessions.

The rules:
- A session is **green** when pain during it was at most 2/10 and it had settled by the next
  morning; a **flare** when pain during was over 5/10 or it had not settled by the next
  morning; otherwise **amber**. The bands are the pain-monitoring model (Thomeé 1997 †;
  Silbernagel et al. 2007; clinical.md §4 R1-R2). Using them for back pain is an
  extrapolation, so they are product defaults here.
- **Progress** one level after two green sessions in a row in which the runner reached the
  level's target. ACSM 2009 moves a lifter up after beating the target on two consecutive
  sessions (†, to be re-verified); "green" is our addition.
- **Step back** one level after a flare. Product default (not trial-based).
- A session still waiting for its next-morning answer counts for nothing yet.

The levels are always recomputed by replaying the log from the programme's starting levels,
so the log is the single source of truth and editing a session re-derives everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.errors import InvalidInput
from niggle.domain.rehab_exercises import ExerciseLibrary

SessionColour = Literal["green", "amber", "flare", "pending"]

GREEN_MAX_PAIN: Final = 2
FLARE_ABOVE_PAIN: Final = 5
GREEN_SESSIONS_TO_PROGRESS: Final = 2
PROGRESS_SOURCE: Final = (
    "ACSM 2009 (move up after two consecutive sessions at target †); green = pain ≤2/10 and "
    "settled next morning (pain-monitoring model, Silbernagel 2007; product default for LBP)"
)
STEP_BACK_SOURCE: Final = (
    "product default (not trial-based): flare = pain >5/10 or not settled next morning "
    "(pain-monitoring model bands, clinical.md §4 R1-R2)"
)


@dataclass(frozen=True, slots=True)
class RehabSession:
    """One logged rehab session. ``exercises`` empty means the whole programme was done."""

    on: dt.date
    exercises: tuple[str, ...] = ()
    pain_during: int | None = None
    settled_next_morning: bool | None = None
    target_reached: bool | None = None
    note: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class LevelChange:
    on: dt.date
    exercise_id: str
    from_level: int
    to_level: int
    because: str
    source: str


@dataclass(frozen=True, slots=True)
class ExerciseState:
    level: int
    green_streak: int = 0


@dataclass(frozen=True, slots=True)
class Progress:
    states: Mapping[str, ExerciseState]
    changes: tuple[LevelChange, ...]

    def level(self, exercise_id: str) -> int:
        return self.states[exercise_id].level


def check_pain(pain: int) -> int:
    if not 0 <= pain <= 10:
        raise InvalidInput(
            f"Pain {pain} is outside 0-10. Rate the session from 0 (none) to 10 (worst imaginable)."
        )
    return pain


def session_colour(session: RehabSession) -> SessionColour:
    if session.pain_during is not None and session.pain_during > FLARE_ABOVE_PAIN:
        return "flare"
    if session.settled_next_morning is False:
        return "flare"
    if session.pain_during is None or session.settled_next_morning is None:
        return "pending"
    if session.pain_during <= GREEN_MAX_PAIN:
        return "green"
    return "amber"


def replay(
    library: ExerciseLibrary,
    start_levels: Mapping[str, int],
    sessions: Iterable[RehabSession],
) -> Progress:
    """Current level of every programme exercise after the logged sessions, in date order."""
    states = {i: ExerciseState(library.get(i).level(lvl).level) for i, lvl in start_levels.items()}
    changes: list[LevelChange] = []
    for session in sorted(sessions, key=lambda s: s.on):
        colour = session_colour(session)
        if colour == "pending":
            continue
        done = [i for i in (session.exercises or tuple(start_levels)) if i in states]
        for exercise_id in done:
            state = states[exercise_id]
            exercise = library.get(exercise_id)
            if colour == "flare":
                new_level = max(state.level - 1, 1)
                if new_level != state.level:
                    changes.append(
                        LevelChange(
                            session.on,
                            exercise_id,
                            state.level,
                            new_level,
                            "Stepped back a level after a flare (pain over 5/10 or not settled "
                            "by the next morning).",
                            STEP_BACK_SOURCE,
                        )
                    )
                states[exercise_id] = ExerciseState(new_level, 0)
            elif colour == "green" and session.target_reached:
                streak = state.green_streak + 1
                if streak >= GREEN_SESSIONS_TO_PROGRESS and state.level < exercise.top_level:
                    changes.append(
                        LevelChange(
                            session.on,
                            exercise_id,
                            state.level,
                            state.level + 1,
                            "Moved up a level after two green sessions in a row at target.",
                            PROGRESS_SOURCE,
                        )
                    )
                    states[exercise_id] = ExerciseState(state.level + 1, 0)
                else:
                    states[exercise_id] = ExerciseState(state.level, streak)
            else:
                # Amber, or green without reaching the target: hold the level, restart the count.
                states[exercise_id] = ExerciseState(state.level, 0)
    return Progress(states, tuple(changes))
