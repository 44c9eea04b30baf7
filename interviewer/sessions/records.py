"""What a session and a turn are, as the store reads and writes them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from interviewer.interview.machine import MODES

__all__ = [
    "KINDS",
    "LOOP_COLS",
    "MODES",
    "SESSION_COLS",
    "TURN_COLS",
    "SessionRecord",
    "TurnRecord",
]

KINDS = ("answer", "followup")

SESSION_COLS = (
    "id, started_at, mode, focus, level, question_id, model, parent_id, fork_turn, "
    "finished_at, final_score, loop_id, loop_index, loop_plan, elapsed_s"
)
#: Columns a session has only as a question of a full loop: a report of any other session
#: leaves them out, so it reads as it did before loops were recorded.
LOOP_COLS = ("loop_id", "loop_index", "loop_plan", "elapsed_s")
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
    loop_id: int | None = None  # the loop this is a question of (its first question's id)
    loop_index: int | None = None  # its place in the loop's plan, from 0
    loop_plan: list[str] | None = None  # the loop's question ids (on its first question only)
    elapsed_s: float | None = None  # how long the app had the question open (loops)
    turns: list[TurnRecord] = field(default_factory=list)
    answered: int = 0  # number of submitted replies, counted even when turns are not loaded
    followups: list[str] = field(default_factory=list)  # the follow-ups answered, by id

    def __post_init__(self) -> None:
        if isinstance(self.loop_plan, str):  # as stored: a JSON list
            try:
                plan = json.loads(self.loop_plan)
            except ValueError:
                plan = None
            ok = isinstance(plan, list) and all(isinstance(q, str) for q in plan)
            self.loop_plan = plan if ok else None

    @property
    def sessions(self) -> list[SessionRecord]:
        """The recorded sessions this entry of the sessions list stands for: itself (a full
        loop's entry, sessions.loops.LoopRecord, stands for its questions)."""
        return [self]

    @property
    def last_turn(self) -> TurnRecord | None:
        """The newest turn: the highest place, and of a reply saved there again, the later."""
        return max(self.turns, key=lambda t: (t.idx, t.id), default=None)

    def as_dict(self, turns: bool = True) -> dict:
        """A JSON-ready dict; without turns for listings."""
        keys = SESSION_COLS.split(", ")
        if self.loop_id is None:
            keys = [k for k in keys if k not in LOOP_COLS]
        d = {k: getattr(self, k) for k in keys}
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
