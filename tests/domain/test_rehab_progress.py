"""Progress after two green sessions at target; step back after a flare."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from niggle.domain.errors import InvalidInput
from niggle.domain.rehab_progress import (
    RehabSession,
    check_pain,
    replay,
    session_colour,
)
from niggle.knowledge.exercises import load_exercise_library

LIBRARY = load_exercise_library()
DAY = dt.date(2026, 11, 2)
START = {"squat": 2, "glute_bridge": 2, "mcgill_curl_up": 2}


def _on(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def green(n: int, *, target: bool = True, exercises: tuple[str, ...] = ()) -> RehabSession:
    return RehabSession(
        _on(n), exercises, pain_during=1, settled_next_morning=True, target_reached=target
    )


def test_session_colours_follow_the_pain_monitoring_bands() -> None:
    assert session_colour(RehabSession(DAY, pain_during=0, settled_next_morning=True)) == "green"
    assert session_colour(RehabSession(DAY, pain_during=2, settled_next_morning=True)) == "green"
    assert session_colour(RehabSession(DAY, pain_during=3, settled_next_morning=True)) == "amber"
    assert session_colour(RehabSession(DAY, pain_during=5, settled_next_morning=True)) == "amber"
    assert session_colour(RehabSession(DAY, pain_during=6, settled_next_morning=True)) == "flare"
    assert session_colour(RehabSession(DAY, pain_during=6)) == "flare"  # no need to wait
    assert session_colour(RehabSession(DAY, pain_during=1, settled_next_morning=False)) == "flare"
    assert session_colour(RehabSession(DAY, pain_during=1)) == "pending"
    assert session_colour(RehabSession(DAY, settled_next_morning=True)) == "pending"


def test_two_green_sessions_at_target_move_every_exercise_up_one_level() -> None:
    progress = replay(LIBRARY, START, [green(0), green(2)])
    assert {i: progress.level(i) for i in START} == {i: 3 for i in START}
    assert len(progress.changes) == 3
    assert all(c.from_level == 2 and c.to_level == 3 for c in progress.changes)
    assert all("ACSM" in c.source for c in progress.changes)


def test_one_green_session_is_not_enough() -> None:
    assert replay(LIBRARY, START, [green(0)]).level("squat") == 2


def test_target_not_reached_or_amber_restarts_the_count() -> None:
    missed = replay(LIBRARY, START, [green(0), green(2, target=False), green(4)])
    assert missed.level("squat") == 2
    amber = RehabSession(_on(2), pain_during=4, settled_next_morning=True, target_reached=True)
    assert replay(LIBRARY, START, [green(0), amber, green(4)]).level("squat") == 2
    assert replay(LIBRARY, START, [green(0), amber, green(4), green(6)]).level("squat") == 3


def test_a_pending_session_neither_counts_nor_breaks_the_run() -> None:
    pending = RehabSession(_on(2), pain_during=1, target_reached=True)
    assert replay(LIBRARY, START, [green(0), pending, green(4)]).level("squat") == 3


def test_a_flare_steps_back_a_level_and_restarts_the_count() -> None:
    flare = RehabSession(_on(2), pain_during=7, target_reached=True)
    progress = replay(LIBRARY, START, [green(0), flare, green(4)])
    assert progress.level("squat") == 1
    assert progress.changes[0].to_level == 1
    assert "flare" in progress.changes[0].because
    not_settled = RehabSession(_on(2), pain_during=2, settled_next_morning=False)
    assert replay(LIBRARY, START, [not_settled]).level("glute_bridge") == 1


def test_levels_never_leave_the_exercise_range() -> None:
    flares = [RehabSession(_on(i), pain_during=9) for i in range(5)]
    assert replay(LIBRARY, START, flares).level("squat") == 1
    greens = [green(i) for i in range(0, 40, 2)]
    top = LIBRARY.get("squat").top_level
    assert replay(LIBRARY, START, greens).level("squat") == top


def test_only_the_exercises_done_change() -> None:
    progress = replay(
        LIBRARY, START, [green(0, exercises=("squat",)), green(2, exercises=("squat",))]
    )
    assert progress.level("squat") == 3
    assert progress.level("glute_bridge") == 2


def test_sessions_are_replayed_in_date_order() -> None:
    flare = RehabSession(_on(0), pain_during=8)
    assert replay(LIBRARY, START, [green(4), green(2), flare]).level("squat") == 2


def test_pain_outside_the_scale_is_refused() -> None:
    with pytest.raises(InvalidInput, match="0-10"):
        check_pain(11)
    with pytest.raises(InvalidInput):
        check_pain(-1)


session = st.builds(
    RehabSession,
    on=st.dates(DAY, DAY + dt.timedelta(days=120)),
    exercises=st.sampled_from([(), ("squat",), ("glute_bridge", "mcgill_curl_up")]),
    pain_during=st.none() | st.integers(0, 10),
    settled_next_morning=st.none() | st.booleans(),
    target_reached=st.none() | st.booleans(),
)


@given(st.lists(session, max_size=30))
def test_any_log_keeps_levels_in_range_and_changes_consistent(log: list[RehabSession]) -> None:
    progress = replay(LIBRARY, START, log)
    for exercise_id, state in progress.states.items():
        assert 1 <= state.level <= LIBRARY.get(exercise_id).top_level
    for change in progress.changes:
        assert abs(change.to_level - change.from_level) == 1
    # Replaying the changes from the start reproduces the end state.
    levels = dict(START)
    for change in progress.changes:
        assert levels[change.exercise_id] == change.from_level
        levels[change.exercise_id] = change.to_level
    assert levels == {i: s.level for i, s in progress.states.items()}
    # No level ever rises without a green session at target on that day.
    for change in progress.changes:
        if change.to_level > change.from_level:
            day = [s for s in log if s.on == change.on]
            assert any(session_colour(s) == "green" and s.target_reached for s in day)
