"""The rubric critic: judges a reply against the STAR rubric, offline and deterministically."""

from interviewer.critic.types import Critique, DimensionResult

__all__ = ["Critique", "DimensionResult", "critique", "needs_vector"]


def critique(text, question, followup=None, *, focus=None, level=None, vector=None):
    """Judge `text` (a full answer, or the answer to follow-up `followup`) for `question`.
    `vector` (optional) is the reply's retrieval embedding; see critic.core.critique."""
    from interviewer.critic.core import critique as _critique

    return _critique(text, question, followup, focus=focus, level=level, vector=vector)


def needs_vector(followup=None) -> bool:
    """Whether judging a full answer (or the answer to `followup`) reads the reply vector."""
    from interviewer.critic.model import uses_vector

    return uses_vector(followup or "full")
