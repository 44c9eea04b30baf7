"""The reply editor: a multi-line TextArea with a live word count, speaking time and a
warning when the opening runs long, plus the Submit button."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from interviewer.tui.text import clean_paste, reply_stats


class ReplyArea(TextArea):
    """A TextArea that cleans what is pasted into it (typed keys cannot carry escapes)."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of TextArea's own paste, which keeps escapes
        if self.read_only:
            return
        if result := self._replace_via_keyboard(clean_paste(event.text), *self.selection):
            self.move_cursor(result.end_location)
            self.focus()


class ReplyEditor(Vertical):
    """Where the candidate writes. Its buttons run the screen's submit, skip and finish."""

    DEFAULT_CSS = """
    ReplyEditor { height: auto; }
    ReplyEditor > TextArea { height: 10; }
    ReplyEditor #stats { height: 1; color: $text-muted; padding: 0 1; }
    ReplyEditor #opening-warning { height: auto; color: $warning; padding: 0 1; }
    ReplyEditor #editor-buttons { height: auto; }
    ReplyEditor #editor-buttons Button { margin: 0 1 0 0; }
    """

    def __init__(self, *, blink: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blink = blink

    def compose(self) -> ComposeResult:
        area = ReplyArea(id="reply", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        area.cursor_blink = self._blink
        area.border_title = "Your reply"
        yield area
        yield Static("0 words · ~0:00 spoken", id="stats", markup=False)
        yield Static("", id="opening-warning", markup=False)
        with Horizontal(id="editor-buttons"):
            yield Button("Submit (ctrl+s)", id="submit", variant="primary", action="screen.submit")
            yield Button("Skip (ctrl+n)", id="skip", action="screen.skip")
            yield Button("Finish (ctrl+f)", id="finish", action="screen.finish")

    @property
    def area(self) -> TextArea:
        return self.query_one("#reply", TextArea)

    @property
    def text(self) -> str:
        return self.area.text

    def after_input(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the editor has handled every key already sent to it.

        Keys reach the editor through its own message queue, so a burst (a fast typist, a
        dictation tool, a paste without bracketed paste) can still be queued there when the
        app runs a binding: read the editor then and the end of the reply is missing (and
        later lands in the next one). A callback queued behind those keys sees all of them.
        """
        if not self.area.call_later(callback):  # the editor is closing: nothing is queued
            callback()

    def set_text(self, text: str) -> None:
        """Replace the editor's content (clear it, or put a failed reply back)."""
        self.area.load_text(text)
        self.area.move_cursor(self.area.document.end)
        self._refresh_stats(text)

    def give_back(self, reply: str) -> None:
        """A reply that could not be completed comes back into the editor, with whatever was
        typed while it was out after it."""
        draft = self.text.strip()
        self.set_text(f"{reply}\n\n{draft}" if draft else reply)
        self.set_busy(False)
        self.area.focus()

    def set_finished(self) -> None:
        """The interview is over: nothing more can be submitted or skipped."""
        for name in ("#submit", "#skip"):
            self.query_one(name, Button).display = False

    def set_busy(self, busy: bool) -> None:
        """While the critic runs the candidate may keep writing; only submitting waits."""
        self.query_one("#submit", Button).disabled = busy

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._refresh_stats(event.text_area.text)

    def _refresh_stats(self, text: str) -> None:
        stats = reply_stats(text)
        self.query_one("#stats", Static).update(stats.label())
        warning = self.query_one("#opening-warning", Static)
        warning.update(f"⚠ {stats.warning}" if stats.warning else "")
        warning.display = bool(stats.warning)
