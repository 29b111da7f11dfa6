"""The founding story: a forum post about back pain three weeks into a FIRST marathon plan.

Issue 5's "done when": a forum-style post about back pain during marathon training gives
correct findings. The post and replies are written for this test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.intake import TextIntake
from niggle.domain.units import METRES_PER_MILE
from niggle.nlp.intake import read_text
from tests.nlp.red_flag_ids import RED_FLAG_IDS

FORUM_POST = """\
Title: Lower back pain three weeks into FIRST marathon plan - advice?

Hi all. I'm 38 and three weeks into the FIRST (Run Less, Run Faster) marathon plan for the \
Manchester Marathon on 26 April, running 25+ miles a week. My lower back started hurting \
during a 7 mile tempo run last Thursday. Now it aches on the track intervals (6 x 800m) and \
on tempo runs, but easy runs are fine and it eases off when I walk or sit down. During runs \
it's about 7/10. I had the same thing a year ago and it settled after a few weeks. No \
numbness down there and I haven't had any trouble peeing. My 20 miler is coming up. Should I \
keep going?

Reply from RoadRunner72: Sounds like a weak core and tight hip flexors. Stretch after your \
runs, not before.

Reply from parkrun_pete: Get a sports massage and see a physio.

Reply from Jo_runs: Try postural alignment therapy, it fixed my back.

Reply from old_git: An osteopath sorted mine. Or just rest it for six weeks.

Reply from Sceptic: Running is bad for your back anyway. Get an MRI.
"""


@pytest.fixture(scope="module")
def intake() -> TextIntake:
    return read_text(FORUM_POST, today=dt.date(2026, 2, 1))


def test_where_it_hurts_and_how_it_behaves(intake: TextIntake) -> None:
    assert intake.region == "lower_back"
    assert set(intake.provoked_by) == {"intervals", "tempo"}
    assert "easy" not in intake.provoked_by  # "easy runs are fine"
    assert set(intake.eased_by) == {"walking", "sitting"}
    assert intake.onset is not None and intake.onset.startswith("during a 7 mile tempo run")
    assert intake.previous_episodes == 1


def test_pain_answers_stated_in_the_post(intake: TextIntake) -> None:
    answers = intake.answers()
    assert answers["pain_during_run_nrs"] == 7
    assert answers["eases_with_walking_or_sitting"] is True
    assert answers["previous_episodes"] == 1
    assert set(answers["provoked_by"]) == {"intervals", "tempo"}
    assert answers["age"] == 38


def test_training_context(intake: TextIntake) -> None:
    training = intake.training
    assert training.plan == "first-marathon"
    assert training.plan_week == 3
    assert training.weekly_distance_m == pytest.approx(25 * METRES_PER_MILE, abs=1)
    assert training.workouts == ("7 mile tempo", "6 x 800m", "20 miler")
    assert training.race_name == "Manchester Marathon"
    assert training.race_date == dt.date(2026, 4, 26)
    plan = intake.finding("training_plan")
    assert plan is not None and "FIRST" in plan.quote


def test_every_piece_of_advice_in_the_replies_is_recognised(intake: TextIntake) -> None:
    assert set(intake.claims) == {
        "core_stability",
        "tightness",
        "stretching",
        "stretch_timing",
        "massage",
        "see_physio",
        "posture_alignment",
        "manipulation_osteopathy",
        "rest",
        "running_damages_back",
        "imaging",
    }
    assert intake.claims[0] == "core_stability"  # in the order the thread raises them


def test_no_red_flag_is_raised(intake: TextIntake) -> None:
    # "No numbness down there" and "haven't had any trouble peeing" are denials, and a
    # denial in text never answers the question either: the engine still asks it.
    raised = [f.question_id for f in intake.findings if f.question_id in RED_FLAG_IDS]
    assert raised == []


def test_every_finding_carries_the_words_it_came_from(intake: TextIntake) -> None:
    for finding in intake.findings:
        parts = finding.quote.split(" … ")
        assert all(part and part in FORUM_POST for part in parts), finding
