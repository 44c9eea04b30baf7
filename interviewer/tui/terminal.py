"""Terminal input for the app: bracketed paste taken as text, whatever it holds.

Why this exists: Textual's XTermParser (textual/_xterm_parser.py, 8.x) handles an ESC inside
a bracketed paste with its ordinary escape-sequence code. That code never adds the characters
it reads to the paste: it waits for a known key sequence, and when the next ESC arrives (or 32
characters pass, or the escape delay runs out) it replays what it read as key presses, the ESC
itself as "^". So a paste of "\\x1b[31mpushed back\\x1b[0m" reached the editor as the keys
"^[31mpushed back^[0m", ahead of the paste's plain text (which still came as a Paste, last),
before any paste handler could clean it; a control byte after an ESC in a paste became its
key, bindings and all (a pasted "\\x13" was ctrl+s: submit).

`PasteSafeParser` takes a bracketed paste out of the stream before XTermParser sees it: from
the paste-start marker to the paste-end marker everything is data, handed over as one
`events.Paste` with the control sequences removed (`clean_paste`). Everything else (keys, mouse,
focus, resize reports) is still parsed by XTermParser. `PasteSafeDriver` is Textual's Linux
driver using that parser; the app asks for it in `InterviewerApp.get_driver_class`, so the fix
is scoped to this app and nothing in Textual is patched.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Iterable

from textual import events
from textual._parser import ParseError
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from interviewer.tui.text import clean_paste

_START, _END = BRACKETED_PASTE_START, BRACKETED_PASTE_END


class PasteSafeParser(XTermParser):
    """XTermParser that takes each bracketed paste whole, as text, escapes and all."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        # The last few characters given to XTermParser: a paste-start marker may be split
        # between two reads of the terminal.
        self._recent = ""
        # While a paste is open: the text so far, and a held-back tail that may be the start
        # of the paste-end marker.
        self._paste: list[str] | None = None
        self._held = ""

    def feed(self, data: str) -> Iterable[Message]:
        """Parse `data`; the text of a bracketed paste becomes one cleaned `events.Paste`."""
        if not data:  # end of input: an unterminated paste is still text, never keys
            if self._paste is not None:
                yield from self._paste_event("".join(self._paste) + self._held)
                self._paste, self._held = None, ""
            yield from super().feed(data)
            return
        while data:
            if self._paste is not None:
                data = yield from self._feed_paste(data)
            else:
                data = yield from self._feed_keys(data)

    def _feed_keys(self, data: str):
        """Give XTermParser everything up to and including a paste-start marker; return the
        rest (the paste), or "" when there was no marker."""
        seen = self._recent + data
        start = seen.find(_START)
        if start < 0:
            yield from super().feed(data)
            self._recent = seen[-(len(_START) - 1) :]
            return ""
        upto = start + len(_START) - len(self._recent)  # >= 1: the marker ends in `data`
        # XTermParser sees the marker, so its own state (it enters paste mode) stays in step.
        yield from super().feed(data[:upto])
        self._recent, self._paste, self._held = "", [], ""
        return data[upto:]

    def _feed_paste(self, data: str):
        """Collect paste text up to the paste-end marker; return what follows it, or ""."""
        seen = self._held + data
        end = seen.find(_END)
        if end < 0:
            keep = len(_END) - 1
            self._paste.append(seen[:-keep])
            self._held = seen[-keep:]
            return ""
        text = "".join(self._paste) + seen[:end]
        self._paste, self._held = None, ""
        # Close XTermParser's (empty) paste so it leaves paste mode; drop the empty Paste
        # event it reports for it, since the real text is reported here.
        for event in super().feed(_END):
            if not isinstance(event, events.Paste):
                yield event
        yield from self._paste_event(text)
        return seen[end + len(_END) :]

    @staticmethod
    def _paste_event(text: str) -> Iterable[Message]:
        cleaned = clean_paste(text)
        if cleaned:
            yield events.Paste(cleaned)


class PasteSafeDriver(LinuxDriver):
    """Textual's Linux driver, reading input with `PasteSafeParser`."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events: LinuxDriver.run_input_thread (Textual 8.2) with
        the parser swapped, since LinuxDriver builds its XTermParser inside this method."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = PasteSafeParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process(ready: list, final: bool = False) -> None:
            for index, (_key, mask) in enumerate(ready):
                if mask & selectors.EVENT_READ:
                    last = index == len(ready) - 1
                    data = decode(os.read(self.fileno, 1024 * 4), final=final and last)
                    if not data:  # stdin is a pipe that was closed
                        break
                    for event in parser.feed(data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
