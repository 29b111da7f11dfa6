"""The adaptation rules file: complete, sourced, and refused loudly when broken."""

from __future__ import annotations

from importlib.resources import files

import pytest

from niggle.domain.adapt_rules import RULE_IDS
from niggle.knowledge.adaptation import (
    PRODUCT_DEFAULT,
    AdaptationRulesInvalid,
    load_adaptation_rules,
    parse_adaptation_rules,
)

TEXT = (files("niggle.knowledge") / "adaptation_rules.yaml").read_text(encoding="utf-8")


def test_every_rule_is_there_with_its_source() -> None:
    rules = load_adaptation_rules()
    assert set(rules.info) == set(RULE_IDS)
    for info in rules.info.values():
        assert len(info.source) > 20
        if info.product_default:
            assert PRODUCT_DEFAULT in info.source
    assert "product default (not trial-based)" in rules.review_source


def test_the_figures_are_the_clinical_notes() -> None:
    rules = load_adaptation_rules()
    assert (rules.bands.green_max, rules.bands.amber_max, rules.bands.after_max) == (2, 5, 5)
    assert rules.spike.ratio == 1.10 and rules.spike.lookback_days == 30
    assert rules.swap.intensity_kinds == {"intervals", "tempo"}
    assert rules.ladder.repeats_per_phase == 2 and rules.ladder.rest_days_between == 1
    assert rules.ladder.walk_test_s == 30 * 60
    first, last = rules.ladder.phases[0], rules.ladder.phases[-1]
    assert (first.run_s, first.walk_s, first.rpe) == (180, 120, 3)
    assert last.continuous and last.rpe == 5
    assert rules.reintroduce.green_weeks == 2
    sources = " ".join(info.source for info in rules.info.values())
    for cited in ("Silbernagel", "Thomeé", "Garmin-RUNSAFE", "Trials 2023", "Goom"):
        assert cited in sources
    assert "extrapolat" in rules.info["pain_bands"].source.lower()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("ratio: 1.10", "ratio: 0.9"), "spike_cap.parameters.ratio"),
        (("flag_urgencies: [emergency, urgent, soon]", "flag_urgencies: [soon]"), "emergency"),
        (('source: "product default (not trial-based); clinical.md §4 R6"', "source: R6"),
         "product default"),
        (("  - id: restore_plan", "  - id: restore_plan_typo"), "restore_plan"),
        (("green_max: 2 ", "green_max: 7 "), "green_max < amber_max"),
        (("act_now_levels: [emergency, urgent]", "act_now_levels: [emergency]"), "exactly"),
        (("walk_test_min: 30", "walk_test_min: thirty"), "walk_test_min"),
        (("version: 1", "version: 2"), "version"),
    ],
)  # fmt: skip
def test_a_broken_rules_file_fails_loudly(edit: tuple[str, str], message: str) -> None:
    old, new = edit
    assert old in TEXT
    with pytest.raises(AdaptationRulesInvalid, match=message):
        parse_adaptation_rules(TEXT.replace(old, new, 1))


def test_not_yaml_at_all_is_refused() -> None:
    with pytest.raises(AdaptationRulesInvalid, match="not valid YAML"):
        parse_adaptation_rules("rules: [unclosed")
