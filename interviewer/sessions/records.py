"""What a session and a turn are, as the store reads and writes them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from interviewer.interview.machine import MODES

__all__ = ["KINDS", "MODES", "SESSION_COLS", "TURN_COLS", "SessionRecord", "TurnRecord"]

KINDS = ("answer", "followup")

SESSION_COLS = (
    "id, started_at, mode, focus, level, question_id, model, parent_id, fork_turn, "
    "finished_at, final_score"
)
TURN_COLS = (
    "idx, kind, followup, prompt, reply, feedback, submitted_at, critique_ms, id, session_id, "
    "critiqued_at, copied_from"
)


@dataclass
class TurnRecord:
    """One submitted reply and, once the critic has run, its feedback (Feedback.as_dict())."""

    idx: int
    kind: str  # "answer" (the full answer) or "followup"
    followup: str | None
    prompt: str
    reply: str
    feedback: dict | None
    submitted_at: str
    critique_ms: float | None
    id: int = 0
    session_id: int = 0
    critiqued_at: str | None = None
    copied_from: int | None = None  # the turn id this was copied from by a fork


@dataclass
class SessionRecord:
    """A session and (from get(), or list(with_turns=True)) its turns in order."""

    id: int
    started_at: str
    mode: str
    focus: str | None
    level: str | None
    question_id: str
    model: str
    parent_id: int | None
    fork_turn: int | None
    finished_at: str | None
    final_score: int | None
    turns: list[TurnRecord] = field(default_factory=list)
    answered: int = 0  # number of submitted replies, counted even when turns are not loaded
    followups: list[str] = field(default_factory=list)  # the follow-ups answered, by id

    def as_dict(self, turns: bool = True) -> dict:
        """A JSON-ready dict; without turns for listings."""
        d = {k: getattr(self, k) for k in SESSION_COLS.split(", ")}
        d["answered"] = self.answered
        d["followups"] = list(self.followups)
        if turns:
            d["turns"] = [_turn_dict(t) for t in self.turns]
        return d


def _turn_dict(t: TurnRecord) -> dict:
    return {
        "id": t.id,
        "idx": t.idx,
        "kind": t.kind,
        "followup": t.followup,
        "prompt": t.prompt,
        "reply": t.reply,
        "submitted_at": t.submitted_at,
        "feedback": t.feedback,
        "critique_ms": t.critique_ms,
        "critiqued_at": t.critiqued_at,
        "copied_from": t.copied_from,
    }


def turn_from_row(row) -> TurnRecord:
    t = TurnRecord(*row)
    if t.feedback is not None:
        try:
            t.feedback = json.loads(t.feedback)
        except ValueError:  # a damaged blob must not hide the reply itself
            t.feedback = None
    return t
