"""Which sentence shows a dimension: a sentence scorer learned from labelled evidence.

Every labelled answer that meets a dimension names the sentence that shows it. A logistic
regression over each sentence's words and word pairs, its cue counts placed in the parse
(negated, hedged, by whom) and its position learns from those what a sentence showing, say,
business impact looks like in any field, beyond the words of a hand-written list. The answer's
model then reads the best sentence's score; leaving that sentence out is what makes it the
evidence.
"""

from __future__ import annotations

import math
import re

_WORD = re.compile(r"[a-z][a-z'-]{0,24}|\d[\d,.]*%?|[$£€¥]")


def tokens(text: str) -> set[str]:
    """Lower-cased words, word pairs and number classes of one sentence."""
    words = []
    for w in _WORD.findall(text.lower()):
        if w[0].isdigit():
            w = "<pct>" if w.endswith("%") else "<num>"
        elif w in "$£€¥":
            w = "<money>"
        words.append(w)
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def row_features(row: dict[str, float]) -> dict[str, float]:
    """A sentence's cue and who-did-what counts, as the sentence model reads them."""
    return {f"r:{k}": min(v, 2.0) for k, v in row.items()}


#: Counts of clauses the parse gives to the speaker.
_SPEAKER = ("i_work", "i_work_obj", "i_comm", "i_deleg")


def sentence_inputs(text: str, row: dict[str, float], position: float) -> dict[str, float]:
    """Everything the sentence model reads about one sentence. A note that drops its "I"
    ("- Wrote the fix and tested it") reads as the sentence with it: the parse gives the verb to
    the speaker, and the words should not say otherwise."""
    out: dict[str, float] = dict.fromkeys(tokens(text), 1.0)
    if "i" not in out and any(row.get(k) for k in _SPEAKER):
        out["i"] = 1.0
    out.update(row_features(row))
    out["pos"] = position
    out["late"] = float(position >= 0.4)
    return out


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def scores(model: dict, inputs: list[dict | None]) -> list[float]:
    """P(shows the dimension) for sentences whose inputs are already built (None: skipped)."""
    weights, bias = model["weights"], model["bias"]
    get = weights.get
    return [
        0.0 if x is None else _sigmoid(bias + sum(get(k, 0.0) * v for k, v in x.items()))
        for x in inputs
    ]


def summary(probs: list[float], drop: int | None = None) -> dict[str, float]:
    """The answer-level view of sentence scores: the best one and the mean of the best two."""
    kept = sorted((p for i, p in enumerate(probs) if i != drop), reverse=True)
    if not kept:
        return {"sent_max": 0.0, "sent_top2": 0.0}
    return {"sent_max": kept[0], "sent_top2": sum(kept[:2]) / min(2, len(kept))}
