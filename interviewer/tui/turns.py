"""The blocking part of one turn, run in the interview screen's thread worker: save the reply
first (nothing typed is lost, even if the critic fails), then critique it, then save the
feedback. It reports through tui.messages only."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from interviewer.interview import Interview, Turn
from interviewer.tui import messages as msg
from interviewer.tui.backend import SESSION_ERRORS, Backend
from interviewer.tui.recorder import SessionRecorder


def run_turn(
    backend: Backend,
    recorder: SessionRecorder,
    iv: Interview,
    turn: Turn,
    save: bool,
    post: Callable[[Message], object],
) -> None:
    """Critique `turn` of `iv`, saving it first when `save` (else it was saved before: a
    resumed reply the critic never saw); posts CritiqueReady or TurnFailed."""
    turn_id = recorder.pending_turn_id if not save else None
    if save:
        try:
            turn_id = recorder.save_reply(iv, turn)
        except SESSION_ERRORS as exc:
            post(msg.TurnFailed(turn, f"Your reply was not saved: {exc}"))
            return
    focus = iv.persona.id if iv.persona else None
    level = iv.level.id if iv.level else None
    try:
        fb, ms = backend.review(turn.reply, iv.question.id, turn.followup, focus, level)
        iv.prepare(turn, fb.critique)
    except Exception as exc:  # the reply must come back to the editor, never be lost
        error = f"The critic failed on this reply ({type(exc).__name__}: {exc})"
        post(msg.TurnFailed(turn, error, saved=turn_id is not None))
        return
    post(msg.CritiqueReady(turn, fb, ms))
    if problem := recorder.save_feedback(turn_id, fb, ms):
        post(msg.SessionProblem(problem))
