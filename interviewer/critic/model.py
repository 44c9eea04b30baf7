"""The trained part of the critic: logistic regressions read from JSON model files.

Models are fitted offline by scripts/train_critic.py with scikit-learn; at run time only the
JSON and plain arithmetic are needed (importing scikit-learn would cost about a second).
A spec is {"features": [...], "coef": [...], "intercept": z0, "mean": [...], "scale": [...]}.
"""

from __future__ import annotations

import math


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def terms(spec: dict, values: dict[str, float]) -> dict[str, float]:
    """Each feature's contribution to the logit, relative to a reply where it is zero."""
    return {
        name: coef * values.get(name, 0.0) / (scale or 1.0)
        for name, coef, scale in zip(spec["features"], spec["coef"], spec["scale"], strict=True)
    }


def logit(spec: dict, values: dict[str, float]) -> float:
    """intercept + sum(coef * (x - mean) / scale) over the spec's features."""
    z = spec["intercept"]
    for name, coef, mean, scale in zip(
        spec["features"], spec["coef"], spec["mean"], spec["scale"], strict=True
    ):
        z += coef * (values.get(name, 0.0) - mean) / (scale or 1.0)
    return z


def probability(spec: dict, values: dict[str, float]) -> float:
    return sigmoid(logit(spec, values))
