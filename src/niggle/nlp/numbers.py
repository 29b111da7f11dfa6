"""Numbers as runners write them: "3", "three", "twice", "a couple of times", "3rd"."""

from __future__ import annotations

import re


def parse_count(text: str, words: dict[str, int]) -> int | None:
    """The first number in a short phrase, or None when there is none."""
    for token in re.findall(r"[a-z]+|\d+", text.lower()):
        if token.isdigit():
            return int(token)
        if token in words and token not in ("a", "an"):
            return int(words[token])
    return None


def parse_amount(text: str, words: dict[str, int]) -> float | None:
    """A single quantity ("25", "12.5", "three"), or None."""
    cleaned = text.strip().lower()
    try:
        return float(cleaned)
    except ValueError:
        value = words.get(cleaned)
        return float(value) if value is not None else None
