"""The learned part of the critic: logistic-regression weights read from a shipped JSON file.

Weights are trained offline by scripts/train_critic.py with scikit-learn; at run time only the
JSON and plain arithmetic are needed (importing scikit-learn would cost ~1 s of start-up).

Each verdict is first a logistic regression over the critic's explainable signal features (or
the rubric rule alone). Where cross-validation grouped by story showed it helps, the spec also
carries an `embedding` term: a second logistic regression over the reply's MiniLM vector (the
one FeedbackService computes for exemplar retrieval), blended as

    z = clip(z_signals) + weight * clip(z_embedding)

so the wording of the whole reply can tip a borderline signal verdict, while a confident signal
verdict stands. Without a vector the verdict is the signal model's alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

MODEL_FILE = "critic_model.json"
#: The reply vector the embedding terms were trained on: all-MiniLM-L6-v2 over the first 4,000
#: characters cut to 32 tokens, exactly as FeedbackService embeds a reply for the critic.
EMBED_CHARS = 4000
EMBED_TOKENS = 32
EMBED_DIM = 384


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


def feature_names(section: str, key: str) -> list[str] | None:
    """The features the shipped model reads for one verdict (None: no spec, rule fallback)."""
    spec = load_model().get(section, {}).get(key)
    return list(spec["features"]) if spec else None


def uses_vector(section: str) -> bool:
    """Whether any verdict of `section` ("full", or a follow-up id under "followup") blends in
    the reply vector; when none does, the vector need not be computed at all."""
    model = load_model()
    if section == "full":
        specs = model.get("full", {}).values()
    else:
        specs = [model.get("followup", {}).get(section) or {}]
    return any(isinstance(s, dict) and s.get("embedding") for s in specs)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def linear_logit(spec: dict, features: dict[str, float]) -> float:
    """intercept + sum(coef * (x - mean) / scale) over the spec's named features."""
    z = spec["intercept"]
    for name, coef, mean, scale in zip(
        spec["features"], spec["coef"], spec["mean"], spec["scale"], strict=True
    ):
        z += coef * (features.get(name, 0.0) - mean) / (scale or 1.0)
    return z


def linear_probability(spec: dict, features: dict[str, float]) -> float:
    """sigmoid(linear_logit(spec, features))."""
    return _sigmoid(linear_logit(spec, features))


@dataclass(frozen=True)
class Verdict:
    """P(met/strong) and how it was reached."""

    p: float  # the probability used for the verdict
    p_signals: float  # the signal model's own probability
    used_vector: bool = False  # whether the reply vector contributed

    @property
    def flipped(self) -> bool:
        """Whether the reply vector changed the verdict the signals alone would give."""
        return self.used_vector and (self.p >= 0.5) != (self.p_signals >= 0.5)


def usable_vector(vector) -> list[float] | None:
    """`vector` as floats when it is a finite EMBED_DIM-long vector, else None."""
    if vector is None:
        return None
    try:
        values = [float(x) for x in vector]
    except (TypeError, ValueError):
        return None
    if len(values) != EMBED_DIM or not all(math.isfinite(x) for x in values):
        return None
    return values


def _embedding_logit(emb: dict, vector: list[float]) -> float:
    return emb["intercept"] + math.fsum(c * x for c, x in zip(emb["coef"], vector, strict=True))


def verdict(
    section: str, key: str, features: dict[str, float], vector: list[float] | None = None
) -> Verdict:
    """P(met/strong) from the trained model, or from the rubric rule when no weights exist;
    blended with the reply vector's term when the spec has one and a usable vector is given.

    The rule fallback is deliberately not 0/1 so that scores still rank answers."""
    spec = load_model().get(section, {}).get(key)
    if not spec:
        p = 0.85 if features.get("rule", 0.0) >= 0.5 else 0.15
        return Verdict(p, p)
    z = linear_logit(spec, features)
    p_sig = _sigmoid(z)
    emb = spec.get("embedding")
    if not emb or vector is None or len(emb.get("coef", ())) != len(vector):
        return Verdict(p_sig, p_sig)
    clip = float(emb.get("clip", 3.0))
    z_emb = _embedding_logit(emb, vector)
    blended = max(-clip, min(clip, z)) + emb["weight"] * max(-clip, min(clip, z_emb))
    return Verdict(_sigmoid(blended), p_sig, True)


def probability(section: str, key: str, features: dict[str, float], vector=None) -> float:
    """P(met/strong) (see `verdict`)."""
    return verdict(section, key, features, usable_vector(vector)).p
