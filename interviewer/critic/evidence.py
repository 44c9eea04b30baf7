"""Quoting the reply: evidence spans (verbatim) and short quotes for advice."""

from __future__ import annotations

from interviewer.critic.signals import Hit, Scan

#: Sentences longer than this are quoted by the clause around the hit, not whole.
LONG_SENTENCE_WORDS = 40
_CLAUSE_STOPS = ",;:"


def quote_sentence(sc: Scan, sent: int) -> str:
    """The verbatim text of sentence `sent`."""
    s, e = sc.prep.sentences[sent]
    return sc.prep.quote(s, e)


def quote_hit(sc: Scan, hit: Hit) -> str:
    """Verbatim evidence for a hit: its sentence, or the clause around it when the sentence
    is long (a whole 60-word sentence is a poor quote)."""
    s, e = sc.prep.sentences[hit.sent]
    clean = sc.prep.clean
    if len(clean[s:e].split()) <= LONG_SENTENCE_WORDS:
        return sc.prep.quote(s, e)
    lo = max(clean.rfind(c, s, hit.start) for c in _CLAUSE_STOPS)
    lo = s if lo < s else lo + 1
    his = [k for k in (clean.find(c, hit.end, e) for c in _CLAUSE_STOPS) if k >= 0]
    hi = min(his) if his else e
    if len(clean[lo:hi].split()) < 6:
        lo, hi = max(s, hit.start - 120), min(e, hit.end + 120)
        while lo > s and not clean[lo - 1].isspace():
            lo += 1
        while hi < e and not clean[hi].isspace():
            hi -= 1
    quote = sc.prep.quote(lo, hi)
    return quote or sc.prep.quote(s, e)


def quotes(sc: Scan, hits: list[Hit], limit: int = 2) -> list[str]:
    """Up to `limit` distinct evidence quotes, one per sentence, in reply order."""
    out: list[str] = []
    seen: set[int] = set()
    for h in sorted(hits, key=lambda h: h.start):
        if h.sent in seen:
            continue
        seen.add(h.sent)
        q = quote_hit(sc, h)
        if q and q not in out:
            out.append(q)
        if len(out) >= limit:
            break
    return out


def short(text: str, max_words: int = 14) -> str:
    """A quote shortened for use inside advice ("first words ...")."""
    words = " ".join(text.split()).split(" ")
    if len(words) <= max_words:
        return text.strip().strip(".")
    return " ".join(words[:max_words]).rstrip(",;:") + " ..."
