"""Fit the critic's models from the labelled training data and report honest accuracy.

Usage: python scripts/train_critic.py [--report-only] [--cache DIR]

Writes
  interviewer/critic/data/shared_model.json        the five dimensions every question shares,
                                                   fitted on full answers to every question
  knowledge/critic/<question id>.model.json        each question's own dimensions and follow-ups
                                                   (only for questions with a critic spec)

Every verdict is an L2 logistic regression over the features its spec names (cue counts placed
in the parse, who-did-what counts, lengths). The regularisation strength is chosen by
cross-validation grouped by story; the figures printed are cross-validated, grouped by story and
separately by writer (no writer's answers on both sides of a split). Nothing here reads the dev
set or any held-out set in benchmarks/data. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.critic.dataset import training_items  # noqa: E402
from interviewer.critic.features import feature_names, features  # noqa: E402
from interviewer.critic.judge import read  # noqa: E402
from interviewer.critic.sentences import sentence_inputs  # noqa: E402
from interviewer.critic.spec import (  # noqa: E402
    SHARED_DIMENSIONS,
    default_dir,
    load_spec,
)
from interviewer.knowledge import load_knowledge  # noqa: E402

CS = (0.03, 0.1, 0.3, 1.0)
CAPS = (1.0, 2.0, 3.0)
FOLDS = 5
GROUP_SIMILARITY = 0.25
ERRORS = "--errors" in sys.argv
SENTENCES = "--no-sentences" not in sys.argv
#: Out-of-fold probabilities per verdict key and item: what the overall verdict is fitted on,
#: so it learns from dimension verdicts as they are on answers the models have not seen.
OOF: dict[str, dict[int, float]] = defaultdict(dict)
VERDICT_FEATURES = ["v:score", "v:ownership", "v:claims", "v:long"]
SHARED_OUT = ROOT / "interviewer" / "critic" / "data" / "shared_model.json"


def fit(x: np.ndarray, y: np.ndarray, names: list[str], c: float) -> dict:
    """A logistic regression as a JSON-able spec (standardisation kept as mean/scale)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    if len(set(y)) < 2:
        return {"features": names, "coef": [0.0] * len(names), "mean": mean.tolist(),
                "scale": scale.tolist(), "intercept": 4.0 if y[0] else -4.0}  # fmt: skip
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, class_weight="balanced")
    model.fit((x - mean) / scale, y)
    return {
        "features": names,
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "mean": [round(float(m), 6) for m in mean],
        "scale": [round(float(s), 6) for s in scale],
        "intercept": round(float(model.intercept_[0]), 6),
        "C": c,
    }


def predict(spec: dict, x: np.ndarray) -> np.ndarray:
    z = ((x - np.array(spec["mean"])) / np.array(spec["scale"])) @ np.array(spec["coef"])
    return z + spec["intercept"] >= 0


def cv_logits(x, y, names, groups, c) -> np.ndarray | None:
    """Out-of-fold logits: each item scored by a model that never saw its group."""
    n_groups = len(set(groups))
    if n_groups < 2 or len(set(y)) < 2:
        return None
    out = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=min(FOLDS, n_groups)).split(x, y, groups):
        spec = fit(x[tr], y[tr], names, c)
        z = ((x[te] - np.array(spec["mean"])) / np.array(spec["scale"])) @ np.array(spec["coef"])
        out[te] = z + spec["intercept"]
    return out


def cv_predictions(x, y, names, groups, c) -> np.ndarray | None:
    z = cv_logits(x, y, names, groups, c)
    return None if z is None else z >= 0


def cv_accuracy(x, y, names, groups, c) -> float:
    pred = cv_predictions(x, y, names, groups, c)
    return float("nan") if pred is None else float((pred == y).mean())


def story_groups(items: list[dict]) -> list[str]:
    """Items about the same incident share a group: the same `story`, or (for follow-ups that
    name none) distinctive vocabulary in common (TF-IDF cosine >= 0.25, connected)."""
    texts = [it["text"] for it in items]
    tfidf = TfidfVectorizer(
        stop_words="english", min_df=2, max_df=0.05, sublinear_tf=True,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]{2,}\b",
    )  # fmt: skip
    sim = (tfidf.fit_transform(texts) @ tfidf.fit_transform(texts).T).toarray()
    parent = list(range(len(items)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in zip(*np.where(sim >= GROUP_SIMILARITY), strict=True):
        parent[find(int(a))] = find(int(b))
    first: dict[str, int] = {}
    for k, it in enumerate(items):
        if it.get("story"):
            parent[find(k)] = find(first.setdefault(f"{it['writer']}|{it['story']}", k))
    return [f"g{find(k)}" for k in range(len(items))]


class _Q:
    """A stand-in question for answers to questions with no pack yet: no coaching text."""

    def __init__(self, qid: str) -> None:
        self.id = qid

    def all_exemplars(self):
        return []


def analyses(items: list[dict], cache: Path | None) -> list:
    """Each item read exactly as the critic reads a reply (cached between runs)."""
    knowledge = load_knowledge()
    questions = {q.id: q for q in knowledge.questions}
    import hashlib

    code = hashlib.sha256()
    for f in sorted((ROOT / "interviewer" / "critic").glob("*.py")):
        code.update(f.read_bytes())
    for f in sorted(default_dir().glob("*.yaml")):
        code.update(f.read_bytes())
    key = len(items), sum(len(i["text"]) for i in items), code.hexdigest()
    if cache and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored[0] == key:
            return stored[1]
    out = []
    for it in items:
        q = questions.get(it["question"]) or questions["leadership-without-title"]
        if it["question"] not in questions:
            q = _Q("leadership-without-title")  # shared cues only matter for these
        # Read exactly as the critic reads this kind of reply (the same cues are looked for).
        fu = it.get("followup") if it["kind"] == "followup" else None
        an, _ = read(it["text"], q, with_models=False, followup=fu)
        an.prep = None  # not needed for training; keeps the cache small
        out.append(an)
    if cache:
        cache.write_bytes(pickle.dumps((key, out)))
    return out


def train_one(
    label: str, rows: list[int], ans, ys, items, names, sent: dict | None = None
) -> tuple[dict, dict]:
    y = np.array(ys)
    sub = [items[i] for i in rows]
    groups = story_groups(sub)
    grid = {}
    sent = sent or {}
    for cap in CAPS:
        xc = np.array(
            [[features(ans[i], names, cap=cap, sent=sent.get(i))[n] for n in names] for i in rows]
        )
        for c in CS:
            grid[(cap, c)] = (cv_accuracy(xc, y, names, groups, c), xc)
    # best accuracy; ties go to the middle cap and the stronger regularisation nearest C=1
    cap, best = max(grid, key=lambda k: (grid[k][0], -abs(k[0] - 2), -abs(np.log(k[1]))))
    x = grid[(cap, best)][1]
    scores = {best: grid[(cap, best)][0]}
    writers = [it["writer"] for it in sub]
    if ERRORS:
        pred = cv_predictions(x, y, names, groups, best)
        for k in np.where(pred != y)[0]:
            it = sub[k]
            print(f"  cv miss {label} {it['id']} [{it.get('style')}] want={bool(y[k])}")
    z = cv_logits(x, y, names, groups, best)
    if z is not None:
        for k, i in enumerate(rows):
            OOF[label][i] = float(1 / (1 + np.exp(-z[k])))
    report = {**_report(x, y, names, writers, best, scores[best]), "cap": cap}
    return {**fit(x, y, names, best), "cap": cap}, report


def _report(x, y, names, writers, c: float, cv_story: float) -> dict:
    """The figures printed for one model: size, positives, cross-validation by story (the
    score C was chosen on) and by writer."""
    return {
        "n": len(y),
        "positive": int(y.sum()),
        "cv_story": cv_story,
        "cv_writer": cv_accuracy(x, y, names, writers, c),
        "C": c,
    }


SENTENCE_C = 0.3
_WORDS = __import__("re").compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower()))


def sentence_rows(item: dict, an, dim: str) -> list[tuple[dict, bool]] | None:
    """(inputs, shows the dimension) for each sentence of a labelled answer; None when the
    answer meets the dimension but names no evidence (nothing to learn which sentence)."""
    met = bool(item["labels"][dim])
    ev = (item.get("evidence") or {}).get(dim) if met else None
    if met and not ev:
        return None
    ev_words = _words(ev or "")
    out = []
    for k, text in enumerate(an.texts):
        if k in an.skipped or not text.strip():
            continue
        words = _words(text)
        shows = bool(ev_words) and (
            len(words & ev_words) >= 0.6 * len(ev_words)
            or len(words & ev_words) >= 0.8 * len(words)
        )
        out.append((sentence_inputs(text, an.rows[k], an.position(k)), shows))
    return out


def fit_sentences(data: list[tuple[dict, bool]]) -> dict:
    vec = DictVectorizer()
    x = vec.fit_transform([d for d, _ in data])
    y = np.array([t for _, t in data])
    model = LogisticRegression(C=SENTENCE_C, max_iter=5000, class_weight="balanced")
    model.fit(x, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 0.01
    }
    return {"weights": weights, "bias": round(float(model.intercept_[0]), 4)}


def sentence_model(dim: str, rows: list[int], items, ans) -> tuple[dict | None, dict]:
    """The sentence scorer for one dimension, and each answer's sentence probabilities from a
    scorer that never saw that answer's story (what the answer model is then fitted on)."""
    per_item = {i: sentence_rows(items[i], ans[i], dim) for i in rows}
    usable = [i for i in rows if per_item[i] is not None]
    if len(usable) < 40:
        return None, {}
    groups = dict(zip(rows, story_groups([items[i] for i in rows]), strict=True))
    oof: dict[int, list[float]] = {}
    folds = GroupKFold(n_splits=FOLDS)
    for tr, te in folds.split(rows, groups=[groups[i] for i in rows]):
        train = [r for k in tr if (r := rows[k]) in usable]
        model = fit_sentences([x for i in train for x in per_item[i]])
        for k in te:
            oof[rows[k]] = ans[rows[k]].sentence_probabilities(model)
    return fit_sentences([x for i in usable for x in per_item[i]]), oof


def reply_model(rows: list[int], ys: list[bool], items, ans) -> tuple[dict, dict]:
    """A follow-up reply's words scored as one piece (a reply is a few sentences), with
    out-of-fold scores for the reply model to be fitted on, as for sentences."""
    data = {i: (ans[i].reply_inputs(), y) for i, y in zip(rows, ys, strict=True)}
    groups = story_groups([items[i] for i in rows])
    oof: dict[int, list[float]] = {}
    for tr, te in GroupKFold(n_splits=FOLDS).split(rows, groups=groups):
        model = {**fit_sentences([data[rows[k]] for k in tr]), "whole": True}
        for k in te:
            oof[rows[k]] = ans[rows[k]].sentence_probabilities(model)
    return {**fit_sentences(list(data.values())), "whole": True}, oof


def verdict_values(item: dict, an, weights: dict[str, float]) -> dict[str, float] | None:
    from interviewer.critic.judge import claims_only, verdict_inputs

    ps = {d: OOF[d].get(ITEM_INDEX[item["id"]]) for d in item["labels"]}
    if any(p is None for p in ps.values()):
        return None
    total = sum(weights.get(d, 1.0) for d in ps)
    score = sum(weights.get(d, 1.0) * p for d, p in ps.items()) / total
    return verdict_inputs(score, ps.get("ownership_language"), claims_only(an), an)


ITEM_INDEX: dict[str, int] = {}


def train_verdict(items: list[dict], ans) -> tuple[dict, dict]:
    """The overall verdict from the dimension probabilities (out of fold) and two flags."""
    knowledge = load_knowledge()
    weights = {d.id: d.weight for q in knowledge.questions for d in q.dimensions}
    rows, x, y = [], [], []
    for i, it in enumerate(items):
        if it["kind"] != "full" or it.get("verdict") not in ("strong", "weak"):
            continue
        vals = verdict_values(it, ans[i], weights)
        if vals is None:
            continue
        rows.append(i)
        x.append([vals[n] for n in VERDICT_FEATURES])
        y.append(it["verdict"] == "strong")
    x, y = np.array(x), np.array(y)
    sub = [items[i] for i in rows]
    groups = story_groups(sub)
    scores = {c: cv_accuracy(x, y, VERDICT_FEATURES, groups, c) for c in CS}
    best = max(CS, key=lambda c: (scores[c], -abs(np.log(c))))
    writers = [it["writer"] for it in sub]
    report = _report(x, y, VERDICT_FEATURES, writers, best, scores[best])
    return fit(x, y, VERDICT_FEATURES, best), report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report-only", action="store_true", help="print figures, write nothing")
    ap.add_argument("--cache", type=Path, default=None, help="cache parsed training items here")
    ap.add_argument("--errors", action="store_true", help="list the cross-validation misses")
    ap.add_argument("--no-sentences", action="store_true", help="without sentence scorers")
    args = ap.parse_args()
    items = training_items()
    ITEM_INDEX.update({it["id"]: i for i, it in enumerate(items)})
    ans = analyses(items, args.cache)
    reports, shared, per_q = {}, {}, defaultdict(dict)
    for dim in SHARED_DIMENSIONS:
        spec = load_spec("leadership-without-title", with_models=False)
        names = feature_names(spec.reads[dim])
        rows = [
            i for i, it in enumerate(items) if it["kind"] == "full" and dim in it.get("labels", {})
        ]
        ys = [bool(items[i]["labels"][dim]) for i in rows]
        # The situation is judged on where the problem starts, not on any one sentence.
        scored = SENTENCES and dim != "situation_concise"
        smodel, sent = sentence_model(dim, rows, items, ans) if scored else (None, {})
        if smodel:
            names = names + ["s:sent_max", "s:sent_top2"]
        shared[dim], reports[dim] = train_one(dim, rows, ans, ys, items, names, sent)
        if smodel:
            shared[dim]["sentence"] = smodel
    for path in sorted(default_dir().glob("*.yaml")):
        qid = path.stem
        spec = load_spec(qid, with_models=False)
        for key, reads in spec.reads.items():
            if key in SHARED_DIMENSIONS:
                continue
            names = feature_names(reads, short=key.startswith("followup:"))
            if key.startswith("followup:"):
                fu = key.partition(":")[2]
                rows = [i for i, it in enumerate(items) if it["question"] == qid
                        and it["kind"] == "followup" and it.get("followup") == fu]  # fmt: skip
                ys = [items[i]["label"] == "strong" for i in rows]
            else:
                rows = [i for i, it in enumerate(items) if it["question"] == qid
                        and it["kind"] == "full" and key in it.get("labels", {})]  # fmt: skip
                ys = [bool(items[i]["labels"][key]) for i in rows]
            smodel, sent = (None, {})
            if SENTENCES and not key.startswith("followup:"):
                smodel, sent = sentence_model(key, rows, items, ans)
            elif SENTENCES:
                smodel, sent = reply_model(rows, ys, items, ans)
            if smodel:
                names = names + ["s:sent_max", "s:sent_top2"]
            model, reports[f"{qid}/{key}"] = train_one(key, rows, ans, ys, items, names, sent)
            per_q[qid][key] = {**model, **({"sentence": smodel} if smodel else {})}
    shared["verdict"], reports["verdict"] = train_verdict(items, ans)
    for k, r in reports.items():
        print(
            f"{k:45s} n={r['n']:4d} pos={r['positive']:4d} C={r['C']:<5} cap={r.get('cap', '-')} "
            f"cv(story)={r['cv_story']:.3f} cv(writer)={r['cv_writer']:.3f}"
        )
    if args.report_only:
        return
    SHARED_OUT.write_text(json.dumps({"version": 3, "models": shared}, indent=1) + "\n")
    for qid, models in per_q.items():
        out = default_dir() / f"{qid}.model.json"
        out.write_text(
            json.dumps({"version": 3, "question": qid, "models": models}, indent=1) + "\n"
        )
        print(f"wrote {out.relative_to(ROOT)}")
    print(f"wrote {SHARED_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
