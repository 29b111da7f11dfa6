"""The runner: who they are, which units they think in, and what their fitness is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from niggle.domain.errors import InvalidInput
from niggle.domain.units import RaceResult, UnitSystem

Sex = Literal["female", "male", "other"]
SEXES: Final[tuple[Sex, ...]] = ("female", "male", "other")

# niggle's advice is written for adults; NICE NG59 covers people aged 16 and over.
MINIMUM_AGE: Final = 16


@dataclass(frozen=True, slots=True)
class RecordedResult:
    """A race result the runner told us about, optionally dated."""

    result: RaceResult
    on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Athlete:
    name: str
    units: UnitSystem = "km"
    birth_year: int | None = None
    sex: Sex | None = None
    results: tuple[RecordedResult, ...] = ()
    weekly_distance_m: float | None = None
    hr_max: int | None = None
    hr_rest: int | None = None
    region: str = "uk"
    id: int | None = field(default=None, compare=False)

    def age_on(self, today: dt.date) -> int | None:
        return None if self.birth_year is None else today.year - self.birth_year

    def fitness_result(self) -> RaceResult | None:
        """The result that sets training paces: the latest dated one, else the last given."""
        if not self.results:
            return None
        dated = [r for r in self.results if r.on is not None]
        if dated:
            return max(dated, key=lambda r: r.on or dt.date.min).result
        return self.results[-1].result

    def with_result(self, result: RaceResult, on: dt.date | None) -> Athlete:
        return replace(self, results=(*self.results, RecordedResult(result, on)))


def parse_sex(text: str) -> Sex:
    value = text.strip().lower()
    aliases: dict[str, Sex] = {
        "f": "female",
        "female": "female",
        "woman": "female",
        "m": "male",
        "male": "male",
        "man": "male",
        "other": "other",
        "x": "other",
    }
    if value not in aliases:
        raise InvalidInput(f"Unknown sex {text!r}. Choose female, male or other, or leave it out.")
    return aliases[value]


def validate_athlete(athlete: Athlete, today: dt.date) -> Athlete:
    """Refuse values that cannot be right, with a message that says how to fix them."""
    name = athlete.name.strip()
    if not name:
        raise InvalidInput("The athlete needs a name, for example --name Sam.")
    if len(name) > 80:
        raise InvalidInput("Names are limited to 80 characters.")
    if athlete.birth_year is not None:
        age = today.year - athlete.birth_year
        if athlete.birth_year > today.year:
            raise InvalidInput(f"Birth year {athlete.birth_year} is in the future.")
        if age < MINIMUM_AGE:
            raise InvalidInput(
                f"niggle is for runners aged {MINIMUM_AGE} and over; a runner born in "
                f"{athlete.birth_year} should get advice from a clinician who sees young athletes."
            )
        if age > 110:
            raise InvalidInput(f"Birth year {athlete.birth_year} gives an age over 110; check it.")
    if athlete.weekly_distance_m is not None and not 0 <= athlete.weekly_distance_m <= 400_000:
        raise InvalidInput("Weekly distance must be between 0 and 400 km.")
    if athlete.hr_max is not None and not 120 <= athlete.hr_max <= 230:
        raise InvalidInput(f"Maximum heart rate {athlete.hr_max} is outside 120–230 bpm.")
    if athlete.hr_rest is not None and not 25 <= athlete.hr_rest <= 110:
        raise InvalidInput(f"Resting heart rate {athlete.hr_rest} is outside 25–110 bpm.")
    for recorded in athlete.results:
        if recorded.on is not None and recorded.on > today:
            raise InvalidInput(f"The race on {recorded.on.isoformat()} is in the future.")
    return replace(athlete, name=name)
