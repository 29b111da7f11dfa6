"""Safety invariants of triage, property-tested over random answer sets and texts.

- The care level is never below any positive red flag.
- The result is provisional exactly while an (applicable) emergency or urgent question, or
  the age, is unanswered, and those questions are listed in questions_needed.
- At emergency and urgent levels running stops and only action, comfort and safety-net
  advice is given; no claims about exercise are shown.
- Text only raises: it never lowers the care level or removes a flag, a concerning answer
  stays concerning, and text alone never answers a red-flag question "no".
- Every rule is traced, and the runner is always told to screen again within a week.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niggle.domain.intake import CLAIM_IDS, PROVOKERS, TextFinding, TextIntake
from niggle.domain.triage.conditions import evaluate
from niggle.domain.triage.engine import all_questions, base_facts
from niggle.domain.triage.levels import ACT_NOW_LEVELS, ACT_NOW_RUNNING, level_rank
from niggle.domain.triage.models import ACT_NOW_ADVICE_KINDS, TriageResult
from niggle.domain.triage.psychosocial import ScreenResult
from niggle.domain.triage.questions import AnswerValue, Question
from niggle.knowledge.triage import load_care_contacts, load_triage_knowledge
from tests.domain.triage.conftest import TODAY, run

KNOWLEDGE = load_triage_knowledge()
UK = load_care_contacts()["uk"]
QUESTIONS = all_questions(KNOWLEDGE)
BY_ID = {q.id: q for q in QUESTIONS}
SAFETY = [q for q in QUESTIONS if q.is_safety_question]
YES_NO_FLAGS = [q for q in QUESTIONS if q.is_red_flag and q.answer == "yes_no"]
# TRIAGE_EXAMPLES=1500 runs a deeper search (about a minute); the default keeps the suite fast.
PROPERTY = settings(
    max_examples=int(os.environ.get("TRIAGE_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def value_for(question: Question) -> st.SearchStrategy[AnswerValue]:
    if question.answer == "yes_no":
        return st.booleans()
    if question.answer == "choice":
        return st.sampled_from(question.choices)
    if question.answer == "list":
        return st.lists(st.sampled_from(question.choices), unique=True).map(tuple)
    if question.answer == "scale":
        return st.sampled_from([o.score for o in question.options])
    low, high = int(question.minimum or 0), int(question.maximum or 10)
    if question.integer:
        return st.integers(low, high)
    return st.one_of(st.integers(low, min(high, 60)), st.floats(low, high, allow_nan=False))


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, AnswerValue]:
    chosen = draw(st.lists(st.sampled_from(QUESTIONS), unique_by=lambda q: q.id))
    # Safety questions are often all answered, so non-provisional paths are well covered.
    if draw(st.booleans()):
        chosen += [q for q in SAFETY if q not in chosen]
    return {q.id: draw(value_for(q)) for q in chosen}


ANY_VALUE: st.SearchStrategy[Any] = st.one_of(
    st.booleans(),
    st.integers(-3, 120),
    st.sampled_from(["none", "minor", "major", "yes", "no", ""]),
    st.lists(st.sampled_from(PROVOKERS), max_size=3).map(tuple),
)


@st.composite
def texts(draw: st.DrawFn) -> TextIntake:
    ids = st.sampled_from([*BY_ID, "age", "made_up_question"])
    findings = draw(
        st.lists(
            st.one_of(
                st.builds(TextFinding, ids, ANY_VALUE, st.just("a quote")),
                # a finding with a valid value for its question
                st.sampled_from(QUESTIONS).flatmap(
                    lambda q: value_for(q).map(lambda v, q=q: TextFinding(q.id, v, "a quote"))
                ),
            ),
            max_size=8,
        )
    )
    return TextIntake(
        findings=tuple(findings),
        provoked_by=tuple(draw(st.lists(st.sampled_from(PROVOKERS), unique=True, max_size=3))),
        eased_by=tuple(draw(st.lists(st.sampled_from(["walking", "sitting", "rest"]), max_size=2))),
        previous_episodes=draw(st.one_of(st.none(), st.integers(0, 5))),
        claims=tuple(draw(st.lists(st.sampled_from(CLAIM_IDS), unique=True, max_size=4))),
    )


AGES = st.one_of(st.none(), st.integers(0, 100))
SEXES = st.one_of(st.none(), st.sampled_from(["female", "male", "other"]))


def _applies(question: Question, result: TriageResult) -> bool:
    if question.ask_if is None:
        return True
    facts = base_facts(
        result.answers, result.age, result.sex, ScreenResult("x", None, None, {}, ())
    )
    return evaluate(question.ask_if, facts) is not False


def check_invariants(result: TriageResult) -> None:
    # the care level is never below any positive red flag
    for flag in result.red_flags:
        assert level_rank(result.care_level) >= level_rank(flag.urgency), flag
    # provisional exactly while an applicable safety question (or the age) is unanswered
    unanswered = [q.id for q in SAFETY if q.id not in result.answers and _applies(q, result)]
    assert set(unanswered) <= set(result.questions_needed)
    assert set(result.questions_raising) <= set(result.questions_needed)
    # (an age read only from the text still counts as unanswered until the runner gives it)
    age_from_text = any(u.question_id == "age" and u.used for u in result.text_uses)
    age_unconfirmed = result.age is None or age_from_text
    assert ("age" in result.questions_needed) == age_unconfirmed
    assert result.provisional == bool(unanswered or age_unconfirmed or result.questions_raising)
    # act-now levels: running stops, only the action and comfort/safety-net advice
    if result.care_level in ACT_NOW_LEVELS:
        assert result.running in ACT_NOW_RUNNING
        assert {a.kind for a in result.advice} <= ACT_NOW_ADVICE_KINDS
        assert result.claims == ()
    # every rule traced once, plus the guard; weekly re-screen
    traced = [t.rule for t in result.trace]
    assert sorted(traced) == sorted(
        [r.id for r in KNOWLEDGE.rules] + ["guard_act_now_stops_running"]
    )
    assert (result.rescreen.next_on - TODAY).days == 7
    assert all(a.evidence.sources for a in result.advice)
    assert all(f.source for f in result.red_flags)


@PROPERTY
@given(answers=answer_sets(), age=AGES, sex=SEXES)
def test_invariants_hold_for_any_answers(
    answers: dict[str, AnswerValue], age: int | None, sex: str | None
) -> None:
    check_invariants(run(KNOWLEDGE, UK, answers, age=age, sex=sex))


@PROPERTY
@given(answers=answer_sets(), age=AGES, sex=SEXES, text=texts())
def test_text_only_raises(
    answers: dict[str, AnswerValue], age: int | None, sex: str | None, text: TextIntake
) -> None:
    without = run(KNOWLEDGE, UK, answers, age=age, sex=sex)
    with_text = run(KNOWLEDGE, UK, answers, age=age, sex=sex, text=text)
    check_invariants(with_text)
    assert level_rank(with_text.care_level) >= level_rank(without.care_level)
    assert {f.id for f in without.red_flags} <= {f.id for f in with_text.red_flags}
    for qid, value in answers.items():
        question = BY_ID[qid]
        if question.is_concerning(value):
            assert question.is_concerning(with_text.answers[qid]), qid
    # a red-flag answer that only the text gave is always the concerning one
    for qid, source in with_text.answer_sources.items():
        question = BY_ID[qid]
        if source == "text" and question.answer in ("yes_no", "choice") and question.is_red_flag:
            assert question.is_concerning(with_text.answers[qid]), qid
    # unless the text itself raised one, a provisional answer stays provisional
    if without.provisional and not any(
        BY_ID[q].is_safety_question for q, s in with_text.answer_sources.items() if s == "text"
    ):
        assert with_text.provisional


@PROPERTY
@given(age=AGES, sex=SEXES, text=texts())
def test_text_alone_never_gives_a_final_answer(
    age: int | None, sex: str | None, text: TextIntake
) -> None:
    result = run(KNOWLEDGE, UK, {}, age=age, sex=sex, text=text)
    check_invariants(result)
    assert result.provisional


@PROPERTY
@given(answers=answer_sets(), age=AGES, sex=SEXES, flag=st.sampled_from(YES_NO_FLAGS))
def test_a_concerning_answer_never_lowers_the_level(
    answers: dict[str, AnswerValue], age: int | None, sex: str | None, flag: Question
) -> None:
    before = run(KNOWLEDGE, UK, answers, age=age, sex=sex)
    worse = {**answers, flag.id: flag.concern == "yes"}
    after = run(KNOWLEDGE, UK, worse, age=age, sex=sex)
    assert level_rank(after.care_level) >= level_rank(before.care_level)


@PROPERTY
@given(answers=answer_sets(), age=st.integers(16, 100), sex=SEXES)
def test_a_final_answer_cannot_be_raised_to_urgent_by_any_unanswered_question(
    answers: dict[str, AnswerValue], age: int, sex: str | None
) -> None:
    """If the result is not provisional, no single unanswered red flag could make it act-now."""
    result = run(KNOWLEDGE, UK, answers, age=age, sex=sex)
    if result.provisional:
        return
    for question in YES_NO_FLAGS:
        if question.id in answers:
            continue
        worse = run(
            KNOWLEDGE, UK, {**answers, question.id: question.concern == "yes"}, age=age, sex=sex
        )
        if worse.care_level in ACT_NOW_LEVELS:
            assert level_rank(worse.care_level) <= level_rank(result.care_level), question.id
