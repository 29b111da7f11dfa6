"""Hostile and odd input never crashes read_text: it reads what it can or refuses clearly."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niggle.domain.errors import InvalidInput
from niggle.domain.intake import TextIntake
from niggle.nlp.intake import MAX_TEXT_CHARS, read_text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t  \n"])
def test_empty_text_gives_an_empty_intake(text: str) -> None:
    assert read_text(text) == TextIntake()


def test_a_megabyte_is_refused_with_the_limit_and_what_to_do() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_text("my back hurts " * 75_000)
    message = refused.value.message
    assert f"{MAX_TEXT_CHARS:,}" in message
    assert "Keep the part about your pain" in message


def test_text_at_the_cap_is_read() -> None:
    post = "My lower back hurts on tempo runs. Easy runs are fine. " * 2000
    text = post[:MAX_TEXT_CHARS]
    intake = read_text(text)
    assert intake.region == "lower_back"
    assert intake.provoked_by == ("tempo",)


@pytest.mark.parametrize(
    "junk",
    [
        "\x00\x01\x02PK\x03\x04" * 100,
        bytes(range(256)).decode("latin-1") * 4,
        "\ufffd" * 500,
    ],
)
def test_binary_junk_is_refused_as_not_text(junk: str) -> None:
    with pytest.raises(InvalidInput, match="does not look like written text"):
        read_text(junk)


def test_bytes_are_refused() -> None:
    with pytest.raises(InvalidInput, match="must be text"):
        read_text(b"my back hurts")


def test_emoji_and_other_scripts_are_fine() -> None:
    text = (
        "My lower back 😩😩 hurts on intervals 🏃‍♀️💨 and I've gone numb down there 🙈. "
        "Ça va? 腰が痛い"
    )
    intake = read_text(text)
    assert intake.region == "lower_back"
    assert intake.answers()["saddle_numbness"] is True
    assert all(f.quote in text for f in intake.findings)


def test_one_enormous_sentence_without_punctuation() -> None:
    text = " ".join(["and then my back hurt on the tempo run"] * 400)
    intake = read_text(text)
    assert intake.region == "lower_back"


def test_curly_quotes_and_hyphens_read_like_straight_ones() -> None:
    text = "I can’t feel the toilet-paper and I’ve got pins-and-needles in my left foot."
    answers = read_text(text).answers()
    assert answers["saddle_numbness"] is True
    assert answers["leg_numbness_or_tingling"] is True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            list(string.ascii_letters + string.digits + string.punctuation + " \n'’-😩é")
        ),
        max_size=400,
    )
)
def test_any_printable_text_reads_without_crashing(text: str) -> None:
    intake = read_text(text)
    for finding in intake.findings:
        assert all(part in text for part in finding.quote.split(" … "))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "no",
                "numb",
                "down there",
                "my dad",
                "if",
                "can't",
                "feel",
                "the toilet paper",
                "wet myself",
                "a year ago",
                "but",
                "hurts",
                "tempo",
                ",",
                ".",
                "n't",
                "(",
                "|",
                "~",
                "#",
            ]
        ),
        max_size=40,
    )
)
def test_lexicon_words_in_any_order_never_crash(words: list[str]) -> None:
    text = " ".join(words)
    intake = read_text(text)
    assert isinstance(intake, TextIntake)


def test_concurrent_reads_agree() -> None:
    # The web app reads texts from a thread pool; the shared pipeline must not mix them up.
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        "My bum has gone numb and it burns when I pee.",
        "Lower back hurts on tempo runs, easy runs are fine.",
        "No numbness down there. My dad had cancer.",
        "Both legs feel weak and I fell off my bike.",
    ] * 4
    alone = [read_text(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(read_text, texts))
    assert together == alone
