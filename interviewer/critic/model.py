"""The learned part of the critic: logistic-regression weights read from a shipped JSON file.

Weights are trained offline by scripts/train_critic.py with scikit-learn; at run time only the
JSON and plain Python arithmetic are needed (importing scikit-learn would cost ~1 s of start-up).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

MODEL_FILE = "critic_model.json"


def model_path() -> Path:
    """Where the shipped weights live (package data of interviewer.critic)."""
    return Path(str(resources.files("interviewer.critic"))) / "data" / MODEL_FILE


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The trained weights, loaded once; an empty model (rules only) if the file is missing
    or unreadable, so the critic always works."""
    try:
        return json.loads(model_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def linear_probability(spec: dict, features: dict[str, float]) -> float:
    """sigmoid(intercept + sum(coef * (x - mean) / scale)) over the spec's named features."""
    z = spec["intercept"]
    for name, coef, mean, scale in zip(
        spec["features"], spec["coef"], spec["mean"], spec["scale"], strict=True
    ):
        z += coef * (features.get(name, 0.0) - mean) / (scale or 1.0)
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def probability(section: str, key: str, features: dict[str, float]) -> float:
    """P(met/strong) from the trained model, or from the rubric rule when no weights exist.

    The rule fallback is deliberately not 0/1 so that scores still rank answers."""
    spec = load_model().get(section, {}).get(key)
    if spec:
        return linear_probability(spec, features)
    return 0.85 if features.get("rule", 0.0) >= 0.5 else 0.15
