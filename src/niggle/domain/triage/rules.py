"""Running the decision rules over the facts, and writing down why each did or did not fire."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from niggle.domain.triage.conditions import Facts, Truth, describe_facts, evaluate
from niggle.domain.triage.models import Rule, RuleStage, TraceEntry


@dataclass(frozen=True, slots=True)
class Outcome:
    rule: Rule
    truth: Truth

    @property
    def fired(self) -> bool:
        return self.truth is True


def run_rules(rules: Iterable[Rule], stage: RuleStage, facts: Facts) -> list[Outcome]:
    return [Outcome(rule, evaluate(rule.when, facts)) for rule in rules if rule.stage == stage]


def trace_entry(outcome: Outcome, facts: Facts) -> TraceEntry:
    rule = outcome.rule
    seen = describe_facts(rule.when, facts)
    if outcome.truth is True:
        because = f"{rule.because} ({seen})"
    elif outcome.truth is None:
        because = f"cannot tell yet, something it needs is not answered ({seen})"
    else:
        because = f"does not apply ({seen})"
    return TraceEntry(
        rule=rule.id,
        fired=outcome.fired,
        because=because,
        stage=rule.stage,
        known=outcome.truth is not None,
    )
