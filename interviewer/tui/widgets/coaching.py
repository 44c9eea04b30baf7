"""The model's side of a turn, used only when a model is configured: the next follow-up phrased
in the candidate's words, then narrative coaching under the critique, both streamed.

The panel shows the coaching and runs the model work for a turn: one thread worker asks for
the follow-up first (the candidate needs it to go on) and then the coaching, one after the
other, so a single-slot local server is never asked twice at once. The follow-up is the
screen's to show: the panel reports it with messages. The state machine stays in charge: it
picks the follow-up, and its canonical prompt is asked whenever the model's phrasing is
offline, late or unusable.

Hidden without a model, so the offline screen stays exactly as it was (the critique already
says everything the offline coaching would).
"""

from __future__ import annotations

import time
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from interviewer.interview import Next, Prompt, Turn
from interviewer.tui import messages as msg
from interviewer.tui.coach_stream import failed, relay
from interviewer.tui.text import literal

#: How the state machine words a drill retry; a phrased retry keeps it, so the candidate
#: knows they are answering the same follow-up again.
RETRY_PREFIX = "Let's try that again. "


class CoachingPanel(VerticalScroll):
    """Streams coaching text in; the final text replaces it (a fallback may differ).

    `turn` is the turn whose follow-up and coaching are still coming (None: nothing waits on
    the model), `phrasing` the state machine's follow-up the model is rephrasing.
    """

    DEFAULT_CSS = """
    CoachingPanel {
        height: auto; max-height: 12; border: round $accent; padding: 0 1; display: none;
    }
    CoachingPanel > #coaching-note { color: $text-muted; text-style: italic; display: none; }
    """

    turn: reactive[Turn | None] = reactive(None, always_update=True, init=False)
    phrasing: reactive[Prompt | None] = reactive(None, always_update=True, init=False)
    text: reactive[str] = reactive("", init=False)

    class Waiting(Message):
        """The model has been on the follow-up being phrased for `seconds` so far."""

        def __init__(self, seconds: int) -> None:
            super().__init__()
            self.seconds = seconds

    class FollowupStreamed(Message):
        """A piece of the follow-up being phrased, `seconds` after the model was asked."""

        def __init__(self, piece: str, seconds: int) -> None:
            super().__init__()
            self.piece = piece
            self.seconds = seconds

    class FollowupPhrased(Message):
        """The model is done with `prompt`: `text` is its phrasing as it should be asked
        (None: ask the canonical prompt), `note` why the model was not used, if it was not."""

        def __init__(self, prompt: Prompt, text: str | None, note: str | None) -> None:
            super().__init__()
            self.prompt = prompt
            self.text = text
            self.note = note

    def __init__(self, backend, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.backend = backend
        self._feedback: Any = None  # the critic's feedback on `turn`, for offline coaching
        self._retry = False  # `phrasing` is a drill retry: its phrasing keeps RETRY_PREFIX
        self._since = 0.0  # when the model was asked, for the elapsed seconds shown
        self._causes: set[str] = set()  # why the coach went offline this turn, said once
        self._ticker = None

    def compose(self) -> ComposeResult:
        yield Static("", id="coaching-note")
        yield Static("", id="coaching-text")

    # -- a turn -----------------------------------------------------------------------------

    def start(self, turn: Turn, feedback, nxt: Next, question_id: str, persona) -> Prompt | None:
        """Ask the model for `nxt`'s follow-up in the words of `turn`'s reply, then coaching
        on it; the follow-up being phrased, if any. Nothing happens without a model."""
        if not self.backend.coach_available:
            return None  # offline: the screen stays exactly as it always was
        if self.backend.coach_paused:  # said once when it paused: no worker, no waiting
            self.turn, self.phrasing = None, None
            self._finish_offline(feedback, None)
            return None
        prompt = nxt.prompt if nxt.prompt is not None and nxt.prompt.kind == "followup" else None
        self._feedback, self._causes = feedback, set()
        self._retry = nxt.retry
        self.turn, self.phrasing = turn, prompt
        self._begin()
        self._since = time.monotonic()
        if self._ticker is None:
            self._ticker = self.set_interval(1.0, self._tick)
        self.refresh_bindings()  # esc stops waiting
        self._work(turn, feedback, question_id, prompt, persona)
        return prompt

    @work(thread=True, exclusive=True, group="coach", exit_on_error=False)
    def _work(self, turn: Turn, feedback, question_id: str, prompt: Prompt | None, persona):
        kind = "followup"
        worker = get_current_worker()

        def unwanted() -> bool:  # answered, skipped or finished before the phrasing came
            return worker.is_cancelled or self.phrasing is not prompt

        try:
            if prompt is not None:
                events = self.backend.followup(
                    turn.reply, feedback, prompt.followup, question_id, persona, unwanted
                )
                if not relay(events, self.post_message, turn, kind):
                    return
            kind = "coaching"
            events = self.backend.coaching(turn.reply, feedback, question_id, turn.followup)
            relay(events, self.post_message, turn, kind)
        except Exception as exc:  # a fault here must not leave the follow-up hanging
            self.post_message(failed(turn, kind, exc))

    def on_token_received(self, event: msg.TokenReceived) -> None:
        if event.turn is not self.turn:
            return  # from a turn that is already over
        if event.kind == "followup" and self.phrasing is not None:
            self.post_message(self.FollowupStreamed(event.text, self.seconds))
        elif event.kind == "coaching":
            self._append(event.text)

    def on_coach_done(self, event: msg.CoachDone) -> None:
        """(The screen hears of it too: the model may have been paused.)"""
        if event.turn is not self.turn:
            return
        if event.kind == "followup":
            prompt, self.phrasing = self.phrasing, None
            if prompt is not None:  # else answered, skipped or finished before it arrived
                usable = not event.offline and event.text.strip()
                text = (RETRY_PREFIX if self._retry else "") + event.text.strip()
                self.post_message(
                    self.FollowupPhrased(prompt, text if usable else None, event.note)
                )
        elif event.kind == "coaching":
            self._finish(event.text, event.offline, self.once(event.note))
            self.turn = None  # nothing waits on the model any more
            self.refresh_bindings()

    def once(self, note: str | None) -> str | None:
        """`note`, unless this turn already said the same (a dead server fails the follow-up
        and the coaching alike: the candidate is told once)."""
        if not note:
            return None
        cause = note.split(";")[0]  # what went wrong, without what happens instead
        if cause in self._causes:
            return None
        self._causes.add(cause)
        return note

    def stop_waiting(self) -> Prompt | None:
        """Esc: the offline coaching now, and whatever the model still sends for this turn is
        dropped; the follow-up whose phrasing is dropped, if any (the screen asks it as is)."""
        asked, self.phrasing = self.phrasing, None
        if self.turn is not None and self._feedback is not None:
            note = "You stopped the model; this is the offline coaching."
            self._finish_offline(self._feedback, note)
        self.turn = None
        self.refresh_bindings()
        return asked

    def drop_phrasing(self) -> None:
        """The follow-up was answered, skipped or the interview finished: a phrasing still on
        its way is dropped when it arrives."""
        self.phrasing = None

    @property
    def seconds(self) -> int:
        return int(time.monotonic() - self._since)

    def _tick(self) -> None:
        """Elapsed seconds on whatever still waits for the model."""
        if self.phrasing is not None:
            self.post_message(self.Waiting(self.seconds))
        if self.turn is not None and not self.text:
            self._show(f"Thinking about your reply… {self.seconds} s (esc: offline coaching)")

    # -- what the panel shows -----------------------------------------------------------------

    def _begin(self) -> None:
        """A new turn: empty, visible, waiting for the first token."""
        self.text = ""
        self.display = True
        self.border_title = "Coaching…"
        self._note(None)
        self._show("Thinking about your reply…")

    def _append(self, piece: str) -> None:
        """Streamed text is shown as provisional (dimmed) until it passes the checks; the
        final text replaces it in place."""
        self.text += piece
        self.border_title = "Coaching (checking…)"
        self._show(self.text, style="dim italic")

    def _finish(self, text: str, offline: bool, note: str | None) -> None:
        """The final coaching; offline, it is the offline coach's and `note` says why."""
        self.text = text
        self.display = True
        self.border_title = "Coaching (offline)" if offline else "Coaching"
        self._note(note)
        self._show(text)

    def _finish_offline(self, feedback, note: str | None) -> None:
        from interviewer.coach.offline import offline_coaching

        self._finish(offline_coaching(feedback), True, note)

    def _show(self, text: str, style: str = "") -> None:
        self.query_one("#coaching-text", Static).update(literal(text, style=style))

    def _note(self, note: str | None) -> None:
        widget = self.query_one("#coaching-note", Static)
        widget.update(literal(note or ""))
        widget.display = bool(note)
