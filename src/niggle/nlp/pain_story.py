"""The pain itself: where, what sets it off, what settles it, when it began, how often before.

Region, provokers and easers come from matched phrases (with ConText, so "doesn't hurt on
easy runs" is not a provoker); numbers and the onset come from the regular expressions in the
lexicon's ``patterns`` section, run over the normalised text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from niggle.domain.intake import TextFinding
from niggle.nlp.assertions import (
    HISTORICAL,
    HYPOTHETICAL,
    NEGATED,
    SOMEONE_ELSE,
    Mention,
    clause_break_between,
)
from niggle.nlp.lexicon import Lexicon
from niggle.nlp.numbers import parse_count
from niggle.nlp.pipeline import ACTIVITY, CUE, REGION
from niggle.nlp.text import quote, sentence_bounds

# Product defaults (not trial-based): how far a pain/ease word may sit from the activity it
# describes, and how much a "but" between them counts against the pairing.
MAX_CUE_DISTANCE: Final = 12
CLAUSE_PENALTY: Final = 15
WEEKS_PER_MONTH: Final = 4.35
MAX_SCORES: Final = 20
_PAIN_WORDS: Final = re.compile(
    r"\b(?:hurt\w*|pain\w*|ache?s?|aching|sore\w*|twinge\w*|niggle\w*|tweak\w*|flare\w*|seiz\w*|"
    r"lock\w*|spasm\w*|back|injur\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PainStory:
    region: str | None
    provoked_by: tuple[str, ...]
    eased_by: tuple[str, ...]
    onset: str | None
    previous_episodes: int | None
    findings: tuple[TextFinding, ...]


def read_story(
    mentions: list[Mention], tokens: Sequence[list[str]], text: str, original: str, lexicon: Lexicon
) -> PainStory:
    provoked, eased, provoke_quotes, ease_quotes = _provokers_and_easers(
        mentions, tokens, lexicon, original
    )
    findings: list[TextFinding] = []
    if provoked:
        findings.append(TextFinding("provoked_by", provoked, " … ".join(provoke_quotes)))
    if {"walking", "sitting"} & set(eased):
        findings.append(TextFinding("eases_with_walking_or_sitting", True, " … ".join(ease_quotes)))
    patterns = lexicon.patterns
    words = patterns["number_words"]
    episodes = _previous_episodes(text, original, patterns["previous_episodes"], words)
    if episodes is not None:
        findings.append(TextFinding("previous_episodes", episodes[0], episodes[1]))
    findings += _pain_scores(text, original, patterns["nrs"])
    weeks = _symptom_weeks(text, original, patterns["symptoms_duration"], words)
    if weeks is not None:
        findings.append(TextFinding("symptoms_weeks", weeks[0], weeks[1]))
    age = _age(text, original, patterns["age"])
    if age is not None:
        findings.append(TextFinding("age", age[0], age[1]))
    return PainStory(
        region=_region(mentions),
        provoked_by=provoked,
        eased_by=eased,
        onset=_onset(text, patterns["onset"]),
        previous_episodes=episodes[0] if episodes else None,
        findings=tuple(findings),
    )


def _about_the_runner_now(m: Mention) -> bool:
    return not ({NEGATED, SOMEONE_ELSE, HISTORICAL} & m.categories)


def _region(mentions: list[Mention]) -> str | None:
    """The region talked about most, a mention next to a pain word counting double."""
    painful = {(m.chunk, m.sentence) for m in mentions if m.label == CUE and m.key == "pain"}
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in mentions:
        if m.label != REGION or m.key is None or not _about_the_runner_now(m):
            continue
        if HYPOTHETICAL in m.categories:
            continue
        scores[m.key] += 2 if (m.chunk, m.sentence) in painful else 1
        first.setdefault(m.key, m.start)
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -first[k]))


def _provokers_and_easers(
    mentions: list[Mention], tokens: Sequence[list[str]], lexicon: Lexicon, original: str
) -> tuple[tuple[str, ...], tuple[str, ...], list[str], list[str]]:
    cues: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        if m.label == CUE and SOMEONE_ELSE not in m.categories:
            cues.setdefault((m.chunk, m.sentence), []).append(m)
    provoked: dict[str, Mention] = {}
    eased: dict[str, Mention] = {}
    generic: Mention | None = None
    for m in sorted(mentions, key=lambda m: m.start):
        activity = lexicon.activities.get(m.key or "") if m.label == ACTIVITY else None
        # "if I sit for long it aches" is how runners state a provoker, so a hypothetical
        # mention still counts here, unlike for red flags.
        if activity is None or not _about_the_runner_now(m):
            continue
        kind = _nearest_cue(m, cues.get((m.chunk, m.sentence), []), tokens[m.chunk])
        if kind == "pain" and activity.provoker:
            if activity.generic:
                generic = generic or m
            else:
                provoked.setdefault(activity.provoker, m)
        elif kind == "ease" and activity.easer:
            eased.setdefault(activity.easer, m)
    running_kinds = {"intervals", "tempo", "long", "easy", "all_running"}
    if generic is not None and not running_kinds & set(provoked):
        provoked["all_running"] = generic

    def quotes(found: dict[str, Mention]) -> list[str]:
        seen: list[str] = []
        for m in found.values():
            q = quote(original, m.start, m.end)
            if q not in seen:
                seen.append(q)
        return seen

    return tuple(provoked), tuple(eased), quotes(provoked), quotes(eased)


def _nearest_cue(activity: Mention, cues: list[Mention], tokens: list[str]) -> str | None:
    """The kind of the closest pain/ease/fine word in the activity's sentence, if close."""
    best: tuple[int, str] | None = None
    for cue in cues:
        if cue.overlaps(activity):
            continue
        gap = max(cue.token_start - activity.token_end, activity.token_start - cue.token_end, 0)
        if clause_break_between(tokens, cue, activity):
            gap += CLAUSE_PENALTY
        kind = cue.key or ""
        if NEGATED in cue.categories:
            kind = "fine"  # "doesn't hurt", "walking doesn't help"
        if gap <= MAX_CUE_DISTANCE and (best is None or gap < best[0]):
            best = (gap, kind)
    return best[1] if best else None


def _pain_sentence(text: str, start: int, end: int, *, or_previous: bool = False) -> bool:
    """Whether the sentence (optionally with the one before: "My back started hurting. It
    came on during a tempo run.") talks about pain."""
    left, right = sentence_bounds(text, start, end)
    if or_previous and left > 0:
        left = sentence_bounds(text, max(0, left - 2), max(0, left - 1))[0]
    return bool(_PAIN_WORDS.search(text, left, right))


def _onset(text: str, regexes: list[str]) -> str | None:
    for rx in regexes:
        for m in re.finditer(rx, text, re.IGNORECASE):
            if not _pain_sentence(text, m.start(), m.end(), or_previous=True):
                continue
            onset = re.split(r"\s+(?:and|but|so|which|then|when|because)\s+", m.group("onset"))[0]
            return onset.strip(" ,")
    return None


def _previous_episodes(
    text: str, original: str, rules: list[dict[str, Any]], words: dict[str, int]
) -> tuple[int, str] | None:
    for rule in rules:
        m = re.search(rule["regex"], text, re.IGNORECASE)
        if m is None:
            continue
        count = rule["count"]
        if count in ("n", "n_minus_one"):
            n = parse_count(m.group("n"), words)
            if n is None:
                continue
            count = n - 1 if rule["count"] == "n_minus_one" else n
        return int(count), quote(original, m.start(), m.end())
    return None


def _pain_scores(text: str, original: str, spec: dict[str, Any]) -> list[TextFinding]:
    """Pain scores out of ten, each filed by the nearest word saying when (during, after, at
    rest) that is not nearer to another score: "3/10 at rest and 6/10 if I jog"."""
    # A post states a handful of scores; more than this is a table or junk, not a story.
    scores = list(itertools.islice(re.finditer(spec["regex"], text, re.IGNORECASE), MAX_SCORES))
    window = int(spec.get("window", 60))

    def distance(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(a[0] - b[1], b[0] - a[1], 0)

    found: dict[str, TextFinding] = {}
    for m in scores:
        score = float(m.group("n"))
        if not 0 <= score <= 10:
            continue
        left, right = sentence_bounds(text, m.start(), m.end())
        lo, hi = max(left, m.start() - window), min(right, m.end() + window)
        nearest: tuple[int, str] | None = None
        for question, cue_regexes in spec["cues"].items():
            for rx in cue_regexes:
                for cue in re.finditer(rx, text[lo:hi], re.IGNORECASE):
                    span = (lo + cue.start(), lo + cue.end())
                    d = distance(span, m.span())
                    if any(distance(span, o.span()) < d for o in scores if lo <= o.start() < hi):
                        continue
                    if nearest is None or d < nearest[0]:
                        nearest = (d, question)
        if nearest is not None:
            value: int | float = int(score) if score.is_integer() else score
            found.setdefault(
                nearest[1], TextFinding(nearest[1], value, quote(original, m.start(), m.end()))
            )
    return list(found.values())


def _symptom_weeks(
    text: str, original: str, regexes: list[str], words: dict[str, int]
) -> tuple[float, str] | None:
    for rx in regexes:
        for m in re.finditer(rx, text, re.IGNORECASE):
            if not _pain_sentence(text, m.start(), m.end()):
                continue
            n = parse_count(m.group("n"), words)
            if n is None:
                continue
            unit = m.group("unit").lower()
            weeks = (
                n / 7
                if unit.startswith("day")
                else n * WEEKS_PER_MONTH
                if unit.startswith("month")
                else float(n)
            )
            return round(weeks, 1), quote(original, m.start(), m.end())
    return None


def _age(text: str, original: str, regexes: list[str]) -> tuple[int, str] | None:
    for rx in regexes:
        m = re.search(rx, text, re.IGNORECASE)
        if m is not None and 12 <= int(m.group("n")) <= 99:
            return int(m.group("n")), quote(original, m.start(), m.end())
    return None
