"""Free-text intake: a runner's own description of their pain, read into triage findings.

``read_text`` takes a forum post, a note or a check-in comment and returns a
:class:`~niggle.domain.intake.TextIntake`: region, provokers and easers, onset, previous
episodes, training context, the advice they mention (claims) and the answers to triage
questions the text states, each with the words it came from.

Safety: text only ever raises concern. A red flag is reported when the runner states it about
themselves; negated, hypothetical and someone else's mentions are not, and nothing here is
ever an answer of "no" (see :mod:`niggle.nlp.findings`). The triage engine asks every
emergency and urgent question the text did not answer.

The medspaCy pipeline is built on the first call (a second or two) and reused after that.
"""

from __future__ import annotations

import datetime as dt

from niggle.domain.intake import CLAIM_IDS, TextFinding, TextIntake
from niggle.nlp.assertions import Mention, mentions
from niggle.nlp.findings import question_findings
from niggle.nlp.lexicon import load_lexicon
from niggle.nlp.pain_story import read_story
from niggle.nlp.pipeline import CLAIM, intake_pipeline
from niggle.nlp.text import MAX_TEXT_CHARS, check_text, chunks, normalise
from niggle.nlp.training_context import read_training

__all__ = ["MAX_TEXT_CHARS", "read_text"]


def read_text(text: str, *, today: dt.date | None = None) -> TextIntake:
    """Read a runner's description. ``today`` lets a race date without a year be placed.

    Raises :class:`niggle.domain.errors.InvalidInput` for text over ``MAX_TEXT_CHARS``
    characters or input that is not text at all.
    """
    original = check_text(text)
    if not original.strip():
        return TextIntake()
    lexicon = load_lexicon()
    normalised = normalise(original)

    nlp = intake_pipeline()
    pieces = chunks(normalised)
    found: list[Mention] = []
    tokens: list[list[str]] = []
    for index, ((offset, _), doc) in enumerate(
        zip(pieces, nlp.pipe(p for _, p in pieces), strict=True)
    ):
        found += mentions(doc, index, offset)
        tokens.append([t.text for t in doc])

    questions = question_findings(found, lexicon.questions, original)
    story = read_story(found, tokens, normalised, original, lexicon)
    training, training_findings = read_training(normalised, original, lexicon.patterns, today)
    findings: list[TextFinding] = [*questions, *story.findings, *training_findings]
    return TextIntake(
        findings=tuple(findings),
        region=story.region,
        provoked_by=story.provoked_by,
        eased_by=story.eased_by,
        onset=story.onset,
        previous_episodes=story.previous_episodes,
        training=training,
        claims=_claims(found),
    )


def _claims(found: list[Mention]) -> tuple[str, ...]:
    """Advice the text mentions, in the order it first appears. Any mention counts, even
    "my physio said it's not a weak core": the answer then says what the evidence says."""
    ordered: list[str] = []
    for m in sorted((m for m in found if m.label == CLAIM), key=lambda m: m.start):
        if m.key in CLAIM_IDS and m.key not in ordered:
            ordered.append(m.key)
    return tuple(ordered)
