"""The offer to continue an unfinished session of the same kind (or the full loop it is a
question of, or, above a new loop, an unfinished loop), above the question.

It looks for one itself (in a thread: the sessions store is SQLite) and reports what it found
to the screen, which decides whether to offer it: not once the candidate has started anew.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.sessions.loops import LoopRecord
from interviewer.tui import messages as msg
from interviewer.tui.backend import SESSION_ERRORS


class ResumeBanner(Static):
    """Shows `offer` (a sessions.SessionRecord), or nothing while there is none."""

    offer: reactive[Any] = reactive(None, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False

    @work(thread=True, exclusive=True, group="resume", exit_on_error=False)
    def look(self, backend, mode: str, question_id: str, loop=None) -> None:
        """Post a ResumeOffer when an unfinished session of this mode and question exists
        (a full loop's question offers its loop); above a new `loop`, an unfinished loop."""
        try:
            rec = backend.resumable(mode, question_id, loop=loop is not None)
        except SESSION_ERRORS as exc:
            self.post_message(msg.SessionProblem(f"Sessions unavailable: {exc}"))
            return
        if rec is not None:
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
        self.update(Text(offer_text(rec) + " Press ctrl+r to resume it, or just start."))


def offer_text(rec) -> str:
    """'You have an unfinished interview (session #4, 2 replies).', or for a full loop where
    it stopped: 'You have an unfinished full loop (#4: question 2 of 3,
    leadership-without-title, 1 reply; 1 question done).'"""
    if not isinstance(rec, LoopRecord):
        return f"You have an unfinished {rec.mode} (session #{rec.id}, {_replies(len(rec.turns))})."
    at = rec.current
    _, qid, stopped = rec.slots()[at]
    doing = f", {_replies(len(stopped.turns))}" if stopped is not None else ", not started"
    done = f"; {at} question{'s' if at != 1 else ''} done" if at else ""
    return (
        f"You have an unfinished full loop (#{rec.id}: question {at + 1} of {len(rec.plan)}, "
        f"{qid}{doing}{done})."
    )


def _replies(n: int) -> str:
    return f"{n} repl{'y' if n == 1 else 'ies'}"
