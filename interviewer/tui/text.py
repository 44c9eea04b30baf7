"""Text helpers for the UI: literal rendering of untrusted text and live reply statistics."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text

# The critic's speaking rate: the editor's estimate and the critic's length note must agree.
from interviewer.critic.types import WORDS_PER_MINUTE

#: An opening longer than this (about a minute of speech) loses the interviewer (the seed's
#: "90 seconds on system architecture before reaching the problem").
OPENING_WORDS = 150
#: Only the start of a huge paste is searched for the problem statement: keystrokes stay fast.
_SCAN_CHARS = 20_000

# C0/C1 control characters (but not newline or tab) become their visible "control picture",
# so an ANSI escape shows as harmless text instead of restyling the terminal.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROLS.update({0x7F: 0x2421})
_CONTROLS.update({c: 0xFFFD for c in range(0x80, 0xA0)})
_BIDI = {c: None for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)}

_PROBLEM = re.compile(
    r"\b(?:bug|bugs|issue|issues|problem|problems|fail\w{0,4}|broke\w{0,2}|broken|error\w{0,1}|"
    r"outage|incident|drop\w{0,4}|dropp\w{0,3}|slow\w{0,3}|flak\w{1,3}|crash\w{0,3}|"
    r"noticed|leak\w{0,3}|regression|stuck|missing|lost|losing|complain\w{0,4}|wrong)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_ESCAPES = re.compile(
    r"\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks
)
_PASTE_JUNK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` with control characters made visible and bidi overrides removed."""
    return text.translate(_CONTROLS).translate(_BIDI)


def clean_paste(text: str) -> str:
    """Pasted text without terminal escapes or control characters: the editor would send them
    to the terminal as they are, restyling (or retitling) it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _PASTE_JUNK.sub("", _ESCAPES.sub("", text))


def literal(text: str, style: str = "") -> Text:
    """A rich Text that shows `text` exactly as typed: markup and escapes are not interpreted."""
    return Text(clean(text), style=style)


@dataclass(frozen=True)
class ReplyStats:
    words: int
    seconds: int
    warning: str | None

    def label(self) -> str:
        """'123 words · ~0:57 spoken'."""
        m, s = divmod(self.seconds, 60)
        noun = "word" if self.words == 1 else "words"
        return f"{self.words} {noun} · ~{m}:{s:02d} spoken"


def reply_stats(text: str) -> ReplyStats:
    """Word count, speaking time at the critic's WORDS_PER_MINUTE, and a warning when the
    opening runs long."""
    words = len(text.split())
    seconds = round(words * 60 / WORDS_PER_MINUTE)
    opening = _opening_words(text[:_SCAN_CHARS])
    warning = None
    if opening > OPENING_WORDS:
        secs = round(opening * 60 / WORDS_PER_MINUTE)
        warning = (
            f"Your opening runs {opening} words (~{secs} s of context): interviewers lose "
            "interest; get to the problem and your scope sooner."
        )
    return ReplyStats(words, seconds, warning)


def _opening_words(text: str) -> int:
    """Words before the first sentence that names a problem, capped at the first paragraph
    when there is a paragraph break (a long first paragraph is a long situation)."""
    before = 0
    for m in _SENTENCE.finditer(text):
        if _PROBLEM.search(m.group()):
            break
        before += len(m.group().split())
    first_para = len(re.split(r"\n\s*\n", text, maxsplit=1)[0].split())
    return max(before, first_para) if "\n\n" in text.strip() else before
