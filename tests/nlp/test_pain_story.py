"""Region, provokers, easers, onset, episodes and pain scores read from a runner's words."""

from __future__ import annotations

import pytest

from niggle.nlp.intake import read_text


@pytest.mark.parametrize(
    ("text", "provoked"),
    [
        ("It only hurts on my 800s and reps at the track.", {"intervals"}),
        ("Threshold runs set it off every time.", {"tempo"}),
        ("My back aches after about 15 miles on long runs.", {"long"}),
        (
            "Sitting at my desk makes it worse, and so does bending to tie my laces.",
            {"sitting", "bending"},
        ),
        ("It hurts whenever I run.", {"all_running"}),
        ("It hurts when I run, mostly on tempo runs.", {"tempo"}),
    ],
)
def test_what_provokes_it(text: str, provoked: set[str]) -> None:
    assert set(read_text(text).provoked_by) == provoked


def test_a_denied_provoker_is_not_a_provoker() -> None:
    intake = read_text("Intervals hurt. It doesn't hurt on easy runs though.")
    assert intake.provoked_by == ("intervals",)


def test_what_eases_it() -> None:
    intake = read_text("Lying down helps, and a hot bath eases it, but sitting makes it worse.")
    assert set(intake.eased_by) == {"lying_down", "heat"}
    assert intake.provoked_by == ("sitting",)
    assert intake.finding("eases_with_walking_or_sitting") is None


def test_walking_that_eases_it_answers_the_contract_question() -> None:
    found = read_text("It settles down once I walk for a bit.").finding(
        "eases_with_walking_or_sitting"
    )
    assert found is not None and found.value is True


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("My lower back is killing me.", "lower_back"),
        ("Deep ache in my left buttock, and my back is a bit stiff.", "buttock"),
        ("Sore hip when I run. Nothing else to report, back's fine.", "hip"),
        ("Pain between my shoulder blades.", "upper_back"),
        ("Got back to running last week and my groin hurts.", "groin"),
    ],
)
def test_region(text: str, region: str) -> None:
    assert read_text(text).region == region


def test_no_region_when_none_is_named() -> None:
    assert read_text("It hurts a lot.").region is None


@pytest.mark.parametrize(
    ("text", "episodes"),
    [
        ("I had the same pain last year.", 1),
        ("It's happened twice before.", 2),
        ("This is the third time I've had back pain.", 2),
        ("I've had this before, years ago.", 1),
        ("First time I've had back pain.", 0),
    ],
)
def test_previous_episodes(text: str, episodes: int) -> None:
    assert read_text(text).previous_episodes == episodes


def test_onset() -> None:
    intake = read_text("It came on halfway through a parkrun, and it's been sore since.")
    assert intake.onset == "halfway through a parkrun"
    assert read_text("I started the plan on a Monday.").onset is None  # no pain in that sentence


@pytest.mark.parametrize(
    ("text", "question", "score"),
    [
        ("During runs it's about 6/10.", "pain_during_run_nrs", 6),
        ("After runs it's 4 out of 10.", "pain_after_run_nrs", 4),
        ("At rest it's a 2/10.", "pain_at_rest_nrs", 2),
        ("It was 7.5/10 on the intervals.", "pain_during_run_nrs", 7.5),
        ("Now it's 3/10 at rest and about 6/10 if I try to jog.", "pain_at_rest_nrs", 3),
        ("Now it's 3/10 at rest and about 6/10 if I try to jog.", "pain_during_run_nrs", 6),
    ],
)
def test_pain_scores(text: str, question: str, score: float) -> None:
    found = read_text(text).finding(question)
    assert found is not None and found.value == score


def test_impossible_or_unplaced_scores_are_ignored() -> None:
    intake = read_text("It's 12/10 when running. My 5k is 22 minutes, 8/10 effort.")
    assert intake.finding("pain_during_run_nrs") is None


def test_how_long_it_has_been_going_on() -> None:
    found = read_text("The pain has been there for three weeks.").finding("symptoms_weeks")
    assert found is not None and found.value == 3
    months = read_text("My back has hurt for 2 months.").finding("symptoms_weeks")
    assert months is not None and months.value == pytest.approx(8.7)
    assert read_text("The plan lasts for 16 weeks.").finding("symptoms_weeks") is None


def test_spondyloarthritis_items_are_read() -> None:
    answers = read_text(
        "I'm stiff every morning for over an hour. It improves once I get moving and I "
        "wake at 4am with it most nights."
    ).answers()
    assert answers["morning_stiffness_over_30min"] is True
    assert answers["improves_with_exercise"] is True
    assert answers["night_waking_second_half"] is True


def test_getting_worse_is_read_as_not_getting_better() -> None:
    answers = read_text("It's getting worse and worse.").answers()
    assert answers["getting_better"] is False
    assert "getting_better" not in read_text("It's getting better slowly.").answers()


@pytest.mark.parametrize(
    ("text", "age"),
    [("I'm 38 and new to this.", 38), ("45F here, first half.", 45), ("17 year old runner.", 17)],
)
def test_age_when_stated(text: str, age: int) -> None:
    found = read_text(text).finding("age")
    assert found is not None and found.value == age


def test_distances_and_paces_are_not_ages() -> None:
    assert read_text("I'm 25 miles into the week and I'm 10 weeks out.").finding("age") is None


def test_a_longer_phrase_wins_over_a_word_inside_it() -> None:
    # "standing desk" is standing, not the "desk" of sitting at one
    intake = read_text("I have a standing desk now which helps.")
    assert intake.eased_by == ("standing",)
    assert intake.finding("eases_with_walking_or_sitting") is None
