"""Fitting the critic's models from labelled answers, with honest accuracy figures.

One trainer serves the shipped models (scripts/train_critic.py) and a user's own pack
(`interviewer pack train`). Every verdict is an L2 logistic regression over the features its
spec names (cue counts placed in the parse, who-did-what counts, lengths, the best sentence's
score). The regularisation strength is chosen by cross-validation grouped by story; the
figures reported are cross-validated, grouped by story and separately by writer (no writer's
answers on both sides of a split). Deterministic. Needs scikit-learn, which nothing on the
critique path imports.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from interviewer.critic.features import feature_names, features
from interviewer.critic.judge import claims_only, read, verdict_inputs
from interviewer.critic.sentences import sentence_inputs
from interviewer.critic.spec import SHARED_DIMENSIONS, QuestionSpec

CS = (0.03, 0.1, 0.3, 1.0)
CAPS = (1.0, 2.0, 3.0)
FOLDS = 5
GROUP_SIMILARITY = 0.25
SENTENCE_C = 0.3
#: Below this many usable answers a sentence scorer would learn noise: the answer model then
#: reads cues and structure alone.
MIN_SENTENCE_ITEMS = 40
VERDICT_FEATURES = ["v:score", "v:ownership", "v:claims", "v:long"]
_WORDS = re.compile(r"[a-z0-9]+")


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
    parent = list(range(len(items)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    if len(items) > 2:
        tfidf = TfidfVectorizer(
            stop_words="english", min_df=2, max_df=0.05, sublinear_tf=True,
            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]{2,}\b",
        )  # fmt: skip
        try:
            m = tfidf.fit_transform(texts)
        except ValueError:  # too few items for any word to pass the document-frequency limits
            m = None
        if m is not None:
            sim = (m @ m.T).toarray()
            for a, b in zip(*np.where(sim >= GROUP_SIMILARITY), strict=True):
                parent[find(int(a))] = find(int(b))
    first: dict[str, int] = {}
    for k, it in enumerate(items):
        if it.get("story"):
            parent[find(k)] = find(first.setdefault(f"{it['writer']}|{it['story']}", k))
    return [f"g{find(k)}" for k in range(len(items))]


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
    if len(set(y)) < 2:
        return {"weights": {}, "bias": 4.0 if y[0] else -4.0}
    model = LogisticRegression(C=SENTENCE_C, max_iter=5000, class_weight="balanced")
    model.fit(x, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 0.01
    }
    return {"weights": weights, "bias": round(float(model.intercept_[0]), 4)}


class _NoCoaching:
    """A stand-in question for answers to questions with no pack loaded: no coaching text."""

    def __init__(self, qid: str) -> None:
        self.id = qid

    def all_exemplars(self):
        return []


def analyse_items(items: list[dict], questions: dict) -> list:
    """Each item read exactly as the critic reads a reply: with its question's own cues when
    that question's pack is loaded, else with the shared cues only."""
    out = []
    for it in items:
        q = questions.get(it["question"]) or _NoCoaching("leadership-without-title")
        fu = it.get("followup") if it["kind"] == "followup" else None
        an, _ = read(it["text"], q, with_models=False, followup=fu)
        an.prep = None  # not needed for training; keeps a cache small
        out.append(an)
    return out


class Trainer:
    """Fits verdict models over a fixed set of analysed items. Out-of-fold probabilities of
    every dimension are kept, so the overall verdict is fitted on dimension verdicts as they
    are on answers the models have not seen."""

    def __init__(self, items: list[dict], ans: list, sentences: bool = True) -> None:
        self.items, self.ans, self.sentences = items, ans, sentences
        self.index = {it["id"]: i for i, it in enumerate(items)}
        self.oof: dict[str, dict[int, float]] = defaultdict(dict)
        self.misses: list[str] = []

    def train_one(self, label, rows, ys, names, sent=None) -> tuple[dict, dict]:
        items, ans = self.items, self.ans
        y = np.array(ys)
        sub = [items[i] for i in rows]
        groups = story_groups(sub)
        grid = {}
        sent = sent or {}
        for cap in CAPS:
            xc = np.array(
                [
                    [features(ans[i], names, cap=cap, sent=sent.get(i))[n] for n in names]
                    for i in rows
                ]
            )
            for c in CS:
                grid[(cap, c)] = (cv_accuracy(xc, y, names, groups, c), xc)
        # best accuracy; ties go to the middle cap and the regularisation nearest C=1
        cap, best = max(grid, key=lambda k: (grid[k][0], -abs(k[0] - 2), -abs(np.log(k[1]))))
        x = grid[(cap, best)][1]
        z = cv_logits(x, y, names, groups, best)
        if z is not None:
            for k, i in enumerate(rows):
                self.oof[label][i] = float(1 / (1 + np.exp(-z[k])))
                if (z[k] >= 0) != bool(y[k]):
                    it = sub[k]
                    self.misses.append(
                        f"cv miss {label} {it['id']} [{it.get('style')}] want={bool(y[k])}"
                    )
        writers = [it["writer"] for it in sub]
        report = {**_report(x, y, names, writers, best, grid[(cap, best)][0]), "cap": cap}
        return {**fit(x, y, names, best), "cap": cap}, report

    def sentence_model(self, dim: str, rows: list[int]) -> tuple[dict | None, dict]:
        """The sentence scorer for one dimension, and each answer's sentence probabilities
        from a scorer that never saw that answer's story (what the answer model is then
        fitted on)."""
        items, ans = self.items, self.ans
        per_item = {i: sentence_rows(items[i], ans[i], dim) for i in rows}
        usable = [i for i in rows if per_item[i] is not None]
        if len(usable) < MIN_SENTENCE_ITEMS:
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

    def reply_model(self, rows: list[int], ys: list[bool]) -> tuple[dict | None, dict]:
        """A follow-up reply's words scored as one piece (a reply is a few sentences), with
        out-of-fold scores for the reply model to be fitted on, as for sentences."""
        if len(rows) < MIN_SENTENCE_ITEMS // 2 or len(set(ys)) < 2:
            return None, {}
        data = {i: (self.ans[i].reply_inputs(), y) for i, y in zip(rows, ys, strict=True)}
        groups = story_groups([self.items[i] for i in rows])
        oof: dict[int, list[float]] = {}
        for tr, te in GroupKFold(n_splits=min(FOLDS, len(set(groups)))).split(rows, groups=groups):
            model = {**fit_sentences([data[rows[k]] for k in tr]), "whole": True}
            for k in te:
                oof[rows[k]] = self.ans[rows[k]].sentence_probabilities(model)
        return {**fit_sentences(list(data.values())), "whole": True}, oof

    def shared(self, spec: QuestionSpec) -> tuple[dict, dict]:
        """The five dimensions every question shares, fitted on full answers to all of them."""
        models, reports = {}, {}
        for dim in SHARED_DIMENSIONS:
            names = feature_names(spec.reads[dim])
            rows = [
                i
                for i, it in enumerate(self.items)
                if it["kind"] == "full" and dim in it.get("labels", {})
            ]
            ys = [bool(self.items[i]["labels"][dim]) for i in rows]
            # The situation is judged on where the problem starts, not on any one sentence.
            scored = self.sentences and dim != "situation_concise"
            smodel, sent = self.sentence_model(dim, rows) if scored else (None, {})
            if smodel:
                names = names + ["s:sent_max", "s:sent_top2"]
            models[dim], reports[dim] = self.train_one(dim, rows, ys, names, sent)
            if smodel:
                models[dim]["sentence"] = smodel
        return models, reports

    def question(self, qid: str, spec: QuestionSpec) -> tuple[dict, dict]:
        """A question's own dimensions and follow-ups."""
        models, reports = {}, {}
        for key, reads in spec.reads.items():
            if key in SHARED_DIMENSIONS:
                continue
            is_fu = key.startswith("followup:")
            names = feature_names(reads, short=is_fu)
            if is_fu:
                fu = key.partition(":")[2]
                rows = [i for i, it in enumerate(self.items) if it["question"] == qid
                        and it["kind"] == "followup" and it.get("followup") == fu]  # fmt: skip
                ys = [self.items[i]["label"] == "strong" for i in rows]
            else:
                rows = [i for i, it in enumerate(self.items) if it["question"] == qid
                        and it["kind"] == "full" and key in it.get("labels", {})]  # fmt: skip
                ys = [bool(self.items[i]["labels"][key]) for i in rows]
            if not rows:
                continue
            smodel, sent = None, {}
            if self.sentences:
                smodel, sent = (
                    self.reply_model(rows, ys) if is_fu else self.sentence_model(key, rows)
                )
            if smodel:
                names = names + ["s:sent_max", "s:sent_top2"]
            model, reports[f"{qid}/{key}"] = self.train_one(key, rows, ys, names, sent)
            models[key] = {**model, **({"sentence": smodel} if smodel else {})}
        return models, reports

    def verdict(self, weights: dict[str, float]) -> tuple[dict, dict]:
        """The overall verdict from the dimension probabilities (out of fold) and two flags."""
        rows, x, y = [], [], []
        for i, it in enumerate(self.items):
            if it["kind"] != "full" or it.get("verdict") not in ("strong", "weak"):
                continue
            ps = {d: self.oof[d].get(i) for d in it["labels"]}
            if any(p is None for p in ps.values()):
                continue
            total = sum(weights.get(d, 1.0) for d in ps)
            score = sum(weights.get(d, 1.0) * p for d, p in ps.items()) / total
            vals = verdict_inputs(
                score, ps.get("ownership_language"), claims_only(self.ans[i]), self.ans[i]
            )
            rows.append(i)
            x.append([vals[n] for n in VERDICT_FEATURES])
            y.append(it["verdict"] == "strong")
        xa, ya = np.array(x), np.array(y)
        sub = [self.items[i] for i in rows]
        groups = story_groups(sub)
        scores = {c: cv_accuracy(xa, ya, VERDICT_FEATURES, groups, c) for c in CS}
        best = max(CS, key=lambda c: (scores[c], -abs(np.log(c))))
        writers = [it["writer"] for it in sub]
        report = _report(xa, ya, VERDICT_FEATURES, writers, best, scores[best])
        return fit(xa, ya, VERDICT_FEATURES, best), report


def _report(x, y, names, writers, c: float, cv_story: float) -> dict:
    """The figures reported for one model: size, positives, cross-validation by story (the
    score C was chosen on) and by writer."""
    return {
        "n": len(y),
        "positive": int(y.sum()),
        "cv_story": cv_story,
        "cv_writer": cv_accuracy(x, y, names, writers, c),
        "C": c,
    }


def report_line(key: str, r: dict) -> str:
    return (
        f"{key:45s} n={r['n']:4d} pos={r['positive']:4d} C={r['C']:<5} cap={r.get('cap', '-')} "
        f"cv(story)={r['cv_story']:.3f} cv(writer)={r['cv_writer']:.3f}"
    )
