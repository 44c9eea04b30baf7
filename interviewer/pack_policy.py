"""The fitted model of the follow-up a coach asks first, shipped beside a pack as
critic/<question>.policy.json (scripts/train_policy.py writes it) and read with the pack."""

from __future__ import annotations

import json
from pathlib import Path

from interviewer.errors import UserError, one_line


class FirstFollowupModel:
    """A fitted multinomial logistic model of the follow-up a coach asks first, read from
    critic/<question>.policy.json beside the pack (scripts/train_policy.py writes it)."""

    def __init__(self, data: dict) -> None:
        self.features: list[str] = list(data["features"])
        self.classes: list[str] = list(data["classes"])
        self.coef: list[list[float]] = [list(map(float, row)) for row in data["coef"]]
        self.intercept: list[float] = list(map(float, data["intercept"]))
        #: The sentence-embedding model its "e:" features come from (None: it reads none).
        self.embedding: str | None = data.get("embedding")
        if len(self.coef) != len(self.classes) or any(
            len(row) != len(self.features) for row in self.coef
        ):
            raise ValueError("its coefficients do not match its features and classes")

    @property
    def reads_followups(self) -> bool:
        """Whether it reads the answer as each follow-up's reply, who made its changes or what
        its sentences show summed over the story (one more reading of the answer, so it is
        done only for a model that uses it)."""
        return any(f.startswith(("r:", "c:", "b:", "bl:")) for f in self.features)

    @property
    def reads_embedding(self) -> bool:
        """Whether it reads the answer's sentence embedding ("e:<i>", the vector its exemplars
        are ranked by): what a story is about, which the critic's counts do not say."""
        return any(f.startswith("e:") for f in self.features)

    def ranked(self, row: dict[str, float]) -> list[str]:
        """The follow-up ids, most likely first for an answer read as `row`."""
        x = [row.get(f, 0.0) for f in self.features]
        scores = [
            b + sum(w * v for w, v in zip(ws, x, strict=True))
            for ws, b in zip(self.coef, self.intercept, strict=True)
        ]
        ranked = sorted(zip(scores, self.classes, strict=True), key=lambda t: -t[0])
        return [c for _, c in ranked]


def first_followup_model(critic_dir: Path, question) -> FirstFollowupModel | None:
    """critic/<id>.policy.json beside the pack, if there is one; one line if it is unusable."""
    path = critic_dir / f"{question.id}.policy.json"
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UserError(f"{one_line(str(path))}: cannot read the policy model: {exc}") from None
    try:
        model = FirstFollowupModel(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{one_line(str(path))}: malformed policy model ({exc})") from None
    unknown = [c for c in model.classes if c not in {f.id for f in question.followups}]
    if unknown:
        raise UserError(f"{one_line(str(path))}: names unknown follow-ups {unknown}")
    return model
