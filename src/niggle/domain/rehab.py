"""The rehab programme builder: from triage to 6-8 exercises, 2-3 sessions a week.

The rules, each with its source (clinical.md §2, §4 and §5):

- Emergency or urgent care level: no programme at all, only the action to take (decision
  logic steps 1-2: "no exercise content"; "general comfort advice only").
- Possible serious pathology (cancer, infection): no programme until a clinician has seen the
  runner. Product default (not trial-based), erring to safety; gentle walking is still fine.
- The mix: trunk endurance (McGill et al. 1999; McGill's coaching), hip strength, lower-limb
  strength weighted highest (Cai et al. 2017 MSSE: lower-limb strengthening improved runners'
  function more than lumbar-only programmes) and one mobility drill. 6-8 exercises, 2-3 times a
  week (clinical.md §5, from selfBACK/GLA:D Back practice). The slot counts are product defaults.
- Mobility follows what provokes the pain: flexion relief (knee to chest) when arching hurts,
  the prone press-up (directional preference, McKenzie) when bending or sitting hurts and
  arching does not, otherwise the cat-camel (McGill). Product default.
- Exercises whose ``avoid_when`` matches the classification or a provoker are left out
  (e.g. prone press-up with extension-provoked pain; pogo hops with bone stress signs).
- Impact work (pogo hops) only late, once the runner is ready to run again, and never with
  bone stress signs (Goom, return-to-running guide; clinical.md §4 R7).
- Possible bone stress: running is not part of the programme; non-impact cross-training only.
- A gentler start (level 1) when the classification is not non-specific or care is "soon".
  Product default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Final, Literal

from niggle.domain.rehab_exercises import (
    PROVOKERS,
    Category,
    Classification,
    Exercise,
    ExerciseLibrary,
    Provoker,
)
from niggle.domain.rehab_schedule import SCHEDULE_SOURCE, place_sessions

CareLevel = Literal["emergency", "urgent", "soon", "routine", "self_care"]
CARE_LEVELS: Final[tuple[CareLevel, ...]] = ("emergency", "urgent", "soon", "routine", "self_care")
NO_EXERCISE_CARE_LEVELS: Final[frozenset[CareLevel]] = frozenset({"emergency", "urgent"})

PRODUCT_DEFAULT: Final = "product default (not trial-based)"
DECISION_LOGIC: Final = "clinical.md §2 decision logic (steps 1-2: no exercise content)"
CAI_2017: Final = "Cai et al. 2017 MSSE (lower-limb strengthening for runners with chronic LBP)"

# How many exercises of each kind, lower limb weighted highest (Cai 2017). Product default.
SLOTS: Final[tuple[tuple[Category, int], ...]] = (
    ("lower_limb_strength", 3),
    ("hip_strength", 2),
    ("trunk_endurance", 2),
    ("mobility", 1),
)
# First choices per kind, in order; the builder walks down the list past ruled-out exercises.
# McGill's "big 3" lead the trunk list; the lower-limb list starts with Cai 2017's squat and
# step-up style work. Order is a product default.
PREFERENCE: Final[dict[Category, tuple[str, ...]]] = {
    "lower_limb_strength": (
        "squat",
        "step_up",
        "calf_raise",
        "split_squat",
        "single_leg_balance",
        "romanian_deadlift",
        "single_leg_rdl",
        "assisted_nordic_curl",
    ),
    "hip_strength": ("glute_bridge", "side_lying_hip_abduction", "lateral_band_walk"),
    "trunk_endurance": (
        "mcgill_curl_up",
        "side_bridge",
        "bird_dog",
        "dead_bug",
        "pallof_press",
        "front_plank",
        "suitcase_carry",
        "back_extension_hold",
    ),
    "mobility": (
        "cat_camel",
        "knee_to_chest",
        "prone_press_up",
        "figure_four_stretch",
        "hip_flexor_stretch",
        "hamstring_strap_stretch",
    ),
    "impact_tolerance": ("pogo_hops",),
    "cross_training": ("aqua_jogging", "stationary_bike", "elliptical"),
}
FLEXION_SENSITIVE: Final[frozenset[Provoker]] = frozenset({"bending", "sitting"})
RUNNING_PAUSED_PROVOKERS: Final[frozenset[Provoker]] = frozenset({"all_running"})
GENTLE_START_LEVEL: Final = 1
SESSIONS_WHEN_RUNNING: Final = 2
SESSIONS_WHEN_NOT_RUNNING: Final = 3


@dataclass(frozen=True, slots=True)
class RuleNote:
    """One rule the builder applied: what it decided, why, and the source."""

    rule: str
    because: str
    source: str


@dataclass(frozen=True, slots=True)
class ProgrammeExercise:
    exercise_id: str
    level: int


@dataclass(frozen=True, slots=True)
class Programme:
    exercises: tuple[ProgrammeExercise, ...]
    sessions_per_week: int
    cross_training: tuple[str, ...]
    includes_running: bool
    running_advice: str
    schedule: tuple[dt.date, ...] = ()


@dataclass(frozen=True, slots=True)
class ProgrammeDecision:
    """A programme, or the reason there is none (and what to do instead)."""

    programme: Programme | None
    withheld_because: str | None
    notes: tuple[RuleNote, ...]


@dataclass(frozen=True, slots=True)
class RehabNeeds:
    """What triage said, in the terms the builder needs."""

    classification: Classification
    care_level: CareLevel
    provoked_by: frozenset[Provoker] = frozenset()
    ready_for_impact: bool = False  # late stage: running again and pain-free hopping

    @property
    def conditions(self) -> frozenset[str]:
        return frozenset({self.classification}) | frozenset(self.provoked_by)

    @property
    def running_paused(self) -> bool:
        return self.classification == "possible_bone_stress" or bool(
            self.provoked_by & RUNNING_PAUSED_PROVOKERS
        )


@dataclass(frozen=True, slots=True)
class SavedProgramme:
    """A programme as stored for a runner: what it was built from, and when."""

    athlete_id: int
    created_on: dt.date
    needs: RehabNeeds
    programme: Programme
    notes: tuple[RuleNote, ...]
    built_from: str
    id: int | None = None
    replaced_on: dt.date | None = None
    # The newest stored triage when the programme was built; a newer one triggers a rebuild.
    triage_id: int | None = None

    @property
    def start_levels(self) -> dict[str, int]:
        return {e.exercise_id: e.level for e in self.programme.exercises}


def needs_from_triage(
    care_level: CareLevel, classification: Classification, answers: Mapping[str, object]
) -> RehabNeeds:
    """What a stored triage says, in the builder's terms.

    Provokers are the ``provoked_by`` answer; a "yes" to ``extension_pain`` adds extension.
    Unknown words are ignored rather than guessed at.
    """
    provoked: set[Provoker] = set()
    listed = answers.get("provoked_by")
    if isinstance(listed, list | tuple):
        provoked.update(p for p in PROVOKERS if p in listed)
    if answers.get("extension_pain") is True:
        provoked.add("extension")
    return RehabNeeds(classification, care_level, frozenset(provoked))


def at_least_as_urgent(needs: RehabNeeds, stored_level: CareLevel) -> RehabNeeds:
    """Options may describe the pain, but never lower the care level of a stored triage."""
    if CARE_LEVELS.index(stored_level) < CARE_LEVELS.index(needs.care_level):
        return replace(needs, care_level=stored_level)
    return needs


def build_programme(
    library: ExerciseLibrary,
    needs: RehabNeeds,
    *,
    first_day: dt.date | None = None,
    key_run_dates: Iterable[dt.date] = (),
    cross_training_dates: Iterable[dt.date] = (),
) -> ProgrammeDecision:
    notes: list[RuleNote] = []
    if needs.care_level in NO_EXERCISE_CARE_LEVELS:
        urgency = "emergency" if needs.care_level == "emergency" else "same-day"
        because = (
            f"Triage found signs that need {urgency} "
            "care. Follow the care advice first; an exercise programme comes only after a "
            "clinician has seen you."
        )
        notes.append(RuleNote("no_programme_at_emergency_or_urgent", because, DECISION_LOGIC))
        return ProgrammeDecision(None, because, tuple(notes))
    if needs.classification == "possible_serious":
        because = (
            "Some answers point to a cause a clinician should rule out first. Keep gently "
            "active (walking is fine) and book to see a clinician within 1-2 weeks; niggle "
            "will build a programme once you have been assessed."
        )
        notes.append(RuleNote("no_programme_until_assessed", because, PRODUCT_DEFAULT))
        return ProgrammeDecision(None, because, tuple(notes))

    conditions = needs.conditions
    chosen: list[Exercise] = []
    for category, count in _slots(needs):
        picks = _pick(library, _preferences(category, needs), conditions, count, notes)
        chosen.extend(picks)
    notes.append(
        RuleNote(
            "lower_limb_weighting",
            "Most exercises strengthen the hips and legs: in runners with back pain this "
            "helped running function more than back-only programmes.",
            CAI_2017,
        )
    )

    gentle = needs.classification != "non_specific" or needs.care_level == "soon"
    if gentle:
        notes.append(
            RuleNote(
                "gentle_start",
                "Every exercise starts at level 1 because triage asked for caution.",
                PRODUCT_DEFAULT,
            )
        )
    exercises = tuple(
        ProgrammeExercise(e.id, GENTLE_START_LEVEL if gentle else e.start_level) for e in chosen
    )

    cross = tuple(
        e.id
        for e in (library.get(i) for i in PREFERENCE["cross_training"] if i in library)
        if not e.ruled_out_by(conditions)
    )
    includes_running, running_advice = _running(needs, notes)
    sessions = SESSIONS_WHEN_NOT_RUNNING if needs.running_paused else SESSIONS_WHEN_RUNNING
    schedule: tuple[dt.date, ...] = ()
    if first_day is not None:
        schedule = place_sessions(first_day, sessions, key_run_dates, cross_training_dates)
        notes.append(
            RuleNote(
                "placement",
                "Sessions go on cross-training or other non-key days, spread through the week.",
                SCHEDULE_SOURCE,
            )
        )
    notes.append(
        RuleNote(
            "sessions_per_week",
            f"{sessions} sessions a week"
            + (" while running is paused." if needs.running_paused else " around your runs."),
            "clinical.md §5: 6-8 exercises, 2-3 times a week; the choice within it is a "
            + PRODUCT_DEFAULT,
        )
    )
    programme = Programme(
        exercises=exercises,
        sessions_per_week=sessions,
        cross_training=cross,
        includes_running=includes_running,
        running_advice=running_advice,
        schedule=schedule,
    )
    return ProgrammeDecision(programme, None, tuple(notes))


def _slots(needs: RehabNeeds) -> list[tuple[Category, int]]:
    slots: list[tuple[Category, int]] = list(SLOTS)
    if needs.ready_for_impact and not needs.running_paused:
        # Late stage: one lower-limb slot becomes impact work (it is still leg loading).
        late: list[tuple[Category, int]] = [("impact_tolerance", 1)]
        slots = [(c, n - 1 if c == "lower_limb_strength" else n) for c, n in slots] + late
    return slots


def _preferences(category: Category, needs: RehabNeeds) -> tuple[str, ...]:
    order = PREFERENCE.get(category, ())
    if category != "mobility":
        return order
    provokers = needs.provoked_by
    if "extension" in provokers and not provokers & FLEXION_SENSITIVE:
        first = ("knee_to_chest",)
    elif provokers & FLEXION_SENSITIVE and "extension" not in provokers:
        first = ("prone_press_up",)
    else:
        first = ("cat_camel",)
    return first + tuple(i for i in order if i not in first)


def _pick(
    library: ExerciseLibrary,
    order: tuple[str, ...],
    conditions: frozenset[str],
    count: int,
    notes: list[RuleNote],
) -> list[Exercise]:
    picks: list[Exercise] = []
    for exercise_id in order:
        if len(picks) == count:
            break
        if exercise_id not in library:
            continue
        exercise = library.get(exercise_id)
        blocked = exercise.ruled_out_by(conditions)
        if blocked:
            notes.append(
                RuleNote(
                    f"left_out:{exercise.id}",
                    f"{exercise.name} is left out because of: {', '.join(sorted(blocked))}.",
                    exercise.source,
                )
            )
            continue
        picks.append(exercise)
    return picks


def _running(needs: RehabNeeds, notes: list[RuleNote]) -> tuple[bool, str]:
    if needs.classification == "possible_bone_stress":
        advice = (
            "No running and no hopping until a clinician has checked the bone stress signs; "
            "keep fit with non-impact cross-training at the same time and effort."
        )
        notes.append(
            RuleNote(
                "bone_stress_no_running",
                "Bone stress injuries respond poorly to running through pain.",
                "Goom, return-to-running guide; clinical.md §4 R7",
            )
        )
        return False, advice
    if "all_running" in needs.provoked_by:
        advice = (
            "Every run provokes the pain for now: swap runs for cross-training of the same "
            "time and effort, and return through the walk-run ladder once it settles."
        )
        notes.append(
            RuleNote(
                "running_provokes_swap",
                "All running provokes the pain, so runs are swapped for cross-training.",
                "clinical.md §4 R6-R8 (product rules, not trial-based)",
            )
        )
        return False, advice
    return True, (
        "Keep running within the pain rules: pain during up to 2/10 is fine, 3-5 is allowed, "
        "over 5 means stop and walk; it must settle by the next morning."
    )
