"""The triage engine: answers (and a runner's text) in, care level and advice out.

Order of work (clinical.md §2): merge the text into the answers (text only raises), score
the psychosocial screen, run the level rules (emergency, urgent, soon, routine), work out
which safety questions are still unanswered, then run the running rules with the care level
known. Three guards hold whatever the knowledge files say: the care level is the highest
any fired rule asks for; at emergency and urgent levels running stops and only the action,
comfort and safety-net advice is shown; and the result is provisional while any emergency or
urgent question is unanswered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from niggle.domain.triage.answers import merge_text
from niggle.domain.triage.conditions import (
    CARE_LEVEL_FACT,
    PROVISIONAL_FACT,
    FactValue,
    evaluate,
    fact_names,
)
from niggle.domain.triage.levels import (
    ACT_NOW_LEVELS,
    ACT_NOW_RUNNING,
    CareLevel,
    RunningStatus,
    level_rank,
    most_cautious,
    most_concerning,
    most_urgent,
)
from niggle.domain.triage.models import (
    ACT_NOW_ADVICE_KINDS,
    RESCREEN_EVERY_DAYS,
    AdviceItem,
    ClaimNote,
    RedFlag,
    Rescreen,
    TraceEntry,
    TriageKnowledge,
    TriageRequest,
    TriageResult,
)
from niggle.domain.triage.psychosocial import SCREEN_FACT, ScreenResult, score_screen
from niggle.domain.triage.questions import AGE_QUESTION, AnswerValue, Question
from niggle.domain.triage.rules import Outcome, run_rules, trace_entry

# Average weeks in a year, to turn "weeks of pain" into the age the pain began.
WEEKS_PER_YEAR = 52.18
GUARD_RULE = "guard_act_now_stops_running"


def all_questions(knowledge: TriageKnowledge) -> tuple[Question, ...]:
    """Every question in interview order: the screen sits between the rest and the pain."""
    screen = knowledge.screen.as_questions()
    before = tuple(q for q in knowledge.questions if q.group in ("emergency", "urgent", "other"))
    after = tuple(q for q in knowledge.questions if q not in before)
    return before + screen + after


def triage(knowledge: TriageKnowledge, request: TriageRequest) -> TriageResult:
    questions = all_questions(knowledge)
    merged = merge_text(questions, request.answers, request.text, request.age)
    age = merged.age
    screen = score_screen(knowledge.screen, merged.answers)
    facts = base_facts(merged.answers, age, request.sex, screen)

    level_outcomes = run_rules(knowledge.rules, "level", facts)
    fired = [o.rule for o in level_outcomes if o.fired]
    level = most_urgent(r.level for r in fired if r.level)
    classification = most_concerning(r.classification for r in fired if r.classification)
    asked = {q.id for q in questions}
    red_flags = tuple(
        RedFlag(
            id=r.id,
            urgency=r.level,
            because=r.because,
            source=r.source,
            questions=tuple(n for n in fact_names(r.when) if n in asked),
        )
        for r in fired
        if r.red_flag and r.level
    )
    # An age read only from the text is used by the rules (it can only add concern) but still
    # has to be confirmed: until then it is asked for and the answer stays provisional.
    age_from_text = request.age is None and age is not None
    needed = questions_needed(questions, facts, None if age_from_text else age)
    by_id = {q.id: q for q in questions}
    raising = could_raise_to_act_now(
        knowledge, by_id, needed, merged.answers, age, request.sex, level
    )
    provisional = bool(raising) or any(
        q == AGE_QUESTION or by_id[q].is_safety_question for q in needed
    )

    running_facts: dict[str, FactValue] = {
        **facts,
        CARE_LEVEL_FACT: level,
        PROVISIONAL_FACT: provisional,
    }
    running_outcomes = run_rules(knowledge.rules, "running", running_facts)
    running, running_because, guard = _running(level, running_outcomes + level_outcomes)

    trace = [trace_entry(o, facts) for o in level_outcomes]
    trace += [trace_entry(o, running_facts) for o in running_outcomes]
    trace.append(guard)

    advice = select_advice(knowledge.advice, level, running, running_facts)
    wanted_claims = tuple(dict.fromkeys((*request.claims, *_text_claims(request))))
    claims: tuple[ClaimNote, ...] = ()
    withheld: tuple[str, ...] = ()
    if level in ACT_NOW_LEVELS:
        withheld = wanted_claims  # evidence notes about exercise would invite activity now
    else:
        claims = tuple(knowledge.claims[c] for c in wanted_claims if c in knowledge.claims)

    action = knowledge.actions[level]
    message = request.contacts.fill(action.message)
    if provisional and level not in ACT_NOW_LEVELS:
        message += (
            " This answer is provisional: some emergency or urgent questions are not answered "
            "yet, so answer them before you run hard again."
        )
    return TriageResult(
        care_level=level,
        care_title=request.contacts.fill(action.title),
        care_message=message,
        provisional=provisional,
        questions_needed=needed,
        questions_raising=raising,
        red_flags=red_flags,
        classification=classification,
        running=running,
        running_because=running_because,
        advice=advice,
        claims=claims,
        trace=tuple(trace),
        rescreen=_rescreen(knowledge, request, questions),
        answers=merged.answers,
        answer_sources=merged.sources,
        text_uses=merged.uses,
        screen=screen,
        age=age,
        sex=request.sex,
        region=request.contacts.region,
        safety_net=request.contacts.fill(knowledge.safety_net),
        disclaimer=knowledge.disclaimer,
        text=request.text,
        withheld_claims=withheld,
    )


def base_facts(
    answers: Mapping[str, AnswerValue], age: int | None, sex: str | None, screen: ScreenResult
) -> dict[str, FactValue]:
    facts: dict[str, FactValue] = dict(answers)
    if age is not None:
        facts["age"] = age
        weeks = answers.get("symptoms_weeks")
        if isinstance(weeks, int | float) and not isinstance(weeks, bool):
            facts["onset_age"] = age - weeks / WEEKS_PER_YEAR
    if sex is not None:
        facts["sex"] = sex
    if screen.band is not None:
        facts[SCREEN_FACT] = screen.band
    return facts


def questions_needed(
    questions: tuple[Question, ...], facts: Mapping[str, FactValue], age: int | None
) -> tuple[str, ...]:
    """Unanswered questions that apply, safety questions first (in interview order)."""
    needed = [AGE_QUESTION] if age is None else []
    for question in questions:
        if not question.required or question.id in facts:
            continue
        if question.ask_if is not None and evaluate(question.ask_if, facts) is False:
            continue
        needed.append(question.id)
    return tuple(needed)


def could_raise_to_act_now(
    knowledge: TriageKnowledge,
    by_id: Mapping[str, Question],
    needed: tuple[str, ...],
    answers: Mapping[str, AnswerValue],
    age: int | None,
    sex: str | None,
    level: CareLevel,
) -> tuple[str, ...]:
    """Unanswered questions whose worrying answer would make this urgent or emergency.

    Most are the emergency and urgent questions themselves, but combinations count too: with
    a past cancer, one-leg tingling turns urgent into emergency (NICE NG234). Such questions
    keep the result provisional, wherever they sit in the interview.
    """
    raising = []
    level_rules = [r for r in knowledge.rules if r.stage == "level" and r.level]
    no_screen = ScreenResult("", None, None, {}, ())
    for qid in needed:
        question = by_id.get(qid)
        worst = _worst_answer(question) if question else None
        if worst is None:
            continue
        trial = base_facts({**answers, qid: worst}, age, sex, no_screen)
        new = most_urgent(
            r.level for r in level_rules if r.level and evaluate(r.when, trial) is True
        )
        if new in ACT_NOW_LEVELS and level_rank(new) > level_rank(level):
            raising.append(qid)
    return tuple(raising)


def _worst_answer(question: Question) -> AnswerValue | None:
    if question.answer == "yes_no":
        return question.concern == "yes"
    if question.answer == "choice":
        return question.choices[-1]
    if question.answer == "list":
        return question.choices
    if question.concern == "higher" and question.maximum is not None:
        return int(question.maximum) if question.integer else question.maximum
    return None


def _running(level: CareLevel, outcomes: list[Outcome]) -> tuple[RunningStatus, str, TraceEntry]:
    # Running rules come first in ``outcomes`` so their plain running advice is the reason given.
    asking = [o.rule for o in outcomes if o.fired and o.rule.running]
    status = most_cautious(r.running for r in asking if r.running)
    because = next(
        (r.because for r in asking if r.running == status),
        "nothing you reported needs a change to your running",
    )
    guard_fires = level in ACT_NOW_LEVELS and status not in ACT_NOW_RUNNING
    if guard_fires:
        status, because = "stop", "get checked before running again"
    guard = TraceEntry(
        rule=GUARD_RULE,
        fired=guard_fires,
        because=(
            "at emergency and urgent levels running always stops"
            + (" (no rule had stopped it)" if guard_fires else "; the rules already did")
            if level in ACT_NOW_LEVELS
            else f"does not apply (care level: {level})"
        ),
        stage="running",
    )
    return status, because, guard


def select_advice(
    advice: tuple[AdviceItem, ...],
    level: CareLevel,
    running: RunningStatus,
    facts: Mapping[str, FactValue],
) -> tuple[AdviceItem, ...]:
    chosen = [
        item
        for item in advice
        if level in item.levels
        and (not item.running or running in item.running)
        and (item.when is None or evaluate(item.when, facts) is True)
    ]
    if level in ACT_NOW_LEVELS:
        chosen = [item for item in chosen if item.kind in ACT_NOW_ADVICE_KINDS]
    return tuple(chosen)


def _text_claims(request: TriageRequest) -> tuple[str, ...]:
    return request.text.claims if request.text is not None else ()


def _rescreen(
    knowledge: TriageKnowledge, request: TriageRequest, questions: tuple[Question, ...]
) -> Rescreen:
    next_on = request.today + dt.timedelta(days=RESCREEN_EVERY_DAYS)
    return Rescreen(
        next_on=next_on,
        every_days=RESCREEN_EVERY_DAYS,
        message=(
            f"Check in again in a week ({next_on.isoformat()}) and straight away whenever your "
            "symptoms change: niggle will ask the emergency and urgent questions again. "
            + request.contacts.fill(knowledge.safety_net)
        ),
        questions=tuple(q.id for q in questions if q.is_safety_question),
    )
