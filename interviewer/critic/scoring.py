"""Score and verdict from per-dimension probabilities."""

from __future__ import annotations

#: How much each dimension weighs in a full answer's score. Scope and ownership carry the
#: question ("leadership without a title"); the result dimensions share the rest.
WEIGHTS = {
    "situation_concise": 0.8,
    "scope_boundary": 1.5,
    "ownership_language": 1.5,
    "metric_delta": 1.0,
    "business_impact": 1.0,
    "second_order_effect": 0.8,
    "specific_reflection": 0.9,
}
#: A full answer is "strong" from this score up (roughly five of seven dimensions met,
#: including the ownership ones).
STRONG_FROM = 60


def full_score(probabilities: dict[str, float]) -> int:
    """0..100: the weighted mean probability that each dimension is met."""
    total = sum(WEIGHTS.values())
    raw = sum(WEIGHTS[d] * probabilities.get(d, 0.0) for d in WEIGHTS) / total
    return max(0, min(100, round(100 * raw)))


def full_verdict(score: int) -> str:
    """ "strong" or "weak" for a full answer."""
    return "strong" if score >= STRONG_FROM else "weak"


def followup_score(p_strong: float) -> int:
    """0..100 for a follow-up answer: the probability that it is strong."""
    return max(0, min(100, round(100 * p_strong)))
