"""The interview screen's sessions side: saving replies and feedback, closing the session,
and offering to resume an unfinished one. Every call to the store runs in a thread worker
(or inside the turn worker) and reports back through tui.messages."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets import Static

from interviewer.interview import Interview, Turn
from interviewer.recorded import turns_from_records
from interviewer.tui import messages as msg
from interviewer.tui.backend import SESSION_ERRORS


class SessionsMixin:
    """Mixed into InterviewScreen; uses its backend, interview and session_id."""

    @work(thread=True, exclusive=True, group="resume", exit_on_error=False)
    def _check_resume(self) -> None:
        try:
            store = self.backend.sessions
            rec = store.unfinished() if store is not None else None
        except SESSION_ERRORS as exc:
            self.post_message(msg.SessionProblem(f"Sessions unavailable: {exc}"))
            return
        iv = self.interview
        if rec and rec.turns and rec.mode == iv.mode and rec.question_id == iv.question.id:
            self.post_message(msg.ResumeOffer(rec))

    def on_resume_offer(self, event: msg.ResumeOffer) -> None:
        """Offer, without blocking: the question stays on screen and typing goes on."""
        rec = event.record
        if self.interview.turns or self.interview.awaiting_critique:
            return  # the candidate has already started a new one
        self._resume_offer = rec
        n = len(rec.turns)
        banner = self.query_one("#resume-banner", Static)
        banner.update(
            Text(
                f"You have an unfinished {rec.mode} (session #{rec.id}, {n} "
                f"repl{'y' if n == 1 else 'ies'}). Press ctrl+r to resume it, or just start."
            )
        )
        banner.display = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "resume":
            return self._resume_offer is not None and not self.interview.turns
        return True

    def action_resume(self) -> None:
        """Continue the unfinished session offered on the banner."""
        rec, self._resume_offer = self._resume_offer, None
        self.query_one("#resume-banner").display = False
        self.refresh_bindings()
        if rec is None or self.interview.turns or self.interview.awaiting_critique:
            return
        iv = self.interview
        turns = turns_from_records(rec.turns, iv.question)
        self.interview = Interview.from_turns(
            iv.question, turns, iv.mode, rec.focus, rec.level, self._only_followup()
        )
        self.session_id = rec.id
        self.last_view = None
        self._render_all()
        self._set_title()
        if self.interview.awaiting_critique:
            last = max(rec.turns, key=lambda t: (t.idx, t.id))
            self._pending_turn_id = last.id
            self._begin_turn(self.interview.turns[-1], save=False)
        elif self.interview.finished:
            self._show_scorecard()

    def _only_followup(self) -> str | None:
        queue = getattr(self.interview, "_queue", [])
        return queue[0] if self.interview.mode == "drill" and len(queue) == 1 else None

    def _save_reply(self, turn: Turn) -> int | None:
        store = self.backend.sessions
        if store is None:
            return None
        if self.session_id is None:
            iv = self.interview
            self.session_id = self.backend.start_session(
                iv.mode,
                iv.persona.id if iv.persona else None,
                iv.level.id if iv.level else None,
                iv.question.id,
            )
        turn_id = store.save_reply(
            self.session_id, turn.idx, turn.kind, turn.followup, turn.prompt, turn.reply
        )
        self.post_message(msg.ReplySaved(self.session_id, turn_id))
        return turn_id

    def _save_feedback(self, turn_id: int | None, fb, ms: float) -> None:
        store = self.backend.sessions
        if store is None or turn_id is None:
            return
        try:
            store.save_feedback(turn_id, fb.as_dict(), ms)
        except SESSION_ERRORS as exc:
            self.post_message(msg.SessionProblem(f"The feedback was not saved: {exc}"))

    @work(thread=True, group="finish", exit_on_error=False)
    def _close_session(self, session_id: int | None, score: int | None) -> None:
        store = self.backend.sessions
        if store is None or session_id is None:
            return
        try:
            store.finish(session_id, score)
        except SESSION_ERRORS as exc:
            self.post_message(msg.SessionProblem(f"The session was not closed: {exc}"))

    def on_session_problem(self, event: msg.SessionProblem) -> None:
        self.notify(event.error, severity="warning", timeout=8, markup=False)
