"""Loading the rehab exercise library (``exercises.yaml``) into domain objects.

The file is validated with pydantic and every problem is reported at once: a library with a
missing source, an unknown category or a level without a dose must never reach a runner.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Annotated, Final

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from niggle.domain.errors import NiggleError
from niggle.domain.rehab_exercises import (
    AVOID_WHEN_VALUES,
    CATEGORIES,
    Category,
    Dose,
    Exercise,
    ExerciseLevel,
    ExerciseLibrary,
)

LIBRARY_FILE: Final = "exercises.yaml"
MIN_EXERCISES: Final = 28
MIN_LEVELS: Final = 3
MAX_LEVELS: Final = 4

Text = Annotated[str, Field(min_length=1, max_length=400)]


class ExerciseDataInvalid(NiggleError):
    """The packaged exercise library (or a file given in its place) is broken."""

    code = "invalid_exercise_library"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DoseModel(_Strict):
    sets: int | None = Field(default=None, ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    hold_s: int | None = Field(default=None, ge=1, le=300)
    minutes: int | None = Field(default=None, ge=1, le=180)
    distance_m: int | None = Field(default=None, ge=1, le=1000)
    contacts: int | None = Field(default=None, ge=1, le=200)
    pyramid: tuple[int, ...] = ()
    per_side: bool = False

    @model_validator(mode="after")
    def _has_an_amount(self) -> DoseModel:
        amounts = (self.reps, self.hold_s, self.minutes, self.distance_m, self.contacts)
        if all(a is None for a in amounts) and not self.pyramid:
            raise ValueError(
                "a dose needs an amount: reps, hold_s, minutes, distance_m, contacts or pyramid"
            )
        if any(r < 1 for r in self.pyramid):
            raise ValueError("pyramid reps must be 1 or more")
        return self

    def to_domain(self) -> Dose:
        return Dose(**self.model_dump())


class LevelModel(_Strict):
    level: int = Field(ge=1, le=MAX_LEVELS)
    dose: DoseModel
    description: Text


class ExerciseModel(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,48}$")]
    name: Text
    target: Text
    category: Category
    how: Annotated[list[Text], Field(min_length=2, max_length=4)]
    start_level: int = Field(ge=1, le=MAX_LEVELS)
    late_stage: bool = False
    levels: Annotated[list[LevelModel], Field(min_length=MIN_LEVELS, max_length=MAX_LEVELS)]
    cautions: list[Text]
    avoid_when: list[str]
    source: Text

    @field_validator("avoid_when")
    @classmethod
    def _known_conditions(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - AVOID_WHEN_VALUES)
        if unknown:
            raise ValueError(
                f"unknown avoid_when value(s) {unknown}; use {sorted(AVOID_WHEN_VALUES)}"
            )
        return value

    @model_validator(mode="after")
    def _levels_count_up(self) -> ExerciseModel:
        numbers = [lvl.level for lvl in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"levels must be numbered 1, 2, 3 ... in order, not {numbers}")
        if self.start_level > len(numbers):
            raise ValueError(f"start_level {self.start_level} is above the top level")
        return self

    def to_domain(self) -> Exercise:
        return Exercise(
            id=self.id,
            name=self.name,
            target=self.target,
            category=self.category,
            how=tuple(self.how),
            levels=tuple(
                ExerciseLevel(lvl.level, lvl.dose.to_domain(), lvl.description)
                for lvl in self.levels
            ),
            start_level=self.start_level,
            cautions=tuple(self.cautions),
            avoid_when=frozenset(self.avoid_when),
            source=self.source,
            late_stage=self.late_stage,
        )


class LibraryModel(_Strict):
    version: int = Field(ge=1, le=1)
    exercises: list[ExerciseModel]

    @model_validator(mode="after")
    def _whole_library(self) -> LibraryModel:
        problems: list[str] = []
        if len(self.exercises) < MIN_EXERCISES:
            problems.append(f"needs at least {MIN_EXERCISES} exercises, has {len(self.exercises)}")
        ids = [e.id for e in self.exercises]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(f"duplicate exercise ids {duplicates}")
        missing = [c for c in CATEGORIES if not any(e.category == c for e in self.exercises)]
        if missing:
            problems.append(f"no exercise in categories {missing}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def parse_exercise_library(text: str, source: str = LIBRARY_FILE) -> ExerciseLibrary:
    """Validate YAML text and build the library, or raise listing every problem."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ExerciseDataInvalid(f"{source} is not valid YAML: {exc}") from exc
    try:
        model = LibraryModel.model_validate(raw)
    except ValidationError as exc:
        lines = [
            f"- {'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise ExerciseDataInvalid(
            f"{source} has {len(lines)} problem(s):\n" + "\n".join(lines)
        ) from exc
    return ExerciseLibrary(tuple(e.to_domain() for e in model.exercises))


@cache
def load_exercise_library() -> ExerciseLibrary:
    """The packaged library; read once per process (it is immutable)."""
    text = (files("niggle.knowledge") / LIBRARY_FILE).read_text(encoding="utf-8")
    return parse_exercise_library(text)
