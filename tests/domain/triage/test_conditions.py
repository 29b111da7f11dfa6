"""Three-valued conditions: an unanswered question is unknown, never 'no'."""

from __future__ import annotations

from niggle.domain.triage.conditions import (
    AllOf,
    AnyOf,
    CareLevelAtLeast,
    CountOf,
    Fact,
    Not,
    describe_facts,
    evaluate,
    fact_names,
)

YES = Fact("a", "is", True)
B_YES = Fact("b", "is", True)


def test_an_unanswered_fact_is_unknown_not_false() -> None:
    assert evaluate(YES, {}) is None
    assert evaluate(Not(YES), {}) is None
    assert evaluate(YES, {"a": True}) is True
    assert evaluate(YES, {"a": False}) is False


def test_all_and_any_follow_kleene_logic() -> None:
    assert evaluate(AllOf((YES, B_YES)), {"a": False}) is False  # one false settles it
    assert evaluate(AllOf((YES, B_YES)), {"a": True}) is None
    assert evaluate(AllOf((YES, B_YES)), {"a": True, "b": True}) is True
    assert evaluate(AnyOf((YES, B_YES)), {"a": True}) is True  # one true settles it
    assert evaluate(AnyOf((YES, B_YES)), {"a": False}) is None
    assert evaluate(AnyOf((YES, B_YES)), {"a": False, "b": False}) is False


def test_counts_are_only_decided_when_the_unknowns_cannot_change_them() -> None:
    parts = tuple(Fact(name, "is", True) for name in "abcde")
    four = CountOf(parts, at_least=4)
    assert evaluate(four, {"a": True, "b": True, "c": True}) is None
    assert evaluate(four, {"a": True, "b": True, "c": True, "d": True}) is True
    assert evaluate(four, {"a": False, "b": False}) is False  # at most 3 possible
    exactly_three = CountOf(parts, at_least=3, at_most=3)
    assert evaluate(exactly_three, {"a": True, "b": True, "c": True}) is None
    answered = {"a": True, "b": True, "c": True, "d": False, "e": False}
    assert evaluate(exactly_three, answered) is True
    assert evaluate(exactly_three, {**answered, "e": True}) is False


def test_numeric_and_list_tests() -> None:
    assert evaluate(Fact("n", "above", 5), {"n": 6}) is True
    assert evaluate(Fact("n", "above", 5), {"n": 5}) is False
    assert evaluate(Fact("n", "at_least", 5), {"n": 5}) is True
    assert evaluate(Fact("n", "below", 20), {"n": 19.9}) is True
    # a yes/no answer is never read as a number
    assert evaluate(Fact("n", "at_least", 1), {"n": True}) is None
    quality = ("intervals", "tempo")
    assert evaluate(Fact("p", "only_from", quality), {"p": ("tempo",)}) is True
    assert evaluate(Fact("p", "only_from", quality), {"p": ("tempo", "long")}) is False
    assert evaluate(Fact("p", "only_from", quality), {"p": ()}) is False
    assert evaluate(Fact("p", "includes", quality), {"p": ("long", "tempo")}) is True


def test_answered_is_never_unknown() -> None:
    assert evaluate(Fact("a", "answered", True), {}) is False
    assert evaluate(Fact("a", "answered", False), {}) is True
    assert evaluate(Fact("a", "answered", True), {"a": False}) is True


def test_care_level_tests_read_the_level_in_order() -> None:
    assert evaluate(CareLevelAtLeast("soon"), {"care_level": "urgent"}) is True
    assert evaluate(CareLevelAtLeast("soon"), {"care_level": "routine"}) is False
    assert evaluate(CareLevelAtLeast("soon"), {}) is None


def test_descriptions_name_each_fact_once_with_its_value() -> None:
    condition = AllOf((YES, AnyOf((B_YES, Fact("a", "answered", True)))))
    assert fact_names(condition) == ("a", "b")
    assert describe_facts(condition, {"a": True}) == "a: yes; b: not answered"
