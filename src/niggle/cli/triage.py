"""``niggle triage`` (check-in and triage) and ``niggle triage-report`` (the vignette suite).

niggle gives self-management advice and triage; it never diagnoses. Emergency questions
are asked first, then urgent, then the rest, then the pain itself and training. At
emergency and urgent levels the output shows only the action to take and the safety net.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from niggle.cli.state import AthleteOption, JsonOption, database, get_state, today

if TYPE_CHECKING:
    from rich.console import Console

    from niggle.domain.triage.models import TriageKnowledge, TriageResult
    from niggle.services.triage import Runner

MAX_FILE_BYTES = 1_000_000

TextOption = Annotated[
    str | None,
    typer.Option(
        "--text",
        help="A file with the runner's own description of the pain (a forum post, a note); "
        "'-' reads standard input. Text can raise a concern, never clear one.",
    ),
]
AnswersOption = Annotated[
    str | None,
    typer.Option(
        "--answers",
        help='A JSON answers file: {"age": 38, "sex": "male", "answers": {"QUESTION_ID": '
        "true|false|number|string}}; '-' reads standard input.",
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region", help="Where you are, for who to call: uk (default), ie, us, ca, au, nz, eu."
    ),
]
QuestionnaireOption = Annotated[
    str | None,
    typer.Option(
        "--questionnaire",
        help="A licensed psychosocial questionnaire (YAML, see niggle/knowledge/psychosocial.yaml) "
        "to use instead of niggle's own worry screen.",
    ),
]
InteractiveOption = Annotated[
    bool | None,
    typer.Option(
        "--interactive/--no-interactive",
        help="Ask the questions. Default: yes in a terminal unless --answers is given.",
        show_default=False,
    ),
]

LEVEL_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "soon": "bold yellow",
    "routine": "bold cyan",
    "self_care": "bold green",
}
READING = {
    "non_specific": "ordinary (non-specific) back pain, the commonest kind",
    "possible_radicular": "possibly an irritated nerve root (sciatica)",
    "possible_bone_stress": "possibly a bone stress injury",
    "possible_inflammatory": "possibly inflammatory back pain (axial spondyloarthritis)",
    "possible_serious": "possibly a cause a clinician needs to rule out",
}
RUNNING_WORDS = {
    "continue": "Keep running",
    "modify": "Keep running, with changes",
    "pause_running": "Pause running (walk and cross-train instead)",
    "stop": "Stop running",
}


def register(app: typer.Typer) -> None:
    app.command("triage")(triage_command)
    app.command("triage-report")(report_command)


def triage_command(
    ctx: typer.Context,
    text: TextOption = None,
    answers: AnswersOption = None,
    region: RegionOption = None,
    questionnaire: QuestionnaireOption = None,
    interactive: InteractiveOption = None,
    athlete: AthleteOption = None,
    json: JsonOption = False,
) -> None:
    """Check in about back pain: red flags first, then how soon to see someone, whether to
    keep running, and what the evidence says about the advice you have heard.

    Interactive in a terminal; otherwise give --answers FILE and/or --text FILE.
    Results are kept with the athlete for the weekly re-screen and plan adaptation.
    """
    from niggle.domain.errors import InvalidInput
    from niggle.services import triage as service
    from niggle.services.care import care_contacts, contacts_file_from_env

    if text == "-" and answers == "-":
        raise InvalidInput("Only one of --text and --answers can read standard input ('-').")
    terminal = sys.stdin.isatty()
    if interactive is None:
        interactive = terminal and answers is None and text != "-"
    if interactive and not terminal:
        raise InvalidInput(
            "--interactive needs a terminal to ask the questions in. Give --answers FILE "
            "(and/or --text FILE) instead."
        )
    if not interactive and text is None and answers is None:
        raise InvalidInput(
            "niggle triage needs something to go on: run it in a terminal to be asked the "
            "questions, or give --answers FILE (a JSON answers file) and/or --text FILE "
            "(your own description; '-' reads standard input)."
        )
    known = service.knowledge(Path(questionnaire).expanduser() if questionnaire else None)
    given = None
    if answers is not None:
        raw, where = _read_input(answers, "--answers")
        given = service.parse_answers(raw, where, known)
    story = None
    if text is not None:
        story, _ = _read_input(text, "--text")
    intake = service.read_runner_text(story) if story is not None else None

    day = today()
    with database(ctx) as db:
        state = get_state(ctx)
        runner = service.resolve_runner(
            db, state.athlete_name(athlete), day, region, state.settings().region
        )
        contacts = care_contacts(runner.region, contacts_file_from_env())
        if interactive:
            from niggle.cli.triage_interview import interview

            given = interview(known, contacts, runner, given, intake)
        result = service.run_triage(known, contacts, day, answers=given, text=intake, runner=runner)
        saved = None
        if runner.athlete is not None and runner.athlete.id is not None:
            saved = service.save_triage(db, runner.athlete.id, result, day, text=story)
    document = service.triage_document(result)
    document["saved"] = saved is not None
    document["triage_id"] = saved.id if saved else None
    document["athlete"] = runner.athlete.name if runner.athlete else None
    document["not_saved_because"] = None if saved else runner.not_saved_because
    if json:
        from niggle.cli.output import emit_json

        emit_json(document)
        return
    _render(known, result, runner, saved is not None)


def _read_input(value: str, option: str) -> tuple[str, str]:
    from niggle.domain.errors import InvalidInput

    if value == "-":
        piped = sys.stdin.read(MAX_FILE_BYTES + 1)
        if len(piped) > MAX_FILE_BYTES:
            raise InvalidInput(f"{option}: standard input is over 1 MB; give a short text.")
        return piped, "stdin"
    path = Path(value).expanduser()
    if not path.exists():
        raise InvalidInput(f"{option}: {value} does not exist. Give the path of a file, or '-'.")
    if not path.is_file():
        raise InvalidInput(f"{option}: {value} is not a file.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"{option}: {value} is over 1 MB; give a short text or answers file.")
    try:
        return path.read_text(encoding="utf-8"), path.name
    except UnicodeDecodeError:
        raise InvalidInput(f"{option}: {value} is not UTF-8 text. Save it as plain text.") from None
    except OSError as exc:
        raise InvalidInput(f"{option}: cannot read {value}: {exc.strerror}.") from None


# ----------------------------------------------------------------------------- output


def _render(known: TriageKnowledge, result: TriageResult, runner: Runner, saved: bool) -> None:
    from rich.panel import Panel

    from niggle.cli.output import console

    out = console()
    style = LEVEL_STYLE[result.care_level]
    act_now = result.care_level in ("emergency", "urgent")
    out.print(Panel(result.care_message, title=result.care_title, style=style, expand=False))
    if act_now:
        # Only the action and the safety net: nothing here may invite more running.
        if result.red_flags:
            out.print(
                "Tell them about: "
                + "; ".join(_said(result, f.questions) for f in result.red_flags)
            )
        out.print(f"\n[bold]{result.safety_net}[/bold]")
        _saved_note(out, runner, saved)
        out.print(f"\n[dim]{result.disclaimer}[/dim]")
        return
    if result.provisional:
        out.print(
            "\n[bold yellow]Provisional:[/bold yellow] answer these first (emergency and "
            "urgent questions first), e.g. by running niggle triage in a terminal:"
        )
        texts = {q.id: q for q in known.questions}
        safety = [
            q
            for q in result.questions_needed
            if q == "age" or (q in texts and texts[q].is_safety_question)
        ]
        for qid in safety:
            wording = "How old are you?" if qid == "age" else " ".join(texts[qid].text.split())
            out.print(f"  - [bold]{qid}[/bold]: {wording}")
        rest = len(result.questions_needed) - len(safety)
        if rest:
            out.print(f"  ... then {rest} more about your back, the pain and your training.")
    for flag in result.red_flags:
        out.print(f"\n[bold]{flag.urgency}:[/bold] {flag.because} [dim]({flag.source})[/dim]")
    out.print(f"\nWhat it looks like: {READING[result.classification]}.")
    out.print(f"[bold]{RUNNING_WORDS[result.running]}:[/bold] {result.running_because}")
    if result.advice:
        out.print("\n[bold]What helps[/bold]")
        for item in result.advice:
            evidence = item.evidence
            out.print(f"- {item.text}")
            out.print(
                f"  [dim]{evidence.verdict} (certainty: {evidence.certainty}; "
                f"{'; '.join(evidence.sources)})[/dim]"
            )
    if result.claims:
        out.print("\n[bold]What the evidence says about the advice you have heard[/bold]")
        for claim in result.claims:
            out.print(
                f'- "{claim.claim}" [bold]{claim.verdict}[/bold] (certainty: {claim.certainty})'
            )
            out.print(f"  {claim.detail} [dim]{'; '.join(claim.sources)}[/dim]")
    out.print(f"\n{result.rescreen.message}")
    _saved_note(out, runner, saved)
    out.print(f"\n[dim]{result.disclaimer}[/dim]")


def _said(result: TriageResult, questions: tuple[str, ...]) -> str:
    return ", ".join(q.replace("_", " ") for q in questions) or "your answers"


def _saved_note(out: Console, runner: Runner, saved: bool) -> None:
    if saved and runner.athlete is not None:
        out.print(f"[dim]Saved with {runner.athlete.name}'s check-ins.[/dim]")
    else:
        out.print(f"[dim]Not saved: {runner.not_saved_because}[/dim]")


# ----------------------------------------------------------------------------- report


def report_command(
    ctx: typer.Context,
    json: JsonOption = False,
    with_text: Annotated[
        bool,
        typer.Option(
            "--with-text", help="Also read each vignette's text and count the flags caught."
        ),
    ] = False,
) -> None:
    """Run niggle's own triage vignettes and print per-level sensitivity, exact-level rate,
    and over- and under-triage."""
    from niggle.services.care import care_contacts
    from niggle.services.triage import knowledge
    from niggle.services.triage_report import vignette_report

    document = vignette_report(knowledge(), care_contacts("uk"), today(), with_text=with_text)
    if json:
        from niggle.cli.output import emit_json

        emit_json(document)
        return
    _render_report(document)


def _render_report(document: dict[str, Any]) -> None:
    from rich.table import Table

    from niggle.cli.output import console

    out = console()
    table = Table(title=f"Triage against {document['vignettes']} vignettes")
    for column in ("level", "n", "exact (sensitivity)", "at or above", "over", "under"):
        table.add_column(column)
    for row in document["levels"]:
        table.add_row(
            row["level"],
            str(row["n"]),
            _pct(row["sensitivity"]),
            _pct(row["at_or_above"]),
            str(row["over"]),
            str(row["under"]),
        )
    out.print(table)
    out.print(f"Exact level: {_pct(document['exact_level'])}")
    out.print(f"Over-triage: {_pct(document['over_triage'])}")
    out.print(f"Under-triage: {_pct(document['under_triage'])}")
    out.print(f"Running status exact: {_pct(document['running_exact'])}")
    kopka = document["kopka"]
    emergency = kopka["emergency"]
    out.print(
        f"Emergency or not: sensitivity {_pct(emergency['sensitivity'])}, "
        f"specificity {_pct(emergency['specificity'])}"
    )
    out.print(
        "Needs care or self-care: sensitivity "
        f"{_pct(kopka['care_vs_self_care']['sensitivity'])}, "
        f"specificity {_pct(kopka['care_vs_self_care']['specificity'])}"
    )
    for miss in document["misses"]:
        out.print(f"  miss: {miss['id']} expected {miss['expected']}, got {miss['got']}")
    if document["text"]:
        text = document["text"]
        out.print(
            f"Text mode: red flags stated in {text['texts']} texts caught {_pct(text['recall'])}"
        )
        for miss in text["missed"]:
            out.print(f"  text missed in {miss['id']}: {', '.join(miss['flags'])}")
    out.print(f"[dim]{document['note']}[/dim]")


def _pct(proportion: dict[str, Any]) -> str:
    if proportion["rate"] is None:
        return "n/a"
    low, high = proportion["ci95"]
    return (
        f"{proportion['rate']:.0%} ({proportion['hits']}/{proportion['total']}; "
        f"95% CI {low:.0%}-{high:.0%})"
    )
