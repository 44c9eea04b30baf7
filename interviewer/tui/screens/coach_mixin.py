"""The interview screen's coach side, used only when a model is configured: the next
follow-up phrased by the model and streamed into the conversation, narrative coaching under
the critique, and the STAR rewrite of the last answer (which works offline too).

The state machine stays in charge: it picks the follow-up, and its canonical prompt is what
is asked whenever the model's phrasing is offline, late or unusable. All model work runs in a
thread worker that iterates tui.backend and reports through tui.messages.
"""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual import work

from interviewer.interview import Next, Prompt, Turn
from interviewer.tui import messages as msg
from interviewer.tui.coach_stream import failed, relay
from interviewer.tui.text import literal
from interviewer.tui.widgets.coaching import CoachingPanel
from interviewer.tui.widgets.transcript import Transcript

#: How the state machine words a drill retry; a phrased retry keeps it, so the candidate
#: knows they are answering the same follow-up again.
RETRY_PREFIX = "Let's try that again. "


class CoachMixin:
    """Mixed into InterviewScreen; uses its backend, interview and widgets."""

    def _init_coach(self) -> None:
        self._feedbacks: dict[int, tuple[Turn, Any]] = {}  # turn idx -> (turn, Feedback)
        self._coach_turn: Turn | None = None  # whose follow-up and coaching are streaming
        self._phrasing: Prompt | None = None  # the state machine's prompt being phrased
        self._phrasing_retry = False
        self._phrased = ""  # streamed so far
        self._waiting_since = 0.0  # when the model was asked, for the elapsed seconds shown
        self._ticker = None
        self._causes: set[str] = set()  # why the coach went offline this turn, said once

    # -- after a critique -------------------------------------------------------------------

    def _start_coach(self, turn: Turn, feedback, nxt: Next) -> None:
        """Phrase the chosen follow-up and coach the reply, when a model is configured."""
        self._feedbacks[turn.idx] = (turn, feedback)
        if not self.backend.coach_available:
            return  # offline: the screen stays exactly as it always was
        prompt = nxt.prompt if nxt.prompt is not None and nxt.prompt.kind == "followup" else None
        self._coach_turn, self._causes = turn, set()
        self._phrasing, self._phrasing_retry, self._phrased = prompt, nxt.retry, ""
        if prompt is not None:
            self.query_one(Transcript).begin_pending()
        self.query_one(CoachingPanel).start()
        self._waiting_since = time.monotonic()
        if self._ticker is None:
            self._ticker = self.set_interval(1.0, self._tick)
        self.refresh_bindings()
        self._coach_worker(turn, feedback, self.interview.question.id, prompt)

    @work(thread=True, exclusive=True, group="coach", exit_on_error=False)
    def _coach_worker(self, turn: Turn, feedback, question_id: str, prompt: Prompt | None):
        """The follow-up first (the candidate needs it to go on), then the coaching: one
        after the other, so a single-slot local server is never asked twice at once."""
        kind = "followup"
        try:
            if prompt is not None:
                events = self.backend.followup(
                    turn.reply, feedback, prompt.followup, question_id, self.interview.persona
                )
                if not relay(events, self.post_message, turn, kind):
                    return
            kind = "coaching"
            events = self.backend.coaching(turn.reply, feedback, question_id, turn.followup)
            relay(events, self.post_message, turn, kind)
        except Exception as exc:  # a fault here must not leave the follow-up hanging
            self.post_message(failed(turn, kind, exc))

    def on_token_received(self, event: msg.TokenReceived) -> None:
        if event.turn is not self._coach_turn:
            return  # from a turn that is already over
        if event.kind == "followup" and self._phrasing is not None:
            self._phrased += event.text
            self.query_one(Transcript).append_pending(event.text)
            self._render_prompt()
        elif event.kind == "coaching":
            self.query_one(CoachingPanel).append(event.text)

    def on_coach_done(self, event: msg.CoachDone) -> None:
        self._show_model_state()
        if event.turn is not self._coach_turn:
            return
        if event.kind == "followup":
            self._followup_done(event)
        elif event.kind == "coaching":
            note = self._new_cause(event.note)
            self.query_one(CoachingPanel).finish(event.text, event.offline, note)
            self._coach_turn = None  # nothing waits on the model any more
            self.refresh_bindings()

    def _show_model_state(self) -> None:
        """The header says when the model is paused, and ctrl+t appears to try it again."""
        self.app.sub_title = f"model: {self.backend.model_label}"
        self.refresh_bindings()

    def action_retry_model(self) -> None:
        self.backend.resume_model()
        self._show_model_state()
        self.notify("The model will be asked again from the next reply.")

    def _new_cause(self, note: str | None) -> str | None:
        """`note`, unless this turn already said the same (a dead server fails the follow-up
        and the coaching alike: the candidate is told once)."""
        if not note:
            return None
        cause = note.split(";")[0]  # what went wrong, without what happens instead
        if cause in self._causes:
            return None
        self._causes.add(cause)
        return note

    def _followup_done(self, event: msg.CoachDone) -> None:
        prompt, self._phrasing = self._phrasing, None
        iv = self.interview
        if prompt is None or iv.awaiting_critique or iv.current_prompt() is not prompt:
            return  # answered, skipped or finished before the phrasing arrived
        text = prompt.text  # the canonical prompt: the fallback
        if not event.offline and event.text.strip():
            text = (RETRY_PREFIX if self._phrasing_retry else "") + event.text.strip()
            # Ask it as the next prompt, so the sessions store what was really asked.
            iv.restate(Turn(len(iv.turns), "followup", prompt.followup, text, ""))
        tr = self.query_one(Transcript)
        tr.settle_pending(text)
        note = self._new_cause(event.note)
        if note:  # shown once, under the follow-up it concerns
            tr.add_note(note)
        self._render_prompt()

    def _phrasing_shown(self, prompt: Prompt | None) -> Text | None:
        """What the prompt box shows while `prompt` is being phrased (None: not phrasing): the
        question itself, so what the candidate answers is what they saw, with how long the
        model has been rephrasing it."""
        if self._phrasing is None or prompt is not self._phrasing:
            return None
        waited = int(time.monotonic() - self._waiting_since)
        text = literal(prompt.text, style="bold")
        text.append(
            f"\n(the interviewer is rephrasing this for your story… {waited} s; "
            "esc keeps this question)",
            style="dim italic",
        )
        return text

    def _tick(self) -> None:
        """Elapsed seconds on whatever still waits for the model."""
        if self._phrasing is not None:
            self._render_prompt()
        if self._coach_turn is not None:
            self.query_one(CoachingPanel).waiting(int(time.monotonic() - self._waiting_since))

    def action_stop_waiting(self) -> None:
        """Esc: keep the question on screen and the offline coaching; whatever the model still
        sends for this turn is dropped."""
        if self._phrasing is None and self._coach_turn is None:
            return
        asked, self._phrasing = self._phrasing, None
        if asked is not None:
            self.query_one(Transcript).settle_pending(asked.text)
        self._render_prompt()
        turn = self._coach_turn
        if turn is not None and turn.idx in self._feedbacks:
            from interviewer.coach_offline import offline_coaching

            note = "You stopped the model; this is the offline coaching."
            fb = self._feedbacks[turn.idx][1]
            self.query_one(CoachingPanel).finish(offline_coaching(fb), True, note)
        self._coach_turn = None
        self.refresh_bindings()

    def _stop_phrasing(self, asked: str | None = None) -> bool:
        """Stop showing the follow-up being phrased: the candidate answered `asked` (the line
        becomes that prompt; True), or skipped or finished (the line goes). A phrasing still on
        its way is dropped when it arrives."""
        self._phrasing = None
        tr = self.query_one(Transcript)
        if asked is not None:
            return tr.adopt_pending(asked)
        tr.drop_pending()
        return False

    # -- the rewrite ------------------------------------------------------------------------

    def action_rewrite(self) -> None:
        """The last full answer as a STAR story (the model's, or the offline template)."""
        from interviewer.tui.screens.rewrite import RewriteScreen

        found = self._rewrite_source()
        if found is None:
            self.notify(
                "Answer the question first: the rewrite retells your submitted answer.",
                severity="warning",
            )
            return
        turn, feedback = found
        self.app.push_screen(
            RewriteScreen(self.backend, turn, feedback, self.interview.question.id)
        )

    def _rewrite_source(self) -> tuple[Turn, Any] | None:
        """The last critiqued full answer (a drill has none: its last critiqued reply), with
        its live feedback, or its recorded critique after a resume."""
        done = [t for t in self.interview.turns if t.critique is not None]
        turns = [t for t in done if t.kind == "answer"] or done
        if not turns:
            return None
        turn = turns[-1]
        stored = self._feedbacks.get(turn.idx)
        return turn, stored[1] if stored and stored[0] is turn else turn.critique
