"""The packaged exercise library: complete, sourced, dosed, and loud about bad data."""

from __future__ import annotations

from importlib.resources import files

import pytest
import yaml

from niggle.domain.rehab_exercises import AVOID_WHEN_VALUES, CATEGORIES, Dose
from niggle.knowledge.exercises import (
    ExerciseDataInvalid,
    load_exercise_library,
    parse_exercise_library,
)

LIBRARY = load_exercise_library()


def _raw() -> dict:  # type: ignore[type-arg]
    text = (files("niggle.knowledge") / "exercises.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def test_at_least_28_exercises_cover_every_category() -> None:
    assert len(LIBRARY.exercises) >= 28
    for category in CATEGORIES:
        assert LIBRARY.in_category(category), category
    # Cai 2017's emphasis: the library offers more lower-limb than trunk options is not required,
    # but it must offer enough of each to fill a programme's slots after exclusions.
    assert len(LIBRARY.in_category("lower_limb_strength")) >= 6
    assert len(LIBRARY.in_category("trunk_endurance")) >= 5


@pytest.mark.parametrize("exercise", LIBRARY.exercises, ids=lambda e: e.id)
def test_every_exercise_is_complete(exercise) -> None:  # type: ignore[no-untyped-def]
    assert exercise.name and exercise.target and exercise.source.strip()
    assert 2 <= len(exercise.how) <= 4
    assert all(step.strip() for step in exercise.how)
    assert 3 <= len(exercise.levels) <= 4
    assert [lvl.level for lvl in exercise.levels] == list(range(1, len(exercise.levels) + 1))
    assert 1 <= exercise.start_level <= exercise.top_level
    for level in exercise.levels:
        assert not level.dose.is_empty
        assert level.dose.describe() not in ("", "as able")
        assert level.description.strip()
    assert exercise.avoid_when <= AVOID_WHEN_VALUES


def test_the_table_cautions_are_machine_readable() -> None:
    assert "possible_bone_stress" in LIBRARY.get("pogo_hops").avoid_when
    assert LIBRARY.get("pogo_hops").late_stage
    assert "extension" in LIBRARY.get("prone_press_up").avoid_when
    assert "extension" in LIBRARY.get("back_extension_hold").avoid_when
    assert {"sitting", "bending"} <= LIBRARY.get("stationary_bike").avoid_when
    assert "possible_radicular" in LIBRARY.get("hamstring_strap_stretch").avoid_when
    assert any("bone stress" in c for c in LIBRARY.get("pogo_hops").cautions)


def test_lower_limb_exercises_cite_cai_2017() -> None:
    cited = [e for e in LIBRARY.in_category("lower_limb_strength") if "Cai" in e.source]
    assert len(cited) >= 5


def test_product_defaults_say_so() -> None:
    defaults = [e for e in LIBRARY.exercises if "product default" in e.source]
    assert defaults, "some doses are product defaults and must be labelled"


def test_doses_read_like_a_coach_writes_them() -> None:
    assert Dose(sets=3, reps=10, per_side=True).describe() == "3 × 10/side"
    assert Dose(sets=3, hold_s=30).describe() == "3 × 30 s"
    assert Dose(minutes=20).describe() == "20 min"
    assert Dose(sets=1, pyramid=(5, 3, 1), hold_s=10).describe() == "5-3-1 reps, 10 s holds"
    assert Dose(sets=3, distance_m=20, per_side=True).describe() == "3 × 20 m/side"
    assert Dose(sets=2, contacts=10).describe() == "2 × 10 contacts"


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False)


def test_a_missing_source_is_refused() -> None:
    data = _raw()
    del data["exercises"][0]["source"]
    with pytest.raises(ExerciseDataInvalid, match=r"exercises\.0\.source"):
        parse_exercise_library(_dump(data))


def test_a_level_without_a_dose_amount_is_refused() -> None:
    data = _raw()
    data["exercises"][3]["levels"][1]["dose"] = {"sets": 3}
    with pytest.raises(ExerciseDataInvalid, match="needs an amount"):
        parse_exercise_library(_dump(data))


def test_unknown_category_avoid_value_and_bad_level_numbers_are_all_reported() -> None:
    data = _raw()
    data["exercises"][0]["category"] = "core_magic"
    data["exercises"][1]["avoid_when"] = ["full_moon"]
    data["exercises"][2]["levels"][0]["level"] = 2
    with pytest.raises(ExerciseDataInvalid) as caught:
        parse_exercise_library(_dump(data))
    message = caught.value.message
    assert "3 problem(s)" in message
    assert "full_moon" in message
    assert "numbered 1, 2, 3" in message


def test_too_few_exercises_duplicates_and_junk_are_refused() -> None:
    data = _raw()
    data["exercises"] = [*data["exercises"][:5], data["exercises"][0]]
    with pytest.raises(ExerciseDataInvalid, match="at least 28") as caught:
        parse_exercise_library(_dump(data))
    assert "duplicate" in caught.value.message
    with pytest.raises(ExerciseDataInvalid, match="not valid YAML"):
        parse_exercise_library("exercises: [unclosed")
    with pytest.raises(ExerciseDataInvalid):
        parse_exercise_library("just a string")
    data = _raw()
    data["exercises"][0]["surprise"] = True
    with pytest.raises(ExerciseDataInvalid, match="surprise"):
        parse_exercise_library(_dump(data))
