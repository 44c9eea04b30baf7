"""The Textual app: wires the screens to the backend; the header shows the model in use."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen

from interviewer.interview import Interview
from interviewer.tui.backend import Backend

#: Seconds a signalled app may take to shut down before it is ended hard.
SIGNAL_GRACE_S = 3.0


@dataclass
class Launch:
    """What to open first: the start screen, or straight into a mode (CLI subcommands)."""

    screen: str = "start"  # start | interview | drill | replay | progress
    focus: str | None = None
    level: str | None = None
    question_id: str | None = None
    followup: str | None = None
    session_id: int | None = None
    loop: int | None = None  # a full loop of this many questions (interview only)


class InterviewerApp(App):
    """A behavioural mock interviewer. See interviewer.tui.screens for the screens."""

    TITLE = "interviewer"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="quit",
            tooltip="Quit; every submitted reply is already saved.",
            priority=True,
        ),
        Binding("f1", "help", "Help", id="help", tooltip="List the keys and what they do."),
        Binding("question_mark", "help", "Help", id="help-key", show=False, tooltip="Help"),
    ]

    def __init__(
        self,
        backend: Backend,
        launch: Launch | None = None,
        *,
        animations: bool = True,
        show_timings: bool = True,
        handle_signals: bool = False,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.launch = launch or Launch()
        self.animations_on = animations
        self.show_timings = show_timings
        self.handle_signals = handle_signals
        if not animations:
            self.animation_level = "none"

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS one whose parser takes a
        bracketed paste as text, escapes and all, instead of replaying it as key presses
        (see interviewer.tui.terminal)."""
        driver_class = super().get_driver_class()
        if sys.platform == "win32":
            return driver_class
        from textual.drivers.linux_driver import LinuxDriver

        from interviewer.tui.terminal import PasteSafeDriver

        return PasteSafeDriver if driver_class is LinuxDriver else driver_class

    def on_mount(self) -> None:
        self.sub_title = f"model: {self.backend.model_label}"
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                loop.add_signal_handler(sig, self._on_signal)
        self._open_launch()

    def _on_signal(self) -> None:
        """SIGTERM/SIGINT: leave cleanly. Replies are saved when submitted, so nothing is lost;
        the session stays unfinished and is offered for resuming next time."""
        self.exit(return_code=0)
        self._schedule_hard_exit()

    def _schedule_hard_exit(self) -> None:
        """A worker thread (say, mid index build) would keep the process alive after its
        terminal is gone; everything typed is already committed, so a hard exit is safe."""
        timer = threading.Timer(SIGNAL_GRACE_S, os._exit, args=(0,))
        timer.daemon = True
        timer.start()

    def _open_launch(self) -> None:
        ln = self.launch
        if ln.screen == "interview" and ln.loop:
            self.open_loop(ln.focus, ln.level, ln.question_id, ln.loop)
        elif ln.screen in ("interview", "drill"):
            self.open_interview(ln.screen, ln.focus, ln.level, ln.question_id, ln.followup)
        elif ln.screen == "replay" and ln.session_id is not None:
            self.open_replay(ln.session_id)
        elif ln.screen == "progress":
            self.action_progress()
        else:
            self.action_new()

    # -- navigation -------------------------------------------------------------------------

    def _go(self, screen: Screen) -> None:
        """Make `screen` the only screen above the default one."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_interview(
        self,
        mode: str,
        focus: str | None,
        level: str | None,
        question_id: str | None = None,
        followup: str | None = None,
        offer_resume: bool = True,
        loop=None,
    ) -> None:
        """Start a live interview or drill (or the current question of a full `loop`)."""
        from interviewer.tui.screens.interview import InterviewScreen

        question = self.backend.knowledge.question(question_id)
        iv = Interview(question, mode, focus, level, only_followup=followup)  # type: ignore[arg-type]
        self._go(InterviewScreen(self.backend, iv, offer_resume=offer_resume, loop=loop))

    def open_loop(
        self, focus: str | None, level: str | None, question_id: str | None, n: int
    ) -> None:
        """Start a full loop of `n` questions: `question_id` first, then the ones that cover
        other competencies (interviewer.interview.loop.plan)."""
        from interviewer.interview.loop import Loop, plan

        first = self.backend.knowledge.question(question_id).id
        loop = Loop(plan(self.backend.knowledge.questions, first, n))
        self.open_interview("interview", focus, level, loop.current, loop=loop)

    def next_in_loop(self, done: Interview, loop) -> None:
        """A full loop's next question, with the interviewer and level of the one just done."""
        ids = (done.persona and done.persona.id, done.level and done.level.id)
        self.open_interview(done.mode, *ids, loop.advance(), offer_resume=False, loop=loop)

    def resume_loop(self, recorded) -> None:
        """Continue an unfinished full loop (a sessions LoopRecord): the question it stopped
        in, with its replies, then the rest of its plan, with its time so far on the clock."""
        import time

        from interviewer.errors import UserError
        from interviewer.interview.loop import Loop
        from interviewer.interview.recorded import resumed
        from interviewer.tui.screens.interview import InterviewScreen

        slots, at = recorded.slots(), recorded.current
        done = {qid: rec.final_score for i, qid, rec in slots if i < at and rec is not None}
        loop = Loop(recorded.plan, at, time.monotonic() - recorded.elapsed_s, done, recorded.id)
        try:
            question = self.backend.knowledge.question(loop.current)
        except UserError as exc:  # today's packs dropped the question
            self.notify(f"Cannot resume the loop: {exc}", severity="error", markup=False)
            return
        iv = Interview(question, "interview", recorded.focus, recorded.level)
        rec, pending = slots[at][2], None
        if rec is not None:
            iv = resumed(iv, rec)
            pending = rec.last_turn.id
        screen = InterviewScreen(
            self.backend,
            iv,
            session_id=rec.id if rec is not None else None,
            offer_resume=False,
            pending_turn_id=pending if iv.awaiting_critique else None,
            loop=loop,
        )
        self._go(screen)

    def open_replay(self, session_id: int) -> None:
        """Step through a recorded session read-only."""
        from interviewer.tui.screens.replay import ReplayScreen

        self._go(ReplayScreen(self.backend, session_id))

    def action_new(self) -> None:
        """Back to the start screen to choose a mode, a focus and a level."""
        from interviewer.tui.screens.start import StartScreen

        self._go(StartScreen(self.backend, self.launch))

    def action_progress(self) -> None:
        """Charts and a table of each dimension and follow-up over sessions."""
        from interviewer.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen(self.backend))

    def action_help(self) -> None:
        """List the bindings active on the current screen."""
        from interviewer.tui.screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        own, editing, seen = [], [], set()
        for active in self.screen.active_bindings.values():
            b = active.binding
            if not b.description or (b.action, b.description) in seen:
                continue
            seen.add((b.action, b.description))
            row = (self.get_key_display(b), b.description, active.tooltip or b.tooltip)
            # The app's and the screen's keys first: the editor's own come after them.
            (own if active.node in (self, self.screen) else editing).append(row)
        self.push_screen(HelpScreen(own, editing))

    def action_copy_reply(self) -> None:
        """Copy the latest reply to the clipboard (OSC 52; most terminals support it)."""
        get = getattr(self.screen, "last_reply", None)
        text = get() if get else None
        if not text:
            self.notify("No reply to copy yet.", severity="warning")
            return
        self.copy_to_clipboard(text)
        self.notify("Reply copied to the clipboard.")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: the less common actions."""
        yield from super().get_system_commands(screen)
        if hasattr(screen, "action_finish"):
            yield SystemCommand(
                "Finish interview", "End now and see the scorecard", screen.action_finish
            )
            yield SystemCommand("Skip follow-up", "Skip the current follow-up", screen.action_skip)
        if hasattr(screen, "last_reply"):
            yield SystemCommand("Copy reply", "Copy your latest reply", self.action_copy_reply)
        if hasattr(screen, "action_rewrite"):
            yield SystemCommand(
                "Rewrite my story",
                "Your last answer as a STAR story (offline: a template from your own sentences)",
                screen.action_rewrite,
            )
        yield SystemCommand("New interview", "Choose a mode, focus and level", self.action_new)
        yield SystemCommand(
            "Progress", "Each dimension and follow-up over sessions", self.action_progress
        )
        yield SystemCommand("Help", "List the keys and what they do", self.action_help)
