"""Plain-text chores for intake: size limits, normalising, chunking and quoting.

Every transformation here keeps the text's length, so an offset into the normalised text is
an offset into what the runner wrote, and quotes are always their own words.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from niggle.domain.errors import InvalidInput

# A long forum post with its replies is a few thousand characters (the founding-story post,
# replies included, is about 1,100 and reads in under 0.1 s). At the cap, text dense with
# matches takes about a second; beyond it we refuse rather than silently truncate.
MAX_TEXT_CHARS: Final = 20_000
# Text is processed a paragraph or so at a time: ConText compares every modifier with every
# other in a document, and nothing we look for spans paragraphs.
CHUNK_CHARS: Final = 1_500
# Share of characters that are control codes or decoding replacements above which the input
# is taken for a binary file rather than prose.
MAX_JUNK_SHARE: Final = 0.02
MAX_SENTENCE_CHARS: Final = 1_000

_SAME_LENGTH: Final = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\r": "\n",
        "\u2010": "-",
        "\u2011": "-",
    }
)
_WORD_HYPHEN: Final = re.compile(r"(?<=\w)-(?=\w)")
_SENTENCE_END: Final = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n")


def check_text(text: object) -> str:
    """Refuse input that is not prose we can read, with a message that says what to do."""
    if not isinstance(text, str):
        raise InvalidInput("The description must be text. Save it as a plain-text file and retry.")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(
            f"The description is {len(text):,} characters long; niggle reads at most "
            f"{MAX_TEXT_CHARS:,} (about 3,500 words). Keep the part about your pain and your "
            "training and try again."
        )
    if text:
        junk = sum(1 for c in text if _is_junk(c))
        if "\x00" in text or junk / len(text) > MAX_JUNK_SHARE:
            raise InvalidInput(
                "This does not look like written text (it contains binary data). Give niggle a "
                "plain-text file, for example your post copied into a .txt file."
            )
    return text


def _is_junk(c: str) -> bool:
    if c == "\ufffd":
        return True
    return unicodedata.category(c) == "Cc" and c not in "\n\r\t"


def normalise(text: str) -> str:
    """Straight quotes, plain spaces, word hyphens as spaces, control codes as spaces."""
    out = text.translate(_SAME_LENGTH)
    out = "".join(" " if _is_junk(c) else c for c in out)
    return _WORD_HYPHEN.sub(" ", out)


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering the text, broken at paragraph or sentence ends."""
    result: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"))
            if cut < size // 3:
                ends = [m.end() for m in _SENTENCE_END.finditer(window)]
                cut = ends[-1] if ends and ends[-1] >= size // 3 else window.rfind(" ")
            if cut > 0:
                end = start + cut
        result.append((start, text[start:end]))
        start = end
    return [(offset, piece) for offset, piece in result if piece.strip()]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around text[start:end]."""
    # Look at most MAX_SENTENCE_CHARS either side: longer "sentences" are run-on junk, and an
    # unbounded scan per match would make reading quadratic in the text's length.
    floor = max(0, start - MAX_SENTENCE_CHARS)
    left = floor
    for m in _SENTENCE_END.finditer(text, floor, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end, end + MAX_SENTENCE_CHARS)
    right = after.end() if after else min(len(text), end + MAX_SENTENCE_CHARS)
    return left, right


def quote(original: str, start: int, end: int, limit: int = 200) -> str:
    """The runner's own sentence around a match, shortened to ``limit`` characters."""
    left, right = sentence_bounds(original, start, end)
    if right - left > limit:
        half = max(0, (limit - (end - start)) // 2)
        left = max(left, start - half)
        right = min(right, end + half)
        while left > 0 and left < start and not original[left - 1].isspace():
            left += 1
        while right < len(original) and right > end and not original[right].isspace():
            right -= 1
    snippet = original[left:right].strip()
    return snippet or original[start:end].strip()
