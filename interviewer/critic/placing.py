"""Where each cue hit sits in the grammar: the actor of the clause that governs it, whether
that clause or the words just before the hit negate it, and whether it is hedged or taken back
later in the sentence. This is who did what; features.py turns it into counts."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from interviewer.critic import lexicon as lx
from interviewer.critic.cues import MARKERS
from interviewer.critic.structure import Clause, stem, stems

_NEGATOR = re.compile(
    r"\b(?:not|never|no|nobody|none|without|hardly|n't|nor|neither|cannot|can't|won't|didn't|"
    r"don't|doesn't|wasn't|weren't|isn't|aren't|haven't|hasn't|hadn't|couldn't|wouldn't)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)

#: Verbs of harm and cost: negating them tells an effect, not a retraction ("patients don't
#: wait another night", "we did not need the £12k survey", "we stopped losing donors").
AVOIDED = stems(
    "wait lose delay miss fail drop leave churn cancel complain break crash slip hold need pay "
    "spend buy hire cost waste overspend return reject queue chase redo repeat lapse expire "
    "bounce die suffer stall idle"
)


@dataclass(frozen=True)
class CueHit:
    sent: int
    start: int
    end: int
    actor: str
    negated: bool
    hedged: bool


def _token_index(doc) -> tuple[list[int], list[int]]:
    """Token start offsets and each token's head index (read once: indexing a Doc token by
    token is slow)."""
    arr = doc.to_array(["IDX", "HEAD"])  # HEAD is relative to the token
    starts = [int(x) for x in arr[:, 0]]
    heads = [i + int(h) for i, h in enumerate(arr[:, 1].astype("int64"))]
    return starts, heads


def _governing(starts, heads, by_start, char: int, memo: dict) -> Clause | None:
    """The clause whose verb governs the token at `char` (its nearest verb ancestor)."""
    k = bisect_right(starts, char) - 1
    if k < 0:
        return None
    if k in memo:
        return memo[k]
    t, found = k, None
    for _ in range(12):
        found = by_start.get(starts[t])
        if found is not None or heads[t] == t:
            break
        t = heads[t]
    memo[k] = found
    return found


def _find(pattern: lx.Pattern, clean: str, lower: str):
    low = pattern.lowered
    return low.finditer(lower) if low is not None else pattern.finditer(clean)


#: Cues that cannot match without one of these strings: their scan is skipped otherwise.
_LITERAL = {"arrow": ("->", "=>", "\u2192")}


def _neg_owned_by_hit(doc_neg: list[int], start: int, end: int) -> bool:
    return bool(doc_neg) and all(start <= p < end for p in doc_neg)


def cue_hits(prep, doc, found, patterns) -> dict[str, list[CueHit]]:
    starts_sent = [s for s, _ in prep.sentences]
    starts, heads = _token_index(doc)
    memo: dict[int, Clause | None] = {}
    by_start = {c.start: c for c in found}
    neg_at: dict[int, list[int]] = {}
    strings = doc.vocab.strings
    neg, det, nobody, no = (strings.add(x) for x in ("neg", "det", "nobody", "no"))
    for k, (dep, low) in enumerate(doc.to_array(["DEP", "LOWER"]).tolist()):
        # "No." as an answer ("No. Fixed it myself") negates nothing; "no revenue" does.
        if dep == neg or low == nobody or (low == no and dep == det):
            neg_at.setdefault(starts[heads[k]], []).append(starts[k])
    lower = lx.lower(prep.clean)
    retract = {
        bisect_right(starts_sent, m.start()) - 1
        for m in _find(MARKERS["retract"], prep.clean, lower)
    }
    hedge_spans = [(m.start(), m.end()) for m in _find(MARKERS["hedge"], prep.clean, lower)]
    hedge_starts = [h for h, _ in hedge_spans]
    out: dict[str, list[CueHit]] = {}
    for name, pattern in patterns.items():
        hits = []
        need = _LITERAL.get(name)
        if need and not any(x in prep.clean for x in need):
            out[name] = hits
            continue
        for m in _find(pattern, prep.clean, lower):
            sent = bisect_right(starts_sent, m.start()) - 1
            if sent < 0 or m.start() >= prep.sentences[sent][1]:
                continue
            clause = _governing(starts, heads, by_start, m.start(), memo)
            s0 = max(prep.sentences[sent][0], m.start() - 40)
            negated = bool(_NEGATOR.search(lower[s0 : m.start()]))
            if clause is not None and not negated:
                negs = neg_at.get(clause.start, [])
                negated = bool(negs) and not _neg_owned_by_hit(negs, m.start(), m.end())
                negated = negated or (clause.actor == "nobody" and clause.start < m.start())
            if negated and clause is not None and stem(clause.verb) in AVOIDED:
                negated = False  # a harm or cost that did not happen is the effect itself
            hedged = sent in retract or (clause is not None and clause.hedged)
            if not hedged and hedge_spans:
                lo = max(prep.sentences[sent][0], m.start() - 60)
                k = bisect_right(hedge_starts, m.start() + 1) - 1
                hedged = k >= 0 and hedge_starts[k] >= lo and hedge_spans[k][1] <= m.start() + 1
            actor = clause.actor if clause is not None else "unknown"
            hits.append(CueHit(sent, m.start(), m.end(), actor, negated, hedged))
        out[name] = hits
    return out


def struct_row(row: dict[str, float], c: Clause) -> None:
    asserted = not (c.negated or c.hedged)
    if c.actor == "nobody":
        row["nobody"] = row.get("nobody", 0) + 1
    key = None
    if c.kind == "work":
        if c.actor == "i":
            key = "i_work" if asserted else "i_neg"
            if asserted and c.has_object:
                row["i_work_obj"] = row.get("i_work_obj", 0) + 1
            if asserted and c.emphatic:
                row["i_myself"] = row.get("i_myself", 0) + 1
        elif asserted and c.actor in ("we", "other", "thing"):
            key = f"{c.actor}_work"
    elif c.actor == "i" and asserted:
        key = {"communicate": "i_comm", "delegate": "i_deleg"}.get(c.kind)
    if key:
        row[key] = row.get(key, 0) + 1
    if asserted and c.has_object and c.actor in ("i", "we", "other") and c.kind != "state":
        row["story"] = row.get("story", 0) + 1
