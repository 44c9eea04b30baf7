"""The critic's entry point: prepare the text, scan it, judge it, score it."""

from __future__ import annotations

from interviewer.critic.dimensions import judge_full
from interviewer.critic.followups import FOLLOWUPS, PATTERNS, followup_features, judge_criteria
from interviewer.critic.model import feature_names, usable_vector, verdict
from interviewer.critic.scoring import followup_score, full_score, full_verdict
from interviewer.critic.signals import scan
from interviewer.critic.text import prepare
from interviewer.critic.types import Critique
from interviewer.errors import UserError


def critique(text, question, followup=None, *, focus=None, level=None, vector=None) -> Critique:
    """Judge `text`, a full answer to `question` (followup=None) or the answer to the
    follow-up with id `followup`. Deterministic; no I/O beyond loading the weights once.

    `focus` (interviewer persona id) and `level` (mid/senior) only change advice emphasis.
    `vector` is optional: the reply's MiniLM embedding as FeedbackService computes it (first
    4,000 characters, 32 tokens). Where the shipped model has a term for it, it can tip a
    borderline verdict; without it the critic judges on its signals alone. It is ignored when
    the reply contained text addressed to a grader (the vector was computed on the raw reply)."""
    prep = prepare(str(text))
    sc = scan(prep, PATTERNS)
    notes = list(prep.notes)
    vec = None if prep.injected else usable_vector(vector)
    if followup is None:
        names = {d.id: d.name for d in getattr(question, "dimensions", [])}
        dims = judge_full(sc, names, focus, level, vec)
        score = full_score({k: d.confidence for k, d in dims.items()})
        result = full_verdict(score)
    else:
        if followup not in FOLLOWUPS:
            known = ", ".join(FOLLOWUPS)
            raise UserError(f"unknown follow-up {followup!r} (known: {known})")
        feats = followup_features(sc, followup, feature_names("followup", followup) or ())
        v = verdict("followup", followup, feats, vec)
        result = "strong" if v.p >= 0.5 else "weak"
        score = followup_score(v.p)
        dims = judge_criteria(sc, followup, result == "strong")
        if v.flipped:
            notes.append(
                "The rubric signals alone were borderline here; the wording of the whole answer, "
                f"compared with labelled strong and weak answers, tipped the verdict to {result}."
            )
    if not sc.n_words:
        notes.append("No answer content was found to critique.")
    return Critique(
        # not getattr(question, "id", str(question)): that renders the whole pydantic
        # question (about 0.5 ms) on every critique only to throw it away
        question=question.id if hasattr(question, "id") else str(question),
        followup=followup,
        verdict=result,
        score=score,
        dimensions=dims,
        notes=notes,
    )
