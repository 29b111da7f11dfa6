"""Reading rule conditions from the knowledge files, checking every fact and value.

A condition that names an unknown fact, compares a yes/no answer with a number, or lists a
choice a question does not offer is refused at load time with the file and rule named.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from niggle.domain.errors import NiggleError
from niggle.domain.triage.conditions import (
    CARE_LEVEL_FACT,
    LIST_OPS,
    NUMERIC_OPS,
    OPS,
    PROVISIONAL_FACT,
    AllOf,
    AnyOf,
    CareLevelAtLeast,
    Condition,
    CountOf,
    Fact,
    FactValue,
    Not,
)
from niggle.domain.triage.levels import CARE_LEVELS, CLASSIFICATIONS
from niggle.domain.triage.psychosocial import BANDS, SCREEN_FACT
from niggle.domain.triage.questions import Question

SEXES: Final[tuple[str, ...]] = ("female", "male", "other")


class TriageKnowledgeInvalid(NiggleError):
    """A triage knowledge file is broken: a bug in niggle or an operator's file."""

    code = "invalid_triage_knowledge"


_DERIVED_NUMBERS: Final = frozenset({"age", "onset_age"})


class ConditionReader:
    """Parses condition dictionaries and checks every fact and value they name."""

    def __init__(self, questions: Mapping[str, Question]) -> None:
        self.questions = questions

    def parse(self, raw: dict[str, Any] | None, where: str, stage: str) -> Condition | None:
        if raw is None:
            return None
        return self._parse(raw, where, stage)

    def require(self, raw: dict[str, Any], where: str, stage: str) -> Condition:
        return self._parse(raw, where, stage)

    def _parse(self, raw: object, where: str, stage: str) -> Condition:
        if not isinstance(raw, dict) or not raw:
            raise TriageKnowledgeInvalid(f"{where}: a condition must be a non-empty mapping")
        keys = set(raw)
        if keys in ({"all"}, {"any"}):
            parts = raw["all" if "all" in raw else "any"]
            if not isinstance(parts, list) or not parts:
                raise TriageKnowledgeInvalid(f"{where}: all/any needs a non-empty list")
            parsed = tuple(self._parse(p, f"{where}.{i}", stage) for i, p in enumerate(parts))
            return AllOf(parsed) if "all" in raw else AnyOf(parsed)
        if keys == {"not"}:
            return Not(self._parse(raw["not"], f"{where}.not", stage))
        if "count" in keys and keys <= {"count", "at_least", "at_most"}:
            return self._count(raw, where, stage)
        if keys == {"care_level_at_least"}:
            if stage != "running":
                raise TriageKnowledgeInvalid(f"{where}: care_level is only known to running rules")
            level = raw["care_level_at_least"]
            if level not in CARE_LEVELS:
                raise TriageKnowledgeInvalid(f"{where}: unknown care level {level!r}")
            return CareLevelAtLeast(level)
        if "fact" in keys and len(keys) == 2:
            (op,) = keys - {"fact"}
            return self._fact(str(raw["fact"]), op, raw[op], where, stage)
        raise TriageKnowledgeInvalid(f"{where}: cannot read the condition {raw!r}")

    def _count(self, raw: dict[str, Any], where: str, stage: str) -> CountOf:
        parts = raw["count"]
        at_least = raw.get("at_least")
        at_most = raw.get("at_most")
        if not isinstance(parts, list) or not parts or not isinstance(at_least, int):
            raise TriageKnowledgeInvalid(f"{where}: count needs a list and at_least: N")
        if at_most is not None and (not isinstance(at_most, int) or at_most < at_least):
            raise TriageKnowledgeInvalid(f"{where}: at_most must be a number >= at_least")
        parsed = tuple(self._parse(p, f"{where}.{i}", stage) for i, p in enumerate(parts))
        return CountOf(parsed, at_least, at_most)

    def _fact(self, name: str, op: str, value: object, where: str, stage: str) -> Fact:
        if op not in OPS:
            raise TriageKnowledgeInvalid(f"{where}: unknown test {op!r} (use {', '.join(OPS)})")
        checked_op = next(o for o in OPS if o == op)
        if checked_op == "answered":
            if not isinstance(value, bool):
                raise TriageKnowledgeInvalid(f"{where}: answered takes true or false")
            self._kind(name, where, stage)
            return Fact(name, checked_op, value)
        kind = self._kind(name, where, stage)
        if checked_op in NUMERIC_OPS:
            if kind not in ("number", "scale") or isinstance(value, bool):
                raise TriageKnowledgeInvalid(f"{where}: {name} is not a number")
            if not isinstance(value, int | float):
                raise TriageKnowledgeInvalid(f"{where}: {op} needs a number")
            return Fact(name, checked_op, value)
        if checked_op in LIST_OPS:
            allowed = self.questions[name].choices if kind == "list" else ()
            if not isinstance(value, list) or not value or any(v not in allowed for v in value):
                raise TriageKnowledgeInvalid(
                    f"{where}: {op} needs a list of {name} choices ({', '.join(allowed)})"
                )
            return Fact(name, checked_op, tuple(value))
        return Fact(name, checked_op, self._equal_value(name, kind, value, where))

    def _kind(self, name: str, where: str, stage: str) -> str:
        if name in self.questions:
            return self.questions[name].answer
        if name in _DERIVED_NUMBERS:
            return "number"
        if name in ("sex", SCREEN_FACT):
            return name
        if stage == "running" and name in (PROVISIONAL_FACT, "classification"):
            return name
        if name == CARE_LEVEL_FACT:
            raise TriageKnowledgeInvalid(f"{where}: use care_level_at_least for the care level")
        raise TriageKnowledgeInvalid(f"{where}: unknown fact {name!r}")

    def _equal_value(self, name: str, kind: str, value: object, where: str) -> FactValue:
        allowed: tuple[object, ...]
        if kind in ("yes_no", PROVISIONAL_FACT):
            allowed = (True, False)
        elif kind == "choice":
            allowed = self.questions[name].choices
        elif kind == "sex":
            allowed = SEXES
        elif kind == SCREEN_FACT:
            allowed = BANDS
        elif kind == "classification":
            allowed = CLASSIFICATIONS
        else:
            raise TriageKnowledgeInvalid(f"{where}: compare {name} with at_least/above/...")
        if value not in allowed or (isinstance(value, bool) and value not in (True, False)):
            shown = ", ".join(str(a).lower() for a in allowed)
            raise TriageKnowledgeInvalid(f"{where}: {name} can be {shown}, not {value!r}")
        if kind in ("yes_no", PROVISIONAL_FACT) and not isinstance(value, bool):
            raise TriageKnowledgeInvalid(f"{where}: {name} takes true or false")
        if not isinstance(value, bool | str):
            raise TriageKnowledgeInvalid(f"{where}: {name} cannot be {value!r}")
        return value
