"""The interactive check-in: question order, stopping early, and confirming what text says."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from niggle.domain.intake import TextFinding, TextIntake
from niggle.domain.triage.engine import all_questions
from niggle.domain.triage.questions import QUESTION_GROUPS, Question
from niggle.knowledge.triage import load_triage_knowledge
from tests.cli.conftest import Runner

QUESTIONS = all_questions(load_triage_knowledge())
BY_ID = {q.id: q for q in QUESTIONS}


class ScriptedAsker:
    """Answers like a runner with a negative screen, except where the script says otherwise."""

    def __init__(self, script: dict[str, Any], confirm: dict[str, bool] | None = None) -> None:
        self.script = script
        self.confirm = confirm or {}
        self.asked: list[str] = []
        self.confirmations: list[str] = []
        self.said: list[str] = []

    def _question(self, prompt: str) -> Question:
        matches = [q for q in QUESTIONS if prompt.startswith(q.text)]
        assert matches, f"unexpected prompt: {prompt}"
        return matches[0]

    def say(self, text: str) -> None:
        self.said.append(text)

    def yes_no(self, prompt: str) -> bool:
        if prompt.startswith("Your text says") and "Are you" in prompt:
            self.confirmations.append("age")
            return self.confirm.get("age", True)
        question = self._question(prompt)
        if "niggle read your text as" in prompt:
            self.confirmations.append(question.id)
            return self.confirm.get(question.id, True)
        self.asked.append(question.id)
        return bool(self.script.get(question.id, question.concern == "no"))

    def choice(self, prompt: str, choices: list[str]) -> str:
        question = self._question(prompt)
        self.asked.append(question.id)
        return str(self.script.get(question.id, choices[0]))

    def number(self, prompt: str, low: float, high: float, integer: bool) -> float:
        if prompt.startswith("How old"):
            return float(self.script["age"])
        question = self._question(prompt)
        self.asked.append(question.id)
        return float(self.script.get(question.id, low))

    def items(self, prompt: str, choices: list[str]) -> tuple[str, ...]:
        question = self._question(prompt)
        self.asked.append(question.id)
        return tuple(self.script.get(question.id, ()))

    def scale(self, prompt: str, options: list[tuple[str, int]]) -> int:
        question = self._question(prompt)
        self.asked.append(question.id)
        return int(self.script.get(question.id, 0))


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    fake = io.StringIO("")
    fake.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", fake)
    yield


def use(monkeypatch: pytest.MonkeyPatch, asker: ScriptedAsker) -> None:
    monkeypatch.setattr("niggle.cli.triage_interview.make_asker", lambda: asker)


def test_questions_come_emergency_first_then_urgent_then_the_rest(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    asker = ScriptedAsker({"age": 38, "pain_during_run_nrs": 6, "provoked_by": ("intervals",)})
    use(monkeypatch, asker)
    outcome = niggle("triage", "--json")
    assert outcome.exit_code == 0, outcome.stderr
    groups = [QUESTION_GROUPS.index(BY_ID[q].group) for q in asker.asked]
    assert groups == sorted(groups)
    assert asker.asked[0] == "saddle_numbness"
    safety = [q.id for q in QUESTIONS if q.is_safety_question and q.ask_if is None]
    assert asker.asked[: len(safety)] == safety
    doc = outcome.json()
    assert doc["provisional"] is False and doc["care_level"] == "self_care"
    assert doc["running"]["status"] == "modify"
    assert any("does not diagnose" in line for line in asker.said)  # the disclaimer


def test_an_emergency_answer_stops_the_interview_at_once(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    asker = ScriptedAsker({"age": 50, "bladder_change": True})
    use(monkeypatch, asker)
    outcome = niggle("triage")
    assert outcome.exit_code == 0, outcome.stderr
    assert all(BY_ID[q].group == "emergency" for q in asker.asked)
    assert "Call 999 now" in outcome.stdout
    assert "What helps" not in outcome.stdout


def test_an_urgent_answer_stops_after_the_urgent_questions(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    asker = ScriptedAsker({"age": 30, "hop_pain": True})
    use(monkeypatch, asker)
    doc = niggle("triage", "--json").json()
    assert {BY_ID[q].group for q in asker.asked} == {"emergency", "urgent"}
    assert doc["care_level"] == "urgent" and doc["provisional"] is False


def test_text_findings_are_confirmed_and_a_denied_red_flag_still_counts(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch, terminal: None, tmp_path: Any
) -> None:
    intake = TextIntake(
        findings=(TextFinding("saddle_numbness", True, "it feels numb down there"),),
        region="lower_back",
    )
    monkeypatch.setattr("niggle.services.triage.read_runner_text", lambda text: intake)
    asker = ScriptedAsker({"age": 40}, confirm={"saddle_numbness": False})
    use(monkeypatch, asker)
    post = tmp_path / "post.txt"
    post.write_text("it feels numb down there", encoding="utf-8")
    doc = niggle("triage", "--text", str(post), "--json").json()
    assert asker.confirmations == ["saddle_numbness"]
    assert "saddle_numbness" not in asker.asked  # confirmed, not asked again from scratch
    assert any("still count this" in line for line in asker.said)
    assert doc["care_level"] == "emergency"
    assert doc["answer_sources"]["saddle_numbness"] == "answer+text"


def test_confirmed_pain_findings_are_used_without_asking_again(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch, terminal: None, tmp_path: Any
) -> None:
    intake = TextIntake(
        findings=(TextFinding("pain_during_run_nrs", 6, "about a 6 out of 10"),),
        provoked_by=("intervals", "tempo"),
    )
    monkeypatch.setattr("niggle.services.triage.read_runner_text", lambda text: intake)
    asker = ScriptedAsker({"age": 38})
    use(monkeypatch, asker)
    post = tmp_path / "post.txt"
    post.write_text("6 out of 10 in intervals", encoding="utf-8")
    doc = niggle("triage", "--text", str(post), "--json").json()
    assert {"pain_during_run_nrs", "provoked_by"} <= set(asker.confirmations)
    assert "pain_during_run_nrs" not in asker.asked
    assert doc["answers"]["pain_during_run_nrs"] == 6
    assert doc["provisional"] is False


def test_the_rich_prompts_read_and_recheck_what_is_typed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rich.console import Console

    from niggle.cli.triage_interview import RichAsker

    typed = iter(["y", "12", "7", "tempo, sprints", "tempo, intervals", "2"])
    monkeypatch.setattr("builtins.input", lambda *args: next(typed))
    screen = io.StringIO()
    asker = RichAsker(Console(file=screen, width=100))
    assert asker.yes_no("Numb?") is True
    assert asker.number("Pain", 0, 10, True) == 7  # 12 is refused, then 7
    assert asker.items("What brings it on?", ["intervals", "tempo"]) == ("tempo", "intervals")
    assert asker.scale("Worry?", [("not at all", 0), ("a little", 1), ("quite a lot", 2)]) == 2
    assert "from 0 to 10" in screen.getvalue() and "Not a choice: sprints" in screen.getvalue()


def test_an_age_read_from_the_text_is_confirmed_and_can_be_corrected(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch, terminal: None, tmp_path: Any
) -> None:
    intake = TextIntake(findings=(TextFinding("age", 38, "I'm 38"),))
    monkeypatch.setattr("niggle.services.triage.read_runner_text", lambda text: intake)
    post = tmp_path / "post.txt"
    post.write_text("I'm 38 and my back hurts", encoding="utf-8")
    agreed = ScriptedAsker({})
    use(monkeypatch, agreed)
    assert niggle("triage", "--text", str(post), "--json").json()["age"] == 38
    assert agreed.confirmations == ["age"]
    corrected = ScriptedAsker({"age": 68}, confirm={"age": False})
    use(monkeypatch, corrected)
    doc = niggle("triage", "--text", str(post), "--json").json()
    assert doc["age"] == 68  # the runner's own answer beats the text
    assert "sudden_onset" in corrected.asked  # the over-65 question now applies


def test_before_stopping_at_urgent_it_asks_what_could_make_it_an_emergency(
    niggle: Runner, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    asker = ScriptedAsker({"age": 60, "cancer_history": True, "leg_numbness_or_tingling": True})
    use(monkeypatch, asker)
    doc = niggle("triage", "--json").json()
    assert "leg_numbness_or_tingling" in asker.asked
    assert "pain_during_run_nrs" not in asker.asked
    assert doc["care_level"] == "emergency"
