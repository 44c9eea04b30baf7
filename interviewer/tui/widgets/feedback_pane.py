"""The interview screen's right-hand pane: the last reply's score, the interviewer's focus, the
critique, the model's coaching and the closest exemplars.

A reply critiqued while the exemplar index was still being built comes without exemplars;
the pane fetches them itself (in a thread) once the index is ready, and fills them in.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.interview import Turn
from interviewer.names import labels
from interviewer.tui import messages as msg
from interviewer.tui.backend import EXEMPLARS_PENDING, Backend
from interviewer.tui.text import literal
from interviewer.tui.widgets.coaching import CoachingPanel
from interviewer.tui.widgets.exemplars import ExemplarPanel
from interviewer.tui.widgets.feedback import CritiquePanel, ScoreLine
from interviewer.tui.widgets.feedback_tabs import FeedbackTabs


class FeedbackPane(Vertical):
    """`view` is the feedback shown (a view dict, see widgets.feedback), None before any;
    `pending` the (turn, view) whose exemplars are still to come."""

    view: reactive[dict | None] = reactive(None, always_update=True, init=False)
    pending: reactive[tuple[Turn, dict] | None] = reactive(None, always_update=True, init=False)

    def __init__(self, backend: Backend, question_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.backend = backend
        self.question_id = question_id
        self._labels: tuple = ({}, [], set(), None)  # how `view` is shown, to show it again

    def compose(self) -> ComposeResult:
        yield FeedbackTabs(id="feedback-tabs")
        yield ScoreLine("", id="score")
        with VerticalScroll(id="critique-scroll"):
            yield Static("", id="focus-hint")
            yield CritiquePanel("Your feedback appears here after you submit.", id="critique")
        # Only with a model: the model's coaching, under the critique it cites.
        yield CoachingPanel(self.backend, id="coaching")
        # Below the critique, not inside its scroll: the exemplars stay in view.
        yield ExemplarPanel(self.backend.contrast, id="exemplars")

    def on_mount(self) -> None:
        self.border_title = "Feedback"

    def focus_on(self, persona, level) -> None:
        """What this interviewer emphasises and the level's bar, above the critique."""
        hint = Text()
        if persona:
            hint.append(f"{persona.name}: ", style="bold")
            hint.append_text(literal(f"emphasises {_lower(persona.emphasise)}; "))
            hint.append_text(literal(f"cares less about {_lower(persona.de_emphasise)}."))
        if level:
            hint.append(f"\n{level.name} bar: ", style="bold")
            hint.append_text(literal(level.expectation))
        widget = self.query_one("#focus-hint", Static)
        widget.update(hint)
        widget.set_class(not hint.plain, "-empty")

    def recall(self, iv, originals: dict) -> None:
        """The last critique on record of `iv` (resumed), unless one is shown already."""
        last = next((t for t in reversed(iv.turns) if t.critique), None)
        if last is not None and self.view is None:
            self.show_turn(last, {"dimensions": {}, **last.critique.as_dict()}, iv, originals)

    def show_turn(self, turn: Turn, view: dict, iv, originals: dict, scroll: bool = True) -> None:
        """Show `view` of `turn` of interview `iv`: its checks named as everywhere, in the
        order this interviewer presses them, and the score against the original's when
        re-answering (`originals`: turn idx -> (follow-up, score))."""
        names = labels(self.backend.knowledge, iv.question.id)
        followup, original = originals.get(turn.idx, (None, None))
        same = original is not None and followup == turn.followup
        order, emphasised = iv.priorities(), iv.emphasised()
        self.show(view, names, order, emphasised, original if same else None, scroll)

    def show(
        self,
        view: dict,
        names: dict[str, str],
        order: list[str],
        emphasised: set[str],
        original: int | None = None,
        scroll: bool = True,
    ) -> None:
        """Show `view`, its checks named by `names` in `order`, and the score against an
        original turn's when re-answering."""
        self._labels = (names, order, emphasised, original)
        self.view = view
        self.query_one(ScoreLine).show(view, original)
        self.query_one(CritiquePanel).show(view, names, order, emphasised)
        self.query_one(ExemplarPanel).show(view)
        if scroll:
            self.query_one("#critique-scroll", VerticalScroll).scroll_home(animate=False)

    def expect_exemplars(self, turn: Turn, view: dict) -> None:
        """`view` (of `turn`) says its exemplars will follow: fetch them once the index is
        ready (now, if it already is)."""
        if EXEMPLARS_PENDING not in view.get("notes", []):
            return
        self.pending = (turn, view)
        if self.backend.ready.is_set():  # the index became ready meanwhile
            self._fetch(turn)

    def index_ready(self) -> None:
        if self.pending is not None:
            self._fetch(self.pending[0])

    @work(thread=True, exclusive=True, group="exemplars", exit_on_error=False)
    def _fetch(self, turn: Turn) -> None:
        ex = self.backend.exemplars(turn.reply, self.question_id, turn.followup)
        self.post_message(msg.ExemplarsReady(turn, ex))

    def on_exemplars_ready(self, event: msg.ExemplarsReady) -> None:
        if self.pending is None or self.pending[0] is not event.turn:
            return
        _, view = self.pending
        self.pending = None
        view["exemplars"] = event.exemplars.as_dict()
        notes = [n for n in view.get("notes", []) if n != EXEMPLARS_PENDING]
        notes += [event.exemplars.note] if event.exemplars.note else []
        view["notes"] = notes
        if self.view is view:
            self.show(view, *self._labels, scroll=False)


def _lower(phrase: str) -> str:
    """'Technical depth.' -> 'technical depth', to run on inside a sentence."""
    phrase = phrase.strip().rstrip(".")
    return phrase[:1].lower() + phrase[1:]
