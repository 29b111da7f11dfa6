"""The triage knowledge files: complete, sourced, safe, and loud when broken."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

from niggle.domain.errors import InvalidInput
from niggle.domain.intake import CLAIM_IDS
from niggle.domain.triage.levels import ACT_NOW_LEVELS, CARE_LEVELS
from niggle.domain.triage.models import ACT_NOW_ADVICE_KINDS
from niggle.knowledge.triage import (
    CONTRACT_QUESTION_IDS,
    TriageKnowledgeInvalid,
    build_knowledge,
    load_care_contacts,
    load_questionnaire_file,
    load_triage_knowledge,
)
from niggle.services.care import KNOWN_REGIONS, care_contacts, care_message

FILES = ("red_flags", "triage_rules", "care_levels", "advice", "claims", "psychosocial")
ARGUMENTS = {
    "red_flags": "red_flags",
    "triage_rules": "rules",
    "care_levels": "care",
    "advice": "advice",
    "claims": "claims",
    "psychosocial": "screen",
}


def raw_files() -> dict[str, Any]:
    return {
        ARGUMENTS[name]: yaml.safe_load(
            (files("niggle.knowledge") / f"{name}.yaml").read_text(encoding="utf-8")
        )
        for name in FILES
    }


def test_packaged_knowledge_covers_the_contract() -> None:
    knowledge = load_triage_knowledge()
    ids = {q.id for q in knowledge.questions}
    assert ids >= CONTRACT_QUESTION_IDS
    assert set(knowledge.claims) == set(CLAIM_IDS)
    assert set(knowledge.actions) == set(CARE_LEVELS)
    # the topics the issue names are all covered by at least one question
    topics = {q.topic for q in knowledge.questions}
    assert {
        "cauda_equina",
        "nerve_compromise",
        "fracture",
        "bone_stress_sacral",
        "bone_stress_femoral_neck",
        "cancer",
        "infection",
        "aortic_aneurysm",
        "kidney",
        "adolescent_spondylolysis",
        "inflammatory",
        "failure_to_improve",
    } <= topics


def test_every_fact_names_its_source() -> None:
    knowledge = load_triage_knowledge()
    raw = raw_files()
    assert all(
        q["source"].strip() and q["rationale"].strip() for q in raw["red_flags"]["questions"]
    )
    assert all(r.source.strip() and r.because.strip() for r in knowledge.rules)
    assert all(a.evidence.sources and a.evidence.certainty for a in knowledge.advice)
    assert all(c.sources and c.verdict and c.certainty for c in knowledge.claims.values())
    assert knowledge.screen.source and "product default" in knowledge.screen.source


def test_emergency_and_urgent_levels_carry_only_safe_advice() -> None:
    for item in load_triage_knowledge().advice:
        if set(item.levels) & ACT_NOW_LEVELS:
            assert item.kind in ACT_NOW_ADVICE_KINDS, item.id


def test_the_interview_order_puts_emergency_then_urgent_first() -> None:
    groups = [q.group for q in load_triage_knowledge().questions]
    order = ["emergency", "urgent", "other", "pain", "training"]
    assert groups == sorted(groups, key=order.index)


def test_every_known_region_has_contacts_and_uk_is_999_and_111() -> None:
    contacts = load_care_contacts()
    assert set(contacts) == set(KNOWN_REGIONS)
    uk = care_contacts(None)
    assert uk.region == "uk" and uk.emergency == "999" and "111" in uk.urgent
    assert "GP" in uk.doctor and "physio" in uk.physio
    assert care_contacts("US").emergency == "911"
    assert "000" in care_message("emergency", "au")
    with pytest.raises(InvalidInput, match="Unknown region"):
        care_contacts("mars")


def test_an_operator_can_replace_the_contacts(tmp_path: Path) -> None:
    raw = raw_files()["care"]
    raw["regions"]["uk"]["urgent"] = "the club doctor on 01234 567890"
    path = tmp_path / "contacts.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert "club doctor" in care_contacts("uk", path).urgent
    del raw["regions"]["nz"]
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(InvalidInput, match="no contacts for region 'nz'"):
        care_contacts("nz", path)
    path.write_text("regions: [", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid YAML"):
        care_contacts("uk", path)


def test_no_copyrighted_questionnaire_wording_is_shipped() -> None:
    text = (files("niggle.knowledge") / "psychosocial.yaml").read_text(encoding="utf-8").lower()
    items = " ".join(i["text"].lower() for i in yaml.safe_load(text)["questionnaire"]["items"])
    for fragment in ("worrying thoughts", "never going to get any better", "not safe for a person"):
        assert fragment not in items


def _broken(change: str) -> dict[str, Any]:
    raw = raw_files()
    if change == "unknown_fact":
        raw["rules"]["rules"][0]["when"] = {"fact": "saddle_numbnes", "is": True}
    elif change == "wrong_value":
        raw["rules"]["rules"][0]["when"] = {"fact": "saddle_numbness", "is": "yes"}
    elif change == "numeric_on_yes_no":
        raw["rules"]["rules"][0]["when"] = {"fact": "saddle_numbness", "above": 2}
    elif change == "bad_choice":
        raw["rules"]["rules"][0]["when"] = {"fact": "provoked_by", "includes": ["sprints"]}
    elif change == "level_in_running_rule":
        raw["rules"]["rules"][0]["when"] = {"care_level_at_least": "urgent"}
    elif change == "exercise_at_urgent":
        raw["advice"]["advice"][0]["kind"] = "exercise"
    elif change == "missing_contract_id":
        raw["red_flags"]["questions"] = raw["red_flags"]["questions"][1:]
    elif change == "duplicate_rule":
        raw["rules"]["rules"].append(raw["rules"]["rules"][0])
    elif change == "missing_claim":
        raw["claims"]["claims"] = raw["claims"]["claims"][1:]
    elif change == "no_source":
        raw["advice"]["advice"][0]["evidence"]["sources"] = []
    elif change == "bad_slot":
        raw["care"]["levels"]["urgent"]["message"] = "Call {ambulance}"
    elif change == "continue_at_urgent":
        raw["rules"]["rules"][0]["running"] = "continue"
    elif change == "extra_key":
        raw["red_flags"]["questions"][0]["urgencyy"] = "emergency"
    return raw


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("unknown_fact", "unknown fact 'saddle_numbnes'"),
        ("wrong_value", "saddle_numbness can be true, false"),
        ("numeric_on_yes_no", "is not a number"),
        ("bad_choice", "provoked_by choices"),
        ("level_in_running_rule", "only known to running rules"),
        ("exercise_at_urgent", "may not be shown at"),
        ("missing_contract_id", "missing: saddle_numbness"),
        ("duplicate_rule", "repeated rule id"),
        ("missing_claim", "exactly niggle.domain.intake.CLAIM_IDS"),
        ("no_source", "sources"),
        ("bad_slot", "unknown slot"),
        ("continue_at_urgent", "may only stop or pause running"),
        ("extra_key", "urgencyy"),
    ],
)
def test_broken_knowledge_fails_loudly(change: str, message: str) -> None:
    with pytest.raises(TriageKnowledgeInvalid, match=message):
        build_knowledge(**_broken(change))


LICENSED = """
version: 1
questionnaire:
  id: clinic_instrument
  name: A licensed instrument (test stand-in)
  time_frame: the last 2 weeks
  source: Test stand-in for an operator's licensed instrument
  licence: Written permission held by the operator (test)
  notice: (c) The owner. Used with permission.
  scales:
    agree: [{label: Disagree, score: 0}, {label: Agree, score: 1}]
  items:
    - {id: ci_one, text: Statement one, scale: agree}
    - {id: ci_two, text: Statement two, scale: agree, subscales: [distress]}
  bands:
    - {band: high, subscale: distress, subscale_at_least: 1}
    - {band: low}
"""


def test_a_licensed_questionnaire_loads_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "instrument.yaml"
    path.write_text(LICENSED, encoding="utf-8")
    instrument = load_questionnaire_file(path)
    assert [i.id for i in instrument.items] == ["ci_one", "ci_two"]
    assert instrument.notice.startswith("(c)")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("  licence: Written permission held by the operator (test)\n", ""), "licence"),
        (("scale: agree, subscales", "scale: agreed, subscales"), "undefined scale"),
        (("subscale: distress,", "subscale: mood,"), "unknown subscale"),
        (("version: 1", "version: 2"), "version"),
    ],
)
def test_a_bad_questionnaire_file_is_refused_with_its_name(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    path = tmp_path / "instrument.yaml"
    path.write_text(LICENSED.replace(*edit), encoding="utf-8")
    with pytest.raises(InvalidInput, match=message) as raised:
        load_questionnaire_file(path)
    assert "instrument.yaml" in raised.value.message


REPO = Path(__file__).resolve().parents[2]


def test_the_hazard_log_names_real_tests() -> None:
    import re

    safety = (REPO / "docs" / "SAFETY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", safety)
    assert len(named) >= 18
    for path, function in named:
        source = (REPO / path).read_text(encoding="utf-8")
        assert f"def {function}(" in source, f"{path}::{function}"
    hazards = re.findall(r"^\| H(\d+) \|", safety, flags=re.MULTILINE)
    assert len(hazards) >= 15


def test_the_disclaimer_in_the_docs_is_the_one_shown() -> None:
    safety = (REPO / "docs" / "SAFETY.md").read_text(encoding="utf-8")
    quoted = " ".join(line[2:].strip() for line in safety.splitlines() if line.startswith("> "))
    disclaimer = " ".join(load_triage_knowledge().disclaimer.split())
    assert disclaimer in quoted
