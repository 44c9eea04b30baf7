"""The critic's entry point: prepare the text, scan it, judge it, score it."""

from __future__ import annotations

from interviewer.critic.dimensions import judge_full
from interviewer.critic.followups import FOLLOWUPS, PATTERNS, followup_features, judge_criteria
from interviewer.critic.model import probability
from interviewer.critic.scoring import followup_score, full_score, full_verdict
from interviewer.critic.signals import scan
from interviewer.critic.text import prepare
from interviewer.critic.types import Critique
from interviewer.errors import UserError


def critique(text, question, followup=None, *, focus=None, level=None) -> Critique:
    """Judge `text`, a full answer to `question` (followup=None) or the answer to the
    follow-up with id `followup`. Deterministic; no I/O beyond loading the weights once.

    `focus` (interviewer persona id) and `level` (mid/senior) only change advice emphasis."""
    prep = prepare(str(text))
    sc = scan(prep, PATTERNS)
    notes = list(prep.notes)
    if followup is None:
        names = {d.id: d.name for d in getattr(question, "dimensions", [])}
        dims = judge_full(sc, names, focus, level)
        score = full_score({k: d.confidence for k, d in dims.items()})
        verdict = full_verdict(score)
    else:
        if followup not in FOLLOWUPS:
            known = ", ".join(FOLLOWUPS)
            raise UserError(f"unknown follow-up {followup!r} (known: {known})")
        p = probability("followup", followup, followup_features(sc, followup))
        verdict = "strong" if p >= 0.5 else "weak"
        score = followup_score(p)
        dims = judge_criteria(sc, followup, verdict == "strong")
    if not sc.n_words:
        notes.append("No answer content was found to critique.")
    return Critique(
        question=getattr(question, "id", str(question)),
        followup=followup,
        verdict=verdict,
        score=score,
        dimensions=dims,
        notes=notes,
    )
