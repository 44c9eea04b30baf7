"""Replay a recorded session read-only: arrow keys step through the turns (prompt, reply,
critique and exemplars as recorded); r re-answers from the current turn in a forked session.
A question of a full loop replays the whole loop, its questions in order."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from interviewer.interview import Interview
from interviewer.interview.recorded import original_scores, turns_from_records
from interviewer.names import labels
from interviewer.sessions.loops import LoopRecord
from interviewer.tui import messages as msg
from interviewer.tui.backend import SESSION_ERRORS, Backend
from interviewer.tui.text import literal
from interviewer.tui.widgets.exemplars import ExemplarPanel
from interviewer.tui.widgets.feedback import CritiquePanel, ScoreLine
from interviewer.tui.widgets.feedback_tabs import FeedbackTabs
from interviewer.tui.widgets.footer import KeyFooter


class ReplayScreen(Screen):
    """One recorded session, turn by turn."""

    CSS_PATH = Path(__file__).with_name("replay.tcss")
    BINDINGS = [
        # priority: the focused reply pane's own left/right (sideways scrolling of wrapped
        # text) hid these from the footer and the help.
        Binding("left", "step(-1)", "Previous", id="previous", tooltip="The previous turn",
                priority=True),
        Binding("right", "step(1)", "Next", id="next", tooltip="The next turn", priority=True),
        Binding("r", "reanswer", "Re-answer", id="reanswer",
                tooltip="Answer this turn again in a new session that keeps the earlier turns"),
        Binding("f3", "toggle_exemplars", "Exemplars", id="toggle-exemplars",
                tooltip="Small terminal: the closest exemplars in place of the critique."),
        Binding("f4", "next_exemplar", "Next exemplar", id="next-exemplar", show=False,
                tooltip="The next closest weak answer beside its strong twin."),
        Binding("escape", "app.new", "Start", id="start", tooltip="Back to the start screen"),
    ]  # fmt: skip
    # Below 120 columns the feedback shows the critique or (F3) the exemplars, as live.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self, backend: Backend, session_id: int) -> None:
        super().__init__()
        self.backend = backend
        self.session_id = session_id
        self.record = None  # the session of the turn shown (a loop's question, in a loop)
        self.loop = None  # the full loop (sessions LoopRecord) being replayed, if it is one
        self.steps: list = []  # (session, turn) in order: a loop's questions one after another
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header(icon="?")
        yield Static("Loading the session…", id="replay-status")
        with Horizontal(id="replay-body"):
            with Vertical(id="replay-left"):
                yield Static("", id="replay-prompt")
                with VerticalScroll(id="replay-reply"):
                    yield Static("", id="replay-reply-text")
            with VerticalScroll(id="replay-feedback"):
                yield FeedbackTabs(id="replay-tabs")
                yield ScoreLine("", id="replay-score")
                yield CritiquePanel("", id="replay-critique")
                yield ExemplarPanel(self.backend.contrast, id="replay-exemplars")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = f"interviewer — replay of session #{self.session_id}"
        self.query_one("#replay-prompt").border_title = "Interviewer"
        self.query_one("#replay-reply").border_title = "Your reply (as recorded)"
        self.query_one("#replay-feedback").border_title = "Feedback (as recorded)"
        self._load()

    @work(thread=True, exclusive=True, group="replay", exit_on_error=False)
    def _load(self) -> None:
        records, error = self.backend.read_sessions(session_id=self.session_id, entries=True)
        self.post_message(msg.SessionsLoaded(records, error))

    def on_sessions_loaded(self, event: msg.SessionsLoaded) -> None:
        if event.error or not event.records:
            self.query_one("#replay-status", Static).update(literal(event.error or "Not found"))
            return
        entry = event.records[0]
        if isinstance(entry, LoopRecord):
            self.loop = entry
            self.title = f"interviewer — replay of loop #{entry.id}: {entry.summary()}"
        self.steps = [(r, t) for r in entry.sessions for t in r.turns]
        # Replayed from the question asked for (a loop's other questions are a step away).
        self.index = next((i for i, (r, _) in enumerate(self.steps) if r.id == self.session_id), 0)
        self.record = self.steps[self.index][0] if self.steps else entry
        self._show()

    def action_step(self, delta: int) -> None:
        if self.steps:
            self.index = max(0, min(len(self.steps) - 1, self.index + delta))
            self.record = self.steps[self.index][0]
            self._show()

    def _show(self) -> None:
        rec = self.record
        status = self.query_one("#replay-status", Static)
        if not self.steps:
            status.update(Text(f"Session #{rec.id} has no replies."))
            return
        t = self.steps[self.index][1]
        head = (
            f"Session #{rec.id} · {rec.mode} · {rec.question_id} · {rec.focus or '-'} · "
            f"{rec.level or '-'}"
        )
        if self.loop is not None:
            n, score = len(self.loop.plan), self.loop.final_score
            head = (
                f"Loop #{self.loop.id} (overall {'-' if score is None else score}/100) · "
                f"question {(rec.loop_index or 0) + 1} of {n}: {head}"
            )
        # The keys (←/→ step, r re-answer) are in the footer, as on every screen.
        status.update(literal(f"{head} · turn {rec.turns.index(t) + 1} of {len(rec.turns)}"))
        self.query_one("#replay-prompt", Static).update(literal(t.prompt, style="bold"))
        self.query_one("#replay-reply-text", Static).update(literal(t.reply))
        view = t.feedback
        names = labels(self.backend.knowledge, self._question().id)
        self.query_one(ScoreLine).show(view)
        critique = self.query_one(CritiquePanel)
        if view:
            critique.show(view, names)
        else:
            critique.update(Text("This reply was never critiqued (the app was closed first)."))
        self.query_one(ExemplarPanel).show(view)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "toggle_exemplars":
            return self.has_class("-narrow")
        if action == "next_exemplar":
            return self.query_one(ExemplarPanel).count > 1
        return True

    def action_toggle_exemplars(self) -> None:
        self.query_one(FeedbackTabs).show_exemplars(not self.has_class("-show-exemplars"))

    def action_next_exemplar(self) -> None:
        self.query_one(ExemplarPanel).next_story()
        if self.has_class("-narrow"):
            self.query_one(FeedbackTabs).show_exemplars(True)

    def _question(self):
        return self.backend.knowledge.question(self.record.question_id)

    # -- re-answer --------------------------------------------------------------------------

    def action_reanswer(self) -> None:
        if not self.steps:
            return
        self._fork(self.record.id, self.steps[self.index][1].idx)

    @work(thread=True, exclusive=True, group="fork", exit_on_error=False)
    def _fork(self, session_id: int, turn_idx: int) -> None:
        try:
            new_id = self.backend.sessions.fork(session_id, turn_idx)
        except SESSION_ERRORS as exc:
            self.post_message(msg.ForkReady(None, f"Could not fork the session: {exc}"))
            return
        self.post_message(msg.ForkReady(new_id))

    def on_fork_ready(self, event: msg.ForkReady) -> None:
        from interviewer.tui.screens.interview import InterviewScreen

        if event.error:
            self.notify(event.error, severity="error", markup=False)
            return
        rec, question = self.record, self._question()
        target = self.steps[self.index][1]
        earlier = [t for t in rec.turns if t.idx < target.idx]
        iv = Interview.from_turns(
            question, turns_from_records(earlier, question), rec.mode, rec.focus, rec.level
        )
        if iv.awaiting_critique:  # an earlier reply was never critiqued: re-answer from here
            iv.abandon()
        iv.restate(turns_from_records([target], question)[0])
        screen = InterviewScreen(
            self.backend,
            iv,
            session_id=event.session_id,
            offer_resume=False,
            # only the turns being re-answered: the copied ones are the same replies
            originals={
                idx: v for idx, v in original_scores(rec.turns).items() if idx >= target.idx
            },
        )
        self.app.switch_screen(screen)
