"""The interactive check-in behind ``niggle triage``: Rich prompts on standard error.

Emergency questions come first, then urgent, then the rest, the psychosocial screen, the
pain itself and training. What a runner's text says is shown and confirmed, never assumed;
a red flag the text raised stays raised even if the runner says no (text can raise a
concern, never clear one). The interview stops as soon as the answer is emergency or urgent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from niggle.cli.state import today

if TYPE_CHECKING:
    from rich.console import Console

    from niggle.domain.intake import TextIntake
    from niggle.domain.triage.models import CareContacts, TriageKnowledge, TriageResult
    from niggle.domain.triage.questions import AnswerValue, Question
    from niggle.services.triage import AnswersInput, Runner


class Asker(Protocol):
    """How the interview talks to the runner; the Rich version below, a script in tests."""

    def say(self, text: str) -> None: ...
    def yes_no(self, prompt: str) -> bool: ...
    def choice(self, prompt: str, choices: list[str]) -> str: ...
    def number(self, prompt: str, low: float, high: float, integer: bool) -> float: ...
    def items(self, prompt: str, choices: list[str]) -> tuple[str, ...]: ...
    def scale(self, prompt: str, options: list[tuple[str, int]]) -> int: ...


class RichAsker:
    """Rich prompts on standard error, so standard output stays clean for --json."""

    def __init__(self, console: Console | None = None) -> None:
        from niggle.cli.output import err_console

        self.console = console or err_console()

    def say(self, text: str) -> None:
        self.console.print(text)

    def yes_no(self, prompt: str) -> bool:
        from rich.prompt import Confirm

        return bool(Confirm.ask(prompt, console=self.console))

    def choice(self, prompt: str, choices: list[str]) -> str:
        from rich.prompt import Prompt

        return str(Prompt.ask(prompt, choices=choices, console=self.console))

    def number(self, prompt: str, low: float, high: float, integer: bool) -> float:
        from rich.prompt import FloatPrompt, IntPrompt

        while True:
            ask = IntPrompt if integer else FloatPrompt
            value = float(ask.ask(f"{prompt} ({_num(low)}-{_num(high)})", console=self.console))
            if low <= value <= high:
                return value
            self.console.print(f"[red]Please give a number from {_num(low)} to {_num(high)}.[/red]")

    def items(self, prompt: str, choices: list[str]) -> tuple[str, ...]:
        from rich.prompt import Prompt

        while True:
            raw = Prompt.ask(
                f"{prompt}\n  (comma-separated from: {', '.join(choices)}; blank for none)",
                default="",
                console=self.console,
            )
            picked = [p.strip().lower() for p in raw.split(",") if p.strip()]
            wrong = [p for p in picked if p not in choices]
            if not wrong:
                return tuple(dict.fromkeys(picked))
            self.console.print(f"[red]Not a choice: {', '.join(wrong)}.[/red]")

    def scale(self, prompt: str, options: list[tuple[str, int]]) -> int:
        from rich.prompt import Prompt

        shown = ", ".join(f"{score} = {label}" for label, score in options)
        picked = Prompt.ask(
            f"{prompt}\n  ({shown})",
            choices=[str(score) for _, score in options],
            console=self.console,
        )
        return int(picked)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def make_asker() -> Asker:
    return RichAsker()


def interview(
    known: TriageKnowledge,
    contacts: CareContacts,
    runner: Runner,
    given: AnswersInput | None,
    intake: TextIntake | None,
) -> AnswersInput:
    """Ask the questions in order; stop as soon as the answer is emergency or urgent."""
    from niggle.domain.triage.answers import merge_text
    from niggle.domain.triage.questions import QUESTION_GROUPS
    from niggle.services.triage import (
        AnswersInput,
        interview_questions,
        question_applies,
        result_so_far,
    )

    asker = make_asker()
    answers: dict[str, AnswerValue] = dict(given.answers) if given else {}
    age = given.age if given and given.age is not None else runner.age
    sex = given.sex if given and given.sex is not None else runner.sex
    asker.say(f"[dim]{known.disclaimer}[/dim]\n")
    # What the text says, offered for the runner to confirm: never assumed.
    proposals: dict[str, Any] = {}
    if intake is not None:
        _show_text_findings(asker, intake)
        merged = merge_text(interview_questions(known), {}, intake, age)
        for use in merged.uses:
            if use.used and use.question_id not in proposals:
                proposals[use.question_id] = use
    if age is None:
        from_text = proposals.get("age")
        if (
            from_text is not None
            and isinstance(from_text.value, int)
            and asker.yes_no(f'Your text says: "{from_text.quote}". Are you {from_text.value}?')
        ):
            age = from_text.value
        else:
            age = int(asker.number("How old are you?", 0, 120, True))
    questions = interview_questions(known)
    for group in QUESTION_GROUPS:
        in_group = [q for q in questions if q.group == group]
        if in_group:
            asker.say(f"\n[bold]{_GROUP_TITLES[group]}[/bold]")
        for question in in_group:
            if question.id in answers or not question_applies(question, answers, age, sex):
                continue
            answers[question.id] = _ask(asker, question, proposals.get(question.id))
        if group in ("emergency", "urgent"):
            so_far = result_so_far(known, contacts, today(), answers, age, sex, intake)
            if so_far.care_level in ("emergency", "urgent"):
                _ask_what_could_make_it_worse(
                    asker, so_far, answers, proposals, known, contacts, intake
                )
                asker.say("\n[bold red]Stop here: you need care now, see below.[/bold red]")
                break
    return AnswersInput(answers, age, sex, given.claims if given else ())


def _ask_what_could_make_it_worse(
    asker: Asker,
    so_far: TriageResult,
    answers: dict[str, AnswerValue],
    proposals: dict[str, Any],
    known: TriageKnowledge,
    contacts: CareContacts,
    intake: TextIntake | None,
) -> None:
    """Before stopping at urgent, ask anything that could still make it an emergency."""
    from niggle.services.triage import result_so_far

    by_id = {q.id: q for q in known.questions}
    while so_far.care_level != "emergency" and so_far.questions_raising:
        for qid in so_far.questions_raising:
            answers[qid] = _ask(asker, by_id[qid], proposals.get(qid))
        so_far = result_so_far(known, contacts, today(), answers, so_far.age, so_far.sex, intake)


_GROUP_TITLES = {
    "emergency": "First, questions that need an answer straight away",
    "urgent": "Next, things that need a check today",
    "other": "Some more about your back",
    "psychosocial": "How the pain has been affecting you",
    "pain": "The pain itself",
    "training": "Your training",
}


def _ask(asker: Asker, question: Question, proposal: Any) -> AnswerValue:
    from niggle.domain.triage.conditions import describe_value

    if proposal is not None:
        asker.say(f'Your text says: "{proposal.quote}"')
        shown = describe_value(proposal.value)
        if asker.yes_no(f"{question.text}\n  niggle read your text as: {shown}. Is that right?"):
            value: AnswerValue = proposal.value
            return value
        if question.is_red_flag and question.is_concerning(proposal.value):
            asker.say(
                "[yellow]niggle will still count this, to be safe: a text can raise a concern "
                "but never clear one. If it misread you, change the text and check in again."
                "[/yellow]"
            )
        if question.answer == "yes_no" and isinstance(proposal.value, bool):
            return not proposal.value  # "that's not right" to a yes/no reading is the other answer
    if question.help:
        asker.say(f"[dim]{question.help}[/dim]")
    if question.answer == "yes_no":
        return asker.yes_no(question.text)
    if question.answer == "choice":
        return asker.choice(question.text, list(question.choices))
    if question.answer == "list":
        return asker.items(question.text, list(question.choices))
    if question.answer == "scale":
        return asker.scale(question.text, [(o.label, o.score) for o in question.options])
    number = asker.number(
        question.text, question.minimum or 0, question.maximum or 0, question.integer
    )
    return int(number) if question.integer else number


def _show_text_findings(asker: Asker, intake: TextIntake) -> None:
    lines = []
    if intake.region:
        lines.append(f"where: {intake.region.replace('_', ' ')}")
    if intake.onset:
        lines.append(f"how it started: {intake.onset}")
    if intake.provoked_by:
        lines.append(f"brought on by: {', '.join(intake.provoked_by)}")
    if intake.eased_by:
        lines.append(f"eased by: {', '.join(intake.eased_by)}")
    if intake.previous_episodes is not None:
        lines.append(f"earlier episodes: {intake.previous_episodes}")
    training = intake.training
    if training.plan:
        week = f", week {training.plan_week}" if training.plan_week else ""
        lines.append(f"plan: {training.plan}{week}")
    if training.workouts:
        lines.append(f"workouts: {', '.join(training.workouts)}")
    if intake.claims:
        lines.append(
            f"advice you have heard: {', '.join(c.replace('_', ' ') for c in intake.claims)}"
        )
    if lines:
        asker.say("From your text, niggle read:\n  " + "\n  ".join(lines))
    asker.say("niggle will check anything the text says with you as it asks its questions.")
