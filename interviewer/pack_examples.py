"""Labelled answers a pack may carry, for `interviewer pack train` to fit the pack's own
dimensions and follow-ups on. The format is the one the shipped training data uses."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from interviewer.pack_base import Id, Strict


class Example(Strict):
    id: Id
    kind: Literal["full", "followup"]
    text: str = Field(min_length=1)
    question: Id | None = None  # the pack's first question when absent
    labels: dict[str, bool] | None = None  # full answers: met or not, per dimension id
    evidence: dict[str, str] | None = None  # the sentence that shows a met dimension
    verdict: Literal["strong", "weak"] | None = None
    followup: Id | None = None  # follow-up replies: which follow-up, and strong or weak
    label: Literal["strong", "weak"] | None = None
    pair: str | None = None  # the same story told the other way
    style: str | None = None
    field: str | None = None
    story: str | None = None
    writer: str | None = None
    injection: bool = False

    @model_validator(mode="after")
    def _kind_fields(self) -> Example:
        if self.kind == "full" and not self.labels:
            raise ValueError(f"example {self.id!r}: a full answer needs `labels`")
        if self.kind == "followup" and (not self.followup or not self.label):
            raise ValueError(f"example {self.id!r}: a follow-up reply needs `followup` and `label`")
        for dim, sentence in (self.evidence or {}).items():
            if sentence not in self.text:
                raise ValueError(f"example {self.id!r}: evidence for {dim!r} is not in its text")
        return self


def check_examples(examples: list[Example], questions: list) -> None:
    """Every example names a question of the pack and that question's dimensions and
    follow-ups (a typo would silently train nothing)."""
    by_id = {q.id: q for q in questions}
    seen: set[str] = set()
    for ex in examples:
        if ex.id in seen:
            raise ValueError(f"duplicate example id {ex.id!r}")
        seen.add(ex.id)
        q = by_id.get(ex.question or questions[0].id)
        if q is None:
            raise ValueError(f"example {ex.id!r} names question {ex.question!r}, not in this pack")
        dims = {d.id for d in q.dimensions}
        unknown = sorted(set(ex.labels or {}) - dims)
        if unknown:
            raise ValueError(f"example {ex.id!r} labels unknown dimensions {unknown}")
        if ex.followup and ex.followup not in {f.id for f in q.followups}:
            raise ValueError(f"example {ex.id!r} names unknown follow-up {ex.followup!r}")
