"""The conversation so far: the interviewer's prompts and the candidate's replies."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from interviewer.tui.text import literal


class Transcript(VerticalScroll):
    """Earlier turns, newest at the bottom; everything rendered literally.

    With a model, the next follow-up is streamed in as a *pending* interviewer line before it
    is answered; submitting adopts that line, so the prompt is not shown twice.
    """

    DEFAULT_CSS = """
    Transcript { height: 1fr; border: round $panel; padding: 0 1; }
    Transcript > .interviewer { color: $accent; margin: 1 0 0 0; }
    Transcript > .candidate { margin: 0 0 0 2; }
    Transcript > .verdict { margin: 0 0 0 2; color: $text-muted; }
    Transcript > .note { margin: 0 0 0 2; color: $text-muted; text-style: italic; }
    Transcript > .pending { text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Conversation"
        self.can_focus = False
        self._pending: Static | None = None
        self._pending_note: Static | None = None  # goes with the pending line
        self._streamed = ""

    def clear(self) -> None:
        self._pending = self._pending_note = None
        self.remove_children()

    def add_prompt(self, text: str) -> None:
        self._add(_interviewer(text), "interviewer")

    def add_reply(self, text: str) -> None:
        label = Text("You: ", style="bold")
        label.append_text(literal(text))
        self._add(label, "candidate")

    def add_verdict(self, verdict: str, score: int) -> None:
        self._add(Text(f"→ {verdict} · {score}/100"), "verdict")

    def add_note(self, text: str) -> None:
        """A muted line saying why the coach went offline for this turn."""
        note = self._add(literal(f"({text})"), "note")
        if self._pending is not None:
            self._pending_note = note

    # -- the next follow-up, shown before it is answered -------------------------------------

    def begin_pending(self) -> None:
        """An interviewer line the next follow-up will stream into."""
        self.drop_pending()
        self._streamed = ""
        self._pending = self._add(_interviewer("…"), "interviewer pending")

    def append_pending(self, piece: str) -> None:
        if self._pending is None:
            return
        self._streamed += piece
        self._pending.update(_interviewer(self._streamed + " …"))
        self.call_after_refresh(self.scroll_end, animate=False)

    def settle_pending(self, text: str) -> None:
        """Replace what was streamed with the final text (the model's, or the canonical); the
        line stays pending until it is answered, skipped or dropped."""
        if self._pending is not None:
            self._pending.update(_interviewer(text))
            self._pending.remove_class("pending")

    def adopt_pending(self, text: str) -> bool:
        """The candidate answered: the pending line shows the prompt answered, `text`, and
        stops being pending. False when there was none (the caller adds the prompt)."""
        if self._pending is None:
            return False
        self.settle_pending(text)
        self._pending = self._pending_note = None
        return True

    def drop_pending(self) -> None:
        """The next follow-up will not be asked (skipped, or the interview ended)."""
        for widget in (self._pending, self._pending_note):
            if widget is not None:
                widget.remove()
        self._pending = self._pending_note = None

    def _add(self, text: Text, cls: str) -> Static:
        widget = Static(text, classes=cls)
        self.mount(widget)
        self.call_after_refresh(self.scroll_end, animate=False)
        return widget


def _interviewer(text: str) -> Text:
    label = Text("Interviewer: ", style="bold")
    label.append_text(literal(text))
    return label
