"""``niggle triage-report``: run the shipped vignettes and score the triage against them.

The vignettes ship as package data (``niggle/knowledge/vignettes``), so the report runs in
a fresh install. Structured mode feeds each vignette's answers; text mode reads each
vignette's text with the free-text intake and counts the red flags it states that come
out raised.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from niggle.domain.triage.engine import triage
from niggle.domain.triage.models import CareContacts, TriageKnowledge, TriageRequest
from niggle.domain.triage.report import (
    Proportion,
    TriageReport,
    Vignette,
    VignetteOutcome,
    summarise,
    text_recall,
)

PANEL_NOTE = (
    "The vignettes were written by niggle's team from clinical.md; their expected levels "
    "have not yet been set by an independent clinician panel (Painter 2022), so these "
    "figures check the rules against their own intent, not against clinical truth."
)


def load_vignettes(known: TriageKnowledge) -> tuple[Vignette, ...]:
    from niggle.knowledge.triage_vignettes import load_vignettes as load

    return load(known)


def run_vignettes(
    known: TriageKnowledge,
    contacts: CareContacts,
    today: dt.date,
    vignettes: tuple[Vignette, ...],
) -> list[VignetteOutcome]:
    """Structured mode: each vignette's answers, as a runner would give them."""
    outcomes = []
    for v in vignettes:
        request = TriageRequest(
            answers=v.answers, today=today, contacts=contacts, age=v.age, sex=v.sex, claims=v.claims
        )
        result = triage(known, request)
        outcomes.append(
            VignetteOutcome(
                v, result.care_level, result.running, result.classification, result.provisional
            )
        )
    return outcomes


def text_flags_caught(
    known: TriageKnowledge, contacts: CareContacts, today: dt.date, vignette: Vignette
) -> frozenset[str]:
    """The red-flag questions a vignette's text raised, read the way `--text` reads it."""
    from niggle.services.triage import read_runner_text

    if vignette.text is None:
        return frozenset()
    intake = read_runner_text(vignette.text)
    request = TriageRequest(
        answers={}, today=today, contacts=contacts, age=vignette.age, sex=vignette.sex, text=intake
    )
    result = triage(known, request)
    by_id = {q.id: q for q in known.questions}
    return frozenset(
        qid
        for qid, source in result.answer_sources.items()
        if source == "text"
        and qid in by_id
        and by_id[qid].is_red_flag
        and by_id[qid].is_concerning(result.answers[qid])
    )


def vignette_report(
    known: TriageKnowledge, contacts: CareContacts, today: dt.date, *, with_text: bool = False
) -> dict[str, Any]:
    vignettes = load_vignettes(known)
    report = summarise(run_vignettes(known, contacts, today, vignettes))
    document = report_document(report)
    if with_text:
        texts = [v for v in vignettes if v.text and v.text_states]
        caught = [text_flags_caught(known, contacts, today, v) for v in texts]
        recall = text_recall([v.text_states for v in texts], caught)
        document["text"] = {
            "texts": len(texts),
            "recall": _proportion(recall),
            "missed": [
                {"id": v.id, "flags": sorted(set(v.text_states) - got)}
                for v, got in zip(texts, caught, strict=True)
                if set(v.text_states) - got
            ],
        }
    return document


def report_document(report: TriageReport) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "vignettes": report.total,
        "exact_level": _proportion(report.exact),
        "over_triage": _proportion(report.over_triage),
        "under_triage": _proportion(report.under_triage),
        "running_exact": _proportion(report.running_exact),
        "levels": [
            {
                "level": s.level,
                "n": s.sensitivity.total,
                "sensitivity": _proportion(s.sensitivity),
                "at_or_above": _proportion(s.at_or_above),
                "over": s.over,
                "under": s.under,
            }
            for s in report.levels
        ],
        "kopka": {
            "emergency": {
                "sensitivity": _proportion(report.emergency_decision.sensitivity),
                "specificity": _proportion(report.emergency_decision.specificity),
            },
            "care_vs_self_care": {
                "sensitivity": _proportion(report.care_decision.sensitivity),
                "specificity": _proportion(report.care_decision.specificity),
            },
        },
        "misses": [
            {
                "id": o.vignette.id,
                "expected": o.vignette.expected_level,
                "got": o.level,
                "running_expected": o.vignette.expected_running,
                "running_got": o.running,
            }
            for o in report.misses
        ],
        "text": None,
        "note": PANEL_NOTE,
    }


def _proportion(p: Proportion) -> dict[str, Any]:
    interval = p.interval
    return {
        "hits": p.hits,
        "total": p.total,
        "rate": None if p.value is None else round(p.value, 4),
        "ci95": None if interval is None else [round(interval[0], 4), round(interval[1], 4)],
    }
