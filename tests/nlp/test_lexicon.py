"""The lexicon file: well-formed, complete, and in step with the triage knowledge."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from niggle.domain.intake import CLAIM_IDS, PROVOKERS
from niggle.nlp.lexicon import LexiconError, load_lexicon, parse_lexicon
from niggle.nlp.phrases import compile_phrase
from tests.nlp.red_flag_ids import RED_FLAG_IDS

RED_FLAGS_YAML = (
    Path(__file__).resolve().parents[2] / "src" / "niggle" / "knowledge" / "red_flags.yaml"
)


def lexicon_data() -> dict[str, object]:
    text = resources.files("niggle.nlp").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    data: dict[str, object] = yaml.safe_load(text)
    return data


def test_every_red_flag_and_claim_has_phrases() -> None:
    lexicon = load_lexicon()
    assert set(RED_FLAG_IDS) <= set(lexicon.questions)
    assert set(lexicon.claims) == set(CLAIM_IDS)
    provokers = {a.provoker for a in lexicon.activities.values() if a.provoker}
    assert provokers == set(PROVOKERS)


def test_every_phrase_compiles() -> None:
    lexicon = load_lexicon()
    groups = [p for q in lexicon.questions.values() for p in q.phrases_by_value.values()]
    groups += [q.not_when for q in lexicon.questions.values()]
    groups += [*lexicon.regions.values(), lexicon.region_ignore, *lexicon.cues.values()]
    groups += [a.phrases for a in lexicon.activities.values()]
    groups += [*lexicon.claims.values(), *(m.phrases for m in lexicon.modifiers)]
    for group in groups:
        for phrase in group:
            re.compile(compile_phrase(phrase, lexicon.macros), re.IGNORECASE)


@pytest.mark.skipif(not RED_FLAGS_YAML.is_file(), reason="triage knowledge not present")
def test_question_ids_are_ones_triage_asks() -> None:
    data = yaml.safe_load(RED_FLAGS_YAML.read_text(encoding="utf-8"))
    asked = {q["id"] for q in data["questions"]}
    assert set(load_lexicon().questions) <= asked


def test_unknown_claim_is_refused() -> None:
    data = lexicon_data()
    data["claims"] = {**data["claims"], "crystal_healing": ["crystals"]}  # type: ignore[dict-item]
    with pytest.raises(LexiconError, match="crystal_healing"):
        parse_lexicon(data)


def test_bad_regex_is_refused_at_load() -> None:
    data = lexicon_data()
    patterns = dict(data["patterns"])  # type: ignore[call-overload]
    patterns["plan_week"] = ["(unclosed"]
    data["patterns"] = patterns
    with pytest.raises(LexiconError, match="plan_week"):
        parse_lexicon(data)


def test_wrong_version_is_refused() -> None:
    with pytest.raises(LexiconError, match="version"):
        parse_lexicon({"version": 2})
