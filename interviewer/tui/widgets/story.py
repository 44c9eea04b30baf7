"""The story a pushback drill presses on, shown above the question: the candidate's own last
answer from their sessions, else a short stock story from the pack, or one they paste."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.tui.text import literal

#: Enough of the story to remember it by; the whole of it is in the session.
SHOWN_WORDS = 70


class DrillStory(Vertical):
    """Holds the story and where it came from; loads the candidate's last answer itself.

    The story, where it came from and what ctrl+o does are separate lines, so a short screen
    can cut the story to one line and drop the key (its footer shows it) and still say where
    the story came from."""

    DEFAULT_CSS = """
    DrillStory { height: auto; border: round $panel; padding: 0 1; color: $text-muted; }
    DrillStory > #story-text { height: auto; max-height: 4; }
    DrillStory > #story-source, DrillStory > #story-key { height: auto; }
    """

    story: reactive[str] = reactive("", layout=True)
    source: reactive[str] = reactive("", layout=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "The story this drill presses on"

    def compose(self) -> ComposeResult:
        yield Static("", id="story-text", markup=False)
        yield Static("", id="story-source", markup=False)
        yield Static(
            literal("ctrl+o: use the story in the editor instead", style="dim"), id="story-key"
        )

    def load(self, backend, question) -> None:
        """The pack's stock story now; the candidate's last answer when the database has one."""
        stock = question.answers.weak[0].text if question.answers.weak else ""
        self.set(stock, "a stock story: answer the follow-ups as if it were yours")
        self._last_answer(backend, question.id)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _last_answer(self, backend, question_id: str) -> None:
        try:
            store = backend.sessions
            turn = store.last_answer(question_id) if store is not None else None
        except Exception:  # no database: the stock story stays
            return
        if turn is not None and self.source != "yours":
            where = f"your answer in session {turn.session_id}"
            self.app.call_from_thread(self.set, turn.reply, where)

    def set(self, story: str, source: str) -> None:
        self.story, self.source = story.strip(), source

    def watch_story(self, story: str) -> None:
        words = story.split()
        shown = " ".join(words[:SHOWN_WORDS]) + (" …" if len(words) > SHOWN_WORDS else "")
        self.query_one("#story-text", Static).update(literal(shown))

    def watch_source(self, source: str) -> None:
        self.query_one("#story-source", Static).update(literal(f"({source})", style="dim"))
