"""From a processed document to mentions: what was matched, where, and how it was said.

medspaCy's ConText finds the modifiers ("no", "if I got", "my dad", "a year ago") and their
scopes. Whether a modifier applies to a target is decided here rather than read from
``Span._.modifiers``: medspaCy's overlap test misses one span lying wholly inside another, so
the "n't" inside "can't feel the toilet paper" would negate the phrase it belongs to.

Rules (ConText, Harkema 2009, as adapted for runners' prose):
- a modifier applies when the target overlaps its scope and the modifier is not part of the
  target; a modifier that starts before the target and runs into it ("never had" + "had
  cancer") also applies;
- TERMINATE, PSEUDO and SELF modifiers never apply to targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from niggle.nlp.pipeline import CLAIMS, EXCLUDE, INERT, TARGETS, parse_span_label

if TYPE_CHECKING:
    from spacy.tokens import Doc

NEGATED: Final = "NEGATED_EXISTENCE"
UNCERTAIN: Final = "POSSIBLE_EXISTENCE"
HYPOTHETICAL: Final = "HYPOTHETICAL"
HISTORICAL: Final = "HISTORICAL"
SOMEONE_ELSE: Final = "FAMILY"
_INERT: Final = frozenset({"TERMINATE", "PSEUDO", "SELF"})
INERT_KIND: Final = parse_span_label(INERT)[0]

# Tokens that start a new clause: an association across one is weaker (see nearest_cue).
CLAUSE_BREAKS: Final = frozenset(
    {"but", "whereas", "although", "though", "however", "while", "whilst", ";", "yet", "except"}
)


@dataclass(frozen=True)
class Mention:
    """One matched phrase, with offsets into the whole text and its ConText categories."""

    label: str  # pipeline label: QUESTION, EXCLUDE, REGION, ACTIVITY, CUE, CLAIM
    key: str | None
    value: str | None
    scope: str | None  # EXCLUDE only: "overlap" or "sentence"
    start: int  # character offsets in the whole text
    end: int
    token_start: int  # token offsets within the chunk
    token_end: int
    chunk: int
    sentence: int  # index of the sentence within the chunk
    categories: frozenset[str]

    @property
    def negated(self) -> bool:
        return NEGATED in self.categories

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


def mentions(doc: Doc, chunk: int, offset: int) -> list[Mention]:
    sentence_of = {}
    for i, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = i
    graph = doc._.context_graph
    modifiers = [m for m in (graph.modifiers if graph is not None else []) if _active(m)]

    result = []
    for group, with_context in ((TARGETS, True), (CLAIMS, False)):
        for span in doc.spans.get(group, []):
            label, key, detail = parse_span_label(span.label_)
            if label == INERT_KIND:
                continue
            categories = (
                frozenset(m.category for m in modifiers if _applies(m, span.start, span.end))
                if with_context
                else frozenset()
            )
            result.append(
                Mention(
                    label=label,
                    key=key,
                    value=detail if label != EXCLUDE else None,
                    scope=detail if label == EXCLUDE else None,
                    start=offset + span.start_char,
                    end=offset + span.end_char,
                    token_start=span.start,
                    token_end=span.end,
                    chunk=chunk,
                    sentence=sentence_of.get(span.start, 0),
                    categories=categories,
                )
            )
    return result


def _active(modifier: Any) -> bool:
    return modifier.direction not in _INERT and modifier.category not in _INERT


def _applies(modifier: Any, start: int, end: int) -> bool:
    m_start, m_end = modifier.modifier_span
    s_start, s_end = modifier.scope_span
    if m_start < end and start < m_end:  # the modifier touches the target
        return bool(m_start < start)
    return bool(s_start < end and start < s_end)


def clause_break_between(doc_tokens: list[str], a: Mention, b: Mention) -> bool:
    lo, hi = sorted(((a.token_start, a.token_end), (b.token_start, b.token_end)))
    return any(t.lower() in CLAUSE_BREAKS for t in doc_tokens[lo[1] : hi[0]])
