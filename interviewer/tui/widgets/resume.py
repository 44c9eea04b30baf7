"""The offer to continue an unfinished session of the same kind, above the question.

It looks for one itself (in a thread: the sessions store is SQLite) and reports what it found
to the screen, which decides whether to offer it: not once the candidate has started anew.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.tui import messages as msg
from interviewer.tui.backend import SESSION_ERRORS


class ResumeBanner(Static):
    """Shows `offer` (a sessions.SessionRecord), or nothing while there is none."""

    offer: reactive[Any] = reactive(None, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False

    @work(thread=True, exclusive=True, group="resume", exit_on_error=False)
    def look(self, backend, mode: str, question_id: str) -> None:
        """Post a ResumeOffer when an unfinished session of this mode and question exists."""
        try:
            store = backend.sessions
            rec = store.unfinished() if store is not None else None
        except SESSION_ERRORS as exc:
            self.post_message(msg.SessionProblem(f"Sessions unavailable: {exc}"))
            return
        if rec and rec.turns and rec.mode == mode and rec.question_id == question_id:
            self.post_message(msg.ResumeOffer(rec))

    def take(self) -> Any:
        """The offered session, withdrawing the offer (None when there was none)."""
        rec = self.offer
        if rec is not None:
            self.offer = None
        return rec

    def watch_offer(self, rec: Any) -> None:
        self.display = rec is not None
        self.refresh_bindings()  # ctrl+r resumes it
        if rec is None:
            return
        n = len(rec.turns)
        self.update(
            Text(
                f"You have an unfinished {rec.mode} (session #{rec.id}, {n} "
                f"repl{'y' if n == 1 else 'ies'}). Press ctrl+r to resume it, or just start."
            )
        )
