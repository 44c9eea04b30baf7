"""The candidate's own words in the interviewer's mouth: which part of a reply may be quoted,
and how it is said back ("I sent them a message." -> "You said you sent them a message.").

A quote is verbatim text of the reply that starts at a clause boundary and is short enough to
say; anything else is not quoted at all, because no quote is better than a garbled one."""

from __future__ import annotations

import re

_SECOND_PERSON = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "am": "are",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
}  # fmt: skip
_PRONOUN = re.compile(
    r"\b(?:"
    + "|".join(re.escape(k) for k in sorted(_SECOND_PERSON, key=len, reverse=True))
    + r")\b",
    re.I,
)
_WAS = re.compile(r"\b(you) (was)(n't)?\b", re.I)
# Words that start a sentence without being names, so lower-casing them is safe.
_STARTERS = {
    "then", "so", "and", "but", "after", "when", "the", "it", "they", "he", "she", "there",
    "that", "this", "eventually", "finally", "basically", "honestly", "once", "in", "at", "a",
}  # fmt: skip
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f]")
_MAX_QUOTE_WORDS = 30


def quote_back(sentence: str) -> str:
    """'I sent them a Slack message.' -> 'You said you sent them a Slack message.'; sentences
    that would not survive a simple pronoun swap are quoted verbatim instead."""
    s = _CONTROL.sub("", sentence).strip()
    s = s.replace("\u2019", "'")
    words = s.split()
    if (
        not words
        or len(words) > _MAX_QUOTE_WORDS
        or any(c in s for c in '"\u201c\u201d?!:;\n')
        or s.lower().startswith(("you ", "your "))
    ):
        return f'You said: "{sentence.strip()}"'
    first = words[0].lower().strip(",")
    if first not in _STARTERS and first not in _SECOND_PERSON and words[0][:1].isupper():
        return f'You said: "{sentence.strip()}"'  # maybe a name: lower-casing it would be wrong
    s = s.rstrip(".").rstrip()
    s = _PRONOUN.sub(lambda m: _swap(m.group(0)), s)
    s = _WAS.sub(lambda m: f"{m.group(1)} were{m.group(3) or ''}", s)
    return f"You said {s[0].lower()}{s[1:]}."


def _swap(word: str) -> str:
    return _SECOND_PERSON[word.lower()]


# Words a spoken or run-on sentence starts with that are not part of the clause itself.
_LEAD = re.compile(
    r"^(?:(?:and|so|but|then|also|because|plus|or|um+|uh+|er+|erm|like|well|basically|"
    r"honestly|actually|anyway|okay|ok|yeah|right)\b[\s,]*)+",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_MIN_QUOTE_WORDS = 3


def speech_quote(evidence: str | None, reply: str) -> str | None:
    """The part of `evidence` that can be quoted back from `reply`: verbatim in the reply,
    without a leading bullet, conjunction or filler, 3 to 30 words; None otherwise."""
    if not evidence or evidence not in reply:
        return None
    s = _BULLET.sub("", evidence.strip())
    s = _LEAD.sub("", s).strip()
    words = s.split()
    if not _MIN_QUOTE_WORDS <= len(words) <= _MAX_QUOTE_WORDS or s not in reply:
        return None
    return s
