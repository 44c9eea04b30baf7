"""A progress bar for long work (a batch of replies, the first build of the exemplar index).

Drawn with rich on stderr, and only when stderr is a terminal: pipes, CI logs and scripts that
read our output never see one. rich is imported only when a bar is drawn (about 0.15 s), so a
command that shows none does not pay for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Counts `n` more units of work done.
Advance = Callable[[int], None]

_drawing = False


def at_terminal() -> bool:
    """Whether stderr is a terminal (someone is watching), not a pipe, a file or nothing."""
    return sys.stderr is not None and sys.stderr.isatty()


def _ignore(n: int) -> None:
    pass


@contextmanager
def progress_bar(
    what: str, total: int | None = None, unit: str = "", console=None
) -> Iterator[Advance]:
    """Yields `advance(n)`. At a terminal it draws a bar of `what`: done of `total` (`?` when
    the total is unknown, as on stdin), the time so far and, with a total, the time left. The
    bar goes when the work ends: the caller says in one line how it went. `console` (a rich
    Console) draws it elsewhere, as a test does."""
    global _drawing
    # One bar at a time: a step that draws its own bar inside another's (the index rebuilt in
    # the middle of a batch) just takes longer in the outer one, rather than two bars
    # overwriting each other.
    if _drawing or (console is None and not at_terminal()):
        yield _ignore
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}", markup=False),
        TimeElapsedColumn(),
    ]
    if total is not None:
        columns.append(TimeRemainingColumn())
    bar = Progress(
        *columns,
        console=console or Console(stderr=True),
        transient=True,
        # Never touch stdout: it may be the JSON a script is reading. A line written to stderr
        # while the bar is up (a warning) is printed above the bar instead of through it.
        redirect_stdout=False,
        redirect_stderr=True,
    )
    task = bar.add_task(what, total=total, unit=unit)
    _drawing = True
    try:
        with bar:
            yield lambda n: bar.advance(task, n)
    finally:
        _drawing = False
