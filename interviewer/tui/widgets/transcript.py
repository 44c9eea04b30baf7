"""The conversation so far: the interviewer's prompts and the candidate's replies."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from interviewer.tui.text import literal


class Transcript(VerticalScroll):
    """Earlier turns, newest at the bottom; everything rendered literally."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; border: round $panel; padding: 0 1; }
    Transcript > .interviewer { color: $accent; margin: 1 0 0 0; }
    Transcript > .candidate { margin: 0 0 0 2; }
    Transcript > .verdict { margin: 0 0 0 2; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Conversation"
        self.can_focus = False

    def clear(self) -> None:
        self.remove_children()

    def add_prompt(self, text: str) -> None:
        label = Text("Interviewer: ", style="bold")
        label.append_text(literal(text))
        self._add(label, "interviewer")

    def add_reply(self, text: str) -> None:
        label = Text("You: ", style="bold")
        label.append_text(literal(text))
        self._add(label, "candidate")

    def add_verdict(self, verdict: str, score: int) -> None:
        self._add(Text(f"→ {verdict} · {score}/100"), "verdict")

    def _add(self, text: Text, cls: str) -> None:
        self.mount(Static(text, classes=cls))
        self.call_after_refresh(self.scroll_end, animate=False)
