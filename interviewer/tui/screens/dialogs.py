"""Dialogs: the help screen (every active binding with what it does) and a yes/no question."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

CSS = Path(__file__).with_name("dialogs.tcss")


def _table(title: str, rows: list[tuple[str, str, str]]) -> Table:
    table = Table(title=title, expand=True, show_edge=False)
    table.add_column("Key", style="bold")
    table.add_column("Action")
    table.add_column("What it does")
    for key, label, tip in rows:
        table.add_row(Text(key), Text(label), Text(tip or ""))
    return table


class HelpScreen(ModalScreen[None]):
    """Every binding that is active on the screen below, with what it does."""

    CSS_PATH = CSS
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help-close", tooltip="Close help")]

    def __init__(
        self, rows: list[tuple[str, str, str]], editing: list[tuple[str, str, str]] = ()
    ) -> None:
        super().__init__()
        self.rows = rows
        self.editing = list(editing)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            with VerticalScroll(id="help-scroll"):
                yield Static(_table("Keys of this screen", self.rows), id="help-table")
                if self.editing:
                    yield Static(_table("Editing your reply", self.editing), id="help-editing")
            yield Static("ctrl+p opens the command palette for everything else.  Esc closes.")

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question for an action that cannot be undone; No unless Y is pressed."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question), id="confirm-question")
            yield Static("y: yes    n or Esc: no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
