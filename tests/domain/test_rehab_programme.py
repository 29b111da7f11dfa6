"""The programme builder: triage in, 6-8 safe exercises placed off key-run days out."""

from __future__ import annotations

import datetime as dt
from itertools import combinations, pairwise, product

import pytest

from niggle.domain.rehab import RehabNeeds, build_programme
from niggle.domain.rehab_exercises import CLASSIFICATIONS, PROVOKERS
from niggle.domain.rehab_schedule import place_sessions
from niggle.knowledge.exercises import load_exercise_library

LIBRARY = load_exercise_library()
MONDAY = dt.date(2026, 11, 23)


def _days(*offsets: int) -> list[dt.date]:
    return [MONDAY + dt.timedelta(days=o) for o in offsets]


def _categories(needs: RehabNeeds) -> list[str]:
    decision = build_programme(LIBRARY, needs)
    assert decision.programme is not None
    return [LIBRARY.get(e.exercise_id).category for e in decision.programme.exercises]


@pytest.mark.parametrize("care", ["emergency", "urgent"])
def test_emergency_and_urgent_get_no_programme_only_an_explanation(care: str) -> None:
    decision = build_programme(
        LIBRARY, RehabNeeds("non_specific", care, frozenset({"tempo"})), first_day=MONDAY
    )
    assert decision.programme is None
    assert decision.withheld_because and "care" in decision.withheld_because
    assert decision.notes[0].source  # the rule names its source


def test_possible_serious_waits_for_a_clinician() -> None:
    decision = build_programme(LIBRARY, RehabNeeds("possible_serious", "soon"))
    assert decision.programme is None
    assert "clinician" in (decision.withheld_because or "")


@pytest.mark.parametrize(
    ("classification", "care", "provokers", "impact"),
    [
        (c, care, frozenset(p), impact)
        for c in CLASSIFICATIONS
        if c != "possible_serious"
        for care in ("soon", "routine", "self_care")
        for p in [
            (),
            ("tempo", "intervals"),
            ("extension",),
            ("bending", "sitting"),
            ("all_running",),
        ]
        for impact in (False, True)
    ],
)
def test_every_programme_has_six_to_eight_safe_exercises_weighted_to_the_legs(
    classification: str, care: str, provokers: frozenset[str], impact: bool
) -> None:
    needs = RehabNeeds(classification, care, provokers, ready_for_impact=impact)  # type: ignore[arg-type]
    decision = build_programme(LIBRARY, needs)
    programme = decision.programme
    assert programme is not None
    ids = [e.exercise_id for e in programme.exercises]
    assert 6 <= len(ids) <= 8
    assert len(set(ids)) == len(ids)
    cats = [LIBRARY.get(i).category for i in ids]
    assert "trunk_endurance" in cats and "hip_strength" in cats and "mobility" in cats
    legs = cats.count("lower_limb_strength") + cats.count("hip_strength")
    assert cats.count("lower_limb_strength") >= cats.count("trunk_endurance")
    assert legs > cats.count("trunk_endurance")
    for i in ids:  # nothing the triage rules out slips through
        assert not LIBRARY.get(i).ruled_out_by(needs.conditions), i
    assert 2 <= programme.sessions_per_week <= 3
    for e in programme.exercises:
        assert 1 <= e.level <= LIBRARY.get(e.exercise_id).top_level


def test_bone_stress_means_no_impact_work_and_no_running() -> None:
    needs = RehabNeeds("possible_bone_stress", "soon", frozenset(), ready_for_impact=True)
    decision = build_programme(LIBRARY, needs)
    programme = decision.programme
    assert programme is not None
    cats = [LIBRARY.get(e.exercise_id).category for e in programme.exercises]
    assert "impact_tolerance" not in cats
    assert "pogo_hops" not in [e.exercise_id for e in programme.exercises]
    assert not programme.includes_running
    assert "No running" in programme.running_advice
    # Only non-impact cross-training is offered (the elliptical is weight-bearing).
    assert "elliptical" not in programme.cross_training
    assert "aqua_jogging" in programme.cross_training
    assert programme.sessions_per_week == 3  # more room while running is paused
    assert any(n.rule == "bone_stress_no_running" and "Goom" in n.source for n in decision.notes)
    # Extension-loaded work is out too: a bone stress injury of the spine is extension-provoked.
    assert "prone_press_up" not in [e.exercise_id for e in programme.exercises]


def test_impact_work_comes_only_late() -> None:
    early = _categories(RehabNeeds("non_specific", "self_care", frozenset({"tempo"})))
    late = _categories(
        RehabNeeds("non_specific", "self_care", frozenset({"tempo"}), ready_for_impact=True)
    )
    assert "impact_tolerance" not in early
    assert late.count("impact_tolerance") == 1
    # ...and not while every run still hurts.
    paused = _categories(
        RehabNeeds("non_specific", "self_care", frozenset({"all_running"}), ready_for_impact=True)
    )
    assert "impact_tolerance" not in paused


def test_extension_provoked_pain_gets_no_prone_press_up_but_flexion_relief() -> None:
    decision = build_programme(
        LIBRARY, RehabNeeds("non_specific", "self_care", frozenset({"extension"}))
    )
    assert decision.programme is not None
    ids = [e.exercise_id for e in decision.programme.exercises]
    assert "prone_press_up" not in ids
    assert "back_extension_hold" not in ids
    assert "knee_to_chest" in ids


def test_bending_or_sitting_provoked_pain_gets_the_press_up_and_no_bike() -> None:
    decision = build_programme(
        LIBRARY, RehabNeeds("non_specific", "self_care", frozenset({"sitting", "bending"}))
    )
    assert decision.programme is not None
    ids = [e.exercise_id for e in decision.programme.exercises]
    assert "prone_press_up" in ids
    assert "knee_to_chest" not in ids
    assert "stationary_bike" not in decision.programme.cross_training


def test_caution_starts_at_level_one_and_plain_back_pain_at_the_usual_dose() -> None:
    plain = build_programme(LIBRARY, RehabNeeds("non_specific", "self_care", frozenset()))
    careful = build_programme(LIBRARY, RehabNeeds("possible_radicular", "soon", frozenset()))
    assert plain.programme is not None and careful.programme is not None
    assert {e.level for e in careful.programme.exercises} == {1}
    assert [e.level for e in plain.programme.exercises] == [
        LIBRARY.get(e.exercise_id).start_level for e in plain.programme.exercises
    ]


def test_every_rule_applied_names_a_source() -> None:
    for needs in [
        RehabNeeds("non_specific", "self_care", frozenset({"tempo", "intervals"})),
        RehabNeeds("possible_bone_stress", "soon", frozenset({"all_running"})),
    ]:
        decision = build_programme(LIBRARY, needs, first_day=MONDAY, key_run_dates=_days(1, 3, 6))
        assert decision.notes
        for note in decision.notes:
            assert note.source.strip() and note.because.strip()
        assert any("Cai" in n.source for n in decision.notes)


def test_first_week_sessions_land_on_cross_training_days_not_key_runs() -> None:
    # FIRST: key runs Tue, Thu, Sun; cross-training Mon and Sat.
    key, cross = _days(1, 3, 6), _days(0, 5)
    decision = build_programme(
        LIBRARY,
        RehabNeeds("non_specific", "self_care", frozenset({"tempo"})),
        first_day=MONDAY,
        key_run_dates=key,
        cross_training_dates=cross,
    )
    assert decision.programme is not None
    schedule = decision.programme.schedule
    assert len(schedule) == decision.programme.sessions_per_week == 2
    assert set(schedule) == set(cross)


@pytest.mark.parametrize("sessions", [1, 2, 3])
def test_placement_never_uses_a_key_run_day_and_spreads_sessions(sessions: int) -> None:
    for count in range(0, 5):
        for key in combinations(range(7), count):
            chosen = place_sessions(MONDAY, sessions, _days(*key))
            assert not set(chosen) & set(_days(*key))
            assert len(chosen) == min(sessions, 7 - count)
            assert all(MONDAY <= d < MONDAY + dt.timedelta(days=7) for d in chosen)
            if len(chosen) > 1 and 7 - count >= 2 * len(chosen):
                # With room to spare there is always a rest day between sessions.
                gaps = [(b - a).days for a, b in pairwise(chosen)]
                assert min(gaps) >= 2, (key, chosen)


def test_placement_with_no_free_day_places_nothing() -> None:
    assert place_sessions(MONDAY, 2, _days(*range(7))) == ()


def test_placement_ignores_key_runs_of_other_weeks() -> None:
    next_week = [d + dt.timedelta(days=7) for d in _days(0, 1, 2, 3, 4, 5, 6)]
    assert len(place_sessions(MONDAY, 3, next_week)) == 3


def test_every_provoker_combination_still_yields_a_programme() -> None:
    for r in range(0, 4):
        for combo in combinations(PROVOKERS, r):
            for classification, care in product(
                ("non_specific", "possible_radicular", "possible_bone_stress"), ("routine",)
            ):
                decision = build_programme(
                    LIBRARY,
                    RehabNeeds(classification, care, frozenset(combo)),  # type: ignore[arg-type]
                )
                assert decision.programme is not None
                assert 6 <= len(decision.programme.exercises) <= 8


def test_a_window_starting_mid_week_avoids_the_eve_of_the_next_key_run() -> None:
    saturday = MONDAY + dt.timedelta(days=5)
    key = _days(8, 10, 13)  # next Tue, Thu, Sun
    chosen = place_sessions(saturday, 2, key)
    assert not set(chosen) & set(key)
    assert all(saturday <= d <= saturday + dt.timedelta(days=6) for d in chosen)
    assert len(chosen) == 2


def test_needs_from_a_stored_triage() -> None:
    from niggle.domain.rehab import needs_from_triage

    needs = needs_from_triage(
        "soon",
        "possible_radicular",
        {"provoked_by": ["sitting", "unknown_thing"], "extension_pain": True},
    )
    assert needs.provoked_by == {"sitting", "extension"}
    assert needs.care_level == "soon" and needs.classification == "possible_radicular"
    assert (
        needs_from_triage("routine", "non_specific", {"provoked_by": "tempo"}).provoked_by == set()
    )
    assert (
        needs_from_triage("routine", "non_specific", {"extension_pain": False}).provoked_by == set()
    )


def test_options_never_lower_a_stored_care_level() -> None:
    from niggle.domain.rehab import at_least_as_urgent

    calm = RehabNeeds("non_specific", "self_care")
    assert at_least_as_urgent(calm, "urgent").care_level == "urgent"
    assert at_least_as_urgent(calm, "emergency").care_level == "emergency"
    assert (
        at_least_as_urgent(RehabNeeds("non_specific", "urgent"), "emergency").care_level
        == "emergency"
    )
    assert at_least_as_urgent(calm, "soon").care_level == "soon"
    assert at_least_as_urgent(RehabNeeds("non_specific", "soon"), "routine").care_level == "soon"
    assert (
        at_least_as_urgent(RehabNeeds("non_specific", "emergency"), "urgent").care_level
        == "emergency"
    )
