"""Saving one interview to the sessions store: its replies, their feedback and its end.

Not a widget: every method blocks on SQLite and is called from the screen's thread workers
(the reply is saved inside the turn's worker, before the critic runs, so nothing typed is lost),
and nothing here is shown. The session is started on the first saved reply.
"""

from __future__ import annotations

import time

from interviewer.interview import Interview, Turn
from interviewer.tui.backend import SESSION_ERRORS, Backend


class SessionRecorder:
    """The session an interview screen writes to. `session_id` is None until the first reply
    is saved (or set when continuing a session); `pending_turn_id` is a resumed reply the
    critic never saw, whose feedback still has to be saved."""

    def __init__(
        self,
        backend: Backend,
        session_id: int | None = None,
        pending_turn_id: int | None = None,
        loop=None,
    ) -> None:
        self.backend = backend
        self.session_id = session_id
        self.pending_turn_id = pending_turn_id
        self.loop = loop  # interview.loop.Loop: the session is its current question
        self.opened = time.monotonic()  # a loop's question records how long it was open

    def save_reply(self, iv: Interview, turn: Turn) -> int | None:
        """The saved turn's id (None without a sessions store); raises SESSION_ERRORS."""
        store = self.backend.sessions
        if store is None:
            return None
        if self.session_id is None:
            loop = self.loop
            more = {}
            if loop is not None:  # the loop's first saved question starts the recorded loop
                more["loop"] = (loop.loop_id, loop.index, list(loop.question_ids))
            self.session_id = self.backend.start_session(
                iv.mode,
                iv.persona.id if iv.persona else None,
                iv.level.id if iv.level else None,
                iv.question.id,
                **more,
            )
            if loop is not None and loop.loop_id is None:
                loop.loop_id = self.session_id
        return store.save_reply(
            self.session_id, turn.idx, turn.kind, turn.followup, turn.prompt, turn.reply
        )

    def save_feedback(self, turn_id: int | None, fb, ms: float) -> str | None:
        """Save the critique of a saved reply; what went wrong, if anything."""
        store = self.backend.sessions
        if store is None or turn_id is None:
            return None
        try:
            store.save_feedback(turn_id, fb.as_dict(), ms)
        except SESSION_ERRORS as exc:
            return f"The feedback was not saved: {exc}"
        return None

    def finish(self, session_id: int | None, score: int | None) -> str | None:
        """Close session `session_id` with its overall score (and, a loop's question, the
        seconds it was open); what went wrong, if anything."""
        store = self.backend.sessions
        if store is None or session_id is None:
            return None
        took = () if self.loop is None else (round(time.monotonic() - self.opened, 1),)
        try:
            store.finish(session_id, score, *took)
        except SESSION_ERRORS as exc:
            return f"The session was not closed: {exc}"
        return None
