"""Rule conditions as data, evaluated in three-valued logic.

An unanswered question is *unknown*, not "no". A condition is True only when the answers
given prove it, False only when they rule it out, and None (cannot tell yet) otherwise, so
a red flag that was never asked can never be read as absent (Kleene's strong logic).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.triage.levels import CARE_LEVELS, CareLevel

FactValue = bool | int | float | str | tuple[str, ...]
Facts = Mapping[str, FactValue]
Truth = bool | None

Op = Literal["is", "at_least", "above", "at_most", "below", "includes", "only_from", "answered"]
OPS: Final[tuple[Op, ...]] = (
    "is",
    "at_least",
    "above",
    "at_most",
    "below",
    "includes",
    "only_from",
    "answered",
)
NUMERIC_OPS: Final[frozenset[Op]] = frozenset({"at_least", "above", "at_most", "below"})
LIST_OPS: Final[frozenset[Op]] = frozenset({"includes", "only_from"})

# Facts the engine derives rather than asks (besides every question id).
CARE_LEVEL_FACT: Final = "care_level"
PROVISIONAL_FACT: Final = "provisional"


@dataclass(frozen=True, slots=True)
class Fact:
    """A test on one fact: an answer, the age, or (for running rules) the care level."""

    name: str
    op: Op
    value: FactValue = True


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: Condition


@dataclass(frozen=True, slots=True)
class CountOf:
    """How many of ``parts`` hold, between ``at_least`` and ``at_most`` (criteria counts)."""

    parts: tuple[Condition, ...]
    at_least: int
    at_most: int | None = None


@dataclass(frozen=True, slots=True)
class CareLevelAtLeast:
    level: CareLevel


Condition = Fact | AllOf | AnyOf | Not | CountOf | CareLevelAtLeast


def evaluate(condition: Condition, facts: Facts) -> Truth:
    match condition:
        case Fact():
            return _fact(condition, facts)
        case AllOf(parts):
            results = [evaluate(p, facts) for p in parts]
            if any(r is False for r in results):
                return False
            return None if any(r is None for r in results) else True
        case AnyOf(parts):
            results = [evaluate(p, facts) for p in parts]
            if any(r is True for r in results):
                return True
            return None if any(r is None for r in results) else False
        case Not(part):
            inner = evaluate(part, facts)
            return None if inner is None else not inner
        case CountOf(parts, at_least, at_most):
            return _count(parts, at_least, at_most, facts)
        case CareLevelAtLeast(level):
            current = facts.get(CARE_LEVEL_FACT)
            if not isinstance(current, str) or current not in CARE_LEVELS:
                return None
            return CARE_LEVELS.index(current) >= CARE_LEVELS.index(level)


def _count(parts: tuple[Condition, ...], at_least: int, at_most: int | None, facts: Facts) -> Truth:
    results = [evaluate(p, facts) for p in parts]
    sure = sum(1 for r in results if r is True)
    possible = sure + sum(1 for r in results if r is None)
    upper = len(parts) if at_most is None else at_most
    if sure >= at_least and possible <= upper:
        return True
    if possible < at_least or sure > upper:
        return False
    return None


def _fact(test: Fact, facts: Facts) -> Truth:
    if test.op == "answered":
        return (test.name in facts) is bool(test.value)
    if test.name not in facts:
        return None
    value = facts[test.name]
    if test.op == "is":
        return value == test.value
    if test.op in NUMERIC_OPS:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if isinstance(test.value, bool) or not isinstance(test.value, int | float):
            return None
        limit = float(test.value)
        return {
            "at_least": value >= limit,
            "above": value > limit,
            "at_most": value <= limit,
            "below": value < limit,
        }[test.op]
    wanted = test.value if isinstance(test.value, tuple) else (str(test.value),)
    given = value if isinstance(value, tuple) else (str(value),)
    if test.op == "includes":
        return any(item in wanted for item in given)
    # only_from: something provokes it, and all of it is in the list.
    return bool(given) and all(item in wanted for item in given)


def fact_names(condition: Condition) -> tuple[str, ...]:
    """The facts a condition reads, in order of first mention, without repeats."""
    names: list[str] = []

    def walk(c: Condition) -> None:
        match c:
            case Fact(name):
                if name not in names:
                    names.append(name)
            case AllOf(parts) | AnyOf(parts) | CountOf(parts):
                for p in parts:
                    walk(p)
            case Not(part):
                walk(part)
            case CareLevelAtLeast():
                if CARE_LEVEL_FACT not in names:
                    names.append(CARE_LEVEL_FACT)

    walk(condition)
    return tuple(names)


def describe_value(value: FactValue) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def describe_facts(condition: Condition, facts: Facts) -> str:
    """``saddle_numbness: no; age: not answered`` for the facts a condition reads."""
    parts = []
    for name in fact_names(condition):
        shown = describe_value(facts[name]) if name in facts else "not answered"
        parts.append(f"{name}: {shown}")
    return "; ".join(parts)
