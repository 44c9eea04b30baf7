"""The start screen: choose the question, interview / drill / full loop / replay, the
interviewer's focus and the level. The defaults (or the last choices) are chosen, so Enter
begins at once."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import (
    Button,
    DataTable,
    Header,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from interviewer.interview.loop import DEFAULT_SIZE, SECONDS_PER_QUESTION, plan
from interviewer.interview.machine import MODES as INTERVIEW_MODES
from interviewer.sessions.loops import LoopRecord
from interviewer.tui import messages as msg
from interviewer.tui.backend import Backend
from interviewer.tui.widgets.footer import KeyFooter

#: The state machine's modes with their labels, then the full loop and replay, which are no
#: modes of an interview (a loop is mock interviews in a row). A mode the machine gains without
#: a label here stops the app at import, not on the screen. The loop's label is short enough to
#: keep mode, focus and level on one row at 80 columns; the line under the pickers says more.
_LABELS = {"interview": "Mock interview", "drill": "Pushback drill"}
MODES = (
    *((m, _LABELS[m]) for m in INTERVIEW_MODES),
    ("loop", f"Full loop of {DEFAULT_SIZE}"),
    ("replay", "Replay"),
)
#: The start screen's last choices, in the config folder (owner-only like everything else).
CHOICES_FILE = "last-choices.json"


class ChoiceSet(RadioSet):
    """Arrows move the choice itself, not only a highlight: what is marked is what Enter
    starts (Enter begins; it never reaches the set to select)."""

    def on_mount(self) -> None:
        # The set highlights its first button while it mounts: that is not a choice. Keys
        # come later, and move from the chosen button (a remembered one need not be first).
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        buttons = list(self._nodes)  # empty once the set is replaced (another question)
        if self.pressed_button in buttons:
            self._selected = buttons.index(self.pressed_button)
        self._moved_by_user = True

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose()

    def _choose(self) -> None:
        if getattr(self, "_moved_by_user", False) and self._selected is not None:
            button = self._nodes[self._selected]
            if isinstance(button, RadioButton) and not button.value:
                button.value = True


class ChoiceButton(RadioButton):
    """A radio button whose label wraps onto more lines when the column is too narrow for it
    (start.tcss), instead of being cut: Textual's toggle buttons are always one line high."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return Static.get_content_height(self, container, viewport, width)


def load_choices() -> dict:
    """The last choices made on the start screen; {} when there are none or they are unreadable."""
    import json

    from interviewer.config import config_path

    try:
        data = json.loads((config_path().parent / CHOICES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def save_choices(choices: dict) -> None:
    """Best effort: a read-only config folder only costs the memory of the choices."""
    import json

    from interviewer.config import config_path
    from interviewer.private import owner_only, private_dir

    path = config_path().parent / CHOICES_FILE
    try:
        with owner_only():
            private_dir(path.parent)
            path.write_text(json.dumps(choices), encoding="utf-8")
    except OSError:
        pass


def what_it_tests(question) -> str:
    """One line on what the question tests: its own, else the summary's first sentence."""
    if question.tests.strip():
        return " ".join(question.tests.split())
    summary = " ".join(question.summary.split())
    if not summary:
        return ""
    match = re.search(r"(?<=[.!?])\s", summary)
    return summary[: match.start()] if match else summary


class QuestionPicker(OptionList):
    """The questions, each with a line on what it tests. The highlighted question is the
    chosen one (arrows choose, as in the other pickers; Enter begins). An option list, not
    radio buttons, because its options wrap: a question is never cut at 80 columns."""

    def __init__(self, questions, chosen: str, **kwargs) -> None:
        options = []
        for q in questions:
            label = Text(q.text, style="bold")
            if tests := what_it_tests(q):
                label.append("\n" + tests, style="dim")
            options.append(Option(label, id=q.id))
        super().__init__(*options, **kwargs)
        self._first = chosen

    def on_mount(self) -> None:
        self.highlighted = self.get_option_index(self._first)

    def on_resize(self) -> None:
        # Scrolled to once laid out, and again whenever its size changes (before, the list has
        # no height to scroll in): a list shorter than its questions, as at 80x24, shows the
        # chosen one.
        self.call_after_refresh(self.scroll_to_highlight)

    @property
    def chosen(self) -> str | None:
        """The id of the chosen question."""
        option = self.highlighted_option
        return option.id if option is not None else self._first


def _loop_questions(loop) -> str:
    """'loop: failure 40 · leadership-without-title 55 · conflict-with-coworker -'"""
    parts = []
    for _, qid, rec in loop.slots():
        score = "-" if rec is None or rec.final_score is None else str(rec.final_score)
        parts.append(f"{qid} {score}")
    return "loop: " + " · ".join(parts)


class StartScreen(Screen):
    """Question, mode, focus and level pickers, and the list of recorded sessions for replay."""

    CSS_PATH = Path(__file__).with_name("start.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    # Below 40 rows the pickers take less height, so an 80x24 screen shows them and Begin
    # without scrolling (start.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    BINDINGS = [
        Binding("enter", "begin", "Begin", id="begin", tooltip="Start with these choices.",
                priority=True),
        Binding("p", "app.progress", "Progress", id="progress",
                tooltip="Each dimension and follow-up over your sessions."),
        Binding("delete", "delete_session", "Delete session", id="delete-session",
                tooltip="Delete the highlighted past session for good."),
    ]  # fmt: skip

    def __init__(self, backend: Backend, launch) -> None:
        super().__init__()
        self.backend = backend
        self.launch = launch
        self.records: list = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        last = load_choices()
        knowledge = self.backend.knowledge
        known = {q.id for q in knowledge.questions}
        chosen = self.launch.question_id or last.get("question")
        q = knowledge.question(chosen if chosen in known else None)
        self._question_id = q.id
        yield Header(icon="?")
        # A loop needs questions to choose among; with one there is only the mock interview.
        modes = [m for m in MODES if m[0] != "loop" or len(knowledge.questions) > 1]
        with VerticalScroll(id="start"):
            picker = QuestionPicker(knowledge.questions, q.id, id="question")
            picker.border_title = "Question"
            yield picker
            with Container(id="choices"):
                yield self._radios("mode", "Mode", modes, last.get("mode", "interview"))
                yield from self._question_pickers(q, last)
            yield Static("", id="loop-note")
            # Begin before the past sessions: a long list never pushes it off the screen.
            yield Button("Begin (enter)", id="begin", variant="primary")
            yield Static("", id="sessions-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def _question_pickers(self, q, last: dict) -> list[RadioSet]:
        """The pickers whose options come from the question: focus, level and its follow-ups."""
        focus = self.launch.focus or last.get("focus")
        level = self.launch.level or last.get("level")
        followup = self.launch.followup or last.get("followup")
        personas = [(p.id, p.name) for p in q.personas]
        levels = [(lv.id, lv.name) for lv in q.levels]
        # The first question of each follow-up: a label that fits, not a cut one.
        drills = [("all", "All follow-ups")] + [
            (f.id, f.prompt.split("?")[0] + "?" if "?" in f.prompt else f.prompt)
            for f in q.followups
        ]
        return [
            self._radios("focus", "Interviewer focus", personas, focus),
            self._radios("level", "Level", levels, level),
            self._radios("followup", "Drill", drills, followup or "all"),
        ]

    @on(OptionList.OptionHighlighted, "#question")
    async def _question_changed(self, event: OptionList.OptionHighlighted) -> None:
        """Another question: its focuses, levels and follow-ups replace the last one's
        (a focus or level it shares stays chosen)."""
        if event.option.id in (None, self._question_id):
            return
        if event.option.id != self.choice("question"):
            # Stale: the list announces its first question while it is built, before the
            # remembered one is highlighted; swapping pickers for it would lose a remembered
            # drill follow-up of that question.
            return
        self._question_id = event.option.id
        q = self.backend.knowledge.question(event.option.id)
        kept = {n: c for n in ("focus", "level", "followup") if (c := self.choice(n))}
        choices = self.query_one("#choices", Container)
        await self.query("#focus, #level, #followup").remove()
        await choices.mount_all(self._question_pickers(q, kept))
        self._show_loop_note()

    @on(RadioSet.Changed, "#mode")
    def _mode_changed(self) -> None:
        self._show_loop_note()

    def _loop_plan(self) -> list[str]:
        """The questions a full loop begun now would ask, the chosen one first."""
        questions = self.backend.knowledge.questions
        return plan(questions, self.choice("question") or questions[0].id, DEFAULT_SIZE)

    def _show_loop_note(self) -> None:
        """With the full loop chosen, one line on what it is (the questions it would ask in
        its tooltip); otherwise nothing, so the other modes' layout is unchanged."""
        note = self.query_one("#loop-note", Static)
        note.display = self.choice("mode") == "loop"
        self.query_one("#start").set_class(note.display, "-loop")  # start.tcss makes room
        if not note.display:
            return
        ids = self._loop_plan()
        minutes = round(len(ids) * SECONDS_PER_QUESTION / 60)
        note.update(
            Text(
                f"{len(ids)} questions chosen to cover different competencies, "
                f"about {minutes} minutes"
            )
        )
        texts = [self.backend.knowledge.question(qid).text for qid in ids]
        note.tooltip = "\n".join(f"{i}. {t}" for i, t in enumerate(texts, 1))

    @staticmethod
    def _radios(name: str, title: str, options, chosen: str | None) -> RadioSet:
        if chosen not in {oid for oid, _ in options}:  # a remembered id the pack dropped
            chosen = None
        chosen = chosen or (options[0][0] if options else None)
        buttons = [
            ChoiceButton(label, value=(oid == chosen), id=f"{name}-{oid}", name=oid)
            for oid, label in options
        ]
        rs = ChoiceSet(*buttons, id=name)
        rs.border_title = title
        return rs

    def on_mount(self) -> None:
        self.title = "interviewer — start"
        table = self.query_one("#sessions", DataTable)
        table.add_columns(
            "ID", "Started", "Mode", "Question", "Focus", "Level", "Replies", "Score", ""
        )
        self.query_one("#sessions-title", Static).update("Past sessions (loading…)")
        self.query_one("#question", QuestionPicker).focus()
        self._show_loop_note()
        self._load_sessions()

    def choice(self, name: str) -> str | None:
        """The id chosen in picker `name`."""
        if name == "question":
            return self.query_one("#question", QuestionPicker).chosen
        pressed = self.query_one(f"#{name}", RadioSet).pressed_button
        return pressed.name if pressed else None

    @work(thread=True, exclusive=True, group="sessions", exit_on_error=False)
    def _load_sessions(self) -> None:
        self.post_message(msg.SessionsLoaded(*self.backend.read_sessions(entries=True)))

    def on_sessions_loaded(self, event: msg.SessionsLoaded) -> None:
        self.records = event.records
        self.loaded = True
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for r in event.records[:200]:
            note = "" if r.finished_at else "unfinished"
            if r.parent_id is not None:
                note = f"re-answers #{r.parent_id}"
            mode, question = r.mode, r.question_id
            if isinstance(r, LoopRecord):  # a full loop: one row, each question with its score
                mode, question = "loop", _loop_questions(r)
            score = "-" if r.final_score is None else str(r.final_score)
            started = (r.started_at or "")[:16].replace("T", " ")
            table.add_row(str(r.id), started, mode, question, r.focus or "-", r.level or "-",
                          str(r.answered), score, note, key=str(r.id))  # fmt: skip
        title = event.error or (
            f"Past sessions ({len(event.records)}): choose Replay, highlight one, press Enter"
            if event.records
            else "No past sessions yet."
        )
        self.query_one("#sessions-title", Static).update(Text(title))
        if event.note:
            self.notify(event.note, markup=False)

    def action_begin(self) -> None:
        mode = self.choice("mode") or "interview"
        names = ("question", "mode", "focus", "level", "followup")
        save_choices({n: c for n in names if (c := self.choice(n)) is not None})
        if mode == "replay":
            self._begin_replay()
            return
        if mode == "loop":  # the chosen question first; the focus and level hold for all
            self.app.open_loop(
                self.choice("focus"), self.choice("level"), self.choice("question"), DEFAULT_SIZE
            )
            return
        followup = self.choice("followup")
        self.app.open_interview(
            mode,
            self.choice("focus"),
            self.choice("level"),
            self.choice("question"),
            None if mode != "drill" or followup == "all" else followup,
        )

    def _begin_replay(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.records or table.row_count == 0:
            self.notify("No recorded sessions to replay yet.", severity="warning")
            return
        row = table.get_row_at(table.cursor_row)
        self.app.open_replay(int(row[0]))

    def action_delete_session(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.records or table.row_count == 0:
            self.notify("No recorded sessions to delete.", severity="warning")
            return
        row = table.get_row_at(table.cursor_row)
        sid, mode, replies = int(row[0]), row[2], row[6]
        what = f"the full loop {sid} (" if mode == "loop" else f"session {sid} ({mode}, "
        question = (
            f"Delete {what}{row[3]}, {row[1]}, {replies} replies)? Its text is "
            "overwritten on disk and cannot be recovered."
        )
        from interviewer.tui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(sid)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="sessions", exit_on_error=False)
    def _delete(self, session_id: int) -> None:
        records, error, note = self.backend.delete_session(session_id)
        self.post_message(msg.SessionsLoaded(self.records if error else records, error, note))

    @on(Button.Pressed, "#begin")
    def _begin_pressed(self) -> None:
        self.action_begin()
