"""The medspaCy pipeline behind free-text intake, built once per process on first use.

Layout (all targets go to span groups, not ``doc.ents``, because a phrase may be a red flag
and a region at once, "numb bum", and entities may not overlap):

- medspaCy's tokenizer and spaCy's rule-based sentencizer (full stops, !, ?, line breaks).
  medspaCy's default splitter, PyRuSH, is tuned to clinical notes and took about 5 s on a
  50,000-character post here; forum prose only needs punctuation and line breaks;
- a TargetMatcher per kind of target: triage questions (overlaps kept, so two red flags in one
  phrase both survive), regions, activities, pain/ease cues (longest match wins), claims;
- ConText over the question, region, activity and cue targets, with medspaCy's default English
  modifiers (scopes capped for chatty text) plus the lexicon's everyday-language modifiers.

All phrases for one meaning are joined into one regular expression: medspaCy's regex matcher
rebuilds the document text for every pattern, so hundreds of small rules cost a second per
post where a few dozen joined ones cost milliseconds.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from niggle.nlp.lexicon import Lexicon, load_lexicon
from niggle.nlp.phrases import compile_phrases

if TYPE_CHECKING:
    from spacy.language import Language

SENTENCE_ENDS: Final = [".", "!", "?", "...", "…", ";", "\n", "\n\n", "\n\n\n", "\n\n\n\n"]
TARGETS: Final = "niggle_targets"
CLAIMS: Final = "niggle_claims"

# Label of each TargetMatcher's spans; the rule's metadata says what the span means.
QUESTION: Final = "QUESTION"
EXCLUDE: Final = "EXCLUDE"
REGION: Final = "REGION"
ACTIVITY: Final = "ACTIVITY"
CUE: Final = "CUE"
CLAIM: Final = "CLAIM"
INERT: Final = "INERT||"

# medspaCy decides whether two scopes overlap with a test that misses one span containing the
# other, so a sentence-wide "but" would never cut a shorter negation scope. A terminating or
# pseudo modifier only needs its own position, so its scope is kept to one token each side.
_POINT_SCOPE: Final = 1
_BUILD_LOCK: Final = threading.Lock()


def intake_pipeline() -> Language:
    """The shared pipeline. Building it takes a second or two, so it happens once, lazily;
    the lock stops two web requests arriving together from building it twice."""
    with _BUILD_LOCK:
        return _build_pipeline()


@functools.cache
def _build_pipeline() -> Language:
    silence_pyrush()
    import medspacy

    nlp: Language = medspacy.load(medspacy_enable=["medspacy_tokenizer"])
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    build(nlp, load_lexicon())
    return nlp


def silence_pyrush() -> None:
    """PyRuSH logs every sentence it splits at DEBUG through loguru, straight to stderr.

    We split sentences with spaCy's sentencizer instead, but importing medspaCy imports
    PyRuSH, so its logging is switched off in case anything ever runs it.
    """
    from loguru import logger

    logger.disable("PyRuSH")


def span_label(kind: str, key: str | None, detail: str | None = None) -> str:
    return f"{kind}|{key or ''}|{detail or ''}"


def parse_span_label(label: str) -> tuple[str, str | None, str | None]:
    kind, _, rest = label.partition("|")
    key, _, detail = rest.partition("|")
    return kind, key or None, detail or None


def joined(phrases: tuple[str, ...], macros: dict[str, str]) -> str:
    return compile_phrases(phrases, macros)


def build(nlp: Language, lexicon: Lexicon) -> None:
    from medspacy.target_matcher import TargetRule

    def rule(label: str, phrases: tuple[str, ...], meta: dict[str, Any]) -> Any:
        # The meaning travels in the span's label: spaCy keeps span extensions per character
        # range, so two rules matching the same words would share one `_.target_rule`.
        category = span_label(label, meta.get("key"), meta.get("value", meta.get("scope")))
        return TargetRule(
            literal=category, category=category, pattern=joined(phrases, lexicon.macros)
        )

    questions = []
    for q in lexicon.questions.values():
        for value, phrases in q.phrases_by_value.items():
            questions.append(rule(QUESTION, phrases, {"key": q.question_id, "value": value}))
        for scope, phrases in (("overlap", q.not_when), ("sentence", q.not_in_sentence_with)):
            if phrases:
                questions.append(rule(EXCLUDE, phrases, {"key": q.question_id, "scope": scope}))

    regions = [rule(REGION, lexicon.region_ignore, {"key": None})] if lexicon.region_ignore else []
    regions += [rule(REGION, p, {"key": k}) for k, p in lexicon.regions.items()]
    activities = [rule(ACTIVITY, a.phrases, {"key": k}) for k, a in lexicon.activities.items()]
    cues = [rule(CUE, p, {"key": k}) for k, p in lexicon.cues.items()]
    claims = [rule(CLAIM, p, {"key": k}) for k, p in lexicon.claims.items()]

    for name, group, prune, target_rules in (
        ("niggle_questions", TARGETS, False, questions),
        ("niggle_regions", TARGETS, True, regions),
        ("niggle_activities", TARGETS, True, activities),
        ("niggle_cues", TARGETS, True, cues),
        ("niggle_claims", CLAIMS, False, claims),
    ):
        matcher: Any = nlp.add_pipe(
            "medspacy_target_matcher",
            name=name,
            config={"result_type": "group", "span_group_name": group, "prune": prune},
        )
        matcher.add([*target_rules, _placeholder_rule()])

    context: Any = nlp.add_pipe(
        "medspacy_context",
        config={"rules": None, "input_span_type": "group", "span_group_name": TARGETS},
    )
    context.add(_default_context_rules(nlp, lexicon) + _lexicon_context_rules(lexicon))


def _placeholder_rule() -> Any:
    """A token rule that never matches (text never holds a NUL: see niggle.nlp.text).

    medspaCy runs spaCy's token Matcher even when every rule is a regex, and an empty spaCy
    Matcher warns on every document; one inert token pattern keeps it quiet.
    """
    from medspacy.target_matcher import TargetRule

    return TargetRule(literal="placeholder", category=INERT, pattern=[{"ORTH": "\x00"}])


def _default_context_rules(nlp: Language, lexicon: Lexicon) -> list[Any]:
    """medspaCy's English ConText rules, minus those that misfire on runners' prose."""
    import medspacy
    from medspacy.context import ConTextRule

    path = Path(medspacy.__file__).resolve().parents[1] / "resources" / "en" / "context_rules.json"
    if not path.is_file():  # an unusual install; the lexicon's own modifiers still apply
        return []
    kept = []
    for rule in ConTextRule.from_json(str(path)):
        if rule.literal in lexicon.drop_default_rules:
            continue
        if rule.pattern is None:
            # A literal rule would make medspaCy run the whole pipeline on the literal while
            # loading; a token pattern says the same without that.
            rule.pattern = [{"LOWER": t.lower_} for t in nlp.tokenizer(rule.literal)]
        _cap_scope(rule, lexicon.default_max_scope.get(rule.category))
        kept.append(rule)
    return kept


def _lexicon_context_rules(lexicon: Lexicon) -> list[Any]:
    from medspacy.context import ConTextRule

    rules = []
    for i, group in enumerate(lexicon.modifiers):
        rule = ConTextRule(
            literal=f"lexicon modifier group {i} ({group.category} {group.direction})",
            category=group.category,
            pattern=joined(group.phrases, lexicon.macros),
            direction=group.direction,
            max_scope=group.max_scope,
            terminated_by=set(group.terminated_by) or None,
        )
        _cap_scope(rule, None)
        rules.append(rule)
    return rules


def _cap_scope(rule: Any, default: int | None) -> None:
    if rule.direction in ("TERMINATE", "PSEUDO"):
        rule.max_scope = _POINT_SCOPE
    elif rule.max_scope is None and default is not None:
        rule.max_scope = default
