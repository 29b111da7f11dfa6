"""Checking answers, and folding a runner's text into them only ever towards safety."""

from __future__ import annotations

import pytest

from niggle.domain.errors import InvalidInput
from niggle.domain.intake import TextFinding, TextIntake
from niggle.domain.triage.answers import check_age, check_answers, merge_text
from niggle.domain.triage.engine import all_questions
from niggle.domain.triage.models import TriageKnowledge


def test_unknown_question_ids_are_refused_with_a_suggestion(knowledge: TriageKnowledge) -> None:
    with pytest.raises(InvalidInput, match=r"answers\.sadle_numbness: .*saddle_numbness"):
        check_answers(all_questions(knowledge), {"sadle_numbness": True})


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("saddle_numbness", "no", "true or false"),
        ("saddle_numbness", 0, "true or false"),
        ("trauma_onset", "severe", "none, minor, major"),
        ("pain_during_run_nrs", 11, "outside 0 to 10"),
        ("pain_during_run_nrs", 4.5, "whole number"),
        ("pain_during_run_nrs", True, "give a number"),
        ("symptoms_weeks", float("nan"), "give a number"),
        ("provoked_by", ["intervals", "sprints"], "'sprints' is not one of"),
        ("provoked_by", {"a": 1}, "give a list"),
        ("psy_worry", 7, "answer with one of"),
    ],
)
def test_wrong_value_types_name_the_place_and_the_fix(
    knowledge: TriageKnowledge, key: str, value: object, message: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"answers\.{key}: .*{message}"):
        check_answers(all_questions(knowledge), {key: value})


def test_values_are_normalised(knowledge: TriageKnowledge) -> None:
    checked = check_answers(
        all_questions(knowledge),
        {
            "trauma_onset": " Minor ",
            "provoked_by": ["tempo", "Tempo", "intervals"],
            "psy_worry": "quite a lot",
            "symptoms_weeks": 2.5,
        },
    )
    assert checked == {
        "trauma_onset": "minor",
        "provoked_by": ("tempo", "intervals"),
        "psy_worry": 2,
        "symptoms_weeks": 2.5,
    }


def test_ages_must_be_whole_years() -> None:
    assert check_age(38) == 38
    for bad in (-1, 121, 38.5, "38", True):
        with pytest.raises(InvalidInput):
            check_age(bad)


def _text(*findings: tuple[str, object], **fields: object) -> TextIntake:
    return TextIntake(
        findings=tuple(TextFinding(q, v, f"quote for {q}") for q, v in findings),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def test_a_concerning_text_finding_overrides_an_explicit_no(knowledge: TriageKnowledge) -> None:
    merged = merge_text(
        all_questions(knowledge), {"saddle_numbness": False}, _text(("saddle_numbness", True))
    )
    assert merged.answers["saddle_numbness"] is True
    assert merged.sources["saddle_numbness"] == "answer+text"
    assert merged.uses[0].used


def test_text_never_answers_a_red_flag_no(knowledge: TriageKnowledge) -> None:
    merged = merge_text(
        all_questions(knowledge),
        {},
        _text(("saddle_numbness", False), ("trauma_onset", "none"), ("first_episode", False)),
    )
    assert merged.answers == {}
    assert all(not use.used for use in merged.uses)
    assert "never answers a safety question" in merged.uses[0].why


def test_text_never_clears_a_yes(knowledge: TriageKnowledge) -> None:
    merged = merge_text(all_questions(knowledge), {"hop_pain": True}, _text(("hop_pain", False)))
    assert merged.answers["hop_pain"] is True


def test_text_raises_a_choice_but_never_lowers_it(knowledge: TriageKnowledge) -> None:
    questions = all_questions(knowledge)
    raised = merge_text(questions, {"trauma_onset": "minor"}, _text(("trauma_onset", "major")))
    assert raised.answers["trauma_onset"] == "major"
    kept = merge_text(questions, {"trauma_onset": "major"}, _text(("trauma_onset", "minor")))
    assert kept.answers["trauma_onset"] == "major"


def test_text_fills_gaps_in_the_pain_questions_and_keeps_the_higher_score(
    knowledge: TriageKnowledge,
) -> None:
    questions = all_questions(knowledge)
    merged = merge_text(
        questions,
        {"pain_during_run_nrs": 3, "provoked_by": ("long",)},
        _text(
            ("pain_during_run_nrs", 6),
            ("pain_after_run_nrs", 2),
            provoked_by=("intervals", "tempo"),
            previous_episodes=1,
            eased_by=("walking", "sitting"),
        ),
    )
    assert merged.answers["pain_during_run_nrs"] == 6
    assert merged.answers["pain_after_run_nrs"] == 2
    assert merged.answers["provoked_by"] == ("long", "intervals", "tempo")
    assert merged.answers["previous_episodes"] == 1
    assert merged.answers["eases_with_walking_or_sitting"] is True
    lower = merge_text(questions, {"pain_during_run_nrs": 6}, _text(("pain_during_run_nrs", 2)))
    assert lower.answers["pain_during_run_nrs"] == 6


def test_unknown_ids_and_bad_values_from_text_are_recorded_not_used(
    knowledge: TriageKnowledge,
) -> None:
    merged = merge_text(
        all_questions(knowledge),
        {},
        _text(("made_up_question", True), ("pain_during_run_nrs", 42), ("hop_pain", "maybe")),
    )
    assert merged.answers == {}
    assert [u.used for u in merged.uses] == [False, False, False]


def test_the_text_gives_the_age_only_when_none_is_known(knowledge: TriageKnowledge) -> None:
    questions = all_questions(knowledge)
    text = _text(("age", 38))
    assert merge_text(questions, {}, text).age == 38
    given = merge_text(questions, {}, text, age=70)
    assert given.age == 70 and not given.uses[0].used
    assert merge_text(questions, {}, _text(("age", "old"))).age is None
