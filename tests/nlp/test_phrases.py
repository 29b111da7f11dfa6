"""The lexicon's phrase language compiles to regular expressions that read runners' words."""

from __future__ import annotations

import re

import pytest

from niggle.nlp.phrases import PhraseError, compile_phrase, expand_macros


def match(phrase: str, text: str, macros: dict[str, str] | None = None) -> str | None:
    found = re.search(compile_phrase(phrase, macros), text, re.IGNORECASE)
    return found.group(0) if found else None


@pytest.mark.parametrize(
    "text", ["I can't feel it", "I cant feel it", "I cannot feel it", "I can not feel it"]
)
def test_contractions_match_every_spelling(text: str) -> None:
    assert match("can't feel", text) is not None


def test_negation_glued_to_an_auxiliary() -> None:
    assert match("(have|has) not had", "I haven't had") == "haven't had"
    assert match("(have|has) not had", "I havent had") == "havent had"
    assert match("(n't|never)", "I want to run") is None  # "want" is not "wa" + "nt"
    assert match("(n't|never)", "I dont know") == "nt"


def test_a_word_is_a_whole_word() -> None:
    assert match("numb", "the number of runs") is None
    assert match("numb", "it's numb") == "numb"
    assert match("leg", "my legs") is None


def test_prefix_number_and_regex_tokens() -> None:
    assert match("tingl*", "it's tingling") == "tingling"
    assert match("# miler", "a 20 miler") == "20 miler"
    assert match("# miler", "a twenty miler") == "twenty miler"
    assert match("/^\\d{3,4}s$/", "my 800s") == "800s"


def test_optional_groups_and_nesting() -> None:
    phrase = "(my)? legs (keep|kept)? (giving|gave) (way|out)"
    assert match(phrase, "my legs keep giving way") == "my legs keep giving way"
    assert match(phrase, "legs gave out") == "legs gave out"
    assert match("(numb (bum|butt)|dead (leg|legs))", "a dead leg") == "dead leg"


def test_gaps_stop_at_negations_conjunctions_and_punctuation() -> None:
    phrase = "numb ~4 bum"
    assert match(phrase, "numb in my bum") == "numb in my bum"
    assert match(phrase, "numb and my bum hurts") is None
    assert match(phrase, "numb, bum") is None
    assert match("bum ~3 numb", "my bum is not numb") is None
    assert match("bum ~3 numb", "my bum really isn't numb") is None


def test_hyphens_read_as_spaces() -> None:
    assert match("pins-and-needles", "pins and needles") == "pins and needles"


def test_macros_expand_and_unknown_ones_are_named() -> None:
    assert expand_macros("$PEE hurts", {"PEE": "pee|wee"}) == "(pee|wee) hurts"
    assert match("$PEE hurts", "wee hurts", {"PEE": "pee|wee"}) == "wee hurts"
    with pytest.raises(PhraseError, match=r"\$NOPE"):
        compile_phrase("$NOPE")


@pytest.mark.parametrize("phrase", ["(numb", "numb)", "(a|b", "(|)", "~3", "(maybe)?", "/[/"])
def test_malformed_phrases_are_refused(phrase: str) -> None:
    with pytest.raises(PhraseError):
        compile_phrase(phrase)
