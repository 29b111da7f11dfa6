"""A triage result as kept with the athlete, for adaptation and the weekly re-screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from niggle.domain.triage.levels import CareLevel, Classification, RunningStatus


@dataclass(frozen=True, slots=True)
class TriageRecord:
    athlete_id: int
    taken_on: dt.date
    care_level: CareLevel
    running: RunningStatus
    classification: Classification
    provisional: bool
    # The answers as given (JSON-ready) and the full output document of CONTRACTS.md.
    answers: Mapping[str, Any] = field(default_factory=dict)
    document: Mapping[str, Any] = field(default_factory=dict)
    text: str | None = None
    id: int | None = None
