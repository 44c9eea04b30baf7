"""Progress over sessions: a chart of each rubric dimension (met rate) and each follow-up
(strong rate) per session, and a table with the overall, first and last rates."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from interviewer.tui import messages as msg
from interviewer.tui.backend import Backend
from interviewer.tui.widgets.chart import ChartData, Line, RateChart
from interviewer.tui.widgets.footer import KeyFooter

COLUMNS = ("Kind", "Name", "Rate", "First", "Last", "Of")


class ProgressScreen(Screen):
    """Charts and a table built from every recorded session."""

    CSS_PATH = Path(__file__).with_name("progress.tcss")
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Back to where you were"),
        Binding("f3", "toggle_chart", "Other chart", id="toggle-chart",
                tooltip="Small terminal: the follow-ups chart in place of the dimensions."),
    ]  # fmt: skip
    # Below 120 columns one chart at a time, each wide enough for its legend (progress.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.data: dict | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="?")
        yield Static("Loading sessions…", id="progress-status")
        with Horizontal(id="charts"):
            yield RateChart("Rubric dimensions: % met", id="dimension-chart")
            yield RateChart("Follow-ups: % strong", id="followup-chart")
        with Vertical(id="progress-table-box"):
            yield DataTable(id="progress-table", zebra_stripes=True, cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "interviewer — progress"
        self.query_one("#progress-table", DataTable).add_columns(*COLUMNS)
        self._load()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(msg.SessionsLoaded(*self.backend.read_sessions(with_turns=True)))

    def on_sessions_loaded(self, event: msg.SessionsLoaded) -> None:
        from interviewer.sessions.progress import progress

        status = self.query_one("#progress-status", Static)
        if event.error:
            status.update(Text(event.error))
            return
        self.data = data = progress(event.records)
        if not data["sessions"]:
            status.update(Text("No critiqued sessions yet: finish an interview or a drill first."))
            return
        status.update(Text(f"{data['sessions']} sessions with critiqued replies, oldest first."))
        order = {s["id"]: i + 1 for i, s in enumerate(data["by_session"])}
        self.query_one("#dimension-chart", RateChart).data = self._chart(data["dimensions"], order)
        self.query_one("#followup-chart", RateChart).data = self._chart(data["followups"], order)
        self._table(data)

    def _chart(self, series: dict, order: dict[int, int]) -> ChartData:
        """One line per dimension (or follow-up); x is the session's place, oldest first."""
        lines = []
        for name, s in series.items():
            points = [(order[p["id"]], p["rate"] * 100) for p in s["sessions"] if p["id"] in order]
            xs, ys = zip(*points, strict=True) if points else ((), ())
            lines.append(Line(self._check_name(name), tuple(xs), tuple(ys)))
        return ChartData(tuple(sorted(order.values())), tuple(lines))

    def _table(self, data: dict) -> None:
        # A question's rate: every check of its sessions passed (dimensions met, follow-ups
        # strong), so which question went how is one row each.
        rows = [
            (kind, name if kind == "question" else self._check_name(name), _pct(s["rate"]),
             _pct(s["first_rate"]), _pct(s["last_rate"]), str(s["of"]))
            for kind, key in (
                ("question", "questions"), ("dimension", "dimensions"), ("follow-up", "followups")
            )
            for name, s in data.get(key, {}).items()
        ]  # fmt: skip
        table = self.query_one("#progress-table", DataTable)
        # Columns as wide as their widest cell from the start: DataTable widens auto-width
        # columns after the header is drawn and keeps showing the header at the old widths.
        table.clear(columns=True)
        for n, label in enumerate(COLUMNS):
            table.add_column(label, width=max([len(label), *(len(row[n]) for row in rows)]))
        table.add_rows(rows)

    def _check_name(self, check_id: str) -> str:
        """What the live view and the export call it (one source: names.labels)."""
        from interviewer.names import label, labels

        return label(labels(self.backend.knowledge), check_id)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "toggle_chart":
            return self.has_class("-narrow")
        return True

    def action_toggle_chart(self) -> None:
        self.toggle_class("-show-followups")

    def action_back(self) -> None:
        self.app.pop_screen()


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"
