"""Reply text preparation: bounded prefix, sanitising, grader-injection stripping, sentences.

Everything here keeps character offsets aligned with the reply the caller passed in: the
analysis copy (`Prepared.clean`) has exactly the same length as `Prepared.raw`, with noise
(control characters, ANSI escapes, markup tags, grader-directed text) overwritten by blanks.
That way any span found in the analysis copy can be quoted verbatim from the original reply.
All regular expressions use bounded repetition so a 1 MB line cannot cause backtracking blow-ups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Replies longer than this are critiqued on a prefix (a real spoken answer is ~300-600 words).
MAX_CHARS = 12_000
MAX_WORDS = 1_500

_WORD = re.compile(r"\S+")
_ANSI = re.compile(r"\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)?")
# Rich/BBCode-style markup tags such as [bold red], [/], [link=...]: formatting, not content.
_MARKUP = re.compile(
    r"\[/?(?:bold|italic|underline|strike|dim|blink|reverse|red|green|blue|yellow|magenta|cyan"
    r"|white|black|link|on|b|i|u|s|code)?(?:[ =][^\[\]\n]{0,40})?\]"
)
# Same-length character replacements: typographic quotes become ASCII so patterns match both.
_TRANSLATE = {ord("\u2019"): "'", ord("\u2018"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}
_TRANSLATE.update({ord("\u2013"): "-", ord("\u2014"): "-", ord("\u00a0"): " ", ord("\t"): " "})

_GRADER = (
    r"(?:grader|grading|evaluator|assessor|scorer|(?:automated |ai )?reviewer|ai|llm|"
    r"language model|model)"
)
# Text addressed to an automated grader. Each pattern is anchored on a distinctive phrase; the
# blanked span then extends to the end of that sentence (see _extend_to_sentence_end).
_INJECTION = re.compile(
    # Every alternative starts a word: saying so up front lets the engine skip other positions
    # in its C loop instead of trying ~20 alternatives at each character.
    r"(?=[A-Za-z])\b(?:"
    r"(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+|of\s+)?"
    r"(?:previous|prior|above|earlier|preceding|other|system)\s+(?:instructions?|prompts?|rules?"
    r"|guidelines|criteria|context)"
    r"|\bmark\s+(?:every|all|each|this|the)\s+(?:\w+\s+){0,3}(?:criteri(?:on|a)|dimensions?"
    r"|boxes|items|answer)\s+(?:as\s+)?(?:met|strong|passed|true|complete)"
    r"|\b(?:this|the|my)\s+(?:answer|reply|response|candidate)\s+(?:scores?|deserves|should"
    r"\s+(?:get|receive|score|be\s+(?:rated|scored|marked|graded)))\b"
    r"|\b(?:note|message|instruction)s?\s+(?:to|for)\s+(?:the\s+)?(?:automated\s+)?"
    + _GRADER
    + r"\b"
    r"|\b(?:dear|attention|hey)\s+(?:automated\s+)?" + _GRADER + r"\b"
    r"|\bas\s+an\s+(?:ai|automated)\s+(?:grader|evaluator|assistant|model)\b"
    r"|\b(?:all|every)\s+(?:seven\s+|7\s+)?(?:rubric\s+)?(?:criteria|dimensions)\s+(?:are|is)"
    r"\s+(?:met|satisfied)"
    r"|\b(?:final |overall )?(?:verdict|score|label|rating|grade|mark)\s*(?:=|:)\s*\"?(?:strong"
    r"|weak|met|pass|100|\d{1,3}\s*/\s*100)\b"
    r"|\b(?:evaluation|grading|assessment|review|scoring) (?:result|output|summary|complete)"
    r"|\bpre-?computed\b|\bno further (?:review|evaluation|grading)"
    r"|\b(?:disregard|ignore) (?:the|your|this) (?:rubric|criteria|instructions|guidelines)"
    r"|\b(?:meets|satisfies|fulfils|fulfills|hits|ticks) (?:every|all|each) (?:\w+ ){0,2}"
    r"(?:criteri(?:on|a)|dimensions?|requirements?|boxes)"
    r"|\bshould be (?:labell?ed|marked|rated|scored|graded|judged|classified) (?:as )?"
    r"(?:strong|met|excellent|100|perfect|full marks)"
    r"|\b(?:full|maximum|top|perfect) (?:marks|score)\b"
    r"|\b(?:do not|don't) (?:deduct|penali[sz]e|mark (?:it|this|me) down))",
    re.IGNORECASE,
)
# `criterion_name = met`: tried only when the reply has an "=" at all (it is costly to try the
# 3-40 letter run at every word).
_INJECTION_ASSIGN = re.compile(r"\b[a-z_]{3,40}\s*=\s*(?:strong|yes|true|met)\b", re.IGNORECASE)
# Fake role tags at the start of a line or sentence: "SYSTEM:", "[assistant]:", "<|system|>".
_ROLE_TAG = re.compile(
    r"<\|?\s*(?:system|assistant|user|im_start|im_end|endoftext|developer)\s*\|?>"
    r"|\[\s*(?:system|assistant|user|grader|developer|inst|/inst)\s*\]\s*:?"
    r"|(?:^|(?<=[\n.!?]\s)|(?<=[\n.!?]))\s{0,3}(?:system|assistant|grader|developer|evaluator)"
    r"\s*(?:note|message|prompt|override)?\s*:",
    re.IGNORECASE,
)
# Pseudo-XML addressed to a grader: <evaluator>...</evaluator>, <system>...</system>.
_XML_ROLE = re.compile(
    r"<\s*(system|assistant|grader|evaluator|instructions?|judge|reviewer|admin|developer)"
    r"\b[^<>\n]{0,80}>(?:[^<]{0,2000}?<\s*/\s*\1\s*>)?",
    re.IGNORECASE,
)
# Fake score blocks: a small JSON-like object naming a verdict/score/label/met field.
_JSON_BLOCK = re.compile(
    r"\{[^{}\n]{0,400}?[\"']?(?:verdict|score|met|label|labels|criteria|dimensions|rating)[\"']?"
    r"\s*:[^{}]{0,600}?\}(?:[^{}]{0,200}?\})?",
    re.IGNORECASE,
)
# Control, format (zero-width, bidi overrides) and surrogate characters: invisible noise.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
# Containers a reader never sees: HTML comments, Markdown link-reference comments, and text
# wrapped in invisible characters. Whatever they hold is not part of the spoken answer.
_HIDDEN = re.compile(
    r"<!--.{0,4000}?(?:-->|$)|^\s{0,3}\[(?://|comment|_)\]:\s{0,3}(?:#|<>)\s{0,3}[^\n]{0,2000}",
    re.DOTALL | re.MULTILINE | re.IGNORECASE,
)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SENT_END = re.compile(r"[.!?\n]")
_ABBREV = {"e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "approx", "no", "inc", "st"}


@dataclass(frozen=True)
class Prepared:
    """A reply ready for analysis. `raw` is the (possibly truncated) reply, `clean` its
    same-length analysis copy, `sentences` (start, end) spans into both."""

    raw: str
    clean: str
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    notes: list[str] = field(default_factory=list)
    injected: list[tuple[int, int]] = field(default_factory=list)

    def quote(self, start: int, end: int) -> str:
        """The verbatim reply text for a span, trimmed of surrounding whitespace."""
        return self.raw[start:end].strip()


def bounded_prefix(text: str) -> tuple[str, str | None]:
    """The part of `text` the critic reads, and a note when it had to cut the reply short."""
    cut = len(text)
    note = None
    if cut > MAX_CHARS:
        cut = MAX_CHARS
    # Find the end of the MAX_WORDS-th word without splitting the whole (possibly huge) text.
    for n, m in enumerate(_WORD.finditer(text, 0, cut), start=1):
        if n == MAX_WORDS:
            cut = min(cut, m.end())
            break
    if cut < len(text):
        total = len(text.split()) if len(text) < 5_000_000 else None
        words = f"{total:,} words" if total else f"{len(text):,} characters"
        note = (
            f"The reply is very long ({words}); only the first "
            f"{len(_WORD.findall(text, 0, cut)):,} words were critiqued. A spoken answer is "
            "best kept to about two or three minutes (300-450 words)."
        )
    return text[:cut], note


def _blank(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    for i in range(start, end):
        chars[i] = fill


def _sanitise(raw: str) -> str:
    """Same-length analysis text: control/format characters and escapes become blanks."""
    out = raw.translate(_TRANSLATE)
    if "\x1b" in out:
        out = _ANSI.sub(lambda m: " " * (m.end() - m.start()), out)
    return _CONTROL.sub(_control_blank, out)


def _control_blank(m: re.Match) -> str:
    return "\n" if m.group() in "\r\x0b\x0c\u2028\u2029\x85" else " "


_TRUE_END = re.compile(r"[.!?](?=\s|$)|\n")


def _extend_to_sentence_end(clean: str, end: int, limit: int = 300) -> int:
    m = _TRUE_END.search(clean, end, min(len(clean), end + limit))
    return m.end() if m else min(len(clean), end + limit)


def _extend_to_line_end(clean: str, end: int, limit: int = 600) -> int:
    k = clean.find("\n", end, min(len(clean), end + limit))
    return k if k >= 0 else min(len(clean), end + limit)


def _sentence_start(clean: str, pos: int, limit: int = 300) -> int:
    lo = max(0, pos - limit)
    k = max(clean.rfind(c, lo, pos) for c in ".!?\n")
    return k + 1 if k >= 0 else lo


def _hidden_spans(raw: str) -> list[tuple[int, int]]:
    """Comments and invisible-character runs in the reply as typed (before sanitising blanks
    the invisible characters themselves)."""
    spans = []
    if "<!--" in raw or "]:" in raw:
        spans += [(m.start(), m.end()) for m in _HIDDEN.finditer(raw)]
    marks = [m.start() for m in _INVISIBLE.finditer(raw)]
    # Two invisible characters close together wrap hidden text; a lone one is copy-paste noise.
    for a, b in zip(marks, marks[1:], strict=False):
        if 0 < b - a <= 600:
            spans.append((_sentence_start(raw, a), _extend_to_sentence_end(raw, b)))
    return spans


def strip_injection(clean: str, raw: str = "") -> tuple[str, list[tuple[int, int]]]:
    """Blank out grader-directed text (same length; blanked spans become line breaks so they
    also end sentences). Returns the new analysis text and the blanked spans."""
    spans: list[tuple[int, int]] = _hidden_spans(raw) if raw else []
    # Each of these needs its delimiter; most replies have none, so the scans are skipped.
    if "{" in clean:
        for m in _JSON_BLOCK.finditer(clean):
            spans.append((m.start(), m.end()))
    if "<" in clean:
        for m in _XML_ROLE.finditer(clean):
            spans.append((m.start(), _extend_to_line_end(clean, m.end())))
    # A fake role tag speaks for the rest of its line: everything after it is grader-directed.
    if "<" in clean or "[" in clean or ":" in clean:
        for m in _ROLE_TAG.finditer(clean):
            # On a line of its own a role tag speaks for the whole line; inside a line of the
            # answer, only for its sentence (the answer goes on after it).
            line_start = clean.rfind("\n", 0, m.start()) + 1
            alone = not clean[line_start : m.start()].strip()
            end = _extend_to_line_end if alone else _extend_to_sentence_end
            spans.append((m.start(), end(clean, m.end())))
    found = list(_INJECTION.finditer(clean))
    if "=" in clean:
        found += _INJECTION_ASSIGN.finditer(clean)
    for m in found:
        spans.append((_sentence_start(clean, m.start()), _extend_to_sentence_end(clean, m.end())))
    if not spans:
        return clean, []
    chars = list(clean)
    for s, e in spans:
        # One line break ends the sentence the blanked text sat in; the rest are spaces, so a
        # hidden block in mid-answer never fakes a paragraph break (which the critic reads).
        _blank(chars, s, e, " ")
        if e > s:
            chars[s] = "\n"
    return "".join(chars), _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def split_sentences(clean: str) -> list[tuple[int, int]]:
    """Sentence spans (trimmed, non-empty). Ends at . ! ? followed by a space or end of text,
    and at line breaks; decimals ("0.3%") and common abbreviations ("e.g.") do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(clean)
    for m in _SENT_END.finditer(clean):
        i = m.start()
        ch = clean[i]
        if ch != "\n":
            nxt = clean[i + 1] if i + 1 < n else " "
            if nxt in "\"')":
                nxt = clean[i + 2] if i + 2 < n else " "
                i += 1
            if not nxt.isspace():
                continue
            if ch == "." and _is_abbrev(clean, i):
                continue
        _add_span(clean, start, i + 1, spans)
        start = i + 1
    _add_span(clean, start, n, spans)
    return [part for span in spans for part in _spoken_parts(clean, span)]


#: A transcript of speech often has no full stops: a "sentence" of 60+ words is split where a
#: speaker starts a new thought ("..., so I", "and then", "um", "anyway"), so that who did what,
#: where the result begins and what is quoted stay sentence-sized.
SPOKEN_SENTENCE_WORDS = 60
_SPOKEN_BREAK = re.compile(
    r"(?:,|\s)\s{0,3}(?=(?:and then|and so|so then|so,? (?:i|we|they|that|the|yeah|anyway)|"
    r"but then|anyway|um+|uh+|erm|you know,? (?:i|we|so)|basically|and yeah|so yeah|after that|"
    r"in the end)\b)",
    re.IGNORECASE,
)


def _spoken_parts(clean: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    s, e = span
    if e - s < 300 or len(clean[s:e].split()) <= SPOKEN_SENTENCE_WORDS:
        return [span]
    cuts = [m.end() for m in _SPOKEN_BREAK.finditer(clean, s, e)]
    out: list[tuple[int, int]] = []
    start = s
    for c in cuts:
        if len(clean[start:c].split()) >= 8:
            _add_span(clean, start, c, out)
            start = c
    _add_span(clean, start, e, out)
    return out or [span]


def _is_abbrev(clean: str, dot: int) -> bool:
    j = dot
    while j > 0 and (clean[j - 1].isalpha() or clean[j - 1] == "."):
        j -= 1
        if dot - j > 6:
            return False
    return clean[j:dot].lower() in _ABBREV


def _add_span(clean: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and clean[s].isspace():
        s += 1
    while e > s and clean[e - 1].isspace():
        e -= 1
    if e > s and any(c.isalnum() for c in clean[s : min(e, s + 200)]):
        spans.append((s, e))


def split_paragraphs(clean: str) -> list[tuple[int, int]]:
    """Paragraph spans separated by blank lines (or the whole text)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n[ ]{0,8}\n", clean):
        _add_span(clean, start, m.start(), spans)
        start = m.end()
    _add_span(clean, start, len(clean), spans)
    return spans


def prepare(text: str) -> Prepared:
    """Bound, sanitise, strip grader-directed text and split `text` into sentences."""
    raw, note = bounded_prefix(text)
    notes = [note] if note else []
    clean = _MARKUP.sub(lambda m: " " * (m.end() - m.start()), _sanitise(raw))
    clean, injected = strip_injection(clean, raw)
    if injected:
        notes.append(
            "Text addressed to an automated grader (instructions, score blocks or role tags) "
            "was ignored; the answer was judged on its real content only."
        )
    return Prepared(
        raw=raw,
        clean=clean,
        sentences=split_sentences(clean),
        paragraphs=split_paragraphs(clean),
        notes=notes,
        injected=injected,
    )
