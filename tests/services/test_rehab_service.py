"""Rehab programmes and sessions stored on both backends, with progression replayed."""

from __future__ import annotations

import datetime as dt

import pytest

from niggle.domain.athlete import Athlete
from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.rehab import RehabNeeds
from niggle.domain.units import RaceResult
from niggle.services.athletes import create_athlete
from niggle.services.plans import create_plan
from niggle.services.rehab import (
    WeekContext,
    log_rehab_session,
    parse_care_level,
    parse_classification,
    parse_provokers,
    rehab_document,
    rehab_programme,
)
from niggle.store import rehab as repo
from niggle.store.db import Database

TEMPO_PAIN = RehabNeeds("non_specific", "routine", frozenset({"tempo", "intervals"}))


@pytest.fixture
def sam(db: Database, today: dt.date) -> Athlete:
    return create_athlete(db, Athlete(name="Sam", units="mi"), today)


def _start(db: Database, today: dt.date) -> dt.date:
    start = today - dt.timedelta(days=10)
    rehab_programme(db, None, start, needs=TEMPO_PAIN)
    return start


def test_no_programme_and_no_findings_says_how_to_get_one(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    with pytest.raises(NotFound, match="niggle triage"):
        rehab_programme(db, None, today)


def test_a_programme_is_built_stored_and_shown_again(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    week = WeekContext(
        key_run_dates=(dt.date(2026, 12, 1), dt.date(2026, 12, 3)),
        cross_training_dates=(dt.date(2026, 11, 30),),
    )
    built = rehab_programme(db, None, today, needs=TEMPO_PAIN, week=week)
    assert built.built_now and built.saved is not None
    assert 6 <= len(built.saved.programme.exercises) <= 8
    assert not set(built.schedule) & set(week.key_run_dates)
    assert dt.date(2026, 11, 30) in built.schedule

    again = rehab_programme(db, None, today)
    assert not again.built_now
    assert again.saved == built.saved
    doc = rehab_document(again)
    assert doc["programme"]["sessions_per_week"] == 2
    first = doc["programme"]["exercises"][0]
    for key in (
        "id",
        "name",
        "dose",
        "progression",
        "regression",
        "cautions",
        "level",
        "how",
        "source",
    ):
        assert key in first


def test_rebuilding_keeps_the_old_programme_in_history(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    rehab_programme(db, None, today, needs=TEMPO_PAIN)
    rehab_programme(
        db, None, today, needs=RehabNeeds("non_specific", "routine", frozenset({"extension"}))
    )
    with db.begin() as session:
        history = repo.programme_history(session, sam.id or 0)
    assert len(history) == 2
    assert history[0].replaced_on == today and history[1].replaced_on is None
    current = rehab_programme(db, None, today)
    ids = [e.exercise_id for e in current.saved.programme.exercises]  # type: ignore[union-attr]
    assert "prone_press_up" not in ids and "knee_to_chest" in ids


def test_an_urgent_triage_withholds_and_retires_the_programme(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    rehab_programme(db, None, today, needs=TEMPO_PAIN)
    withheld = rehab_programme(db, None, today, needs=RehabNeeds("possible_bone_stress", "urgent"))
    assert withheld.saved is None and withheld.withheld_because
    doc = rehab_document(withheld)
    assert doc["programme"]["exercises"] == [] and doc["programme"]["withheld"] is True
    # The old programme is not shown again: the runner must be seen first.
    with pytest.raises(NotFound):
        rehab_programme(db, None, today)


def test_two_green_sessions_at_target_progress_and_a_flare_steps_back(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    start = _start(db, today)
    d1, d2, d3 = (start + dt.timedelta(days=n) for n in (1, 3, 5))
    first = log_rehab_session(db, None, today, d1, pain_during=1, target_reached=True)
    assert first.colour == "pending"  # waits for the next morning
    assert log_rehab_session(db, None, today, d1, settled_next_morning=True).colour == "green"
    second = log_rehab_session(
        db, None, today, d2, pain_during=2, settled_next_morning=True, target_reached=True
    )
    assert second.colour == "green"
    assert {c.to_level for c in second.changes} == {3}
    assert second.view.levels["squat"] == 3

    flare = log_rehab_session(db, None, today, d3, pain_during=7, exercises=["squat"])
    assert flare.colour == "flare"
    assert [(c.exercise_id, c.to_level) for c in flare.changes] == [("squat", 2)]
    assert flare.view.levels["glute_bridge"] == 3

    shown = rehab_document(rehab_programme(db, None, today))
    assert [s["date"] for s in shown["sessions"]] == [d.isoformat() for d in (d1, d2, d3)]
    assert len(shown["level_changes"]) == len(second.changes) + 1


def test_logging_the_same_day_again_completes_it_and_keeps_earlier_answers(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    start = _start(db, today)
    day = start + dt.timedelta(days=2)
    log_rehab_session(db, None, today, day, pain_during=3, note="felt tight")
    done = log_rehab_session(db, None, today, day, settled_next_morning=True)
    assert done.session.pain_during == 3 and done.session.note == "felt tight"
    assert done.colour == "amber"
    assert len(done.view.sessions) == 1


def test_bad_session_input_is_refused_and_nothing_is_written(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    with pytest.raises(NotFound, match="no rehab programme"):
        log_rehab_session(db, None, today, today, pain_during=1)
    start = _start(db, today)
    cases = [
        (dict(on=today + dt.timedelta(days=1), pain_during=1), "future"),
        (dict(on=start - dt.timedelta(days=1), pain_during=1), "started on"),
        (dict(on=today, pain_during=11), "0-10"),
        (dict(on=today, settled_next_morning=True), "tomorrow"),
        (dict(on=today, exercises=["handstand"]), "Not in your programme"),
        (dict(on=today, note="x" * 2001), "2,000"),
    ]
    for kwargs, fragment in cases:
        with pytest.raises(InvalidInput, match=fragment):
            log_rehab_session(db, None, today, **kwargs)  # type: ignore[arg-type]
    assert rehab_programme(db, None, today).sessions == ()


def test_options_are_parsed_strictly() -> None:
    assert parse_classification("possible-bone-stress") == "possible_bone_stress"
    assert parse_care_level("Self_Care") == "self_care"
    assert parse_provokers("tempo, intervals") == {"tempo", "intervals"}
    for bad, parse in [
        ("broken", parse_classification),
        ("later", parse_care_level),
        ("hills", parse_provokers),
    ]:
        with pytest.raises(InvalidInput, match="Use"):
            parse(bad)  # type: ignore[operator]


def test_deleting_the_athlete_removes_their_programme_and_sessions(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    start = _start(db, today)
    log_rehab_session(db, None, today, start + dt.timedelta(days=1), pain_during=1)
    from niggle.store import athletes as athletes_repo

    with db.begin() as session:
        athletes_repo.delete(session, sam.id or 0)
    from sqlalchemy import func, select

    from niggle.store.tables.rehab import RehabProgrammeRow, RehabSessionRow

    with db.begin() as session:
        assert session.scalar(select(func.count()).select_from(RehabProgrammeRow)) == 0
        assert session.scalar(select(func.count()).select_from(RehabSessionRow)) == 0


def test_sessions_avoid_the_plans_key_runs(db: Database, sam: Athlete, today: dt.date) -> None:
    created = create_plan(
        db,
        None,
        today,
        race_date=today + dt.timedelta(weeks=16),
        template_id="first-marathon",
        fitness=RaceResult(5000, 1350),
    )
    view = rehab_programme(db, None, today, needs=TEMPO_PAIN)
    window = [w for w in created.plan.workouts if today <= w.on <= today + dt.timedelta(days=7)]
    key = {w.on for w in window if w.kind in ("intervals", "tempo", "long")}
    assert key, "the plan has key runs in the coming week"
    assert view.schedule and not set(view.schedule) & key
    cross = {w.on for w in window if w.kind == "cross"}
    if cross:
        assert set(view.schedule) & cross


def _triage(
    db: Database,
    athlete: Athlete,
    on: dt.date,
    care: str,
    classification: str,
    answers: dict[str, object],
) -> int:
    from niggle.domain.triage.records import TriageRecord
    from niggle.store import triage as triage_repo

    record = TriageRecord(
        athlete_id=athlete.id or 0,
        taken_on=on,
        care_level=care,  # type: ignore[arg-type]
        running="modify",
        classification=classification,  # type: ignore[arg-type]
        provisional=False,
        answers=answers,
    )
    with db.begin() as session:
        stored = triage_repo.add(session, record)
    assert stored.id is not None
    return stored.id


def test_the_latest_triage_builds_the_programme(db: Database, sam: Athlete, today: dt.date) -> None:
    triage_id = _triage(
        db,
        sam,
        today,
        "self_care",
        "non_specific",
        {"provoked_by": ["tempo", "intervals"], "extension_pain": True},
    )
    view = rehab_programme(db, None, today)
    assert view.built_now and view.saved is not None
    assert view.saved.triage_id == triage_id
    assert view.saved.needs.provoked_by == {"tempo", "intervals", "extension"}
    assert view.saved.built_from.startswith("triage of")
    ids = [e.exercise_id for e in view.saved.programme.exercises]
    assert "prone_press_up" not in ids and "knee_to_chest" in ids
    assert not any(n.rule == "not_screened_here" for n in view.notes)
    assert not rehab_programme(db, None, today).built_now  # same triage: kept


def test_a_newer_urgent_triage_withdraws_the_programme(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    start = today - dt.timedelta(days=7)
    _triage(db, sam, start, "routine", "non_specific", {"provoked_by": ["tempo"]})
    assert rehab_programme(db, None, start).saved is not None
    _triage(db, sam, today, "urgent", "possible_bone_stress", {"hop_pain": True})
    view = rehab_programme(db, None, today)
    assert view.saved is None and view.withheld_because
    assert rehab_programme(db, None, today).saved is None  # and it stays withdrawn
    with pytest.raises(NotFound):
        log_rehab_session(db, None, today, today, pain_during=1)


def test_options_never_lower_an_urgent_triage(db: Database, sam: Athlete, today: dt.date) -> None:
    _triage(db, sam, today, "urgent", "possible_bone_stress", {})
    view = rehab_programme(
        db, None, today, needs=RehabNeeds("non_specific", "self_care", frozenset())
    )
    assert view.saved is None and "same-day" in (view.withheld_because or "")


def test_options_after_a_triage_are_kept_until_a_newer_triage(
    db: Database, sam: Athlete, today: dt.date
) -> None:
    _triage(db, sam, today - dt.timedelta(days=3), "routine", "non_specific", {})
    built = rehab_programme(
        db, None, today, needs=RehabNeeds("non_specific", "routine", frozenset({"bending"}))
    )
    assert built.saved is not None and built.saved.built_from.startswith("options")
    again = rehab_programme(db, None, today)
    assert not again.built_now and again.saved == built.saved
