"""The end of an interview or drill: what to fix first, per dimension, per follow-up (tries) and
overall; d starts the drill for the first fix."""

from __future__ import annotations

import time
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from interviewer.interview import Scorecard
from interviewer.tui.widgets.feedback import scorecard_tables
from interviewer.tui.widgets.footer import KeyFooter


class ScorecardScreen(Screen):
    """Shows a Scorecard; escape goes back to the conversation, n starts a new one."""

    CSS_PATH = Path(__file__).with_name("scorecard.tcss")
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Back to the conversation"),
        Binding("n", "app.new", "New", id="new", tooltip="Start a new interview or drill"),
        Binding("p", "app.progress", "Progress", id="progress", tooltip="Progress over sessions"),
        Binding("d", "drill", "Drill the top fix", id="drill",
                tooltip="A pushback drill on the follow-up that practises the first fix"),
    ]  # fmt: skip

    def __init__(self, card: Scorecard, mode: str, interview=None, loop=None) -> None:
        super().__init__()
        self.card = card
        self.mode = mode
        self.interview = interview  # the finished Interview, for the focus and level of a drill
        self.loop = loop  # the full loop (interviewer.interview.loop.Loop) this interview ended

    @property
    def next_drill(self) -> str | None:
        """The follow-up that practises the first fix that has one."""
        return next((f.drill for f in self.card.fixes if f.drill), None)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "drill":
            return self.next_drill is not None
        return True

    def action_drill(self) -> None:
        fid, iv = self.next_drill, self.interview
        if fid is None:
            return
        self.app.open_interview(
            "drill",
            iv.persona.id if iv and iv.persona else None,
            iv.level.id if iv and iv.level else None,
            iv.question.id if iv else None,
            fid,
        )

    def compose(self) -> ComposeResult:
        yield Header(icon="?")
        with VerticalScroll(id="card"):
            yield Static(self._headline(), id="headline", markup=False)
            yield Static(scorecard_tables(self.card), id="tables")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "interviewer — " + ("Drill results" if self.mode == "drill" else "Scorecard")

    def _headline(self) -> str:
        if self.mode == "drill":
            done = [r for r in self.card.followups if r.strong]
            tries = ", ".join(
                f"{r.id}: {r.tries} {'try' if r.tries == 1 else 'tries'}"
                for r in self.card.followups
            )
            return f"Drill over: {len(done)} of {len(self.card.followups)} strong. {tries}"
        if self.loop is not None:
            return self.loop.summary(time.monotonic())
        return "Interview over. Here is how it went."

    def action_back(self) -> None:
        self.app.pop_screen()
