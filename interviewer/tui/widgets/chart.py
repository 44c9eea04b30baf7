"""A line chart of rates over sessions with its legend beside the plot, never on it.

Plotext draws its legend inside the plot area, over the lines (with seven rubric dimensions it
covered the top half of the chart, and cut the names at 18 characters); here each line gets a
fixed colour and the legend is a column of whole names, wrapped, next to the plot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static
from textual_plotext import PlotextPlot

from interviewer.tui.text import literal

#: Line colours, told apart on dark and light themes (Tableau 10); they repeat after ten.
PALETTE = (
    (78, 121, 167),
    (242, 142, 43),
    (225, 87, 89),
    (118, 183, 178),
    (89, 161, 79),
    (237, 201, 72),
    (176, 122, 161),
    (255, 157, 167),
    (156, 117, 95),
    (186, 176, 172),
)
#: The x axis labels at most this many sessions; more would run into each other.
MAX_TICKS = 10


@dataclass(frozen=True)
class Line:
    """One series: its name and its points (session place, percent)."""

    name: str
    xs: tuple[int, ...]
    ys: tuple[float, ...]


@dataclass(frozen=True)
class ChartData:
    """What a RateChart shows: the sessions on the x axis and one line per check."""

    sessions: tuple[int, ...] = ()
    lines: tuple[Line, ...] = field(default_factory=tuple)


class RateChart(Horizontal):
    """A percent-over-sessions chart (0-100 on y) with the legend to its right."""

    DEFAULT_CSS = """
    RateChart { border: round $panel; height: 1fr; }
    RateChart > PlotextPlot { width: 1fr; min-width: 20; }
    RateChart > .legend { width: 30%; max-width: 28; min-width: 14; height: 1fr; padding-left: 1; }
    RateChart > .legend > Static { width: 100%; height: auto; }
    """

    data: reactive[ChartData] = reactive(ChartData, always_update=True)

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title

    def compose(self) -> ComposeResult:
        yield PlotextPlot()
        with VerticalScroll(classes="legend"):
            yield Static("", markup=False)

    def watch_data(self, data: ChartData) -> None:
        self._plot(data)
        self.query_one(".legend > Static", Static).update(_legend(data))

    def _plot(self, data: ChartData) -> None:
        widget = self.query_one(PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.ylim(0, 100)
        plt.xticks(_ticks(data.sessions))
        for n, line in enumerate(data.lines):
            if line.xs:
                plt.plot(list(line.xs), list(line.ys), color=_colour(n), marker="braille")
        plt.xlabel("session")
        widget.refresh()


def _colour(n: int) -> tuple[int, int, int]:
    return PALETTE[n % len(PALETTE)]


def _ticks(sessions: tuple[int, ...]) -> list[int]:
    """Every session while they fit; else evenly spaced ones, always the first and last."""
    if len(sessions) <= MAX_TICKS:
        return list(sessions)
    step = (len(sessions) - 1) / (MAX_TICKS - 1)
    return sorted({sessions[round(i * step)] for i in range(MAX_TICKS)})


def _legend(data: ChartData) -> Text:
    """One entry a line: the line's colour, then its whole name (wrapping, not cut)."""
    out = Text()
    for n, line in enumerate(data.lines):
        if n:
            out.append("\n")
        r, g, b = _colour(n)
        out.append("━━ ", style=f"bold rgb({r},{g},{b})")
        out.append_text(literal(line.name))
    return out
