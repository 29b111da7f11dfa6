"""Adaptations and check-ins as they are kept: what was applied, and what each check-in said."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from niggle.domain.adapt_pain import Band
from niggle.domain.adapt_rules import AdaptStatus
from niggle.domain.plans import PlannedWorkout


@dataclass(frozen=True, slots=True)
class AppliedChange:
    workout_id: int
    on: dt.date
    rule: str
    because: str
    before: PlannedWorkout | None
    after: PlannedWorkout | None


@dataclass(frozen=True, slots=True)
class AppliedAdaptation:
    """A proposal the runner agreed to; ``undone_on`` is set once ``--undo`` put it back."""

    athlete_id: int
    plan_id: int
    as_of: dt.date
    applied_on: dt.date
    status: AdaptStatus
    review_on: dt.date
    changes: tuple[AppliedChange, ...] = ()
    document: Mapping[str, Any] = field(default_factory=dict)
    undone_on: dt.date | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class CheckinRecord:
    """The parts of a check-in beyond its pain report (which lives with the training log)."""

    athlete_id: int
    pain_report_id: int
    on: dt.date
    band: Band
    limping: bool | None = None
    new_leg_symptoms: bool | None = None
    plan_workout_id: int | None = None
    id: int | None = None
