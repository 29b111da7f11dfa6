"""Red flags read from runners' own words: raised when stated, never when denied or imagined.

Three layers:
- every red flag in at least two everyday (often embarrassed) wordings, each must raise it;
- negated, hypothetical and someone-else's versions that must not (data file);
- issue 5's text-mode gate: over a table of red-flag statements (data file), at least 90%
  are caught.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from niggle.nlp.intake import read_text
from tests.nlp.red_flag_ids import RED_FLAG_IDS

DATA = Path(__file__).parent / "data"

# At least two wordings per flag, different from the recall table's.
POSITIVE_WORDINGS: dict[str, tuple[str, ...]] = {
    "saddle_numbness": (
        "Bit embarrassing but I've gone numb down there.",
        "I've got a numb bum that won't go away.",
        "Toilet paper feels strange when I wipe, like it's not my skin.",
        "Tingly between my legs since Sunday.",
    ),
    "bladder_change": (
        "Peeing is weird since the back went.",
        "I can't start peeing properly, it takes ages.",
        "I wet myself on the way back from the run.",
        "I've been leaking a bit.",
    ),
    "bowel_change": (
        "I pooed myself a little at the end of the run.",
        "I can't tell when I need to go any more.",
        "I've had no control over my bowels this week.",
    ),
    "sexual_function_change": (
        "Sorry, but things don't work down there since this started.",
        "Erection problems since the pain started.",
        "Sex feels numb now.",
    ),
    "bilateral_leg_numbness_or_weakness": (
        "Both legs feel a bit heavy and weak too.",
        "Both legs feel numb.",
        "Both my legs have gone weak.",
        "My legs are giving way when I walk.",
    ),
    "bilateral_leg_pain": (
        "It aches down both legs.",
        "Both of my calves hurt along with the back.",
    ),
    "progressive_leg_weakness": (
        "My foot is dragging and it's worse each week.",
        "I've got foot drop on the left.",
        "My right leg keeps giving way.",
    ),
    "leg_pain_below_knee": (
        "The pain runs down past my knee into my shin.",
        "It's like sciatica, shooting down my leg.",
    ),
    "leg_numbness_or_tingling": (
        "Pins and needles in my leg on long runs.",
        "My foot goes numb after about five miles.",
    ),
    "trauma_onset": (
        "I fell off a ladder last week and it started then.",
        "Had a collision with a cyclist on the towpath.",
        "I was hit by a car while out running.",
    ),
    "osteoporosis_or_long_term_steroids": (
        "I've got osteopenia.",
        "I've been taking steroid tablets for years for my Crohn's.",
    ),
    "hop_pain": (
        "Hopping hurts my low back.",
        "It's painful when I hop on the right.",
    ),
    "focal_bone_tenderness": (
        "One spot on my hip bone is really tender when I press it.",
        "Pressing on the bone at the base of my spine hurts a lot.",
    ),
    "groin_pain_weight_bearing": (
        "My right hip and groin have been sore, mostly on longer runs.",
        "Deep pain in my groin when I'm walking.",
        "The front of my hip hurts when I stand on that leg.",
    ),
    "unable_to_bear_weight": (
        "I can't put weight on it.",
        "I can't bear weight on my left leg.",
    ),
    "recent_mileage_jump": (
        "I upped my mileage a lot in the last few weeks.",
        "Big jump in mileage when I started the plan.",
    ),
    "energy_deficiency_risk": (
        "My periods have been all over the place since I upped my mileage.",
        "I've missed my periods for a few months.",
        "I've been under-fuelling to get lighter for race day.",
    ),
    "cancer_history": (
        "I was treated for bowel cancer in 2018.",
        "I had chemo for leukaemia as a kid.",
    ),
    "unexplained_weight_loss": (
        "I've lost a stone without trying.",
        "I've lost weight for no reason.",
    ),
    "constant_night_pain": (
        "It's worse at night and nothing helps.",
        "I can't get comfortable in any position.",
        "The pain keeps me up at night.",
    ),
    "fever_or_unwell": (
        "I feel shivery.",
        "I've been hot and cold all day.",
        "I've had sweats at night with it.",
    ),
    "infection_risk": (
        "I had back surgery in the spring.",
        "I'm on immunosuppressants for my kidney transplant.",
    ),
    "pulsating_abdomen_or_faint": (
        "I can feel a pulsing in my tummy.",
        "I felt faint and clammy after the pain hit.",
    ),
    "urinary_symptoms_or_loin_pain": (
        "It burns when I'm peeing.",
        "There's blood in my pee.",
        "I've got pain in my loin on the right.",
    ),
    "extension_pain": (
        "Arching my back hurts.",
        "It hurts when I lean back.",
    ),
    "limping": (
        "I'm limping a bit.",
        "I've been hobbling about since the run.",
    ),
}


def load(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return list(data["statements"])


def raised(text: str) -> dict[str, object]:
    """Red flags the text raises: answered with anything other than a plain no."""
    answers = read_text(text).answers()
    return {
        qid: value
        for qid, value in answers.items()
        if qid in RED_FLAG_IDS and value not in (False, "none")
    }


def test_every_red_flag_has_two_everyday_wordings() -> None:
    assert set(POSITIVE_WORDINGS) == set(RED_FLAG_IDS)
    assert all(len(set(w)) >= 2 for w in POSITIVE_WORDINGS.values())


@pytest.mark.parametrize(
    ("flag", "text"),
    [(flag, text) for flag, texts in POSITIVE_WORDINGS.items() for text in texts],
)
def test_everyday_wording_raises_the_flag(flag: str, text: str) -> None:
    assert flag in raised(text), f"{text!r} should raise {flag}"


@pytest.mark.parametrize(
    "case", load("not_red_flag_statements.yaml"), ids=lambda c: f"{c['kind']}:{c['text'][:40]}"
)
def test_denied_imagined_or_someone_elses_flag_is_not_raised(case: dict[str, Any]) -> None:
    flags = RED_FLAG_IDS if case["not"] == "any" else tuple(case["not"])
    wrongly = {f: v for f, v in raised(case["text"]).items() if f in flags}
    assert not wrongly, f"{case['text']!r} ({case['kind']}) raised {wrongly}"


def test_each_kind_of_non_statement_is_covered() -> None:
    kinds = {c["kind"] for c in load("not_red_flag_statements.yaml")}
    assert {"negated", "hypothetical", "family", "benign"} <= kinds


def test_text_mode_gate_catches_at_least_90_percent_of_stated_red_flags() -> None:
    statements = load("red_flag_statements.yaml")
    assert len(statements) >= 60
    assert {s["flag"] for s in statements} <= set(RED_FLAG_IDS)
    missed = [s for s in statements if s["flag"] not in raised(s["text"])]
    recall = 1 - len(missed) / len(statements)
    assert recall >= 0.90, f"recall {recall:.1%}; missed: {[s['text'] for s in missed]}"


def test_major_trauma_outranks_a_minor_fall() -> None:
    answers = read_text("I tripped last month. Then I was knocked off my bike on Friday.").answers()
    assert answers["trauma_onset"] == "major"
    assert read_text("I slipped on a wet kerb.").answers()["trauma_onset"] == "minor"


def test_a_past_cancer_counts_but_a_past_bladder_problem_does_not() -> None:
    # Cancer history is a lifetime question; cauda equina symptoms are asked "since the pain".
    assert raised("I had cancer ten years ago.") == {"cancer_history": True}
    assert "bladder_change" not in raised("I wet myself a few years ago when I had a UTI.")


def test_a_flag_after_a_denial_in_the_same_sentence_is_still_raised() -> None:
    found = raised("No numbness down there, but I have wet myself twice this week.")
    assert "bladder_change" in found
    assert "saddle_numbness" not in found


def test_a_relative_does_not_hide_the_runners_own_symptom() -> None:
    found = raised("My dad had prostate cancer and I've lost a stone without trying.")
    assert "unexplained_weight_loss" in found
    assert "cancer_history" not in found


def test_uncertain_wording_still_raises_a_flag() -> None:
    # "I think" is a reason to ask properly, not to stay quiet.
    assert "saddle_numbness" in raised("I think my bum might be a bit numb, not sure.")


def test_every_finding_quotes_the_runners_words() -> None:
    text = "Hi all. My bum has gone numb.\nAlso it burns when I pee. Thanks!"
    intake = read_text(text)
    assert {f.question_id for f in intake.findings} >= {
        "saddle_numbness",
        "urinary_symptoms_or_loin_pain",
    }
    for finding in intake.findings:
        assert finding.quote and finding.quote in text
    assert intake.finding("saddle_numbness").quote == "My bum has gone numb."


def test_family_history_of_spondyloarthritis_counts_the_relative() -> None:
    answers = read_text("My brother has ankylosing spondylitis.").answers()
    assert answers.get("family_history_spa") is True
