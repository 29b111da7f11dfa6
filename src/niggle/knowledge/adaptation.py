"""Loading the plan-adaptation rules (``adaptation_rules.yaml``) into domain values.

Validated strictly: every rule the engine uses must be present with every parameter it reads,
each must name a source, and a rule marked as a product default must say so in its source.
A broken file fails loudly with every problem listed; it never half-loads.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Annotated, Any, Final, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from niggle.domain.adapt_rules import (
    ADAPT_STATUSES,
    RULE_IDS,
    AdaptationRules,
    AdaptStatus,
    IntensitySwap,
    LadderPhase,
    PainBands,
    Reintroduction,
    ReturnToRun,
    RuleId,
    RuleInfo,
    SeekCare,
    SpikeCap,
    StopRunning,
)
from niggle.domain.errors import NiggleError
from niggle.domain.plans import WorkoutKind
from niggle.domain.units import METRES_PER_MILE

RULES_FILE: Final = "adaptation_rules.yaml"
PRODUCT_DEFAULT: Final = "product default (not trial-based)"
CARE_URGENCIES: Final = ("emergency", "urgent", "soon", "routine")

Text = Annotated[str, Field(min_length=1, max_length=1200)]
Nrs = Annotated[int, Field(ge=0, le=10)]


class AdaptationRulesInvalid(NiggleError):
    """The packaged adaptation rules (or a file given in their place) are broken."""

    code = "invalid_adaptation_rules"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PainBandsModel(_Strict):
    green_max: Nrs
    amber_max: Nrs
    after_max: Nrs
    settled_max: Nrs
    rising_min: Nrs
    lookback_days: int = Field(ge=1, le=60)

    @model_validator(mode="after")
    def _ordered(self) -> PainBandsModel:
        if not self.green_max < self.amber_max < 10:
            raise ValueError("bands need green_max < amber_max < 10")
        if not self.green_max <= self.after_max <= self.amber_max:
            raise ValueError("after_max must lie between green_max and amber_max")
        return self


class SpikeModel(_Strict):
    ratio: float = Field(gt=1.0, le=2.0)
    lookback_days: int = Field(ge=7, le=90)
    round_down_m: float = Field(gt=0, le=1000)


class SwapModel(_Strict):
    intensity_kinds: Annotated[list[Literal["intervals", "tempo"]], Field(min_length=1)]
    effort_rpe: dict[Literal["intervals", "tempo", "long", "easy", "race"], float]

    @model_validator(mode="after")
    def _rpe_range(self) -> SwapModel:
        if any(not 0 <= v <= 10 for v in self.effort_rpe.values()):
            raise ValueError("effort_rpe values are on the 0-10 CR-10 scale")
        missing = {"intervals", "tempo", "long", "easy"} - set(self.effort_rpe)
        if missing:
            raise ValueError(f"effort_rpe needs {sorted(missing)}")
        return self


class StopModel(_Strict):
    flag_urgencies: Annotated[list[Literal["emergency", "urgent", "soon"]], Field(min_length=1)]
    bone_stress_flags: Annotated[list[str], Field(min_length=1)]
    red_in_a_row: int = Field(ge=2, le=5)
    unsettled_mornings: int = Field(ge=1, le=7)
    window_days: int = Field(ge=1, le=28)

    @model_validator(mode="after")
    def _every_serious_level_stops(self) -> StopModel:
        # Safety: emergency and urgent flags must always stop running, whatever the file says.
        if not {"emergency", "urgent"} <= set(self.flag_urgencies):
            raise ValueError("flag_urgencies must include emergency and urgent")
        return self


class CareModel(_Strict):
    act_now_levels: list[Literal["emergency", "urgent"]]

    @model_validator(mode="after")
    def _both(self) -> CareModel:
        if set(self.act_now_levels) != {"emergency", "urgent"}:
            raise ValueError("act_now_levels must be exactly emergency and urgent")
        return self


class PhaseModel(_Strict):
    phase: int = Field(ge=1, le=12)
    distance_mi: float = Field(gt=0, le=10)
    rpe: float = Field(ge=0, le=10)
    run_min: float | None = Field(default=None, gt=0, le=60)
    walk_min: float | None = Field(default=None, gt=0, le=10)
    from_protocol: bool


class LadderModel(_Strict):
    repeats_per_phase: int = Field(ge=1, le=5)
    rest_days_between: int = Field(ge=1, le=3)
    walk_test_min: float = Field(ge=10, le=90)
    walk_speed_m_per_s: float = Field(gt=0.5, le=2.5)
    default_easy_pace_s_per_km: float = Field(ge=240, le=720)
    phases: Annotated[list[PhaseModel], Field(min_length=2, max_length=12)]

    @model_validator(mode="after")
    def _phases_in_order(self) -> LadderModel:
        numbers = [p.phase for p in self.phases]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"phases must be numbered 1, 2, 3 ... in order, not {numbers}")
        if any((p.run_min is None) != (p.walk_min is None) for p in self.phases):
            raise ValueError("a phase gives both run_min and walk_min, or neither (continuous)")
        if self.phases[-1].run_min is not None:
            raise ValueError("the last phase must be continuous running")
        return self


class ReintroduceModel(_Strict):
    green_weeks: int = Field(ge=1, le=6)
    min_checkins_per_week: int = Field(ge=1, le=7)
    first_step_fraction: float = Field(gt=0, lt=1)


class RuleModel(_Strict):
    id: Literal[RULE_IDS]  # type: ignore[valid-type]
    code: Text
    title: Text
    summary: Text
    product_default: bool
    source: Text
    parameters: dict[str, Any]

    @model_validator(mode="after")
    def _source_says_default(self) -> RuleModel:
        if self.product_default and PRODUCT_DEFAULT not in self.source:
            raise ValueError(f"a product default must say {PRODUCT_DEFAULT!r} in its source")
        return self


class ReviewModel(_Strict):
    source: Text
    days: dict[Literal[ADAPT_STATUSES], int]  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _all_statuses(self) -> ReviewModel:
        missing = set(ADAPT_STATUSES) - set(self.days)
        if missing:
            raise ValueError(f"review days needed for {sorted(missing)}")
        if any(not 1 <= d <= 28 for d in self.days.values()):
            raise ValueError("review days must be 1-28")
        return self


class RulesFileModel(_Strict):
    version: int = Field(ge=1, le=1)
    rules: list[RuleModel]
    review: ReviewModel

    @model_validator(mode="after")
    def _every_rule_once(self) -> RulesFileModel:
        ids = [r.id for r in self.rules]
        missing = [i for i in RULE_IDS if i not in ids]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if missing or repeated:
            raise ValueError(f"each rule exactly once: missing {missing}, repeated {repeated}")
        return self


_PARAMETERS: Final[dict[str, type[_Strict]]] = {
    "pain_bands": PainBandsModel,
    "spike_cap": SpikeModel,
    "intensity_swap": SwapModel,
    "stop_running": StopModel,
    "seek_care": CareModel,
    "return_to_run": LadderModel,
    "reintroduce_intensity": ReintroduceModel,
}


def _problems(exc: ValidationError, prefix: str) -> list[str]:
    return [
        f"- {prefix}{'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}"
        for err in exc.errors()
    ]


def parse_adaptation_rules(text: str, source: str = RULES_FILE) -> AdaptationRules:
    """Validate YAML text and build the rules, or raise listing every problem."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AdaptationRulesInvalid(f"{source} is not valid YAML: {exc}") from exc
    try:
        model = RulesFileModel.model_validate(raw)
    except ValidationError as exc:
        lines = _problems(exc, "")
        raise AdaptationRulesInvalid(
            f"{source} has {len(lines)} problem(s):\n" + "\n".join(lines)
        ) from exc
    by_id = {r.id: r for r in model.rules}
    parsed: dict[str, Any] = {}
    lines = []
    for rule_id, schema in _PARAMETERS.items():
        try:
            parsed[rule_id] = schema.model_validate(by_id[rule_id].parameters)
        except ValidationError as exc:
            lines += _problems(exc, f"{rule_id}.parameters.")
    if lines:
        raise AdaptationRulesInvalid(f"{source} has {len(lines)} problem(s):\n" + "\n".join(lines))
    return _to_domain(model, parsed)


def _to_domain(model: RulesFileModel, p: dict[str, Any]) -> AdaptationRules:
    bands: PainBandsModel = p["pain_bands"]
    spike: SpikeModel = p["spike_cap"]
    swap: SwapModel = p["intensity_swap"]
    stop: StopModel = p["stop_running"]
    care: CareModel = p["seek_care"]
    ladder: LadderModel = p["return_to_run"]
    again: ReintroduceModel = p["reintroduce_intensity"]
    kinds: frozenset[WorkoutKind] = frozenset(swap.intensity_kinds)
    info: dict[RuleId, RuleInfo] = {
        r.id: RuleInfo(
            r.id, r.code, r.title, " ".join(r.summary.split()), r.source, r.product_default
        )
        for r in model.rules
    }
    review: dict[AdaptStatus, int] = dict(model.review.days)
    return AdaptationRules(
        info=info,
        bands=PainBands(**bands.model_dump()),
        spike=SpikeCap(**spike.model_dump()),
        swap=IntensitySwap(kinds, {str(k): v for k, v in swap.effort_rpe.items()}),
        stop=StopRunning(
            flag_urgencies=frozenset(stop.flag_urgencies),
            bone_stress_flags=frozenset(stop.bone_stress_flags),
            red_in_a_row=stop.red_in_a_row,
            unsettled_mornings=stop.unsettled_mornings,
            window_days=stop.window_days,
        ),
        care=SeekCare(frozenset(care.act_now_levels)),
        ladder=ReturnToRun(
            phases=tuple(
                LadderPhase(
                    phase=ph.phase,
                    distance_m=ph.distance_mi * METRES_PER_MILE,
                    rpe=ph.rpe,
                    run_s=None if ph.run_min is None else ph.run_min * 60.0,
                    walk_s=None if ph.walk_min is None else ph.walk_min * 60.0,
                    from_protocol=ph.from_protocol,
                )
                for ph in ladder.phases
            ),
            repeats_per_phase=ladder.repeats_per_phase,
            rest_days_between=ladder.rest_days_between,
            walk_test_s=ladder.walk_test_min * 60.0,
            walk_speed_m_per_s=ladder.walk_speed_m_per_s,
            default_easy_pace_s_per_km=ladder.default_easy_pace_s_per_km,
        ),
        reintroduce=Reintroduction(**again.model_dump()),
        review_days=review,
        review_source=" ".join(model.review.source.split()),
    )


@cache
def load_adaptation_rules() -> AdaptationRules:
    """The packaged rules; read once per process (they are immutable)."""
    text = (files("niggle.knowledge") / RULES_FILE).read_text(encoding="utf-8")
    return parse_adaptation_rules(text)
