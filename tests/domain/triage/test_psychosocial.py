"""The psychosocial screen: niggle's own items, and a licensed instrument in the same format."""

from __future__ import annotations

from niggle.domain.triage.models import CareContacts, TriageKnowledge
from niggle.domain.triage.psychosocial import BandRule, Questionnaire, ScreenItem, score_screen
from niggle.domain.triage.questions import ScaleOption
from tests.domain.triage.conftest import negative_screen, run

AGREE = (ScaleOption("disagree", 0), ScaleOption("agree", 1))


def licensed_style_instrument() -> Questionnaire:
    """A made-up 5-item instrument shaped like a licensed one (a distress subscale)."""
    items = tuple(
        ScreenItem(f"item_{n}", f"Made-up statement {n}", AGREE, ("distress",) if n > 2 else ())
        for n in range(1, 6)
    )
    return Questionnaire(
        id="made_up",
        name="Made-up instrument",
        time_frame="the last 2 weeks",
        items=items,
        bands=(
            BandRule("high", total_at_least=4, subscale="distress", subscale_at_least=3),
            BandRule("medium", total_at_least=4),
            BandRule("low"),
        ),
        source="test",
        licence="test licence",
    )


def test_niggle_screen_bands(knowledge: TriageKnowledge) -> None:
    screen = knowledge.screen
    ids = [item.id for item in screen.items]
    assert ids == ["psy_fear_of_movement", "psy_worry", "psy_low_mood", "psy_bothersomeness"]
    assert score_screen(screen, dict(zip(ids, (1, 1, 1, 1), strict=True))).band == "low"
    assert score_screen(screen, dict(zip(ids, (2, 1, 1, 1), strict=True))).band == "medium"
    high = score_screen(screen, dict(zip(ids, (2, 2, 2, 2), strict=True)))
    assert (high.band, high.total) == ("high", 8)
    partial = score_screen(screen, {"psy_worry": 3})
    assert partial.band is None and "psy_fear_of_movement" in partial.missing


def test_subscale_bands_follow_their_order() -> None:
    instrument = licensed_style_instrument()
    answers = {f"item_{n}": 1 for n in range(1, 6)}
    assert score_screen(instrument, answers).band == "high"
    answers["item_5"] = 0  # total 4, distress 2: medium
    result = score_screen(instrument, answers)
    assert (result.band, result.total, result.subscales["distress"]) == ("medium", 4, 2)
    assert score_screen(instrument, dict.fromkeys(answers, 0)).band == "low"


def test_a_high_screen_suggests_reassuring_active_physiotherapy(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    answers = {
        **negative_screen(knowledge),
        "psy_fear_of_movement": 3,
        "psy_worry": 3,
        "psy_low_mood": 1,
        "psy_bothersomeness": 2,
    }
    result = run(knowledge, uk, answers)
    assert result.care_level == "routine"
    assert "physio_reassuring_active" in {a.id for a in result.advice}
    assert result.screen.band == "high"


def test_a_loaded_instrument_replaces_the_screen_in_the_engine(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    from dataclasses import replace

    licensed = replace(knowledge, screen=licensed_style_instrument())
    answers = {**negative_screen(knowledge), **{f"item_{n}": 1 for n in range(1, 6)}}
    result = run(licensed, uk, answers)
    assert result.screen.instrument == "made_up" and result.screen.band == "high"
    assert result.care_level == "routine"
    assert "psy_worry" not in result.questions_needed
