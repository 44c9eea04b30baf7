"""The terminal input parser: a bracketed paste is text, whatever escape sequences it holds,
and arrives as one Paste cleaned of them; keys around it are still keys."""

from __future__ import annotations

import sys

import pytest
from textual import events

from interviewer.tui.terminal import PasteSafeParser
from interviewer.tui.text import clean_paste

START, END = "\x1b[200~", "\x1b[201~"
HOSTILE = (
    "We \x1b[31mpushed back\x1b[0m on the \x1b]8;;http://x\x1b\\launch date\x1b]8;;\x1b\\ "
    "\x1b[2Jtogether,\r\nthen \x1b]0;title\x07I shipped the fix.\x1b[1;5A"
)
CLEAN = "We pushed back on the launch date together,\nthen I shipped the fix."


def parse(*chunks: str) -> list:
    """What the app would receive for terminal input read in these chunks."""
    parser = PasteSafeParser()
    out = [event for chunk in chunks for event in parser.feed(chunk)]
    return out + list(parser.feed(""))


def summary(found: list) -> list[tuple[str, str]]:
    return [
        ("paste", e.text) if isinstance(e, events.Paste) else ("key", e.key)
        for e in found
        if isinstance(e, events.Paste | events.Key)
    ]


def test_a_paste_with_escape_sequences_arrives_as_one_cleaned_paste():
    assert summary(parse(START + HOSTILE + END)) == [("paste", CLEAN)]


def test_keys_around_a_paste_stay_keys_in_order():
    found = summary(parse("ab" + START + HOSTILE + END + "c\x13"))
    assert found == [("key", "a"), ("key", "b"), ("paste", CLEAN), ("key", "c"), ("key", "ctrl+s")]


def test_the_paste_is_the_same_however_the_terminal_splits_the_reads():
    stream = "x" + START + HOSTILE + END + "y" + START + "second\x1b[0m" + END
    expected = [("key", "x"), ("paste", CLEAN), ("key", "y"), ("paste", "second")]
    for cut in range(1, len(stream)):
        assert summary(parse(stream[:cut], stream[cut:])) == expected, cut
    assert summary(parse(*stream)) == expected  # one character at a time


@pytest.mark.parametrize(
    "text",
    [
        "\x1b[201",  # a paste-end marker cut short is text, not the end
        "\x1b\x1b\x1b",
        "\x1b[27;5;115~",  # an xterm modifyOtherKeys ctrl+s: text in a paste, never the key
        "\x1b[1;5A\x1bOP\x1b[M abc",  # arrow, F1, an X10 mouse report
        "\x1b[1mab\x13\x06\x11cd",  # ctrl+s, ctrl+f, ctrl+q bytes after an escape
    ],
)
def test_nothing_inside_a_paste_becomes_a_key(text):
    found = parse(START + "a" + text + "b" + END)
    assert summary(found) == [("paste", clean_paste("a" + text + "b"))]


def test_an_unterminated_paste_is_still_text_at_the_end_of_input():
    assert summary(parse(START + "half a \x1b[31mreply")) == [("paste", "half a reply")]


def test_keys_and_escape_sequences_outside_a_paste_still_parse():
    found = summary(parse("\x1b[A", "q", "\x1b"))  # up arrow, q, a lone Escape (at EOF)
    assert found == [("key", "up"), ("key", "q"), ("key", "escape")]


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux/macOS driver only")
def test_the_app_reads_the_terminal_with_the_paste_safe_parser():
    from textual.drivers.linux_driver import LinuxDriver

    from interviewer.commands.common import load_context
    from interviewer.tui.app import InterviewerApp
    from interviewer.tui.backend import Backend
    from interviewer.tui.terminal import PasteSafeDriver

    settings, knowledge = load_context()
    app = InterviewerApp(Backend(settings, knowledge))
    assert issubclass(app.driver_class, LinuxDriver)
    assert app.driver_class is PasteSafeDriver
