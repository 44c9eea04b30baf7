"""The rubric critic: judges a reply against its question's rubric, offline and
deterministically, from the structure of what was said (see judge.py)."""

from interviewer.critic.types import Critique, DimensionResult

__all__ = ["Critique", "DimensionResult", "critique", "first_answer_reads"]


def critique(text, question, followup=None, *, focus=None, level=None):
    """Judge `text` (a full answer, or the answer to follow-up `followup`) for `question`."""
    from interviewer.critic.judge import critique as _critique

    return _critique(text, question, followup, focus=focus, level=level)


def first_answer_reads(text, question) -> dict[str, float]:
    """What the interviewer's first-follow-up model reads of a first answer beyond its critique:
    its score as the reply to each follow-up and who made the story's changes."""
    from interviewer.critic.judge import first_answer_reads as _reads

    return _reads(text, question)
