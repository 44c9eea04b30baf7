"""The STAR rewrite of the candidate's last answer, in a dialog: streamed from the model, or
the offline template built from their own sentences (clearly labelled as such)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from interviewer.interview import Interview, Turn
from interviewer.tui import messages as msg
from interviewer.tui.backend import Backend
from interviewer.tui.coach_stream import failed, relay
from interviewer.tui.text import literal

OFFLINE_LABEL = (
    "Offline STAR template: your own sentences sorted into Situation, Task, Action, Result "
    "and Reflection, with [placeholders] for what the critic found missing. No language model "
    "wrote this."
)


def rewrite_source(iv: Interview, live: dict[int, tuple[Turn, Any]]) -> tuple[Turn, Any] | None:
    """What to retell: the last critiqued full answer of `iv` (a drill has none: its last
    critiqued reply), with its live feedback from `live` (turn idx -> (turn, feedback)), or its
    recorded critique after a resume; None before anything was critiqued."""
    done = [t for t in iv.turns if t.critique is not None]
    turns = [t for t in done if t.kind == "answer"] or done
    if not turns:
        return None
    turn = turns[-1]
    stored = live.get(turn.idx)
    return turn, stored[1] if stored and stored[0] is turn else turn.critique


class RewriteScreen(ModalScreen[None]):
    """Your story as a STAR answer; Esc closes, c copies."""

    CSS_PATH = Path(__file__).with_name("rewrite.tcss")
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="rewrite-close", tooltip="Back to the interview"),
        Binding("c", "copy", "Copy", id="rewrite-copy", tooltip="Copy the rewrite"),
    ]

    def __init__(self, backend: Backend, turn: Turn, feedback, question_id: str) -> None:
        super().__init__()
        self.backend = backend
        self.turn = turn
        self.feedback = feedback
        self.question_id = question_id
        self.text = ""
        self.offline: bool | None = None  # known once the coach is done

    def compose(self) -> ComposeResult:
        with Vertical(id="rewrite-dialog") as box:
            box.border_title = "Your story as a STAR answer"
            yield Static(self._source(), id="rewrite-source")
            yield Static("", id="rewrite-label")
            yield Static("", id="rewrite-note")
            with VerticalScroll(id="rewrite-scroll"):
                yield Static(Text("Rewriting your answer…", style="dim italic"), id="rewrite-text")
            yield Static("Esc closes · c copies", id="rewrite-hint")

    def _source(self) -> Text:
        where = "your answer" if self.turn.kind == "answer" else "your reply"
        text = Text(f"Retelling {where} to: ", style="dim")
        text.append_text(literal(self.turn.prompt, style="dim italic"))
        return text

    def on_mount(self) -> None:
        self.query_one("#rewrite-note").display = False
        self._label()
        self._rewrite_worker()

    def _label(self) -> None:
        """Who wrote it: the model (by name) or the offline template."""
        label = self.query_one("#rewrite-label", Static)
        model = self.backend.model_label
        if self.offline or (self.offline is None and not self.backend.coach_available):
            label.update(Text(OFFLINE_LABEL, style="bold yellow"))
        elif self.offline is None:
            label.update(literal(f"Asking {model}…", style="dim"))
        else:
            label.update(literal(f"Written by {model}; fill in the [placeholders].", "dim"))

    @work(thread=True, exclusive=True, group="rewrite", exit_on_error=False)
    def _rewrite_worker(self) -> None:
        t = self.turn
        try:
            events = self.backend.rewrite(t.reply, self.feedback, self.question_id)
            relay(events, self.post_message, t, "rewrite")
        except Exception as exc:  # the dialog must still say something
            self.post_message(failed(t, "rewrite", exc))

    def on_token_received(self, event: msg.TokenReceived) -> None:
        if event.turn is self.turn and event.kind == "rewrite":
            self.text += event.text
            self.query_one("#rewrite-text", Static).update(literal(self.text))

    def on_coach_done(self, event: msg.CoachDone) -> None:
        if event.turn is not self.turn or event.kind != "rewrite":
            return
        self.offline = event.offline
        self.text = event.text  # replaces what was streamed: a fallback may differ
        self.query_one("#rewrite-text", Static).update(
            literal(self.text) if self.text else Text("(no rewrite)", style="dim")
        )
        note = self.query_one("#rewrite-note", Static)
        note.update(literal(event.note or ""))
        note.display = bool(event.note)
        self._label()

    def action_copy(self) -> None:
        if not self.text or self.offline is None:
            self.notify("The rewrite is not ready yet.", severity="warning")
            return
        self.app.copy_to_clipboard(self.text)
        self.notify("Rewrite copied to the clipboard.")

    def action_close(self) -> None:
        self.dismiss(None)
