"""Train the critic's learned part and write interviewer/critic/data/critic_model.json.

Usage: python scripts/train_critic.py [--check] [--quiet]

For every full-answer dimension and every follow-up type, fits an L2 logistic regression over
the critic's own explainable features (interviewer.critic.features / followups) on the shipped
practice data (+ data/extra_*.yaml), and compares it by cross-validation (grouped by story, so
the twin of an answer is never in the training fold) with the rubric rule alone. The better of
the two is shipped (ties go to the rule: fewer parameters). Never reads the dev set.
Deterministic: fixed fold assignment, deterministic solver.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.critic.dataset import DATA_DIR, training_items  # noqa: E402
from interviewer.critic.features import DIMENSIONS, full_features  # noqa: E402
from interviewer.critic.followups import FOLLOWUPS, PATTERNS, followup_features  # noqa: E402
from interviewer.critic.signals import scan  # noqa: E402
from interviewer.critic.text import prepare  # noqa: E402

C = 1.0  # L2 strength on standardised features: small data, keep weights modest
FOLDS = 5
SEED = 0


def fit(x: np.ndarray, y: np.ndarray, names: list[str]) -> dict:
    """A logistic regression as a JSON-able spec (standardisation folded in as mean/scale)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    if len(set(y)) < 2:  # degenerate: a constant prediction
        return {"features": names, "coef": [0.0] * len(names), "mean": mean.tolist(),
                "scale": scale.tolist(), "intercept": 4.0 if y[0] else -4.0}  # fmt: skip
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=2000)
    model.fit((x - mean) / scale, y)
    return {
        "features": names,
        "coef": [round(float(c), 6) for c in model.coef_[0]],
        "mean": [round(float(m), 6) for m in mean],
        "scale": [round(float(s), 6) for s in scale],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def predict(spec: dict, x: np.ndarray) -> np.ndarray:
    z = spec["intercept"] + ((x - np.array(spec["mean"])) / np.array(spec["scale"])) @ np.array(
        spec["coef"]
    )
    return z >= 0


def splits(y: np.ndarray, groups: list[str] | None):
    if groups is not None:
        return GroupKFold(n_splits=min(FOLDS, len(set(groups)))).split(y, y, groups)
    n = min(FOLDS, int(min(np.bincount(y.astype(int), minlength=2))) or 2)
    return StratifiedKFold(n_splits=max(n, 2), shuffle=True, random_state=SEED).split(y, y)


def cross_validate(x: np.ndarray, y: np.ndarray, names: list[str], groups) -> tuple[float, float]:
    """CV accuracy of (logistic regression, rule alone)."""
    hits_lr = hits_rule = 0
    rule = x[:, names.index("rule")] >= 0.5
    for train, test in splits(y, groups):
        spec = fit(x[train], y[train], names)
        hits_lr += int((predict(spec, x[test]) == y[test]).sum())
        hits_rule += int((rule[test] == y[test]).sum())
    return hits_lr / len(y), hits_rule / len(y)


def rule_spec(names: list[str]) -> dict:
    """The rubric rule as a (fixed) linear model: P(met) = 0.85 when the rule holds."""
    return {"features": ["rule"], "coef": [3.47], "mean": [0.5], "scale": [1.0],
            "intercept": 0.0}  # fmt: skip


def train_section(rows: list[dict[str, float]], labels: list[bool], groups, key: str) -> dict:
    names = sorted(rows[0])
    x = np.array([[r[n] for n in names] for r in rows], dtype=float)
    y = np.array(labels, dtype=int)
    acc_lr, acc_rule = cross_validate(x, y, names, groups)
    use_lr = acc_lr > acc_rule
    spec = fit(x, y, names) if use_lr else rule_spec(names)
    spec["cv"] = {"logreg": round(acc_lr, 3), "rule": round(acc_rule, 3), "n": len(y)}
    spec["kind"] = "logreg" if use_lr else "rule"
    print(f"  {key:22s} n={len(y):3d}  cv logreg {acc_lr:.3f}  rule {acc_rule:.3f}"
          f"  -> {spec['kind']}")  # fmt: skip
    return spec


def features_of(text: str, followup: str | None) -> dict:
    sc = scan(prepare(text), PATTERNS)
    return full_features(sc) if followup is None else followup_features(sc, followup)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DATA_DIR / "critic_model.json")
    args = ap.parse_args(argv)
    items = training_items()
    full = [i for i in items if i["kind"] == "full"]
    fups = [i for i in items if i["kind"] == "followup"]
    print(f"training on {len(full)} full answers and {len(fups)} follow-up answers")
    model: dict = {"version": 1, "full": {}, "followup": {}}
    feats = [features_of(i["text"], None) for i in full]
    groups = [i.get("story") or i["id"] for i in full]
    print("full answers (cross-validated, grouped by story):")
    cv_lr, cv_best = [], []
    for dim in DIMENSIONS:
        spec = train_section(
            [f[dim] for f in feats], [bool(i["labels"][dim]) for i in full], groups, dim
        )
        model["full"][dim] = spec
        cv_lr.append(spec["cv"]["logreg"])
        cv_best.append(max(spec["cv"]["logreg"], spec["cv"]["rule"]) if spec["kind"] == "logreg"
                       else spec["cv"]["rule"])  # fmt: skip
    print(f"  average per-dimension cv: shipped {np.mean(cv_best):.3f}")
    print("follow-ups (cross-validated, stratified):")
    right = total = 0
    for fu in FOLLOWUPS:
        sub = [i for i in fups if i["followup"] == fu]
        if not sub:
            continue
        spec = train_section(
            [features_of(i["text"], fu) for i in sub], [i["label"] == "strong" for i in sub],
            None, fu,
        )  # fmt: skip
        model["followup"][fu] = spec
        acc = spec["cv"]["logreg"] if spec["kind"] == "logreg" else spec["cv"]["rule"]
        right += acc * len(sub)
        total += len(sub)
    if total:
        print(f"  overall follow-up cv: shipped {right / total:.3f}")
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
