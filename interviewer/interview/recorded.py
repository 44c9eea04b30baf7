"""Recorded sessions (sessions.TurnRecord) back into the state machine's turns and critiques:
resume, fork, replay and the exported scorecard all rebuild them the same way."""

from __future__ import annotations

from interviewer.critic.types import Critique, DimensionResult
from interviewer.interview import Interview, Turn
from interviewer.knowledge import Question


def turns_from_records(records: list, question: Question) -> list[Turn]:
    """Turns in order; when a reply was saved twice for one index (a failed critique was
    retried) the later one wins, so resuming never answers the same prompt twice."""
    by_idx: dict[int, object] = {}
    for r in records:
        by_idx[r.idx] = r
    turns = []
    for i, idx in enumerate(sorted(by_idx)):
        r = by_idx[idx]
        crit = critique_from_dict(r.feedback, question) if r.feedback else None
        turns.append(Turn(i, r.kind, r.followup, r.prompt, r.reply, crit))
    return turns


def original_scores(records: list) -> dict[int, tuple[str | None, int]]:
    """idx -> (follow-up, recorded score), to show the change when a turn is re-answered."""
    return {r.idx: (r.followup, int(r.feedback.get("score", 0))) for r in records if r.feedback}


def critique_from_dict(data: dict, question: Question) -> Critique:
    """Rebuild a Critique from its recorded form (Feedback.as_dict()), for replay and resume."""
    names = {d.id: d.name for d in question.dimensions}
    dims = {
        k: DimensionResult(
            id=k,
            name=v.get("name") or names.get(k) or k.replace("_", " ").capitalize(),
            met=bool(v.get("met")),
            evidence=[str(e) for e in v.get("evidence") or []],
            advice=str(v.get("advice") or ""),
            # Sessions saved before confidence was recorded: certain either way.
            confidence=float(v.get("confidence", 1.0 if v.get("met") else 0.0)),
        )
        for k, v in (data.get("dimensions") or {}).items()
    }
    return Critique(
        question=str(data.get("question") or question.id),
        followup=data.get("followup"),
        verdict="strong" if data.get("verdict") == "strong" else "weak",
        score=int(data.get("score") or 0),
        dimensions=dims,
        notes=[str(n) for n in data.get("notes") or []],
    )


def resumed(iv: Interview, rec) -> Interview:
    """`iv`, not started yet, continued from the recorded session `rec` (a
    sessions.SessionRecord of the same mode and question): its turns replayed through the state
    machine with the session's focus and level; a drill of one follow-up stays on it."""
    queue = getattr(iv, "_queue", [])
    only = queue[0] if iv.mode == "drill" and len(queue) == 1 else None
    turns = turns_from_records(rec.turns, iv.question)
    return Interview.from_turns(iv.question, turns, iv.mode, rec.focus, rec.level, only)


def replayed(rec, question: Question) -> Interview:
    """The state machine run again over the recorded session `rec` (a sessions.SessionRecord
    on `question`), as the app ran it: its scorecard is the app's, for the export. A drill
    whose turns all answer one follow-up is taken for a drill of that follow-up alone, since
    sessions do not record which follow-ups a drill was given. UserError, KeyError or
    ValueError when the session no longer fits the question's pack."""
    turns = turns_from_records(rec.turns, question)
    asked = {t.followup for t in turns}
    only = asked.pop() if rec.mode == "drill" and len(asked) == 1 else None
    return Interview.from_turns(question, turns, rec.mode, rec.focus, rec.level, only)
