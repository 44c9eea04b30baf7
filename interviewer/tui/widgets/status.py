"""The status line under the header: how the exemplar index is doing and how the turn is.

It warms the index itself (in a thread: a first run builds it) and reports its progress as
IndexStatus messages, which the screen hears too.
"""

from __future__ import annotations

import time

from textual import work
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.tui import messages as msg
from interviewer.tui.text import literal

#: What the line says once the index is open.
READY = "Exemplar index ready"


class StatusLine(Static):
    """'Exemplar index ready   ·   Critiqued in 40 ms': the index's state, then the turn's."""

    index: reactive[str] = reactive("", init=False)
    turn: reactive[str] = reactive("", init=False)
    loop: reactive[str] = reactive("", init=False)  # a full loop: question k of N, time used

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def warm(self, backend, question_id: str) -> None:
        """Open (or build) the exemplar index and load the models, saying how it goes."""
        self.index = "Preparing the exemplar index…"
        self._warm(backend, question_id)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm(self, backend, question_id: str) -> None:
        backend.on_progress = lambda m: self.post_message(msg.IndexStatus(m))
        try:
            error = backend.warm(question_id)
        except Exception as exc:  # a broken index must not stop the interview
            error = f"{type(exc).__name__}: {exc}"
        if error:
            self.post_message(msg.IndexStatus("Exemplars unavailable", True, error))
        else:
            self.post_message(msg.IndexStatus(READY, True))

    def follow(self, loop) -> None:
        """Show where a full loop is (question k of N, time used of its budget), each second."""
        loop.started = loop.started or time.monotonic()

        def tick() -> None:
            self.loop = loop.status(time.monotonic())

        tick()
        self.set_interval(1.0, tick)

    def on_index_status(self, event: msg.IndexStatus) -> None:
        self.index = event.text if not event.error else f"{event.text}: {event.error}"

    def watch_index(self) -> None:
        self._show()

    def watch_turn(self) -> None:
        self._show()

    def watch_loop(self) -> None:
        self._show()

    def _show(self) -> None:
        # In a loop the line says where the loop is; a ready index goes without saying there,
        # so the turn's news still fits at 80 columns.
        index = "" if self.loop and self.index == READY else self.index
        parts = [p for p in (self.loop, index, self.turn) if p]
        self.update(literal("   ·   ".join(parts)))
