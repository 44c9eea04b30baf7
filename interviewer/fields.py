"""Which field a reply comes from, so the closest exemplars are from the candidate's own world.

Plain similarity ranks by topic and tone as much as by workplace: a nurse's hand-off lands
next to a developer's hand-off. The field is instead read by a linear model over the reply's
embedding (the vector the ranking computes anyway), fitted on every exemplar in the packs and
on workplace sketches from many jobs in each field (data/fields.yaml), so a dental nurse or a
court clerk is recognised though no exemplar comes from their job.

Fitted by scripts/train_fields.py into data/field_model.json; deciding costs one small matrix
product. A model fitted with another embedder is not used (the store falls back to letting
the nearest exemplars vote).
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources

import numpy as np

from interviewer.embeddings import MODEL_ID

#: The fields an exemplar comes from (`field` in a pack's exemplars).
FIELDS = (
    "software",
    "healthcare",
    "education",
    "logistics",
    "finance",
    "retail",
    "manufacturing",
    "public-sector",
    "hospitality",
    "research",
)
MODEL_FILE = "field_model.json"
SKETCHES_FILE = "fields.yaml"


def _data(name: str):
    return resources.files("interviewer").joinpath("data", name)


def sketches() -> dict[str, list[str]]:
    """Workplace sketches by field: data/fields.yaml."""
    import yaml

    return yaml.load(_data(SKETCHES_FILE).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def training_texts(knowledge) -> list[tuple[str, str]]:
    """(text, field) the model is fitted on: every exemplar with a field, then the sketches."""
    from interviewer.bank import documents

    out = [(text, meta["field"]) for _, text, meta in documents(knowledge) if meta.get("field")]
    out += [(text, name) for name, texts in sketches().items() for text in texts]
    return out


def digest(texts: list[tuple[str, str]]) -> str:
    """Changes whenever what the model was fitted on changes."""
    h = hashlib.sha256()
    for text, name in texts:
        h.update(f"{name}\0{text}\0".encode())
    return h.hexdigest()[:16]


class FieldModel:
    def __init__(self, classes: list[str], coef: np.ndarray, intercept: np.ndarray) -> None:
        self.classes = classes
        self.coef = coef
        self.intercept = intercept

    def field(self, vector) -> str:
        scores = self.coef @ np.asarray(vector, dtype=np.float32) + self.intercept
        return self.classes[int(np.argmax(scores))]


@functools.cache
def field_model() -> FieldModel | None:
    """The shipped model, or None when it is missing or was fitted with another embedder."""
    try:
        raw = json.loads(_data(MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if raw.get("embedder") != MODEL_ID:
        return None
    return FieldModel(
        list(raw["classes"]),
        np.asarray(raw["coef"], dtype=np.float32),
        np.asarray(raw["intercept"], dtype=np.float32),
    )


#: The regularisation, chosen on the first two field-match sets (benchmarks/data/README.md).
C = 10.0


def fit(knowledge, embedder) -> dict:
    """The model as written to data/field_model.json: a multinomial logistic regression."""
    from sklearn.linear_model import LogisticRegression

    texts = training_texts(knowledge)
    vectors = embedder.embed([t for t, _ in texts])
    model = LogisticRegression(C=C, max_iter=5000).fit(vectors, [f for _, f in texts])
    return {
        "embedder": MODEL_ID,
        "trained_on": digest(texts),
        "examples": len(texts),
        "classes": [str(c) for c in model.classes_],
        "coef": [[round(float(x), 6) for x in row] for row in model.coef_],
        "intercept": [round(float(x), 6) for x in model.intercept_],
    }
