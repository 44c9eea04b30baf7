"""The coaching area under the critique: the model's narrative coaching, streamed.

Hidden without a model, so the offline screen stays exactly as it was (the critique already
says everything the offline coaching would).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from interviewer.tui.text import literal


class CoachingPanel(VerticalScroll):
    """Streams coaching text in; the final text replaces it (a fallback may differ)."""

    DEFAULT_CSS = """
    CoachingPanel {
        height: auto; max-height: 12; border: round $accent; padding: 0 1; display: none;
    }
    CoachingPanel > #coaching-note { color: $text-muted; text-style: italic; display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="coaching-note")
        yield Static("", id="coaching-text")

    @property
    def text(self) -> str:
        """What the panel shows now (for tests and the copy command)."""
        return self._text

    def start(self) -> None:
        """A new turn: empty, visible, waiting for the first token."""
        self._text = ""
        self.display = True
        self.border_title = "Coaching…"
        self._show_note(None)
        self.query_one("#coaching-text", Static).update(literal("Thinking about your reply…"))

    def waiting(self, seconds: int) -> None:
        """Still no text from the model: say for how long (esc stops waiting)."""
        if not self._text:
            self.query_one("#coaching-text", Static).update(
                literal(f"Thinking about your reply… {seconds} s (esc: offline coaching)")
            )

    def append(self, piece: str) -> None:
        """Streamed text is shown as provisional (dimmed) until it passes the checks; the
        final text replaces it in place."""
        self._text += piece
        self.border_title = "Coaching (checking…)"
        self.query_one("#coaching-text", Static).update(literal(self._text, style="dim italic"))

    def finish(self, text: str, offline: bool, note: str | None) -> None:
        """The final coaching; offline, it is the offline coach's and `note` says why."""
        self._text = text
        self.display = True
        self.border_title = "Coaching (offline)" if offline else "Coaching"
        self._show_note(note)
        self.query_one("#coaching-text", Static).update(literal(text))

    def _show_note(self, note: str | None) -> None:
        widget = self.query_one("#coaching-note", Static)
        widget.update(literal(note or ""))
        widget.display = bool(note)
