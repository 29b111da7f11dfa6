"""The issue's "Done when" scenarios, on the pure engine (no database)."""

from __future__ import annotations

import datetime as dt
import itertools

from niggle.domain.adapt_ladder import PastAdaptation
from niggle.domain.adapt_rules import RULE_IDS
from niggle.domain.adapt_triggers import CheckinFlags
from tests.domain.adapt_builders import (
    AS_OF,
    Log,
    applied,
    by_day,
    in_window,
    mark_done,
    plan,
    run_engine,
    triage,
)

TUE, WED, THU, FRI, SAT, SUN = (AS_OF + dt.timedelta(days=i) for i in range(1, 7))


def test_amber_pain_only_in_intervals_and_tempo_swaps_those_and_keeps_easy_and_long() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(4, intervals_pain=4, tempo_pain=5, easy_pain=1, long_pain=2)

    result = run_engine(workouts, log)

    assert result.status == "modify"
    changed = by_day(result)
    assert set(changed) == {TUE, THU}
    for day in (TUE, THU):
        change = changed[day]
        assert change.rule == "intensity_swap"
        assert change.after.kind == "easy"
        # Matched duration: the same time on your feet.
        assert change.after.duration_s == change.before.duration_s
        assert "amber" in change.because
    # Easy, long and cross-training sessions are kept as planned.
    untouched = [w for w in in_window(workouts, result) if w.on not in changed]
    assert {w.kind for w in untouched} == {"cross", "easy", "long"}


def test_easy_running_that_hurts_too_sends_the_swaps_to_cross_training() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(4, intervals_pain=4, tempo_pain=4, easy_pain=7)

    result = run_engine(workouts, log)

    changed = by_day(result)
    assert {changed[d].after.kind for d in (TUE, THU, SAT)} == {"cross"}
    assert changed[TUE].after.duration_s == changed[TUE].before.duration_s
    assert "RPE 8" in changed[TUE].after.title  # the intervals' effort, matched
    assert SUN not in changed  # the long run does not hurt: kept


def test_red_pain_in_two_sessions_in_a_row_pauses_running_for_cross_training() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(3)
    log.session(AS_OF - dt.timedelta(days=4), kind="tempo", pain=[("during", 6)])
    log.session(AS_OF - dt.timedelta(days=2), kind="easy", pain=[("during", 7)])

    result = run_engine(workouts, log)

    assert result.status == "pause_running"
    assert result.retriage
    assert any(t.rule == "stop_running" and "red" in t.because for t in result.triggers)
    runs_in_window = [w for w in in_window(workouts, result) if w.is_run]
    changed = by_day(result)
    assert {w.on for w in runs_in_window} == set(changed)
    for change in changed.values():
        assert change.rule == "stop_running"
        assert change.after.kind == "cross"
        assert change.after.duration_s == change.before.duration_s  # matched time
    # Cross-training days were already cross-training: left alone.
    assert WED not in changed and FRI not in changed


def test_bone_stress_signs_stop_running_until_assessed_and_clear_every_run() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(3)
    record = triage(
        "urgent",
        running="stop",
        classification="possible_bone_stress",
        flags=[("bone_stress_hop_pain", "urgent", ["hop_pain"])],
    )

    result = run_engine(workouts, log, triage_record=record)

    assert result.status == "stop_and_seek_care"
    assert result.act_now
    after, _ = applied(workouts, result)
    window = in_window(after, result)
    assert window and not [w for w in window if w.is_run]
    assert all(w.kind == "rest" for w in window)  # urgent care: no exercise content either
    assert all(c.rule == "seek_care" for c in result.changes)
    # Nothing in the output invites running.
    assert not [n for n in result.notes if n.rule != "seek_care"]
    assert all(t.rule == "seek_care" for t in result.triggers)
    assert (result.review_on - AS_OF).days == 14


def test_bone_stress_at_a_lower_care_level_still_stops_running_non_impact_only() -> None:
    workouts = plan()
    record = triage("soon", running="pause_running", classification="possible_bone_stress")

    result = run_engine(workouts, Log(), triage_record=record)

    assert result.status == "stop_and_seek_care"
    assert not result.act_now
    runs = [c for c in result.changes if c.before.is_run]
    assert runs and all(c.after.kind == "cross" and "Non-impact" in c.after.title for c in runs)


def test_two_green_weeks_bring_intensity_back_step_by_step() -> None:
    workouts = plan(weeks=4)
    log = Log()
    # Every run checked in green (1/10), the hard days run easy for the last two weeks ...
    log.usual_weeks(5, checkin_all=True, swapped_from=AS_OF - dt.timedelta(weeks=2))
    three_weeks_ago = AS_OF - dt.timedelta(weeks=3) + dt.timedelta(days=1)
    log.set_pain(three_weeks_ago, 4)  # ... except the hard sessions three weeks ago (amber)
    log.set_pain(three_weeks_ago + dt.timedelta(days=2), 5)
    record = triage(
        taken_on=AS_OF - dt.timedelta(weeks=3), answers={"provoked_by": ["intervals", "tempo"]}
    )

    first = run_engine(workouts, log, triage_record=record)

    changed = by_day(first)
    assert changed[TUE].rule == "reintroduce_intensity"
    assert changed[TUE].after.kind == "intervals"
    assert changed[TUE].after.steps[1].repeat == 3  # half of 5 reps, rounded up
    assert changed[THU].after.steps[1].distance_m == changed[THU].before.steps[1].distance_m / 2
    assert "Two green weeks" in changed[TUE].because
    assert first.status == "modify"

    # The runner does the shorter sessions and they stay green: the full session comes back.
    plan_now, originals = applied(workouts, first)
    log.session(TUE, kind="intervals", metres=6000, pain=[("during", 1)])
    log.session(THU, kind="tempo", metres=7000, pain=[("during", 2)])
    next_monday = AS_OF + dt.timedelta(weeks=1)
    second = run_engine(plan_now, log, as_of=next_monday, triage_record=record, originals=originals)
    hard = [w for w in in_window(plan_now, second) if w.kind in ("intervals", "tempo")]
    assert len(hard) == 2
    assert not [c for c in second.changes if c.before in hard]  # kept in full
    assert second.status == "continue"


def test_an_earlier_swap_comes_back_as_the_first_step_once_weeks_are_green() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(4, intervals_pain=5)
    swapped = run_engine(workouts, log)
    after, originals = applied(workouts, swapped)
    assert by_day(swapped)[TUE].after.kind == "easy"

    # Two weeks of green check-ins later, the swapped session (still in the plan as an
    # easy run) is turned into the first step back, from what the plan wrote.
    later = Log()
    later.usual_weeks(6, checkin_all=True, swapped_from=AS_OF - dt.timedelta(weeks=2))
    later.set_pain(AS_OF - dt.timedelta(weeks=3) + dt.timedelta(days=1), 5)
    later.set_pain(AS_OF - dt.timedelta(weeks=3) + dt.timedelta(days=3), 5)
    result = run_engine(after, later, originals=originals)
    change = by_day(result)[TUE]
    assert change.before.kind == "easy" and change.after.kind == "intervals"
    assert change.rule == "reintroduce_intensity"


def test_without_green_check_ins_intensity_stays_swapped() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(4)  # no check-ins at all after the painful triage
    record = triage(taken_on=AS_OF - dt.timedelta(weeks=3), answers={"provoked_by": ["tempo"]})

    result = run_engine(workouts, log, triage_record=record)

    assert by_day(result)[THU].rule == "intensity_swap"
    assert TUE not in by_day(result)  # intervals were never said to hurt
    assert any(n.rule == "pain_bands" and "checkin" in n.text for n in result.notes)


def test_the_spike_rule_caps_a_long_run_that_jumps() -> None:
    workouts = plan(long_m=32_000)
    log = Log()
    log.usual_weeks(4, long_m=(20_000, 22_000, 24_000, 25_000))

    result = run_engine(workouts, log)

    change = by_day(result)[SUN]
    assert change.rule == "spike_cap"
    # 1.10 x the longest run of the past 30 days (25 km), rounded down to 100 m.
    assert change.after.distance_m == 27_500
    assert change.after.kind == "long"
    assert "1.28 ×" in change.because and "Garmin-RUNSAFE" in change.because


def test_a_long_run_within_the_cap_is_left_alone() -> None:
    workouts = plan(long_m=27_000)
    log = Log()
    log.usual_weeks(4)

    result = run_engine(workouts, log)

    assert result.changes == ()
    assert result.status == "continue"


def test_limping_pauses_running_until_a_later_check_in_clears_it() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(3)
    log.flags.append(CheckinFlags(AS_OF - dt.timedelta(days=1), limping=True))

    paused = run_engine(workouts, log)
    assert paused.status == "pause_running" and paused.retriage

    log.flags.append(CheckinFlags(AS_OF, limping=False))
    assert run_engine(workouts, log).status == "continue"


def test_new_leg_symptoms_pause_running_until_triage_asks_again() -> None:
    workouts = plan()
    log = Log()
    log.flags.append(CheckinFlags(AS_OF - dt.timedelta(days=2), new_leg_symptoms=True))

    assert run_engine(workouts, log).status == "pause_running"
    record = triage(
        taken_on=AS_OF - dt.timedelta(days=1),
        answers={"leg_pain_below_knee": False, "provoked_by": []},
    )
    assert run_engine(workouts, log, triage_record=record).status == "continue"


def test_pain_not_settling_for_a_week_pauses_running() -> None:
    workouts = plan()
    log = Log()
    log.session(AS_OF - dt.timedelta(days=5), pain=[("during", 3), ("next_morning", 4)])
    log.session(AS_OF - dt.timedelta(days=3), pain=[("during", 3), ("next_morning", 5)])

    result = run_engine(workouts, log)

    assert result.status == "pause_running"
    assert any("settled" in t.because for t in result.triggers)


def test_a_soon_flag_pauses_running() -> None:
    record = triage("soon", flags=[("leg_pain_below_knee", "soon", ["leg_pain_below_knee"])])
    result = run_engine(plan(), Log(), triage_record=record)
    assert result.status == "pause_running"
    assert all(c.after.kind == "cross" for c in result.changes)


def test_emergency_triage_rests_everything_and_invites_no_running() -> None:
    workouts = plan()
    record = triage("emergency", running="stop", flags=[("ces", "emergency", ["saddle_numbness"])])
    result = run_engine(workouts, Log(), triage_record=record)
    assert result.status == "stop_and_seek_care"
    after, _ = applied(workouts, result)
    assert all(w.kind == "rest" for w in in_window(after, result))
    assert all("run" not in c.after.title.lower() for c in result.changes)


def test_every_change_names_its_rule_and_a_reason() -> None:
    workouts = plan(long_m=32_000)
    log = Log()
    log.usual_weeks(4, intervals_pain=6, tempo_pain=4)
    result = run_engine(workouts, log)
    assert len(result.changes) == 3
    for change in result.changes:
        assert change.rule in RULE_IDS
        assert len(change.because) > 40


def test_return_to_run_starts_with_a_walk_then_climbs_the_ladder() -> None:
    workouts = plan()
    log = Log()
    log.usual_weeks(2)
    stopped = AS_OF - dt.timedelta(days=8)
    history = [PastAdaptation(stopped, "pause_running")]

    waiting = run_engine(workouts, log, history=history)
    assert waiting.status == "pause_running"
    first_run = min(c.on for c in waiting.changes)
    assert "Brisk walk 30 min" in by_day(waiting)[first_run].after.title
    assert all(c.rule == "return_to_run" for c in waiting.changes)

    log.session(AS_OF - dt.timedelta(days=1), sport="walk", kind=None, metres=3500, seconds=1900)
    ladder = run_engine(workouts, log, history=history)
    assert ladder.status == "modify"
    sessions = [c for c in ladder.changes if "Return to run" in c.after.title]
    assert sessions and "phase 1" in sessions[0].after.title
    days = sorted(c.on for c in sessions)
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))
    assert sessions[0].after.distance_m == 1609.344  # 1.0 mi (Trials 2023 phase 1)

    # Two green ladder runs finish phase 1.
    log.session(AS_OF - dt.timedelta(days=6), metres=1609, seconds=900, pain=[("during", 1)])
    log.session(AS_OF - dt.timedelta(days=4), metres=1609, seconds=900, pain=[("during", 1)])
    moved = run_engine(workouts, log, history=history)
    titles = [c.after.title for c in moved.changes if "Return to run" in c.after.title]
    assert titles and "phase 2" in titles[0]


def test_a_red_ladder_run_steps_back_a_phase() -> None:
    log = Log()
    stopped = AS_OF - dt.timedelta(days=20)
    log.session(stopped, sport="walk", kind=None, metres=3500, seconds=1900)
    for offset, nrs in ((18, 1), (16, 1), (14, 1), (12, 1), (10, 7)):
        log.session(AS_OF - dt.timedelta(days=offset), metres=2000, seconds=900,
                    pain=[("during", nrs)])  # fmt: skip
    result = run_engine(plan(), log, history=[PastAdaptation(stopped, "pause_running")])
    assert result.ladder is not None
    assert result.ladder.phase == 2  # reached 3, then stepped back after the red run
    assert result.ladder.held_back


def test_applying_a_proposal_then_asking_again_changes_nothing() -> None:
    workouts = plan(long_m=32_000)
    log = Log()
    log.usual_weeks(4, intervals_pain=4, tempo_pain=6)
    first = run_engine(workouts, log)
    after, originals = applied(workouts, first)
    again = run_engine(after, log, originals=originals)
    assert again.changes == ()
    assert again.status == first.status


def test_a_cleared_reason_puts_the_session_back_with_a_rule() -> None:
    workouts = plan()
    log = Log()
    log.flags.append(CheckinFlags(AS_OF - dt.timedelta(days=1), limping=True))
    paused = run_engine(workouts, log)
    after, originals = applied(workouts, paused)
    # The limp was a one-off (a later check-in says no) and running was never applied as
    # stopped in the history, so the plan goes straight back.
    log.flags.append(CheckinFlags(AS_OF, limping=False))
    back = run_engine(after, log, originals=originals)
    assert back.changes
    assert all(c.rule == "restore_plan" and c.after.status == "planned" for c in back.changes)


def test_no_triage_and_no_check_ins_are_said() -> None:
    result = run_engine(plan(), Log())
    texts = " ".join(n.text for n in result.notes)
    assert "niggle triage" in texts and "niggle checkin" in texts


def test_sessions_already_done_are_never_changed() -> None:
    log = Log()
    log.usual_weeks(3, intervals_pain=5, tempo_pain=5)
    done = log.session(TUE, kind="intervals", metres=9000)
    workouts = [mark_done(w, done.id or 0) if w.on == TUE else w for w in plan()]
    result = run_engine(workouts, log, as_of=TUE)
    assert TUE not in by_day(result)
    assert THU in by_day(result)


def test_once_intensity_is_back_amber_elsewhere_does_not_swap_it_again() -> None:
    log = Log()
    log.usual_weeks(6, checkin_all=True)  # intervals and tempo done green every week ...
    log.set_pain(AS_OF - dt.timedelta(weeks=5) + dt.timedelta(days=1), 5)  # ... after one amber
    log.set_pain(AS_OF - dt.timedelta(days=2), 4)  # and an amber easy run this week
    record = triage(taken_on=AS_OF - dt.timedelta(weeks=5), answers={"provoked_by": ["intervals"]})

    result = run_engine(plan(), log, triage_record=record)

    assert not [c for c in result.changes if c.rule == "intensity_swap"]
    assert result.status == "continue"
