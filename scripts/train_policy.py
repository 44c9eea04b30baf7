"""Fit the model of the follow-up a coach asks first, for the leadership question.

Usage: python scripts/train_policy.py [--c C] [--cv]

Reads the labelled first answers in interviewer/data/policy/*.yaml (each with the follow-ups a
coach accepts first, `acceptable_first`), reads each answer as the app does (the critic's
confidence per dimension, its score, the follow-ups' asks_when and answered_when cues, its
sentence embedding: interview/policy.py's answer_features) and fits a multinomial logistic
regression to the first acceptable follow-up. The embedding's components and the
answered_when cues are fitted scaled (EMBEDDING_WEIGHT, CUE_WEIGHT: a weaker penalty on them
than on the critic's features) and stored with that scale folded into their coefficients, so
the app multiplies raw values.
Writes knowledge/critic/<question>.policy.json, which the pack loads. --cv prints grouped
cross-validation (by writer): the share of answers whose predicted follow-up a coach accepts.
Reads nothing in benchmarks/data. Deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.critic import critique  # noqa: E402
from interviewer.embeddings import MODEL_ID, reply_vectors  # noqa: E402
from interviewer.interview.policy import answer_features  # noqa: E402
from interviewer.knowledge import load_knowledge  # noqa: E402

QUESTION = "leadership-without-title"
#: Chosen by grouped CV on the training answers (on 1006: 3 gave 0.856, 4 0.858, 5 0.861, 8
#: 0.844 at their best C, 1 barely moved the model; on 1186: 5 gave 0.837, 4 0.833, none 0.813).
EMBEDDING_WEIGHT = 5.0
#: The pack's answered_when cues ("a:<follow-up>") fitted at this scale, a weaker penalty than
#: on the critic's features: one cue is a single bit against hundreds of readings (chosen by
#: grouped CV on the 1186 answers: 1 gave 0.840, 2 0.841, 3 0.847).
CUE_WEIGHT = 3.0
DATA = ROOT / "interviewer" / "data" / "policy"
OUT = ROOT / "knowledge" / "critic" / f"{QUESTION}.policy.json"


def training_files() -> list[Path]:
    return sorted(DATA.glob("*.yaml"))


def data_digest() -> str:
    """What the model was fitted on: the training files' bytes (a test refits when they move)."""
    h = hashlib.sha256()
    for path in training_files():
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def weights(names: list[str]) -> np.ndarray:
    """Each feature's scale in the fit: EMBEDDING_WEIGHT for the embedding's components,
    CUE_WEIGHT for the answered_when cues."""
    scale = {"e": EMBEDDING_WEIGHT, "a": CUE_WEIGHT}
    return np.array([scale.get(n.split(":", 1)[0], 1.0) for n in names])


def read_items(question) -> tuple[list[dict], list[str], np.ndarray, list[str]]:
    items = [it for p in training_files() for it in yaml.safe_load(p.read_text("utf-8"))]
    vectors = reply_vectors([it["text"] for it in items])
    rows = [
        answer_features(question, critique(it["text"], question), it["text"], vector=v)
        for it, v in zip(items, vectors, strict=True)
    ]
    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows]) * weights(names)
    return items, names, x, [it["writer"] for it in items]


def fit(x, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)


def cross_validate(items, x, y, groups, c: float) -> None:
    from sklearn.model_selection import LeaveOneGroupOut

    pred = np.empty(len(items), dtype=object)
    for tr, te in LeaveOneGroupOut().split(x, y, groups):
        m = fit(x[tr], y[tr], c)
        pred[te] = m.classes_[m.decision_function(x[te]).argmax(1)]
    ok = [p in it["acceptable_first"] for p, it in zip(pred, items, strict=True)]
    by: dict[str, list[bool]] = defaultdict(list)
    for o, it in zip(ok, items, strict=True):
        by[it["category"]].append(o)
        by["writer " + it["writer"]].append(o)
    print(f"grouped CV by writer (C={c}): acceptable first {np.mean(ok):.3f} of {len(items)}")
    for k, v in sorted(by.items()):
        print(f"  {k}: {sum(v)}/{len(v)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=0.03, help="inverse regularisation strength")
    ap.add_argument("--cv", action="store_true", help="print grouped cross-validation first")
    args = ap.parse_args()
    question = load_knowledge().question(QUESTION)
    items, names, x, groups = read_items(question)
    y = np.array([it["acceptable_first"][0] for it in items])
    if args.cv:
        cross_validate(items, x, y, groups, args.c)
    m = fit(x, y, args.c)
    model = {
        "question": QUESTION,
        "features": names,
        "embedding": MODEL_ID,
        "classes": [str(c) for c in m.classes_],
        "coef": [[round(float(w), 6) for w in row] for row in m.coef_ * weights(names)],
        "intercept": [round(float(b), 6) for b in m.intercept_],
        "c": args.c,
        "examples": len(items),
        "data": data_digest(),
    }
    OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(items)} answers, {len(names)} features")


if __name__ == "__main__":
    main()
