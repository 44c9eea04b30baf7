"""The start screen: choose interview / drill / replay, the interviewer's focus and the level.
The defaults are chosen, so Enter begins at once."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, RadioButton, RadioSet, Static

from interviewer.tui import messages as msg
from interviewer.tui.backend import SESSION_ERRORS, Backend
from interviewer.tui.text import literal

MODES = (("interview", "Mock interview"), ("drill", "Pushback drill"), ("replay", "Replay"))
#: The start screen's last choices, in the config folder (owner-only like everything else).
CHOICES_FILE = "last-choices.json"


class ChoiceSet(RadioSet):
    """Arrows move the choice itself, not only a highlight: what is marked is what Enter
    starts (Enter begins; it never reaches the set to select)."""

    def on_mount(self) -> None:
        # The set highlights a button while it mounts: that is not a choice. Keys come later.
        self.call_after_refresh(setattr, self, "_moved_by_user", True)

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


class StartScreen(Screen):
    """Mode, focus and level pickers, and the list of recorded sessions for replay."""

    CSS_PATH = Path(__file__).with_name("start.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
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
        q = self.backend.knowledge.question(self.launch.question_id)
        last = load_choices()
        focus = self.launch.focus or last.get("focus")
        level = self.launch.level or last.get("level")
        followup = self.launch.followup or last.get("followup")
        yield Header(icon="?")
        with Vertical(id="start"):
            yield Static(literal(q.text, style="bold"), id="question")
            with Horizontal(id="choices"):
                yield self._radios("mode", "Mode", MODES, last.get("mode", "interview"))
                personas = [(p.id, p.name) for p in q.personas]
                yield self._radios("focus", "Interviewer focus", personas, focus)
                levels = [(lv.id, lv.name) for lv in q.levels]
                yield self._radios("level", "Level", levels, level)
                # The first question of each follow-up: a label that fits, not a cut one.
                drills = [("all", "All follow-ups")] + [
                    (f.id, f.prompt.split("?")[0] + "?" if "?" in f.prompt else f.prompt)
                    for f in q.followups
                ]
                yield self._radios("followup", "Drill", drills, followup or "all")
            yield Static("", id="sessions-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Button("Begin (enter)", id="begin", variant="primary")
        yield Footer()

    @staticmethod
    def _radios(name: str, title: str, options, chosen: str | None) -> RadioSet:
        if chosen not in {oid for oid, _ in options}:  # a remembered id the pack dropped
            chosen = None
        chosen = chosen or (options[0][0] if options else None)
        buttons = [
            RadioButton(label, value=(oid == chosen), id=f"{name}-{oid}", name=oid)
            for oid, label in options
        ]
        rs = ChoiceSet(*buttons, id=name)
        rs.border_title = title
        return rs

    def on_mount(self) -> None:
        self.title = "interviewer — start"
        table = self.query_one("#sessions", DataTable)
        table.add_columns("ID", "Started", "Mode", "Focus", "Level", "Replies", "Score", "")
        self.query_one("#sessions-title", Static).update("Past sessions (loading…)")
        self.query_one("#mode", RadioSet).focus()
        self._load_sessions()

    def choice(self, name: str) -> str | None:
        """The id chosen in radio set `name`."""
        pressed = self.query_one(f"#{name}", RadioSet).pressed_button
        return pressed.name if pressed else None

    @work(thread=True, exclusive=True, group="sessions", exit_on_error=False)
    def _load_sessions(self) -> None:
        try:
            store = self.backend.sessions
            records = store.list(with_turns=False) if store is not None else []
        except SESSION_ERRORS as exc:
            self.post_message(msg.SessionsLoaded([], f"sessions unavailable: {exc}"))
            return
        self.post_message(msg.SessionsLoaded(records))

    def on_sessions_loaded(self, event: msg.SessionsLoaded) -> None:
        self.records = event.records
        self.loaded = True
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for r in event.records[:200]:
            note = "" if r.finished_at else "unfinished"
            if r.parent_id is not None:
                note = f"re-answers #{r.parent_id}"
            score = "-" if r.final_score is None else str(r.final_score)
            started = (r.started_at or "")[:16].replace("T", " ")
            table.add_row(str(r.id), started, r.mode, r.focus or "-", r.level or "-",
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
        names = ("mode", "focus", "level", "followup")
        save_choices({n: c for n in names if (c := self.choice(n)) is not None})
        if mode == "replay":
            self._begin_replay()
            return
        followup = self.choice("followup")
        self.app.open_interview(
            mode,
            self.choice("focus"),
            self.choice("level"),
            self.launch.question_id,
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
        sid, mode, replies = int(row[0]), row[2], row[5]
        question = (
            f"Delete session {sid} ({mode}, {row[1]}, {replies} replies)? Its text is "
            "overwritten on disk and cannot be recovered."
        )
        from interviewer.tui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(sid)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="sessions", exit_on_error=False)
    def _delete(self, session_id: int) -> None:
        store = self.backend.sessions
        try:
            if store is None:
                raise RuntimeError("sessions are switched off")
            store.delete([session_id])
            records = store.list(with_turns=False)
        except (*SESSION_ERRORS, RuntimeError) as exc:
            self.post_message(msg.SessionsLoaded(self.records, f"Not deleted: {exc}"))
            return
        note = f"Deleted session {session_id}; its text is gone from disk."
        self.post_message(msg.SessionsLoaded(records, note=note))

    @on(Button.Pressed, "#begin")
    def _begin_pressed(self) -> None:
        self.action_begin()
