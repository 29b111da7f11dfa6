"""Invariants of the engine over random logs, check-ins and triage results."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niggle.domain.adapt import Adaptation
from niggle.domain.adapt_ladder import PastAdaptation
from niggle.domain.adapt_rules import RULE_IDS, status_rank
from niggle.domain.adapt_triggers import CheckinFlags
from niggle.domain.triage.records import TriageRecord
from tests.domain.adapt_builders import AS_OF, Log, applied, in_window, plan, run_engine, triage

KINDS = ("intervals", "tempo", "long", "easy")
WHENS = ("during", "after", "next_morning")


@st.composite
def logs(draw: st.DrawFn) -> Log:
    log = Log()
    for days_ago in sorted(draw(st.sets(st.integers(1, 40), max_size=14)), reverse=True):
        kind = draw(st.sampled_from(KINDS))
        pain = draw(st.lists(st.tuples(st.sampled_from(WHENS), st.integers(0, 10)), max_size=3))
        metres = draw(st.floats(2000, 35000))
        log.session(AS_OF - dt.timedelta(days=days_ago), kind=kind, metres=metres, pain=pain)
    for days_ago in draw(st.lists(st.integers(0, 20), max_size=2)):
        log.flags.append(
            CheckinFlags(
                AS_OF - dt.timedelta(days=days_ago),
                limping=draw(st.none() | st.booleans()),
                new_leg_symptoms=draw(st.none() | st.booleans()),
            )
        )
    log.flags.sort(key=lambda f: f.on)
    return log


@st.composite
def triages(draw: st.DrawFn) -> TriageRecord | None:
    if draw(st.booleans()):
        return None
    level = draw(st.sampled_from(["self_care", "routine", "soon", "urgent", "emergency"]))
    provoked = draw(st.lists(st.sampled_from([*KINDS, "all_running"]), max_size=3))
    return triage(
        level,
        taken_on=AS_OF - dt.timedelta(days=draw(st.integers(0, 30))),
        classification=draw(st.sampled_from(["non_specific", "possible_bone_stress"])),
        answers={"provoked_by": provoked},
    )


histories = st.lists(
    st.builds(
        PastAdaptation,
        st.integers(1, 40).map(lambda d: AS_OF - dt.timedelta(days=d)),
        st.sampled_from(["modify", "pause_running", "stop_and_seek_care"]),
    ),
    max_size=2,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(result: Adaptation) -> None:
    for change in result.changes:
        assert change.rule in RULE_IDS
        assert change.because.strip()
        assert change.before is not None and change.after is not None
        assert change.before.id == change.after.id and change.before.on == change.after.on
    for trigger in result.triggers:
        assert status_rank(result.status) >= status_rank(trigger.status)


@FAST
@given(log=logs(), record=triages(), history=histories, long_m=st.floats(15_000, 40_000))
def test_every_change_is_explained_and_status_is_never_below_a_trigger(
    log: Log, record: TriageRecord | None, history: list[PastAdaptation], long_m: float
) -> None:
    workouts = plan(long_m=long_m)
    result = run_engine(workouts, log, triage_record=record, history=history)
    _check(result)


@FAST
@given(log=logs(), record=triages(), history=histories)
def test_no_running_is_left_when_running_stops(
    log: Log, record: TriageRecord | None, history: list[PastAdaptation]
) -> None:
    workouts = plan()
    result = run_engine(workouts, log, triage_record=record, history=history)
    after, _ = applied(workouts, result)
    window = in_window(after, result)
    if result.status in ("pause_running", "stop_and_seek_care"):
        assert not [w for w in window if w.is_run]
    if record is not None and record.care_level in ("emergency", "urgent"):
        assert result.status == "stop_and_seek_care" and result.act_now
        assert all(w.kind == "rest" for w in window)
        assert all(n.rule == "seek_care" for n in result.notes)
        assert all(t.rule == "seek_care" for t in result.triggers)


@FAST
@given(log=logs(), record=triages(), history=histories, long_m=st.floats(15_000, 40_000))
def test_applying_a_proposal_leaves_nothing_more_to_change(
    log: Log, record: TriageRecord | None, history: list[PastAdaptation], long_m: float
) -> None:
    workouts = plan(long_m=long_m)
    first = run_engine(workouts, log, triage_record=record, history=history)
    after, originals = applied(workouts, first)
    again = run_engine(after, log, triage_record=record, history=history, originals=originals)
    assert again.changes == ()
    assert again.status == first.status
