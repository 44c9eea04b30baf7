"""The progress bar of long work: drawn at a terminal, never in a pipe, never on stdout."""

from __future__ import annotations

import io
import subprocess
import sys

from rich.console import Console

from interviewer.progress_bar import progress_bar


def _terminal() -> tuple[Console, io.StringIO]:
    screen = io.StringIO()
    return Console(file=screen, force_terminal=True, width=100), screen


def test_a_bar_at_a_terminal_shows_what_how_far_and_the_unit(capsys):
    console, screen = _terminal()
    with progress_bar("building the exemplar index", 720, unit="exemplars", console=console) as a:
        a(64)
        a(656)
    drawn = screen.getvalue()
    assert "building the exemplar index" in drawn and "720/720" in drawn and "exemplars" in drawn
    assert capsys.readouterr().out == ""  # stdout may be the JSON a script reads


def test_without_a_total_the_bar_counts_what_is_done():
    console, screen = _terminal()
    with progress_bar("scoring", unit="lines", console=console) as advance:
        advance(8)
    assert "8/?" in screen.getvalue()


def test_one_bar_at_a_time():
    """A step with a bar of its own inside another's (the index rebuilt mid-batch) draws
    nothing over the outer bar."""
    console, screen = _terminal()
    inner_console, inner_screen = _terminal()
    with progress_bar("scoring", unit="lines", console=console) as advance:
        with progress_bar("building", 3, console=inner_console) as inner:
            inner(3)
        advance(1)
    assert inner_screen.getvalue() == "" and "1/?" in screen.getvalue()


def test_in_a_pipe_nothing_is_drawn_and_rich_is_not_imported():
    code = (
        "import sys\nfrom interviewer.progress_bar import progress_bar\n"
        "with progress_bar('scoring', 3, unit='lines') as advance:\n    advance(3)\n"
        "assert 'rich' not in sys.modules\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert res.returncode == 0 and res.stdout == b"" and res.stderr == b"", res.stderr
