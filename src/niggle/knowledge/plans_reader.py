"""Reading a plan from YAML nodes, so every problem carries its line, column and field.

Walking the node tree (``yaml.compose``) rather than loaded data keeps marks for every value
and keeps values such as ``15:00`` as text: YAML 1.1 would read them as base-60 integers.
The reader records every problem it meets and carries on, so one run reports them all.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Final

import yaml

from niggle.domain.errors import InvalidInput
from niggle.domain.plans import (
    STEP_TYPES,
    WORKOUT_KINDS,
    PlanTemplate,
    Step,
    StepType,
    WeekTemplate,
    WorkoutKind,
    WorkoutTemplate,
    step_totals,
)
from niggle.domain.plans_paces import parse_pace_ref
from niggle.domain.plans_schedule import parse_weekday
from niggle.domain.units import parse_distance, parse_duration

SCHEMA_VERSION: Final = 1
MAX_WEEKS: Final = 52
MAX_REPEAT: Final = 50
# Beyond these a value is a typo, not a workout (a step of 100 km, a 6-hour interval).
MAX_STEP_M: Final = 100_000.0
MAX_STEP_S: Final = 6 * 3600.0
MAX_WORKOUT_M: Final = 110_000.0
DEFAULT_WARMUP: Final = Step("warmup", duration_s=15 * 60, pace="easy")
DEFAULT_COOLDOWN: Final = Step("cooldown", duration_s=10 * 60, pace="easy")
_ID_RE: Final = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
_TIME_RE: Final = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|sec|secs|min|mins)$")

_TOP_FIELDS: Final = (
    "schema_version",
    "id",
    "name",
    "race",
    "source",
    "description",
    "defaults",
    "every_week",
    "weeks",
)
_WEEK_FIELDS: Final = ("week", "workouts", "note")
_WORKOUT_FIELDS: Final = ("kind", "title", "steps", "time", "day", "optional", "note")
_STEP_FIELDS: Final = ("warmup", "work", "recovery", "cooldown", "repeat", "steps", "pace", "note")


@dataclass(frozen=True, slots=True)
class PlanProblem:
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}" if self.line else "file"
        return f"{where}: {self.field}: {self.message}"


class PlanReader:
    def __init__(self) -> None:
        self.problems: list[PlanProblem] = []

    def problem(self, node: yaml.Node | None, path: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        self.problems.append(PlanProblem(line, column, path, message))

    def mapping(
        self, node: yaml.Node, path: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"expected a mapping of fields ({', '.join(allowed)})")
            return None
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            where = f"{path}.{key}" if path else key
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                self.problem(
                    key_node,
                    where,
                    f"unknown field {key!r}{suggestion}; known fields: {', '.join(allowed)}",
                )
            elif key in fields:
                self.problem(key_node, where, f"{key!r} is given twice")
            else:
                fields[key] = value_node
        return fields

    def text(self, node: yaml.Node, path: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
            self.problem(node, path, "expected text")
            return None
        return str(node.value).strip()

    def integer(self, node: yaml.Node, path: str, low: int, high: int) -> int | None:
        value = self.text(node, path)
        if value is None:
            return None
        if not re.fullmatch(r"[+-]?\d+", value):
            self.problem(node, path, f"expected a whole number, got {value!r}")
            return None
        number = int(value)
        if not low <= number <= high:
            self.problem(node, path, f"{number} is outside {low}–{high}")
            return None
        return number

    def boolean(self, node: yaml.Node, path: str) -> bool | None:
        value = (self.text(node, path) or "").lower()
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        self.problem(node, path, f"expected true or false, got {value!r}")
        return None

    def sequence(self, node: yaml.Node, path: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, "expected a list (items starting with '- ')")
            return None
        return list(node.value)

    def amount(self, node: yaml.Node, path: str) -> tuple[float | None, float | None]:
        """A distance (``800m``, ``2mi``) or a time (``15:00``, ``90s``, ``20min``)."""
        value = self.text(node, path)
        if value is None:
            return None, None
        try:
            timed = _TIME_RE.match(value.lower())
            if timed:
                factor = 1.0 if timed.group(2).startswith("s") else 60.0
                seconds = float(timed.group(1)) * factor
                if seconds <= 0:
                    raise InvalidInput("a time must be more than zero")
            elif ":" in value:
                seconds = parse_duration(value)
            else:
                metres = parse_distance(value)
                if metres > MAX_STEP_M:
                    raise InvalidInput(f"{value} is more than 100 km for one step")
                return metres, None
        except InvalidInput as exc:
            self.problem(node, path, f"{exc.message} (a step is a distance or a time)")
            return None, None
        if seconds > MAX_STEP_S:
            self.problem(node, path, f"{value} is more than 6 hours for one step")
            return None, None
        return None, seconds

    def pace(self, node: yaml.Node, path: str) -> str | None:
        value = self.text(node, path)
        if value is None:
            return None
        try:
            return parse_pace_ref(value).text
        except InvalidInput as exc:
            self.problem(node, path, exc.message)
            return None

    # --- steps ---------------------------------------------------------------------------

    def step(self, node: yaml.Node, path: str, defaults: dict[str, Step]) -> Step | None:
        if isinstance(node, yaml.ScalarNode):
            name = str(node.value).strip()
            if name in defaults:
                return defaults[name]
            self.problem(node, path, "a bare step must be 'warmup' or 'cooldown'; " + _STEP_HINT)
            return None
        fields = self.mapping(node, path, _STEP_FIELDS)
        if fields is None:
            return None
        kinds = [k for k in fields if k in STEP_TYPES]
        if len(kinds) != 1:
            self.problem(node, path, f"each step needs exactly one of {', '.join(STEP_TYPES)}")
            return None
        kind = kinds[0]
        note = self.text(fields["note"], f"{path}.note") if "note" in fields else None
        if kind == "repeat":
            count = self.integer(fields["repeat"], f"{path}.repeat", 1, MAX_REPEAT)
            if "pace" in fields:
                self.problem(fields["pace"], f"{path}.pace", "put the pace on the inner steps")
            if "steps" not in fields:
                self.problem(node, f"{path}.steps", "a repeat needs the steps it repeats")
                return None
            inner = self.steps(fields["steps"], f"{path}.steps", defaults)
            if count is None or inner is None:
                return None
            return Step("repeat", repeat=count, steps=inner, note=note)
        if "steps" in fields:
            self.problem(fields["steps"], f"{path}.steps", "only a repeat step holds steps")
        distance, duration = self.amount(fields[kind], f"{path}.{kind}")
        pace = self.pace(fields["pace"], f"{path}.pace") if "pace" in fields else None
        if distance is None and duration is None:
            return None
        return Step(
            _step_type(kind), distance_m=distance, duration_s=duration, pace=pace, note=note
        )

    def steps(
        self, node: yaml.Node, path: str, defaults: dict[str, Step]
    ) -> tuple[Step, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        if not items:
            self.problem(node, path, "the list of steps is empty")
            return None
        parsed = [self.step(item, f"{path}[{i}]", defaults) for i, item in enumerate(items)]
        return None if any(s is None for s in parsed) else tuple(s for s in parsed if s)

    # --- workouts, weeks, plan -----------------------------------------------------------

    def workout(
        self, node: yaml.Node, path: str, defaults: dict[str, Step], race_m: float | None
    ) -> WorkoutTemplate | None:
        fields = self.mapping(node, path, _WORKOUT_FIELDS)
        if fields is None:
            return None
        if "kind" not in fields:
            self.problem(node, f"{path}.kind", f"missing; one of {', '.join(WORKOUT_KINDS)}")
            return None
        kind = self.text(fields["kind"], f"{path}.kind")
        if kind not in WORKOUT_KINDS:
            if kind is not None:
                self.problem(
                    fields["kind"],
                    f"{path}.kind",
                    f"unknown kind {kind!r}; one of {', '.join(WORKOUT_KINDS)}",
                )
            return None
        steps: tuple[Step, ...] | None = ()
        if "steps" in fields:
            steps = self.steps(fields["steps"], f"{path}.steps", defaults)
        elif kind == "race" and race_m is not None:
            steps = (Step("work", distance_m=race_m, pace="race"),)
        elif kind in ("intervals", "tempo", "long", "easy"):
            self.problem(node, f"{path}.steps", f"a {kind} run needs its steps")
            steps = None
        duration = None
        if "time" in fields:
            _, duration = self.amount(fields["time"], f"{path}.time")
        day = None
        if "day" in fields:
            try:
                day = parse_weekday(self.text(fields["day"], f"{path}.day") or "")
            except InvalidInput as exc:
                self.problem(fields["day"], f"{path}.day", exc.message)
        optional = (
            self.boolean(fields["optional"], f"{path}.optional") if "optional" in fields else False
        )
        if steps:
            total = sum(step_totals(s, None)[0] for s in steps)
            if total > MAX_WORKOUT_M:
                self.problem(node, path, f"the steps add up to {total / 1000:.1f} km; over 110 km")
            if kind == "race" and race_m and abs(total - race_m) > 0.01 * race_m:
                self.problem(
                    fields.get("steps", node),
                    f"{path}.steps",
                    f"the race steps cover {total / 1000:.2f} km but the plan's race is "
                    f"{race_m / 1000:.2f} km",
                )
        if steps is None:
            return None
        return WorkoutTemplate(
            kind=_kind(kind),
            steps=steps,
            title=self.text(fields["title"], f"{path}.title") if "title" in fields else None,
            duration_s=duration,
            note=self.text(fields["note"], f"{path}.note") if "note" in fields else None,
            day=day,
            optional=bool(optional),
        )

    def workouts(
        self, node: yaml.Node, path: str, defaults: dict[str, Step], race_m: float | None
    ) -> tuple[WorkoutTemplate, ...]:
        items = self.sequence(node, path) or []
        parsed = [
            self.workout(item, f"{path}[{i}]", defaults, race_m) for i, item in enumerate(items)
        ]
        pinned: dict[int, int] = {}
        for i, workout in enumerate(parsed):
            if workout is not None and workout.is_run and workout.day is not None:
                if workout.day in pinned:
                    self.problem(
                        items[i], f"{path}[{i}].day", "two runs are pinned to the same day"
                    )
                pinned[workout.day] = i
        return tuple(w for w in parsed if w is not None)

    def defaults(self, node: yaml.Node) -> dict[str, Step]:
        found = {"warmup": DEFAULT_WARMUP, "cooldown": DEFAULT_COOLDOWN}
        fields = self.mapping(node, "defaults", ("warmup", "cooldown")) or {}
        for name, value in fields.items():
            step = self.step(value, f"defaults.{name}", {})
            if step is not None and step.type != name:
                self.problem(value, f"defaults.{name}", f"the default {name} must be a {name}")
            elif step is not None:
                found[name] = step
        return found

    def plan(self, root: yaml.Node) -> PlanTemplate | None:
        fields = self.mapping(root, "", _TOP_FIELDS)
        if fields is None:
            return None
        for required in ("id", "name", "race", "weeks"):
            if required not in fields:
                self.problem(root, required, "missing; see docs/PLANS.md")
        if "schema_version" in fields:
            self.integer(fields["schema_version"], "schema_version", 1, SCHEMA_VERSION)
        plan_id = self.text(fields["id"], "id") if "id" in fields else None
        if plan_id is not None and not _ID_RE.match(plan_id):
            self.problem(fields["id"], "id", "use 2-63 lower-case letters, digits and dashes")
        race_m = None
        if "race" in fields:
            race_m, seconds = self.amount(fields["race"], "race")
            if seconds is not None:
                self.problem(fields["race"], "race", "the race is a distance, e.g. marathon")
        defaults = (
            self.defaults(fields["defaults"])
            if "defaults" in fields
            else {
                "warmup": DEFAULT_WARMUP,
                "cooldown": DEFAULT_COOLDOWN,
            }
        )
        every_week: tuple[WorkoutTemplate, ...] = ()
        if "every_week" in fields:
            every_week = self.workouts(fields["every_week"], "every_week", defaults, race_m)
            for i, workout in enumerate(every_week):
                if workout.is_run:
                    self.problem(
                        fields["every_week"],
                        f"every_week[{i}].kind",
                        "every_week holds cross-training, strength or rest, not runs",
                    )
        weeks = self.weeks(fields["weeks"], defaults, race_m) if "weeks" in fields else ()
        if self.problems or plan_id is None or race_m is None:
            return None
        return PlanTemplate(
            id=plan_id,
            name=self.text(fields["name"], "name") or plan_id,
            race_distance_m=race_m,
            weeks=weeks,
            every_week=every_week,
            source=self.text(fields["source"], "source") if "source" in fields else None,
            description=(
                self.text(fields["description"], "description") if "description" in fields else None
            ),
        )

    def weeks(
        self, node: yaml.Node, defaults: dict[str, Step], race_m: float | None
    ) -> tuple[WeekTemplate, ...]:
        items = self.sequence(node, "weeks")
        if items is None:
            return ()
        if not items or len(items) > MAX_WEEKS:
            self.problem(node, "weeks", f"a plan has 1–{MAX_WEEKS} weeks; this has {len(items)}")
            return ()
        weeks: list[WeekTemplate] = []
        for i, item in enumerate(items):
            path = f"weeks[{i}]"
            fields = self.mapping(item, path, _WEEK_FIELDS)
            if fields is None:
                continue
            if "week" not in fields:
                self.problem(item, f"{path}.week", f"missing; this is week {i + 1}")
            elif self.integer(fields["week"], f"{path}.week", 1, MAX_WEEKS) not in (None, i + 1):
                self.problem(
                    fields["week"], f"{path}.week", f"weeks go 1, 2, 3...; expected {i + 1}"
                )
            if "workouts" not in fields:
                self.problem(item, f"{path}.workouts", "missing; list the week's workouts")
                continue
            workouts = self.workouts(fields["workouts"], f"{path}.workouts", defaults, race_m)
            races = [w for w in workouts if w.kind == "race"]
            if i == len(items) - 1 and len(races) != 1:
                self.problem(
                    fields["workouts"],
                    f"{path}.workouts",
                    f"the last week must hold exactly one race workout (found {len(races)})",
                )
            note = self.text(fields["note"], f"{path}.note") if "note" in fields else None
            weeks.append(WeekTemplate(i + 1, workouts, note))
        return tuple(weeks)


_STEP_HINT: Final = (
    "write steps as {work: 800m, pace: rep_800}, {recovery: 400m}, "
    "{repeat: 6, steps: [...]}, warmup or cooldown"
)


def _step_type(text: str) -> StepType:
    for step_type in STEP_TYPES:
        if step_type == text:
            return step_type
    raise ValueError(text)


def _kind(text: str) -> WorkoutKind:
    for kind in WORKOUT_KINDS:
        if kind == text:
            return kind
    raise ValueError(text)
