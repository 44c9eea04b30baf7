"""The report of a full loop: its summary (each question's score, the overall, the time against
the budget), then every question in order with its transcript, critiques and scorecard, as
the report of one session has them (report.py)."""

from __future__ import annotations

import json

from interviewer.interview.loop import clock
from interviewer.sessions.loops import LoopRecord
from interviewer.sessions.report import export_markdown, inline, scorecard


def summary_dict(loop: LoopRecord) -> dict:
    """The loop as a whole: when, how long, its plan and each question's score."""
    return {
        "id": loop.id,
        "started_at": loop.started_at,
        "finished_at": loop.finished_at,
        "finished": loop.finished,
        "mode": loop.mode,
        "focus": loop.focus,
        "level": loop.level,
        "model": loop.model,
        "plan": loop.plan,
        "overall": loop.final_score,
        "elapsed_s": round(loop.elapsed_s, 1),
        "budget_s": loop.budget_s,
        "scores": [
            {
                "index": i,
                "question_id": qid,
                "session_id": rec.id if rec else None,
                "final_score": rec.final_score if rec else None,
                "finished": bool(rec and rec.finished_at),
            }
            for i, qid, rec in loop.slots()
        ],
    }


def export_loop_json(loop: LoopRecord, questions: dict) -> str:
    """The loop's summary and every question: its session (every turn with its feedback) and
    the app's scorecard, as `export --format json` gives one session. `questions` maps a
    question id to today's pack question (a missing one leaves its scorecard out, with why)."""
    out = []
    for i, qid, rec in loop.slots():
        item: dict = {"index": i, "question_id": qid, "session": None}
        if rec is not None:
            card, why = scorecard(rec, questions.get(rec.question_id))
            item["session"] = rec.as_dict()
            item["scorecard"] = card.as_dict() if card else None
            if card is None:
                item["scorecard_missing"] = why
        out.append(item)
    return json.dumps({"loop": summary_dict(loop), "questions": out}, indent=2, ensure_ascii=False)


def export_loop_markdown(loop: LoopRecord, names: dict, questions: dict) -> str:
    """A readable report of the loop: its summary, then each question's report in order.
    `names` and `questions` map a question id to its checks' names and today's question."""
    n = len(loop.plan)
    lines = [
        f"# Full loop: loop {loop.id}",
        "",
        f"- Started: {loop.started_at}",
        f"- Interviewer focus: {inline(loop.focus or '-')}; level: {inline(loop.level or '-')}",
        f"- Model: {inline(loop.model)}",
        f"- Finished: {loop.finished_at or 'no (the loop was not finished)'}",
        f"- Overall {_score(loop.final_score)} (the mean of its questions' scores); time "
        f"{clock(int(loop.elapsed_s))} of {clock(loop.budget_s)} ({n} question"
        f"{'s' if n != 1 else ''} of about {clock(loop.budget_s // max(n, 1))})",
        "",
    ]
    for i, qid, rec in loop.slots():
        if rec is None:
            lines.append(f"{i + 1}. {inline(qid)}: not answered")
            continue
        shown = "unfinished" if not rec.finished_at else _score(rec.final_score)
        lines.append(f"{i + 1}. {inline(qid)}: {shown} (session {rec.id})")
    lines.append("")
    for i, qid, rec in loop.slots():
        lines += [f"## Question {i + 1} of {n}: {inline(qid)}", ""]
        if rec is None:
            lines += ["_Not answered: the loop ended before this question._", ""]
            continue
        question = questions.get(rec.question_id)
        lines.append(export_markdown(rec, names.get(rec.question_id), question, depth=2))
    return "\n".join(lines).rstrip("\n") + "\n"


def _score(score: int | None) -> str:
    return "-" if score is None else f"{score}/100"
