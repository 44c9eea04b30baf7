"""What the critic returns. Shared by the score command, the interview and sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: Spoken answers run at about this many words a minute: the critic's length note and the
#: scorecard's spoken time of the first answer both count with it.
WORDS_PER_MINUTE = 150


@dataclass(frozen=True)
class DimensionResult:
    """One rubric dimension (full answers) or follow-up criterion (follow-up answers)."""

    id: str
    name: str
    met: bool
    evidence: list[str]  # verbatim substrings of the reply
    advice: str  # specific to this reply: what to change, quoting it where useful
    confidence: float = 0.5  # probability that the dimension is met


@dataclass(frozen=True)
class Critique:
    question: str
    followup: str | None
    verdict: Literal["strong", "weak"]
    score: int  # 0..100
    dimensions: dict[str, DimensionResult]
    notes: list[str] = field(default_factory=list)  # e.g. "critiqued the first 3,000 words"

    def gaps(self) -> list[str]:
        """Ids of the dimensions not met, weakest first."""
        missed = [d for d in self.dimensions.values() if not d.met]
        return [d.id for d in sorted(missed, key=lambda d: d.confidence)]

    def as_dict(self) -> dict:
        """The recorded form (sessions, `score --format json`). `confidence` is kept so a
        critique read back (interview.recorded) orders its gaps as the live one did."""
        return {
            "question": self.question,
            "followup": self.followup,
            "verdict": self.verdict,
            "score": self.score,
            "dimensions": {
                k: {
                    "met": d.met,
                    "evidence": list(d.evidence),
                    "advice": d.advice,
                    "confidence": d.confidence,
                }
                for k, d in self.dimensions.items()
            },
        }
