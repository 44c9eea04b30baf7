"""What model text must pass before it counts: coaching that is about this reply, quotes only
the candidate's own words as theirs, invents no numbers, says it once, fits the length asked
for and did not stop mid-sentence; a phrased follow-up that still asks what its follow-up asks
(the critic grades the reply as an answer to that follow-up)."""

from __future__ import annotations

import re

from interviewer.coach import prompts
from interviewer.coach.schemas import content_words, critique_of, invented_metrics


class Unusable(Exception):
    """The model answered, but not with something the candidate should see."""


#: The coaching prompt asks for under 150 words; a little over is a model's rounding.
MAX_COACHING_WORDS = 190
_QUOTE = re.compile(r"[\"“”]([^\"“”]{12,400})[\"“”]")
_THEIRS = re.compile(r"\b(?:you|your|you've|you're|candidate'?s?)\b[^.\"“”]{0,40}$", re.I)


def check_coaching(text: str, reply: str, feedback, finish_reason: str | None = None) -> None:
    """Raise Unusable with a reason in plain words when the coaching must not be shown."""
    if finish_reason == "length":
        raise Unusable("it stopped mid-sentence at the length limit")
    if len(text) < 20:
        raise Unusable("it was empty or a few words")
    words = len(text.split())
    if words > MAX_COACHING_WORDS:
        raise Unusable(f"it ran to {words} words where under 150 were asked for")
    if _repeats(text):
        raise Unusable("it repeated itself")
    exemplars = _exemplar_texts(feedback)
    context = " ".join([reply, prompts.findings(feedback), *exemplars])
    crit = critique_of(feedback)
    invented = invented_metrics(text, f"{context} {crit.score}/100")
    if invented:
        raise Unusable(f"it made up numbers you never gave: {', '.join(invented[:5])}")
    _check_quotes(text, reply, exemplars)
    if len(content_words(text) & content_words(context)) < 4:
        raise Unusable("it was not about your reply")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%$£€.,']+", " ", text.lower()).split())


def _repeats(text: str) -> bool:
    """The same paragraph, or the same sentence of some length, said twice."""
    paragraphs = [_norm(p) for p in re.split(r"\n\s*\n", text) if p.strip()]
    sentences = [_norm(s) for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    return len(set(paragraphs)) < len(paragraphs) or len(set(sentences)) < len(sentences)


def _check_quotes(text: str, reply: str, exemplars: list[str]) -> None:
    """A quote put in the candidate's mouth must be their words; an example answer's words
    may be quoted only as the example's."""
    own = _norm(reply)
    for m in _QUOTE.finditer(text):
        quoted = _norm(m.group(1).strip(" .,…"))
        if len(quoted.split()) < 3 or quoted in own:
            continue
        theirs = bool(_THEIRS.search(text[max(0, m.start() - 60) : m.start()]))
        if theirs and any(quoted in _norm(e) for e in exemplars):
            raise Unusable("it quoted an example answer as your words")
        if theirs:
            raise Unusable("it quoted words you never wrote")


def _exemplar_texts(feedback) -> list[str]:
    ex = getattr(feedback, "exemplars", None)
    hits = [*ex.strong, *ex.weak] if ex else []
    return [h.text for h in hits]


def asks_its_followup(question_text: str, followup) -> bool:
    """Whether a phrased follow-up still asks what its follow-up asks: it uses one of the
    pack's topic words for it. "Why not just hand it to the owning team?" phrased for
    `impact` asks about escalation, and its answer would be graded as the wrong question."""
    if not followup.topic:
        return True
    text = question_text.lower()
    return any(re.search(r"\b" + re.escape(stem.lower()), text) for stem in followup.topic)
