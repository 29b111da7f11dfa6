"""Load and check the intake lexicon (``lexicon.yaml`` next to this module).

The lexicon lives in the nlp package rather than in ``niggle.knowledge``: it is written in
the phrase language of :mod:`niggle.nlp.phrases` and means nothing without this package,
and import-linter keeps nlp and knowledge independent. The clinical meaning of each question
id (urgency, rationale, source) stays in the triage knowledge files; here we only say how
runners put those things into words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final

import yaml

from niggle.domain.intake import CLAIM_IDS, PROVOKERS

LEXICON_FILE: Final = "lexicon.yaml"

CONTEXT_CATEGORIES: Final = frozenset(
    {
        "NEGATED_EXISTENCE",
        "POSSIBLE_EXISTENCE",
        "HYPOTHETICAL",
        "HISTORICAL",
        "FAMILY",
        "SELF",
        "TERMINATE",
        "PSEUDO",
    }
)
DIRECTIONS: Final = frozenset({"FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"})


class LexiconError(ValueError):
    """The lexicon file is malformed; the message says where."""


@dataclass(frozen=True)
class QuestionLexicon:
    """Phrases that answer one triage question, by the value they give."""

    question_id: str
    phrases_by_value: dict[str, tuple[str, ...]]  # "true" for yes/no questions
    rank: tuple[str, ...] = ("true",)  # later values outrank earlier ones
    history_counts: bool = False
    uncertain_counts: bool = True
    someone_else_counts: bool = False
    not_when: tuple[str, ...] = ()
    not_in_sentence_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Activity:
    name: str
    phrases: tuple[str, ...]
    provoker: str | None = None
    easer: str | None = None
    generic: bool = False


@dataclass(frozen=True)
class ModifierGroup:
    category: str
    direction: str
    phrases: tuple[str, ...]
    max_scope: int | None = None
    terminated_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    macros: dict[str, str]
    questions: dict[str, QuestionLexicon]
    regions: dict[str, tuple[str, ...]]
    region_ignore: tuple[str, ...]
    activities: dict[str, Activity]
    cues: dict[str, tuple[str, ...]]
    claims: dict[str, tuple[str, ...]]
    modifiers: tuple[ModifierGroup, ...]
    default_max_scope: dict[str, int]
    drop_default_rules: tuple[str, ...]
    patterns: dict[str, Any] = field(default_factory=dict)


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read and checked once per process."""
    text = resources.files("niggle.nlp").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text))


def parse_lexicon(data: Any) -> Lexicon:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LexiconError("lexicon: expected a mapping with version: 1")
    questions = {qid: _question(qid, spec) for qid, spec in _mapping(data, "questions").items()}
    regions = {k: _phrases(v, f"regions.{k}") for k, v in _mapping(data, "regions").items()}
    region_ignore = regions.pop("_ignore", ())
    activities = {k: _activity(k, v) for k, v in _mapping(data, "activities").items()}
    cues = {k: _phrases(v, f"cues.{k}") for k, v in _mapping(data, "cues").items()}
    if set(cues) != {"pain", "ease", "fine"}:
        raise LexiconError("lexicon: cues must be exactly pain, ease and fine")
    claims = {k: _phrases(v, f"claims.{k}") for k, v in _mapping(data, "claims").items()}
    unknown_claims = set(claims) - set(CLAIM_IDS)
    if unknown_claims:
        raise LexiconError(f"lexicon: unknown claim ids {sorted(unknown_claims)}")
    context = _mapping(data, "context")
    modifiers = tuple(_modifier(i, spec) for i, spec in enumerate(context.get("modifiers") or []))
    patterns = _mapping(data, "patterns")
    _check_regexes(patterns)
    return Lexicon(
        macros={str(k): str(v) for k, v in _mapping(data, "macros").items()},
        questions=questions,
        regions=regions,
        region_ignore=region_ignore,
        activities=activities,
        cues=cues,
        claims=claims,
        modifiers=modifiers,
        default_max_scope={
            str(k).upper(): int(v) for k, v in (context.get("default_max_scope") or {}).items()
        },
        drop_default_rules=tuple(str(x) for x in context.get("drop_default_rules") or ()),
        patterns=patterns,
    )


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise LexiconError(f"lexicon: section {key!r} must be a mapping")
    return value


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(p, str) for p in value):
        raise LexiconError(f"lexicon: {where} must be a non-empty list of phrases")
    return tuple(value)


def _question(qid: str, spec: Any) -> QuestionLexicon:
    if not isinstance(spec, dict):
        raise LexiconError(f"lexicon: questions.{qid} must be a mapping")
    if "values" in spec:
        values = {
            str(k): _phrases(v, f"questions.{qid}.values.{k}") for k, v in spec["values"].items()
        }
        rank = tuple(str(r) for r in spec.get("rank") or values)
        if set(rank) != set(values):
            raise LexiconError(f"lexicon: questions.{qid}.rank must list every value once")
    else:
        values = {"true": _phrases(spec.get("phrases"), f"questions.{qid}.phrases")}
        rank = ("true",)
    return QuestionLexicon(
        question_id=qid,
        phrases_by_value=values,
        rank=rank,
        history_counts=bool(spec.get("history_counts", False)),
        uncertain_counts=bool(spec.get("uncertain_counts", True)),
        someone_else_counts=bool(spec.get("someone_else_counts", False)),
        not_when=tuple(spec.get("not_when") or ()),
        not_in_sentence_with=tuple(spec.get("not_in_sentence_with") or ()),
    )


def _activity(name: str, spec: Any) -> Activity:
    if not isinstance(spec, dict):
        raise LexiconError(f"lexicon: activities.{name} must be a mapping")
    provoker = spec.get("provoker")
    if provoker is not None and provoker not in PROVOKERS:
        raise LexiconError(f"lexicon: activities.{name}: {provoker!r} is not in {PROVOKERS}")
    return Activity(
        name=name,
        phrases=_phrases(spec.get("phrases"), f"activities.{name}.phrases"),
        provoker=provoker,
        easer=spec.get("easer"),
        generic=bool(spec.get("generic", False)),
    )


def _modifier(index: int, spec: Any) -> ModifierGroup:
    where = f"context.modifiers[{index}]"
    if not isinstance(spec, dict):
        raise LexiconError(f"lexicon: {where} must be a mapping")
    category = str(spec.get("category", "")).upper()
    direction = str(spec.get("direction", "")).upper()
    if category not in CONTEXT_CATEGORIES or direction not in DIRECTIONS:
        raise LexiconError(f"lexicon: {where} has category {category!r}, direction {direction!r}")
    max_scope = spec.get("max_scope")
    return ModifierGroup(
        category=category,
        direction=direction,
        phrases=_phrases(spec.get("phrases"), f"{where}.phrases"),
        max_scope=int(max_scope) if max_scope is not None else None,
        terminated_by=tuple(str(t).upper() for t in spec.get("terminated_by") or ()),
    )


def _check_regexes(patterns: dict[str, Any]) -> None:
    """Compile every regular expression now, so a typo fails at load, not mid-read."""

    def walk(value: Any, where: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("regex", "name_regex") or str(key).endswith("_regexes"):
                    for i, rx in enumerate(inner if isinstance(inner, list) else [inner]):
                        _compile(rx, f"{where}.{key}[{i}]")
                else:
                    walk(inner, f"{where}.{key}")
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                if isinstance(inner, str) and where.rsplit(".", maxsplit=1)[-1] in _REGEX_LISTS:
                    _compile(inner, f"{where}[{i}]")
                else:
                    walk(inner, f"{where}[{i}]")

    walk(patterns, "patterns")


_REGEX_LISTS: Final = frozenset(
    {
        "plan_week",
        "onset",
        "weekly_distance",
        "symptoms_duration",
        "age",
        "pain_after_run_nrs",
        "pain_at_rest_nrs",
        "pain_during_run_nrs",
    }
)


def _compile(rx: Any, where: str) -> None:
    if not isinstance(rx, str):
        raise LexiconError(f"lexicon: {where} must be a string")
    try:
        re.compile(rx)
    except re.error as exc:
        raise LexiconError(f"lexicon: {where}: bad regular expression: {exc}") from exc
