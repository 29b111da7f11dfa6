"""The engine's parts: pain bands and sessions, replacement sessions, the ladder."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.adapt_checkin import band_advice, symptom_changes
from niggle.domain.adapt_ladder import LadderState, next_phases
from niggle.domain.adapt_pain import (
    green_weeks,
    nrs_band,
    pain_sessions,
    red_in_a_row,
    rising_weeks,
    session_band,
)
from niggle.domain.adapt_workouts import capped, ladder_run, part_of, reduced, same_session
from niggle.domain.pain import PainReport
from niggle.domain.plans import Step
from niggle.domain.units import METRES_PER_MILE
from tests.domain.adapt_builders import AS_OF, EASY, Log, intervals, long_run, rules, tempo

BANDS = rules().bands


@pytest.mark.parametrize(
    ("nrs", "band"), [(0, "green"), (2, "green"), (3, "amber"), (5, "amber"), (6, "red")]
)
def test_during_run_bands_follow_the_pain_monitoring_model(nrs: int, band: str) -> None:
    assert nrs_band(nrs, BANDS) == band


def test_pain_after_a_run_may_reach_five_only_if_it_settles_by_morning() -> None:
    assert session_band(2, 5, 1, BANDS) == "green"  # settled next morning
    assert session_band(2, 5, None, BANDS) == "amber"  # not known to have settled
    assert session_band(2, 5, 4, BANDS) == "amber"  # not settled
    assert session_band(2, 6, 0, BANDS) == "red"  # above 5 after
    assert session_band(None, None, 7, BANDS) == "red"


def test_reports_group_into_sessions_and_a_next_morning_report_joins_yesterdays_run() -> None:
    log = Log()
    run = log.session(AS_OF - dt.timedelta(days=2), kind="tempo")
    log.report(AS_OF - dt.timedelta(days=2), 4, "during")  # unlinked: the day's only run
    log.report(AS_OF - dt.timedelta(days=1), 1, "next_morning")  # about the day before
    log.report(AS_OF, 3, "rest")  # at rest: not about a session
    sessions = pain_sessions(log.pain, log.activities, {}, BANDS)
    assert len(sessions) == 1
    (session,) = sessions
    assert session.activity_id == run.id and session.kind == "tempo"
    assert (session.during, session.next_morning, session.band) == (4, 1, "amber")


def test_the_plan_names_the_kind_when_the_log_does_not() -> None:
    log = Log()
    run = log.session(AS_OF, kind=None, pain=[("during", 4)])
    (session,) = pain_sessions(log.pain, log.activities, {run.id or 0: "intervals"}, BANDS)
    assert session.kind == "intervals"


def test_red_twice_in_a_row_counts_only_when_recent_and_consecutive() -> None:
    log = Log()
    log.session(AS_OF - dt.timedelta(days=5), pain=[("during", 6)])
    log.session(AS_OF - dt.timedelta(days=3), pain=[("during", 2)])
    log.session(AS_OF - dt.timedelta(days=1), pain=[("during", 7)])
    sessions = pain_sessions(log.pain, log.activities, {}, BANDS)
    assert red_in_a_row(sessions, 2, AS_OF, 7) == ()
    log.session(AS_OF, pain=[("during", 8)])
    sessions = pain_sessions(log.pain, log.activities, {}, BANDS)
    assert len(red_in_a_row(sessions, 2, AS_OF, 7)) == 2
    assert red_in_a_row(sessions, 2, AS_OF + dt.timedelta(days=10), 7) == ()


def test_rising_weeks_need_amber_peaks_each_above_the_last() -> None:
    log = Log()
    for weeks_ago, nrs in ((2, 2), (1, 3), (0, 5)):
        log.session(AS_OF - dt.timedelta(weeks=weeks_ago), pain=[("during", nrs)])
    sessions = pain_sessions(log.pain, log.activities, {}, BANDS)
    assert rising_weeks(sessions, AS_OF, BANDS) == 2


def test_green_weeks_need_enough_check_ins_and_no_rest_pain() -> None:
    log = Log()
    for days_ago in (1, 3, 8, 10):
        log.session(AS_OF - dt.timedelta(days=days_ago), pain=[("during", 1)])
    sessions = pain_sessions(log.pain, log.activities, {}, BANDS)
    assert green_weeks(sessions, [], AS_OF, 2, 2, BANDS).green
    assert not green_weeks(sessions, [], AS_OF, 2, 3, BANDS).green
    rest = PainReport(AS_OF - dt.timedelta(days=2), "lower_back", 4, "rest")
    assert not green_weeks(sessions, [rest], AS_OF, 2, 2, BANDS).green


def test_half_the_reps_of_repeats_and_of_a_ladder_and_a_shorter_tempo() -> None:
    five = intervals(1, AS_OF).steps
    assert part_of(five, 0.5)[1].repeat == 3
    ladder = (
        Step("warmup", duration_s=900, pace="easy", pace_s_per_km=EASY),
        *[
            s
            for m in (1200, 1000, 800, 600, 400, 200)
            for s in (
                Step("work", distance_m=m, pace="rep_800", pace_s_per_km=250),
                Step("recovery", distance_m=200),
            )
        ][:-1],
        Step("cooldown", duration_s=600, pace="easy", pace_s_per_km=EASY),
    )
    kept = part_of(ladder, 0.5)
    work = [s.distance_m for s in kept if s.type == "work"]
    assert work == [1200, 1000, 800]
    assert kept[-1].type == "cooldown" and kept[-2].type == "work"  # no jog after the last rep
    shorter = reduced(tempo(2, AS_OF), 0.5, "mi", EASY, "note")
    assert shorter.steps[1].distance_m == pytest.approx(2.5 * METRES_PER_MILE)
    assert shorter.title == "1 mi easy + 2.5 mi LT + 1 mi easy"
    assert shorter.distance_m == pytest.approx(4.5 * METRES_PER_MILE)


def test_a_capped_long_run_keeps_its_pace_and_recomputes_its_time() -> None:
    planned = long_run(3, AS_OF, 32_000)
    cut = capped(planned, 27_500, "km", EASY, "capped")
    assert cut.distance_m == 27_500
    assert cut.steps[0].pace == "mp+45"
    assert cut.duration_s == pytest.approx(27.5 * 360)
    assert not same_session(cut, planned)
    assert cut.id == planned.id and cut.status == "changed"


def test_ladder_sessions_are_walk_run_then_continuous() -> None:
    ladder = rules().ladder
    first = ladder_run(long_run(4, AS_OF, 30_000), ladder.phase(1), ladder, "mi", 400.0, "n")
    repeat = first.steps[0]
    assert repeat.type == "repeat" and repeat.repeat is not None and repeat.repeat >= 1
    assert [s.duration_s for s in repeat.steps] == [180, 120]
    assert first.title.startswith("Return to run, phase 1: 1 mi as 3 min run / 2 min walk")
    last = ladder_run(long_run(4, AS_OF, 30_000), ladder.phase(6), ladder, "mi", 400.0, "n")
    assert last.steps[0].distance_m == pytest.approx(2 * METRES_PER_MILE)
    assert "continuous" in last.title


def test_each_ladder_phase_is_done_twice_before_moving_up() -> None:
    ladder = rules().ladder
    state = LadderState(AS_OF, AS_OF, 1, 1, None, 0, False, False)
    assert next_phases(state, ladder, 5) == [1, 2, 2, 3, 3]
    top = LadderState(AS_OF, AS_OF, 6, 0, None, 0, False, False)
    assert next_phases(top, ladder, 3) == [6, 6, 6]


def test_check_in_advice_and_symptom_changes() -> None:
    during = PainReport(AS_OF, "lower_back", 6, "during")
    assert "stop running this session" in band_advice(during, "red", BANDS)
    earlier = [PainReport(AS_OF - dt.timedelta(days=3), "lower_back", 3, "during")]
    changes = symptom_changes(during, earlier, BANDS)
    assert changes == ["pain during a run up from 3/10 to 6/10"]
    calf = PainReport(AS_OF, "left_calf", 2, "during")
    assert symptom_changes(calf, earlier, BANDS) == ["pain in a new place (left calf)"]
    rest = PainReport(AS_OF, "lower_back", 4, "rest")
    assert "pain at rest (4/10)" in symptom_changes(rest, earlier, BANDS)
    assert symptom_changes(during, [], BANDS) == []  # nothing to compare with
