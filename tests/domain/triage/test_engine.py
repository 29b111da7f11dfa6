"""The engine on worked cases: care levels, flags, readings, running status and advice."""

from __future__ import annotations

from dataclasses import replace

from niggle.domain.intake import TextFinding, TextIntake
from niggle.domain.triage.conditions import CareLevelAtLeast, Fact
from niggle.domain.triage.models import (
    ACT_NOW_ADVICE_KINDS,
    AdviceItem,
    CareContacts,
    Evidence,
    Rule,
    TriageKnowledge,
)
from tests.domain.triage.conftest import TODAY, negative_screen, run


def founding_story(knowledge: TriageKnowledge) -> dict[str, object]:
    return {
        **negative_screen(knowledge),
        "symptoms_weeks": 1,
        "previous_episodes": 1,
        "pain_during_run_nrs": 6,
        "pain_at_rest_nrs": 0,
        "provoked_by": ("intervals", "tempo"),
        "eases_with_walking_or_sitting": True,
    }


def test_founding_story_with_a_negative_screen_is_self_care_with_quality_sessions_swapped(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    result = run(knowledge, uk, founding_story(knowledge))  # type: ignore[arg-type]
    assert result.care_level == "self_care"
    assert not result.provisional
    assert result.red_flags == ()
    assert result.classification == "non_specific"
    assert result.running == "modify"
    fired = {t.rule for t in result.trace if t.fired}
    assert {"r1_red_only_in_quality_sessions", "r6_quality_sessions_provoke"} <= fired
    advice = {a.id for a in result.advice}
    assert {"swap_intensity", "prevent_recurrence", "pain_traffic_light"} <= advice
    assert all(a.evidence.sources for a in result.advice)


def test_a_cauda_equina_answer_means_emergency_and_only_the_action(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    answers = {**founding_story(knowledge), "bladder_change": True}
    result = run(knowledge, uk, answers, claims=("stretching",))  # type: ignore[arg-type]
    assert result.care_level == "emergency"
    assert "999" in result.care_message and "999" in result.care_title
    assert [f.id for f in result.red_flags] == ["ces_bladder_change"]
    assert result.red_flags[0].questions == ("bladder_change",)
    assert result.running == "stop"
    assert {a.kind for a in result.advice} <= ACT_NOW_ADVICE_KINDS
    assert result.claims == () and result.withheld_claims == ("stretching",)


def test_care_level_is_the_most_urgent_flag(knowledge: TriageKnowledge, uk: CareContacts) -> None:
    answers = {
        **negative_screen(knowledge),
        "hop_pain": True,
        "leg_pain_below_knee": True,
        "symptoms_weeks": 8,
    }
    result = run(knowledge, uk, answers)
    assert result.care_level == "urgent"
    assert {f.urgency for f in result.red_flags} == {"urgent", "soon", "routine"}
    assert result.classification == "possible_bone_stress"  # more concerning than radicular


def test_cancer_history_with_nerve_symptoms_is_an_emergency(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    base = {**negative_screen(knowledge), "cancer_history": True}
    assert run(knowledge, uk, base).care_level == "urgent"
    with_tingling = {**base, "leg_numbness_or_tingling": True}
    assert run(knowledge, uk, with_tingling).care_level == "emergency"


def test_unanswered_safety_questions_keep_the_answer_provisional(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    answers = negative_screen(knowledge)
    del answers["hop_pain"]
    result = run(knowledge, uk, answers)
    assert result.provisional
    assert result.questions_needed[0] == "hop_pain"
    assert "provisional" in result.care_message
    assert result.running == "modify"  # provisional_caution


def test_an_unknown_age_keeps_the_answer_provisional(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    result = run(knowledge, uk, negative_screen(knowledge), age=None)
    assert result.provisional
    assert result.questions_needed[0] == "age"


def test_questions_that_do_not_apply_are_not_needed(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    young = run(knowledge, uk, negative_screen(knowledge), age=30).questions_needed
    assert "sudden_onset" not in young and "extension_pain" not in young
    older = run(knowledge, uk, {}, age=70).questions_needed
    assert "sudden_onset" in older and "first_episode" in older
    teen = run(knowledge, uk, {}, age=17).questions_needed
    assert "extension_pain" in teen
    # the inflammatory questions open only after 13 weeks of pain that began before 45
    chronic = run(knowledge, uk, {"symptoms_weeks": 20}, age=30).questions_needed
    assert "night_waking_second_half" in chronic
    late = run(knowledge, uk, {"symptoms_weeks": 20}, age=60).questions_needed
    assert "night_waking_second_half" not in late


def test_adolescent_extension_pain_only_counts_from_16_to_19(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    answers = {**negative_screen(knowledge), "extension_pain": True, "first_episode": False}
    fired = lambda age: {t.rule for t in run(knowledge, uk, answers, age=age).trace if t.fired}  # noqa: E731
    assert "adolescent_extension_pain" in fired(17)
    assert "adolescent_extension_pain" not in fired(20)
    under_16 = run(knowledge, uk, answers, age=15)
    assert under_16.care_level == "soon" and under_16.running == "pause_running"
    assert "age_under_16" in {f.id for f in under_16.red_flags}


def test_inflammatory_counts_follow_nice_ng65(knowledge: TriageKnowledge, uk: CareContacts) -> None:
    features = {
        "night_waking_second_half": True,
        "buttock_pain": True,
        "improves_with_exercise": True,
        "nsaid_response": False,
        "family_history_spa": False,
        "arthritis_enthesitis_psoriasis": False,
        "insidious_onset": False,
        "no_improvement_with_rest": False,
        "morning_stiffness_over_30min": False,
    }
    answers = {**negative_screen(knowledge), "symptoms_weeks": 20, **features}
    # onset at 39.6: not before 35, so three features -> the HLA-B27 rule, not referral
    three = run(knowledge, uk, answers, age=40)
    fired = {t.rule for t in three.trace if t.fired}
    assert "axspa_nice_ng65_three" in fired and "axspa_nice_ng65_refer" not in fired
    assert three.classification == "possible_inflammatory" and three.care_level == "routine"
    # onset before 35 adds the fourth feature
    four = {t.rule for t in run(knowledge, uk, answers, age=30).trace if t.fired}
    assert "axspa_nice_ng65_refer" in four and "axspa_nice_ng65_three" not in four


def test_older_sudden_onset_uses_the_lower_age_when_sex_is_unknown(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    answers = {**negative_screen(knowledge), "sudden_onset": True}
    assert run(knowledge, uk, answers, age=70, sex="female").care_level == "self_care"
    assert run(knowledge, uk, answers, age=70, sex=None).care_level == "urgent"
    assert run(knowledge, uk, answers, age=76, sex="female").care_level == "urgent"


def test_pain_monitoring_bands(knowledge: TriageKnowledge, uk: CareContacts) -> None:
    screen = negative_screen(knowledge)

    def status(**pain: object) -> str:
        return run(knowledge, uk, {**screen, **pain}).running  # type: ignore[arg-type]

    assert status(pain_during_run_nrs=2) == "continue"
    assert status(pain_during_run_nrs=5) == "continue"  # amber is allowed
    assert status(pain_during_run_nrs=6) == "pause_running"  # red, provokers unknown
    assert status(pain_during_run_nrs=6, provoked_by=("intervals",)) == "modify"
    assert status(pain_during_run_nrs=6, provoked_by=("all_running",)) == "pause_running"
    assert status(pain_after_run_nrs=6) == "modify"
    assert status(pain_next_morning_worse=True) == "modify"
    assert status(pain_worse_week_to_week=True) == "pause_running"
    assert status(limping=True) == "pause_running"
    assert status(recent_mileage_jump=True) == "modify"


def test_every_rule_is_traced_once_fired_or_not(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    result = run(knowledge, uk, {})
    traced = [t.rule for t in result.trace]
    assert traced == [r.id for r in knowledge.rules if r.stage == "level"] + [
        r.id for r in knowledge.rules if r.stage == "running"
    ] + ["guard_act_now_stops_running"]
    unknown = next(t for t in result.trace if t.rule == "ces_saddle_numbness")
    assert not unknown.fired and not unknown.known and "not answered" in unknown.because


def test_the_guard_stops_running_even_if_the_rules_forget_to(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    kept = (
        replace(r, running=None) if r.stage == "level" else r
        for r in knowledge.rules
        if r.id not in ("stop_running_emergency_or_urgent", "pause_running_soon_flag")
    )
    keep_going = Rule(
        "keep_going", "running", CareLevelAtLeast("self_care"), "b", "s", running="continue"
    )
    careless = replace(knowledge, rules=(*kept, keep_going))
    result = run(careless, uk, {**negative_screen(knowledge), "hop_pain": True})
    assert result.care_level == "urgent"
    assert result.running == "stop"
    guard = result.trace[-1]
    assert guard.rule == "guard_act_now_stops_running" and guard.fired


def test_exercise_advice_is_filtered_at_act_now_levels_whatever_the_knowledge_says(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    sloppy = replace(
        knowledge,
        advice=(
            *knowledge.advice,
            AdviceItem(
                "run_it_off",
                "running",
                "Keep running",
                Evidence("none", "none", ("none",)),
                ("emergency", "urgent"),
            ),
        ),
    )
    result = run(sloppy, uk, {**negative_screen(knowledge), "fever_or_unwell": True})
    assert "run_it_off" not in {a.id for a in result.advice}


def test_text_raises_a_flag_the_answers_denied(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    text = TextIntake(findings=(TextFinding("saddle_numbness", True, "numb down there"),))
    result = run(knowledge, uk, negative_screen(knowledge), text=text)
    assert result.care_level == "emergency"
    assert result.answer_sources["saddle_numbness"] == "answer+text"


def test_an_age_read_from_the_text_is_used_but_must_still_be_confirmed(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    # Found by the property test: "I'm 55" in the text filled the missing age and turned a
    # provisional answer final. The text age counts for the rules, but is asked for again.
    text = TextIntake(findings=(TextFinding("age", 55, "I'm 55"),))
    result = run(knowledge, uk, negative_screen(knowledge), age=None, text=text)
    assert result.age == 55
    assert result.provisional
    assert "age" in result.questions_needed
    confirmed = run(knowledge, uk, negative_screen(knowledge), age=55, text=text)
    assert "age" not in confirmed.questions_needed


def test_text_alone_is_always_provisional_and_lists_the_safety_questions(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    text = TextIntake(
        findings=(TextFinding("saddle_numbness", False, "no numbness"),),
        provoked_by=("intervals", "tempo"),
        previous_episodes=1,
        claims=("core_stability", "massage"),
    )
    result = run(knowledge, uk, {}, text=text)
    assert result.provisional
    safety = [q.id for q in knowledge.questions if q.is_safety_question and q.ask_if is None]
    assert set(safety) <= set(result.questions_needed)
    assert result.questions_needed.index("saddle_numbness") < result.questions_needed.index(
        "hop_pain"
    )
    assert [c.id for c in result.claims] == ["core_stability", "massage"]
    assert all(c.sources and c.verdict for c in result.claims)


def test_rescreen_is_weekly_and_asks_the_safety_questions_again(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    result = run(knowledge, uk, negative_screen(knowledge))
    assert (result.rescreen.next_on - TODAY).days == 7
    assert "symptoms change" in result.rescreen.message
    assert set(result.rescreen.questions) == {
        q.id for q in knowledge.questions if q.is_safety_question
    }


def test_messages_use_the_region_contacts(knowledge: TriageKnowledge, uk: CareContacts) -> None:
    australia = CareContacts("au", "Australia", "000", "healthdirect", "your GP", "a physio", "s")
    answers = {**negative_screen(knowledge), "bowel_change": True}
    assert "000" in run(knowledge, australia, answers).care_message
    assert "000" in run(knowledge, australia, answers).safety_net
    assert "999" in run(knowledge, uk, answers).care_message


def test_rules_can_be_tested_against_a_fact_they_do_not_know(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    extra = replace(
        knowledge,
        rules=(*knowledge.rules, Rule("odd", "level", Fact("nonexistent", "is", True), "b", "s")),
    )
    result = run(extra, uk, {})
    assert next(t for t in result.trace if t.rule == "odd").known is False


def test_a_question_that_could_make_it_an_emergency_keeps_it_provisional(
    knowledge: TriageKnowledge, uk: CareContacts
) -> None:
    # cancer history is urgent; one-leg tingling would make it an emergency (NICE NG234)
    answers = {**negative_screen(knowledge), "cancer_history": True}
    result = run(knowledge, uk, answers)
    assert result.care_level == "urgent" and result.provisional
    assert {"leg_pain_below_knee", "leg_numbness_or_tingling"} <= set(result.questions_raising)
    settled = run(
        knowledge,
        uk,
        {**answers, "leg_pain_below_knee": False, "leg_numbness_or_tingling": False},
    )
    assert settled.care_level == "urgent" and not settled.provisional
    assert settled.questions_raising == ()
