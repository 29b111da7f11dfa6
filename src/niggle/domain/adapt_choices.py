"""What each session in the review window becomes, and the rule and reason for it.

:class:`Planner` is asked about the window's workouts in date order, because two rules look
back along the window: the spike cap counts the runs planned before a long run, and the
return-to-run ladder keeps a rest day from running between its sessions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from niggle.domain.activity import Activity
from niggle.domain.adapt_kinds import KIND_WORDS, KindReading
from niggle.domain.adapt_ladder import LadderState, next_phases
from niggle.domain.adapt_pain import GreenWeeks
from niggle.domain.adapt_rules import AdaptationRules, AdaptStatus, RuleId, status_rank
from niggle.domain.adapt_triggers import Trigger, day
from niggle.domain.adapt_workouts import (
    NON_IMPACT,
    capped,
    cross_training,
    describe_workout,
    easy_run,
    ladder_run,
    minutes,
    reduced,
    rest,
    same_session,
    session_seconds,
    walk_test,
)
from niggle.domain.plans import PlannedWorkout, WorkoutKind
from niggle.domain.plans_text import distance_text
from niggle.domain.units import UnitSystem

SPIKE_SLACK_M: Final = 1e-6
RESTORED: Final = (
    "The reason for the earlier change to this session has cleared, so it is back as the "
    "plan has it."
)


@dataclass(frozen=True, slots=True)
class Choice:
    workout: PlannedWorkout
    rule: RuleId
    because: str


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


class Planner:
    """Chooses each session's target; remembers the window so far (spikes, ladder spacing)."""

    def __init__(
        self,
        *,
        rules: AdaptationRules,
        units: UnitSystem,
        as_of: dt.date,
        triggers: Sequence[Trigger],
        kinds: dict[WorkoutKind, KindReading],
        greens: GreenWeeks,
        ladder: LadderState | None,
        pace: float | None,
        activities: Sequence[Activity],
    ) -> None:
        self.rules = rules
        self.units = units
        self.as_of = as_of
        self.triggers = tuple(triggers)
        self.kinds = kinds
        self.greens = greens
        self.ladder = ladder
        self.pace = pace
        self.act_now = any(t.act_now for t in triggers)
        self.stop: AdaptStatus = "continue"
        for trigger in triggers:
            if status_rank(trigger.status) > status_rank(self.stop):
                self.stop = trigger.status
        self._logged_runs = [
            (a.local_date, a.distance_m) for a in activities if a.is_run and a.distance_m
        ]
        self._planned_runs: list[tuple[dt.date, float]] = []
        self._ladder_last = ladder.last_run_on if ladder else None
        self._ladder_phases = next_phases(ladder, rules.ladder, 7) if ladder else []
        self._walk_test_placed = False
        self._notes: dict[str, tuple[RuleId, str]] = {}

    # ------------------------------------------------------------------ entry points

    def choose(self, original: PlannedWorkout, current: PlannedWorkout) -> Choice:
        if self.act_now:
            choice = self._care(original)
        elif self.stop == "stop_and_seek_care":
            choice = self._non_impact(original, current)
        elif self.stop == "pause_running":
            choice = self._pause(original, current)
        elif self.ladder is not None:
            choice = self._ladder(original, current)
        else:
            choice = self._normal(original, current)
        if choice.workout.is_run and choice.workout.distance_m:
            self._planned_runs.append((choice.workout.on, choice.workout.distance_m))
        return choice

    def intensity_held_back(self) -> bool:
        return any(r.state in ("swap", "first_step") for r in self.kinds.values())

    def notes(self) -> list[tuple[RuleId, str]]:
        return list(self._notes.values())

    # ------------------------------------------------------------------ helpers

    def _keep(self, original: PlannedWorkout, current: PlannedWorkout) -> Choice:
        rule: RuleId = "restore_plan"
        return Choice(original, rule, "" if same_session(original, current) else RESTORED)

    def _seconds(self, workout: PlannedWorkout) -> float:
        return session_seconds(workout, self.pace)

    def _rpe(self, workout: PlannedWorkout) -> float:
        return self.rules.swap.rpe_of(workout.kind)

    def _because(self, rule: RuleId) -> str:
        return " ".join(t.because for t in self.triggers if t.rule == rule) or " ".join(
            t.because for t in self.triggers
        )

    # ------------------------------------------------------------------ stopping

    def _care(self, original: PlannedWorkout) -> Choice:
        trigger = next(t for t in self.triggers if t.act_now)
        because = trigger.brief or trigger.because
        if original.kind == "rest":
            return Choice(original, "seek_care", because)
        workout = rest(original, "Rest: see a clinician first", because)
        return Choice(workout, "seek_care", because)

    def _non_impact(self, original: PlannedWorkout, current: PlannedWorkout) -> Choice:
        if not original.is_run:
            return self._keep(original, current)
        seconds, rpe = self._seconds(original), self._rpe(original)
        because = (
            f"{self._because('seek_care')} In place of {describe_workout(original, self.units)}: "
            f"{minutes(seconds)} of {NON_IMPACT}, which keeps your fitness without impact."
        )
        note = f"No running until assessed. {NON_IMPACT.capitalize()} only."
        return Choice(
            cross_training(original, seconds, rpe, note, non_impact=True), "seek_care", because
        )

    def _pause(self, original: PlannedWorkout, current: PlannedWorkout) -> Choice:
        if not original.is_run:
            return self._keep(original, current)
        if original.kind == "race":
            why = self._because("stop_running")
            return Choice(rest(original, "No race: running is paused", why), "stop_running", why)
        seconds, rpe = self._seconds(original), self._rpe(original)
        because = (
            f"{self._because('stop_running')} In place of "
            f"{describe_workout(original, self.units)}: {minutes(seconds)} of cross-training "
            f"at the same effort (RPE {rpe:g}), so your fitness keeps ticking over while "
            "running rests."
        )
        note = "Running is paused: bike, cross-trainer, swimming or aqua-jogging instead."
        return Choice(cross_training(original, seconds, rpe, note), "stop_running", because)

    # ------------------------------------------------------------------ coming back

    def _ladder(self, original: PlannedWorkout, current: PlannedWorkout) -> Choice:
        state = self.ladder
        if state is None or not original.is_run:
            return self._keep(original, current)
        ladder = self.rules.ladder
        stopped = f"Running stopped on {day(state.stopped_on)} and the reason has cleared."
        seconds, rpe = self._seconds(original), self._rpe(original)
        if state.walk_test_on is None:
            if not self._walk_test_placed:
                self._walk_test_placed = True
                because = (
                    f"{stopped} Before running again, walk briskly for "
                    f"{minutes(ladder.walk_test_s)}: if it is pain-free, the walk/run ladder "
                    "starts (R8). Log the walk (niggle log cross --sport walk) and run niggle "
                    "adapt again."
                )
                note = "Log it with niggle log cross --sport walk, then run niggle adapt."
                workout = walk_test(original, ladder.walk_test_s, note)
                return Choice(workout, "return_to_run", because)
            because = (
                f"{stopped} Until a brisk walk has been pain-free, cross-train for the same "
                f"time ({minutes(seconds)}) instead of running (R8)."
            )
            note = "Cross-train instead of running until the walk test is done."
            return Choice(cross_training(original, seconds, rpe, note), "return_to_run", because)
        last = self._ladder_last
        if last is not None and (original.on - last).days <= ladder.rest_days_between:
            because = (
                f"At least {ladder.rest_days_between} rest day from running between ladder "
                f"sessions (R8); your last was {day(last)}. Cross-train for "
                f"{minutes(seconds)} instead if you like."
            )
            note = "A rest day from running between ladder sessions."
            return Choice(cross_training(original, seconds, rpe, note), "return_to_run", because)
        self._ladder_last = original.on
        number = self._ladder_phases.pop(0) if self._ladder_phases else ladder.top
        phase = ladder.phase(number)
        walk_day = day(state.walk_test_on)
        because = (
            f"{stopped} Your brisk walk on {walk_day} was pain-free, so running comes back "
            f"through the walk/run ladder (R8, from a Trials 2023 protocol): phase {number} "
            f"of {ladder.top}. Do each phase at least {ladder.repeats_per_phase} times, with a "
            "rest day from running between, and move up only if pain, stiffness or swelling "
            "has not increased."
        )
        if state.held_back:
            because += " Your last run's pain rose, so the phase is repeated."
        if state.unchecked_runs:
            self._notes["ladder_unchecked"] = (
                "return_to_run",
                f"{state.unchecked_runs} run(s) since the stop have no check-in, so they do not "
                "move you up the ladder. Check in after each one.",
            )
        note = (
            "Walk/run ladder: stop and walk home if pain rises above 5/10. "
            "Check in afterwards and the next morning."
        )
        workout = ladder_run(original, phase, ladder, self.units, self.pace, note)
        return Choice(workout, "return_to_run", because)

    # ------------------------------------------------------------------ normal running

    def _normal(self, original: PlannedWorkout, current: PlannedWorkout) -> Choice:
        kind = original.kind
        if kind in self.rules.swap.intensity_kinds:
            return self._intensity(original, current, self.kinds[kind])
        if kind in ("long", "easy"):
            reading = self.kinds[kind]
            if reading.state == "swap":
                return self._cross_for(original, reading)
            capped_choice = self._spike(original)
            if capped_choice is not None:
                return capped_choice
            if not same_session(original, current) and current.kind == original.kind:
                cap = self._spike_limit(original.on)
                if cap is not None and current.distance_m != original.distance_m:
                    why = (
                        f"{original.title} is now within {self.rules.spike.ratio:.2f} × your "
                        f"longest run of the last {self.rules.spike.lookback_days} days, so it "
                        "is back as planned (R5)."
                    )
                    return Choice(original, "spike_cap", why)
            if reading.state == "full" and not same_session(original, current):
                why = (
                    f"Two green weeks in a row since {day(self.greens.since)}: the "
                    f"{KIND_WORDS[kind]} is back as planned."
                )
                return Choice(original, "reintroduce_intensity", why)
        return self._keep(original, current)

    def _intensity(
        self, original: PlannedWorkout, current: PlannedWorkout, reading: KindReading
    ) -> Choice:
        words = KIND_WORDS[reading.kind]
        if reading.state == "swap":
            easy = self.kinds.get("easy")
            if easy is not None and easy.state == "swap":
                return self._cross_for(original, reading)
            seconds = self._seconds(original)
            because = (
                f"{_sentence(reading.evidence)}. Easy running has not brought red pain, so only "
                f"what hurts is swapped: an easy run of the same time ({minutes(seconds)}) keeps "
                "your time on your feet without the pace that provokes the pain. The long run "
                "stays unless it hurts too (R6, a product default)."
            )
            rpe = self._rpe(original)
            note = (
                f"In place of {describe_workout(original, self.units)}. If easy running hurts "
                f"too, cross-train for {minutes(seconds)} at RPE {rpe:g} instead."
            )
            return Choice(easy_run(original, seconds, self.pace, note), "intensity_swap", because)
        counts = " and ".join(str(n) for n in reversed(self.greens.checkins))
        green_max = self.rules.bands.green_max
        if reading.state == "first_step":
            fraction = self.rules.reintroduce.first_step_fraction
            part = "a shorter tempo segment" if reading.kind == "tempo" else "fewer reps"
            because = (
                f"Two green weeks in a row since {day(self.greens.since)} ({counts} check-ins, "
                f"none above {green_max}/10), so intensity comes back step by step: first "
                f"{part} ({fraction:.0%} of the {words}); the full session once this one stays "
                "green (R6, a product default)."
            )
            note = "First step back to intensity: stop the reps if pain goes above 2/10."
            workout = reduced(original, fraction, self.units, self.pace, note)
            return Choice(workout, "reintroduce_intensity", because)
        if reading.state == "full" and not same_session(original, current):
            when = day(reading.green_again_on) if reading.green_again_on else "recently"
            because = (
                f"The {words} on {when} stayed green, so the full session is back "
                "(second step of bringing intensity back; R6, a product default)."
            )
            return Choice(original, "reintroduce_intensity", because)
        return self._keep(original, current)

    def _cross_for(self, original: PlannedWorkout, reading: KindReading) -> Choice:
        seconds, rpe = self._seconds(original), self._rpe(original)
        easy = self.kinds.get("easy")
        easy_words = (
            f" Easy running hurts too ({easy.evidence})."
            if easy is not None and easy.state == "swap" and reading.kind != "easy"
            else ""
        )
        because = (
            f"{_sentence(reading.evidence)}.{easy_words} Swapped for cross-training of the same "
            f"time ({minutes(seconds)}) at the effort of the {KIND_WORDS[reading.kind]} "
            f"(RPE {rpe:g}) until two green weeks in a row (R6, a product default)."
        )
        note = f"In place of {describe_workout(original, self.units)}."
        return Choice(cross_training(original, seconds, rpe, note), "intensity_swap", because)

    # ------------------------------------------------------------------ spike cap (R5)

    def _spike_limit(self, on: dt.date) -> tuple[float, dt.date, float] | None:
        """(cap, day and distance of the longest run it is measured from), or None."""
        spike = self.rules.spike
        first = on - dt.timedelta(days=spike.lookback_days)
        logged = [(d, m) for d, m in self._logged_runs if first <= d < on]
        if not logged:
            return None  # no runs logged to measure against (RUNSAFE measured logged runs)
        # Runs planned earlier in the window count too: they will have been run by then.
        before = logged + [(d, m) for d, m in self._planned_runs if first <= d < on]
        longest_on, longest = max(before, key=lambda pair: (pair[1], pair[0]))
        cap = math.floor(spike.ratio * longest / spike.round_down_m) * spike.round_down_m
        return cap, longest_on, longest

    def _spike(self, original: PlannedWorkout) -> Choice | None:
        distance = original.distance_m
        if not original.is_run or not distance:
            return None
        limit = self._spike_limit(original.on)
        if limit is None:
            self._notes["spike_no_baseline"] = (
                "spike_cap",
                "No runs in the last 30 days to measure the long run against: build back up "
                "gradually, no more than 10% longer than your longest recent run.",
            )
            return None
        cap, longest_on, longest = limit
        ratio = self.rules.spike.ratio
        if distance <= ratio * longest + SPIKE_SLACK_M:
            return None
        units = self.units
        because = (
            f"{original.title} would be {distance / longest:.2f} × your longest run of the last "
            f"{self.rules.spike.lookback_days} days ({distance_text(longest, units)} on "
            f"{day(longest_on)}). Runs more than {ratio - 1:.0%} longer than that raise injury "
            "risk (Garmin-RUNSAFE 2025: hazard ratio 1.64 for 10–30% spikes), so it is capped "
            f"at {distance_text(cap, units)} (R5)."
        )
        note = f"Capped at {distance_text(cap, units)} (spike rule); planned {original.title}."
        return Choice(capped(original, cap, units, self.pace, note), "spike_cap", because)
