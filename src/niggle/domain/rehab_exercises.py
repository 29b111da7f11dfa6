"""Exercises of the rehab library, as the programme builder sees them.

Each exercise has GLA:D Back-style difficulty levels (GLA:D Back uses 8 exercise types at 4
levels). Level 1 is the regression; every higher level is a progression; ``start_level`` is the
usual starting dose (clinical.md §5). A level's dose is data, so the progression rules never
have to parse text.

The vocabulary for ``avoid_when`` mixes triage classifications (``possible_bone_stress``) and
what provokes the pain (``extension``, ``bending``, ``sitting``, ``all_running``), because both
come out of triage and both rule exercises out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Category = Literal[
    "trunk_endurance",
    "hip_strength",
    "lower_limb_strength",
    "mobility",
    "impact_tolerance",
    "cross_training",
    "general_activity",
]
CATEGORIES: Final[tuple[Category, ...]] = (
    "trunk_endurance",
    "hip_strength",
    "lower_limb_strength",
    "mobility",
    "impact_tolerance",
    "cross_training",
    "general_activity",
)

Classification = Literal[
    "non_specific",
    "possible_radicular",
    "possible_bone_stress",
    "possible_inflammatory",
    "possible_serious",
]
CLASSIFICATIONS: Final[tuple[Classification, ...]] = (
    "non_specific",
    "possible_radicular",
    "possible_bone_stress",
    "possible_inflammatory",
    "possible_serious",
)

# What makes the pain worse: the triage contract's ``provoked_by`` plus extension (the
# ``extension_pain`` question), which decides whether prone press-ups are safe.
Provoker = Literal[
    "intervals", "tempo", "long", "easy", "all_running", "sitting", "bending", "extension"
]
PROVOKERS: Final[tuple[Provoker, ...]] = (
    "intervals",
    "tempo",
    "long",
    "easy",
    "all_running",
    "sitting",
    "bending",
    "extension",
)
AVOID_WHEN_VALUES: Final[frozenset[str]] = frozenset(CLASSIFICATIONS) | frozenset(PROVOKERS)


@dataclass(frozen=True, slots=True)
class Dose:
    """How much of an exercise: sets of reps, holds, minutes, metres or foot contacts.

    ``pyramid`` is McGill's descending-pyramid pattern, e.g. (5, 3, 1) reps per set.
    """

    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    minutes: int | None = None
    distance_m: int | None = None
    contacts: int | None = None
    pyramid: tuple[int, ...] = ()
    per_side: bool = False

    def describe(self) -> str:
        side = "/side" if self.per_side else ""
        if self.minutes is not None:
            return f"{self.minutes} min"
        sets = f"{self.sets} × " if self.sets else ""
        if self.pyramid:
            reps = "-".join(str(r) for r in self.pyramid)
            hold = f", {self.hold_s} s holds" if self.hold_s else ""
            rounds = f"{self.sets} rounds of " if self.sets and self.sets > 1 else ""
            return f"{rounds}{reps} reps{side}{hold}"
        if self.reps is not None and self.hold_s is not None:
            return f"{sets}{self.reps}{side}, {self.hold_s} s hold each"
        if self.reps is not None:
            return f"{sets}{self.reps}{side}"
        if self.hold_s is not None:
            return f"{sets}{self.hold_s} s{side}"
        if self.distance_m is not None:
            return f"{sets}{self.distance_m} m{side}"
        if self.contacts is not None:
            return f"{sets}{self.contacts} contacts{side}"
        return sets.rstrip(" ×") or "as able"

    @property
    def is_empty(self) -> bool:
        return not (
            self.reps or self.hold_s or self.minutes or self.distance_m or self.contacts
        ) and not (self.pyramid)


@dataclass(frozen=True, slots=True)
class ExerciseLevel:
    level: int
    dose: Dose
    description: str


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    target: str
    category: Category
    how: tuple[str, ...]
    levels: tuple[ExerciseLevel, ...]
    start_level: int
    cautions: tuple[str, ...]
    avoid_when: frozenset[str]
    source: str
    late_stage: bool = False  # impact work: only once the runner is well on the way back

    @property
    def top_level(self) -> int:
        return self.levels[-1].level

    def level(self, number: int) -> ExerciseLevel:
        """The level ``number``, held inside 1..top so a stored level can never fall off."""
        clamped = min(max(number, 1), self.top_level)
        return self.levels[clamped - 1]

    def progression(self, number: int) -> ExerciseLevel | None:
        return None if number >= self.top_level else self.level(number + 1)

    def regression(self, number: int) -> ExerciseLevel | None:
        return None if number <= 1 else self.level(number - 1)

    def ruled_out_by(self, conditions: frozenset[str]) -> frozenset[str]:
        """Which of the runner's conditions (classification, provokers) rule this out."""
        return self.avoid_when & conditions


@dataclass(frozen=True, slots=True)
class ExerciseLibrary:
    exercises: tuple[Exercise, ...]

    def __post_init__(self) -> None:
        ids = [e.id for e in self.exercises]
        if len(ids) != len(set(ids)):
            raise ValueError("exercise ids must be unique")

    def get(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def __contains__(self, exercise_id: object) -> bool:
        return any(e.id == exercise_id for e in self.exercises)

    def in_category(self, category: Category) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.category == category)
