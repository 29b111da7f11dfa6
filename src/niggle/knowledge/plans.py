"""Plan templates: the packaged FIRST plans and runner-written plan files (docs/PLANS.md).

Templates live as YAML in ``niggle/knowledge/plans/``; :mod:`niggle.knowledge.plans_reader`
turns YAML into a :class:`~niggle.domain.plans.PlanTemplate` and locates every problem.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import yaml

from niggle.domain.errors import InvalidInput, NotFound
from niggle.domain.plans import PlanTemplate
from niggle.knowledge.plans_reader import PlanProblem, PlanReader

__all__ = [
    "PlanFileInvalid",
    "PlanProblem",
    "all_templates",
    "check_plan_text",
    "load_plan_file",
    "load_template",
    "read_plan_text",
    "template_ids",
]


class PlanFileInvalid(InvalidInput):
    """A plan file with problems; ``problems`` locates each one."""

    code = "invalid_plan"

    def __init__(self, source: str, problems: list[PlanProblem]) -> None:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        lines = "\n".join(f"  {source}: {p}" for p in problems)
        super().__init__(
            f"The plan {source} has {count}; fix them and try again "
            f"(the format is in docs/PLANS.md):\n{lines}"
        )
        self.source = source
        self.problems = problems


def check_plan_text(text: str) -> tuple[PlanTemplate | None, list[PlanProblem]]:
    """Read a plan from YAML text: the template, or every problem found."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = f"not valid YAML: {exc.problem or exc.context}"
        return None, [PlanProblem(line, column, "(file)", message)]
    except yaml.YAMLError as exc:
        return None, [PlanProblem(None, None, "(file)", f"not valid YAML: {exc}")]
    if root is None:
        return None, [PlanProblem(None, None, "(file)", "the file is empty")]
    reader = PlanReader()
    template = reader.plan(root)
    problems = sorted(reader.problems, key=lambda p: (p.line or 0, p.column or 0))
    return template, problems


def load_plan_file(path: Path) -> PlanTemplate:
    """A runner-written plan; raises :class:`PlanFileInvalid` listing every problem."""
    text = read_plan_text(path)
    template, problems = check_plan_text(text)
    if problems or template is None:
        raise PlanFileInvalid(path.name, problems)
    return template


def read_plan_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"There is no plan file at {path}. Check the path.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder; give the plan's .yaml file.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None
    if len(data) > 1_000_000:
        raise InvalidInput(f"{path} is over 1 MB; a plan file is a few kilobytes of YAML.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{path} is not UTF-8 text; save the plan as a UTF-8 YAML file."
        ) from None


def template_ids() -> list[str]:
    folder = files("niggle.knowledge") / "plans"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_template(template_id: str) -> PlanTemplate:
    """A packaged template by id, e.g. ``first-marathon``."""
    if template_id not in template_ids():
        raise NotFound(
            f"No plan template {template_id!r}. Known: {', '.join(template_ids())} "
            "(list them with: niggle plan templates)."
        )
    text = (files("niggle.knowledge") / "plans" / f"{template_id}.yaml").read_text("utf-8")
    template, problems = check_plan_text(text)
    if problems or template is None:  # a packaging bug, caught by the template tests
        raise PlanFileInvalid(f"{template_id}.yaml", problems)
    return template


def all_templates() -> list[PlanTemplate]:
    return [load_template(i) for i in template_ids()]
