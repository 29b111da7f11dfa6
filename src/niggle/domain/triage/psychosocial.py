"""Psychosocial screening: scoring a questionnaire into low, medium or high.

niggle ships its own short screen, written in its own words (fear of movement, worry, low
mood, bothersomeness). Licensed instruments such as the Keele STarT Back Tool are not
shipped; an operator who holds a licence can load one in the same format (see
``niggle/knowledge/psychosocial.yaml``). A high band points to physiotherapy with a
reassuring, active approach (Hill 2011 Lancet; NICE NG59 1.1.2-1.1.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from niggle.domain.triage.questions import AnswerValue, Question, ScaleOption

Band = Literal["low", "medium", "high"]
BANDS: Final[tuple[Band, ...]] = ("low", "medium", "high")
SCREEN_FACT: Final = "psychosocial"


@dataclass(frozen=True, slots=True)
class ScreenItem:
    id: str
    text: str
    options: tuple[ScaleOption, ...]
    subscales: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BandRule:
    """A band applies when every threshold it names is reached; bands are tried in order."""

    band: Band
    total_at_least: int | None = None
    subscale: str | None = None
    subscale_at_least: int | None = None

    def applies(self, total: int, subscales: Mapping[str, int]) -> bool:
        if self.total_at_least is not None and total < self.total_at_least:
            return False
        if self.subscale is not None:
            needed = self.subscale_at_least or 0
            return subscales.get(self.subscale, 0) >= needed
        return True


@dataclass(frozen=True, slots=True)
class Questionnaire:
    id: str
    name: str
    time_frame: str
    items: tuple[ScreenItem, ...]
    bands: tuple[BandRule, ...]
    source: str
    licence: str = ""
    notice: str = ""
    preamble: str = ""

    def as_questions(self) -> tuple[Question, ...]:
        return tuple(
            Question(
                id=item.id,
                group="psychosocial",
                text=item.text,
                answer="scale",
                concern="higher",
                options=item.options,
                minimum=min(o.score for o in item.options),
                maximum=max(o.score for o in item.options),
                integer=True,
                topic=self.id,
            )
            for item in self.items
        )


@dataclass(frozen=True, slots=True)
class ScreenResult:
    instrument: str
    band: Band | None
    total: int | None
    subscales: Mapping[str, int]
    missing: tuple[str, ...]


def score_screen(screen: Questionnaire, answers: Mapping[str, AnswerValue]) -> ScreenResult:
    """Score the screen; with any item unanswered the band stays unknown (None)."""
    missing = tuple(item.id for item in screen.items if item.id not in answers)
    if missing:
        return ScreenResult(screen.id, None, None, {}, missing)
    scores = {item.id: _score(answers[item.id]) for item in screen.items}
    total = sum(scores.values())
    subscales: dict[str, int] = {}
    for item in screen.items:
        for name in item.subscales:
            subscales[name] = subscales.get(name, 0) + scores[item.id]
    band: Band = "low"
    for rule in screen.bands:
        if rule.applies(total, subscales):
            band = rule.band
            break
    return ScreenResult(screen.id, band, total, subscales, ())


def _score(value: AnswerValue) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    raise ValueError(f"a screen answer must be a score, not {value!r}")
