"""Evidence: the sentences that moved a verdict, found by leaving each one out, and quoted
verbatim (by the clause around the cue when a sentence is long)."""

from __future__ import annotations

from interviewer.critic.features import Analysis, features, totals
from interviewer.critic.model import logit

#: A sentence must move the logit at least this much to be quoted as evidence.
MIN_SHIFT = 0.25
LONG_SENTENCE_WORDS = 40
HANDOFF = ("s:we_work", "s:other_work", "s:i_deleg", "s:i_comm")
_CLAUSE_STOPS = ",;:"


def shifts(an: Analysis, spec: dict, sent: list[float] | None = None) -> dict[int, float]:
    """How much each sentence adds to the verdict's logit (negative: pulls it down)."""
    names = spec["features"]
    tot = totals(an)
    cap = spec.get("cap", 3.0)
    base = logit(spec, features(an, names, tot=tot, cap=cap, sent=sent))
    # A sentence holding none of the counts this model reads cannot move it (unless the
    # sentence model scores it).
    keys = {n.partition(":")[2] for n in names}
    share = any(k.endswith("_share") for k in keys)
    out = {}
    for i, row in enumerate(an.rows):
        scored = sent is not None and sent[i] > 0.05
        if not scored and (not row or not (share or keys.intersection(row))):
            continue
        less = {k: tot.get(k, 0.0) - row.get(k, 0.0) for k in set(tot) | set(row)}
        out[i] = base - logit(spec, features(an, names, drop=i, tot=less, cap=cap, sent=sent))
    return out


def pick(
    an: Analysis, spec: dict, positive: bool, limit: int, sent: list[float] | None = None
) -> list[int]:
    """The sentences that most support a verdict, or (positive=False) the one that most
    undercuts it: the "we" sentence, the assignment, the vague result."""
    moved = shifts(an, spec, sent)
    if positive:
        chosen = sorted((s for s, d in moved.items() if d >= MIN_SHIFT), key=lambda s: -moved[s])
        # A second sentence is quoted only when it carries the verdict about as much as the
        # first: "falls had tripled" in the situation is not evidence of the result.
        chosen = [s for s in chosen if moved[s] >= 0.5 * moved[chosen[0]]]
        return sorted(chosen[:limit])
    bad = _warning_sentences(an, spec) | {s for s, d in moved.items() if d <= -MIN_SHIFT}
    if not bad:
        # A verdict far from the line moves little for any one sentence: the one that pulls
        # it down most is still the one to show ("their engineers fixed it").
        against = [s for s, d in moved.items() if d < 0]
        bad = {min(against, key=moved.__getitem__)} if against else set()

    # For a verdict on who did the work, work told as others' ("they fixed it") shows the gap
    # best, the more of it the better ("their engineers dug in and fixed it" over "customers
    # kept getting errors"), the more so beside the candidate's own hand-over ("I raised a
    # ticket, and they changed it"). Otherwise (a missing number, a vague result) whatever
    # moved the score most.
    who = any(f in spec["features"] for f in HANDOFF)

    def order(s: int) -> tuple:
        row = an.rows[s]
        own = bool(row.get("i_comm") or row.get("i_deleg"))
        others = row.get("other_work", 0) + row.get("we_work", 0) if who else 0
        return (-others, not own and who, moved.get(s, 0.0))

    return sorted(sorted(bad, key=order)[:limit])


def _warning_sentences(an: Analysis, spec: dict) -> set[int]:
    """Sentences holding something the model counts against the verdict: a cue or a kind of
    clause whose weight is negative ("we fixed", "my manager asked me", "a lot better")."""
    negative = {n for n, c in zip(spec["features"], spec["coef"], strict=True) if c < 0}
    # Whatever weight a fit gave them, work told as someone else's ("they handled it", "we
    # fixed", "I asked him to") is what a missing "I" looks like, in a verdict that reads it.
    return _holding(an, negative | {f for f in HANDOFF if f in spec["features"]})


def _holding(an: Analysis, features_: set[str]) -> set[int]:
    out = set()
    for i, row in enumerate(an.rows):
        keys = {f"cue:{k}" for k in row} | {f"s:{k}" for k in row}
        if keys & features_:
            out.add(i)
    return out


def quote_sentence(an: Analysis, sent: int, cues: list[str] | None = None) -> str:
    """The verbatim text of a sentence, or of the clause around its first cue hit when the
    sentence is long (a whole 60-word sentence is a poor quote)."""
    prep = an.prep
    s, e = prep.sentences[sent]
    clean = prep.clean
    if len(clean[s:e].split()) <= LONG_SENTENCE_WORDS:
        return prep.quote(s, e)
    hit = next(
        (h for c in (cues or []) for h in an.hits.get(c, []) if h.sent == sent and not h.negated),
        None,
    )
    if hit is None:
        return prep.quote(s, e)
    lo = max(clean.rfind(c, s, hit.start) for c in _CLAUSE_STOPS)
    lo = s if lo < s else lo + 1
    his = [k for k in (clean.find(c, hit.end, e) for c in _CLAUSE_STOPS) if k >= 0]
    hi = min(his) if his else e
    return prep.quote(lo, hi) or prep.quote(s, e)


def short(text: str, max_words: int = 14) -> str:
    """A quote shortened for use inside advice ("first words ...")."""
    words = " ".join(text.split()).split(" ")
    if len(words) <= max_words:
        return text.strip().strip(".")
    return " ".join(words[:max_words]).rstrip(",;:") + " ..."
