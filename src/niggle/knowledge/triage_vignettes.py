"""Loading niggle's triage vignettes (``knowledge/vignettes/*.yaml``), shipped as package
data so ``niggle triage-report`` runs in a fresh install.

``baseline.yaml`` holds a complete negative screen; each vignette states what differs.
Every answer is checked against the question ids and types, so a vignette can never test
an answer the engine would refuse.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated, Any, Final, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from niggle.domain.errors import InvalidInput
from niggle.domain.triage.answers import check_age, check_answers, check_sex
from niggle.domain.triage.engine import all_questions
from niggle.domain.triage.levels import CareLevel, Classification, RunningStatus
from niggle.domain.triage.models import TriageKnowledge
from niggle.domain.triage.report import Vignette
from niggle.knowledge.triage_conditions import TriageKnowledgeInvalid

FOLDER: Final = "vignettes"
BASELINE: Final = "baseline.yaml"

_M = TypeVar("_M", bound=BaseModel)
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectedModel(_Strict):
    level: CareLevel
    running: RunningStatus
    classification: Classification | None = None


class VignetteModel(_Strict):
    id: Ident
    title: Annotated[str, Field(min_length=1, max_length=200)]
    age: int | None = None
    sex: str | None = None
    answers: dict[str, Any] = {}
    expected: ExpectedModel
    text: str | None = None
    text_states: tuple[Ident, ...] = ()
    claims: tuple[Ident, ...] = ()
    tags: tuple[Ident, ...] = ()


class VignetteFile(_Strict):
    version: Literal[1]
    vignettes: tuple[VignetteModel, ...] = Field(min_length=1)


class BaselineFile(_Strict):
    version: Literal[1]
    answers: dict[str, Any]


def load_vignettes(known: TriageKnowledge) -> tuple[Vignette, ...]:
    folder = files("niggle.knowledge") / FOLDER
    names = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml") and entry.name != BASELINE
    )
    baseline = _model(BaselineFile, _read(folder / BASELINE, BASELINE), BASELINE).answers
    questions = all_questions(known)
    by_id = {q.id: q for q in questions}
    loaded: list[Vignette] = []
    for name in names:
        model = _model(VignetteFile, _read(folder / name, name), name)
        for v in model.vignettes:
            where = f"vignettes/{name}: {v.id}"
            try:
                answers = check_answers(questions, {**baseline, **v.answers}, f"{where}.answers")
                age = check_age(v.age, f"{where}.age") if v.age is not None else None
                sex = check_sex(v.sex, f"{where}.sex") if v.sex is not None else None
            except InvalidInput as exc:
                raise TriageKnowledgeInvalid(exc.message) from exc
            for flag in v.text_states:
                question = by_id.get(flag)
                if question is None or not question.is_red_flag:
                    raise TriageKnowledgeInvalid(f"{where}.text_states: {flag} is not a red flag")
            if v.text_states and not v.text:
                raise TriageKnowledgeInvalid(f"{where}: text_states without a text")
            unknown = [c for c in v.claims if c not in known.claims]
            if unknown:
                raise TriageKnowledgeInvalid(f"{where}.claims: unknown claim {unknown[0]}")
            loaded.append(
                Vignette(
                    id=v.id,
                    title=v.title,
                    answers=answers,
                    expected_level=v.expected.level,
                    expected_running=v.expected.running,
                    age=age,
                    sex=sex,
                    expected_classification=v.expected.classification,
                    text=v.text,
                    text_states=v.text_states,
                    claims=v.claims,
                    tags=v.tags,
                )
            )
    ids = [v.id for v in loaded]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise TriageKnowledgeInvalid(f"vignettes: repeated ids {', '.join(repeated)}")
    return tuple(loaded)


def _read(entry: Any, name: str) -> object:
    try:
        return yaml.safe_load(entry.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TriageKnowledgeInvalid(f"vignettes/{name} cannot be read: {exc}") from exc


def _model(model: type[_M], raw: object, name: str) -> _M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]
        )
        raise TriageKnowledgeInvalid(f"vignettes/{name} is invalid: {problems}") from exc
