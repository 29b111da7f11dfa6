"""A small phrase language for the intake lexicon, compiled to one regular expression each.

Runners describe the same thing in many ways ("numb bum", "my bum has gone a bit numb",
"can't feel the loo roll"). Writing each variant out would make the lexicon unreadable, so
phrases in ``lexicon.yaml`` use a few symbols:

- ``(a|b c)``   alternatives, multi-word allowed, nesting allowed; ``(a|b|)`` or ``(a|b)?``
  makes the group optional.
- ``stem*``     any word starting with ``stem`` (``tingl*`` -> tingle, tingly, tingling).
- ``#``         a number (``3``, ``3.5``, ``three``).
- ``~`` / ``~N`` a gap of up to 3 (or N) words. A gap never crosses punctuation, a negation
  or a conjunction, so "numb and my bum hurts" does not read as "numb ... bum".
- ``/regex/``   one word matching a regular expression (``^`` and ``$`` are implied).
- ``$NAME``     a macro from the lexicon's ``macros`` section, expanded before parsing.

Each phrase becomes a single regular expression over the text (medspaCy's TargetMatcher and
ConText accept those and snap matches to token boundaries). A regex keeps alternatives
compact; expanding them into spaCy token patterns multiplied out to tens of thousands.

Matching ignores case. Contractions match with or without the apostrophe and written out
("can't", "cant", "cannot", "can not"; "it's", "its", "it is"). The text is expected with
curly quotes straightened and word-internal hyphens turned into spaces (see
:func:`niggle.nlp.text.normalise`), so "pins-and-needles" reads as "pins and needles".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

DEFAULT_GAP: Final = 3

# A gap may not swallow these: they change or split the meaning of what surrounds them.
# (Auxiliaries written without the apostrophe, "dont", "havent", are caught by the "nt" arm.)
GAP_STOP_WORDS: Final[tuple[str, ...]] = (
    "no",
    "not",
    "never",
    "nothing",
    "none",
    "without",
    "and",
    "but",
    "or",
    "so",
    "because",
    "although",
    "though",
    "whereas",
    "if",
    "then",
    "cannot",
    "aint",
    "cant",
    "wont",
)
_GAP_WORD: Final = (
    r"(?!(?:"
    + "|".join(GAP_STOP_WORDS)
    + r"|(?:do|does|did|is|are|was|were|have|has|had|could|would|should)nt)(?![\w'])"
    + r"|[\w']*n't(?![\w']))[\w']+"
)

NUMBER_WORDS: Final[tuple[str, ...]] = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
)
_NUMBER: Final = r"(?:\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")(?![\w'])"

# Written-out forms a contraction suffix may take (after an optional apostrophe).
_SUFFIXES: Final[dict[str, str]] = {
    "'m": "am",
    "'s": "is|has",
    "'re": "are",
    "'ve": "have",
    "'ll": "will",
    "'d": "would|had",
}
# Auxiliaries that may run straight into an attached "n't" (haven't, dont, isnt).
_AUXILIARIES: Final = (
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "could",
    "would",
    "should",
    "need",
    "must",
    "ca",
    "wo",
    "ai",
)
# "n't" glued to the word before it; without the apostrophe only after an auxiliary, so that
# "want" and "went" are not read as negations. Lookbehinds must be fixed-width, hence the
# auxiliaries grouped by length.
_NEGATION_ATTACHED: Final = (
    r"(?:(?<=[a-z])n't|(?:"
    + "|".join(
        rf"(?<=\b(?:{'|'.join(a for a in _AUXILIARIES if len(a) == n)}))"
        for n in sorted({len(a) for a in _AUXILIARIES})
    )
    + r")nt)(?!\w)"
)
# Whole words that a runner may also write as an attached contraction ("it is" / "it's").
_ATTACHABLE: Final[dict[str, str]] = {
    # "not" may also arrive inside an auxiliary the phrase left to a gap: "things don't work"
    "not": _NEGATION_ATTACHED + r"|\s+(?:" + "|".join(_AUXILIARIES) + r"|can)n'?t",
    "am": "'m",
    "is": "'s",
    "are": "'re",
    "have": "'ve",
    "will": "'ll",
    "would": "'d",
    "had": "'d",
}

_MACRO_RE: Final = re.compile(r"\$([A-Z_][A-Z0-9_]*)")
_SYMBOL_RE: Final = re.compile(r"\(|\)\??|\||/[^/\s]+/|[^\s()|]+")
_SPACE: Final = r"\s+"
# Where a match may begin: not inside a word, except that an attached "n't" may open one.
_PHRASE_START: Final = r"(?:(?<![\w'])|(?=n'?t(?!\w)|nt(?!\w)))"
_WORD_START: Final = r"\b(?<!')"

Mode = Literal["first", "lead", "trail"]


class PhraseError(ValueError):
    """A lexicon phrase that cannot be compiled; the message names the phrase."""


@dataclass(frozen=True)
class _Word:
    text: str


@dataclass(frozen=True)
class _Gap:
    size: int


@dataclass(frozen=True)
class _Group:
    alternatives: tuple[tuple[_Item, ...], ...]
    optional: bool


_Item = _Word | _Gap | _Group


def expand_macros(phrase: str, macros: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise PhraseError(f"phrase {phrase!r} uses unknown macro ${name}")
        return f"({macros[name]})"

    expanded = phrase
    for _ in range(5):  # macros may use macros; five levels is plenty and stops cycles
        if not _MACRO_RE.search(expanded):
            return expanded
        expanded = _MACRO_RE.sub(replace, expanded)
    raise PhraseError(f"phrase {phrase!r}: macros nest too deeply (a cycle?)")


def compile_phrase(phrase: str, macros: dict[str, str] | None = None) -> str:
    """The regular expression (for re.IGNORECASE) one lexicon phrase stands for."""
    return compile_phrases((phrase,), macros)


def compile_phrases(phrases: tuple[str, ...], macros: dict[str, str] | None = None) -> str:
    """One regular expression matching any of the phrases.

    When every phrase opens on a word character, the start test is a plain ``\\b`` hoisted
    in front of the whole alternation: Python's regex engine then skips ahead to word
    boundaries instead of trying every phrase at every character, about three times faster.
    """
    bodies = [_body(p, macros or {}) for p in phrases]
    if all(plain for plain, _ in bodies):
        return _WORD_START + "(?:" + "|".join(body for _, body in bodies) + ")"
    return "|".join(f"(?:{_PHRASE_START}{body})" for _, body in bodies)


def _body(phrase: str, macros: dict[str, str]) -> tuple[bool, str]:
    text = expand_macros(phrase, macros)
    items = _Parser(_SYMBOL_RE.findall(text), phrase).parse()
    while items and isinstance(items[0], _Gap):
        items = items[1:]
    while items and isinstance(items[-1], _Gap):
        items = items[:-1]
    if not items or all(_optional(i) for i in items):
        raise PhraseError(f"phrase {phrase!r} can match nothing at all")
    plain = all(re.match(r"[a-z0-9#]", w) and w not in ("nt", "n't") for w in _first_words(items))
    return plain, _sequence(items, "first")


def _first_words(items: tuple[_Item, ...]) -> list[str]:
    """Every word a match of the sequence can begin with."""
    words: list[str] = []
    for item in items:
        if isinstance(item, _Word):
            words.append(item.text)
        elif isinstance(item, _Group):
            for alt in item.alternatives:
                words += _first_words(alt)
        if not _optional(item):
            break
    return words


def _optional(item: _Item) -> bool:
    return isinstance(item, _Gap) or (isinstance(item, _Group) and item.optional)


def _sequence(items: tuple[_Item, ...], mode: Mode) -> str:
    """Words in the middle of a phrase carry a leading space; a phrase's optional opening
    words carry a trailing one, so no match ever starts on whitespace."""
    if mode != "first":
        return "".join(_item(i, mode) for i in items)
    out = []
    seen_mandatory = False
    for item in items:
        if seen_mandatory:
            out.append(_item(item, "lead"))
        elif _optional(item):
            out.append(_item(item, "trail"))
        else:
            out.append(_item(item, "first"))
            seen_mandatory = True
    return "".join(out)


def _item(item: _Item, mode: Mode) -> str:
    if isinstance(item, _Gap):
        if mode == "trail":
            return f"(?:{_GAP_WORD}{_SPACE}){{0,{item.size}}}"
        return f"(?:{_SPACE}{_GAP_WORD}){{0,{item.size}}}"
    if isinstance(item, _Group):
        inner_mode: Mode = "first" if mode == "first" else mode
        # Longest first: regex alternation takes the first that fits, and "standing desk"
        # should win over "standing".
        alternatives = sorted(
            (_sequence(alt, inner_mode) for alt in item.alternatives if alt), key=len, reverse=True
        )
        group = "(?:" + "|".join(alternatives) + ")"
        return group + "?" if item.optional else group
    return _word(item.text, mode)


def _word(text: str, mode: Mode) -> str:
    body = _word_body(text)
    if text in ("n't", "nt") and mode != "lead":
        # a negation the tokenizer splits off its auxiliary: haven't, dont
        return _NEGATION_ATTACHED + (_SPACE if mode == "trail" else "")
    if text != "#" and re.fullmatch(r"[^\w\s']+", text):  # punctuation hugs the word before
        return r"\s*" + body + ("" if mode != "trail" else _SPACE)
    if mode == "lead":
        if text in _ATTACHABLE:
            return f"(?:{_SPACE}{body}|(?:{_ATTACHABLE[text]})(?![\\w']))"
        if text.startswith("'"):  # a bare suffix, already attached
            return body
        return _SPACE + body
    if mode == "trail":
        return body + _SPACE
    return body


def _word_body(text: str) -> str:
    if text == "#":
        return _NUMBER
    if text.startswith("/") and text.endswith("/") and len(text) > 2:
        inner = text[1:-1].removeprefix("^").removesuffix("$")
        return f"(?:{inner})(?![\\w'])"
    if text.endswith("*") and len(text) > 1:
        return re.escape(text[:-1]) + r"[\w']*"
    if text.endswith("n't") and len(text) > 3:
        stem = text[:-3]
        if stem == "ca":  # can't, cant, cannot, can not
            return r"can(?:'?t|not|\s+not)(?![\w'])"
        if stem == "wo":  # won't, wont, will not
            return r"(?:won'?t|will\s+not)(?![\w'])"
        return re.escape(stem) + r"(?:n'?t|\s+not)(?![\w'])"
    for suffix, spelled in _SUFFIXES.items():
        if text.endswith(suffix) and len(text) > len(suffix):
            stem = re.escape(text[: -len(suffix)])
            short = re.escape(suffix[1:])
            return f"{stem}(?:'?{short}|\\s+(?:{spelled}))(?![\\w'])"
    if text in _SUFFIXES:
        return f"(?:'{re.escape(text[1:])}|{_SPACE}(?:{_SUFFIXES[text]}))(?![\\w'])"
    if text in _AUXILIARIES:
        return re.escape(text) + r"(?=n'?t(?!\w)|(?!\w))"
    return re.escape(text) + (r"(?!\w)" if re.search(r"\w$", text) else "")


class _Parser:
    def __init__(self, symbols: list[str], phrase: str) -> None:
        self.symbols = symbols
        self.pos = 0
        self.phrase = phrase

    def parse(self) -> tuple[_Item, ...]:
        result = self._sequence()
        if self.pos != len(self.symbols):
            raise PhraseError(f"phrase {self.phrase!r}: unbalanced ')' or stray '|'")
        return result

    def _peek(self) -> str | None:
        return self.symbols[self.pos] if self.pos < len(self.symbols) else None

    def _sequence(self) -> tuple[_Item, ...]:
        items: list[_Item] = []
        while (symbol := self._peek()) is not None and symbol != "|" and not symbol.startswith(")"):
            self.pos += 1
            if symbol == "(":
                items.append(self._group())
            else:
                items.extend(self._atoms(symbol))
        return tuple(items)

    def _group(self) -> _Group:
        alternatives = [self._sequence()]
        while self._peek() == "|":
            self.pos += 1
            alternatives.append(self._sequence())
        closing = self._peek()
        if closing is None or not closing.startswith(")"):
            raise PhraseError(f"phrase {self.phrase!r}: '(' is never closed")
        self.pos += 1
        optional = closing == ")?" or any(not alt for alt in alternatives)
        if all(not alt for alt in alternatives):
            raise PhraseError(f"phrase {self.phrase!r}: empty group")
        return _Group(tuple(alternatives), optional)

    def _atoms(self, symbol: str) -> list[_Item]:
        if re.fullmatch(r"~\d*", symbol):
            return [_Gap(int(symbol[1:]) if len(symbol) > 1 else DEFAULT_GAP)]
        if symbol.startswith("/") and symbol.endswith("/") and len(symbol) > 2:
            try:
                re.compile(symbol[1:-1])
            except re.error as exc:
                raise PhraseError(f"phrase {self.phrase!r}: bad regex {symbol}: {exc}") from exc
            return [_Word(symbol)]
        # The text has word-internal hyphens turned into spaces; do the same to the phrase.
        return [_Word(w) for w in re.sub(r"(?<=\w)-(?=\w)", " ", symbol.lower()).split()]
