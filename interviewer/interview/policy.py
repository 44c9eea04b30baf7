"""Which follow-up an interviewer asks next: the general part of the policy, as pure functions
of the interview's state. What is about one question (which gaps fail an answer, the cues that
a follow-up's gap shows, what a follow-up presumes) comes from the pack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer.critic.types import Critique

if TYPE_CHECKING:
    from interviewer.interview.machine import Interview

#: A weakly answered follow-up may come back once later in an interview, never twice.
MAX_ASKS = 2
#: A follow-up's asks_when of at least this priority is asked before the rubric's open gaps.
URGENT = 2

Probe = tuple[str, str]  # (follow-up, dimension) probing a strong answer's least certain claim


def next_followup(iv: Interview) -> tuple[str | None, Probe | None]:
    """The follow-up pressing a gap that fails the answer (the pack's asks_first); else
    one whose gap the answer's own words show (its asks_when); else the one pressing the
    highest-priority open gap (then the most gaps). A strong answer is still probed once,
    where its claim is least certain: real interviewers test a good story too. The second
    value is the probe, when the follow-up probes a strong answer."""
    asked = sum(r.tries for r in iv.results.values())
    if asked >= iv.max_followups:
        return None, None
    signalled = _signalled(iv, urgent=True)
    if signalled is not None:
        return signalled, None
    if asked == 0 and not iv.open_gaps and iv.answer is not None:
        signalled = _signalled(iv, urgent=False)  # a strong answer's unshown part first
        if signalled is not None:
            return signalled, None
        probe = _weakest_claim(iv, iv.answer)
        return (probe[0] if probe else None), probe
    last = iv.turns[-1].followup if iv.turns else None
    best, best_key = None, None
    for order, f in enumerate(iv.question.followups):
        r = iv.results[f.id]
        if r.strong or r.skipped or r.tries >= MAX_ASKS or f.id == last:
            continue
        if any(g in iv.open_gaps for g in f.assumes):
            continue  # it would presume what the candidate has not shown
        ranks = [iv.open_gaps.index(g) for g in f.presses if g in iv.open_gaps]
        if not ranks:
            continue
        key = (min(ranks), -len(ranks), r.tries, order)
        if best_key is None or key < best_key:
            best, best_key = f.id, key
    if best is None:
        best = _signalled(iv, urgent=False)
    if best is None and asked == 0 and iv.answer is not None:
        # gaps no follow-up presses (a missing reflection): still probe the story once
        probe = _weakest_claim(iv, iv.answer)
        return (probe[0] if probe else None), probe
    return best, None


def _signalled(iv: Interview, urgent: bool) -> str | None:
    """A follow-up whose gap the first answer states in its own words, asked once, unless
    a gap that fails the answer is open (that comes first). Urgent ones (priority 2 and
    up: a self-serving motive) come before the rubric's open gaps, the others after."""
    failing = [g for g in iv.question.asks_first if g in iv.open_gaps]
    answer = iv.story
    last = iv.turns[-1].followup if iv.turns else None
    ranked = sorted(
        (
            f
            for f in iv.question.followups
            if f.asks_when and (f.asks_when.priority >= URGENT) == urgent
        ),
        key=lambda f: -f.asks_when.priority,
    )
    for f in ranked:
        r = iv.results[f.id]
        if r.tries or r.strong or r.skipped or f.id == last:
            continue
        if any(g in iv.open_gaps for g in f.assumes):
            continue
        if any(g not in f.asks_when.outranks for g in failing):
            continue  # a gap that fails the answer comes first
        if answer and f.asks_when.matches(answer):
            return f.id
    return None


def _weakest_claim(iv: Interview, answer: Critique) -> Probe | None:
    met = sorted((d for d in answer.dimensions.values() if d.met), key=lambda d: d.confidence)
    for d in met:
        for f in iv.question.followups:
            if d.id in f.presses and not iv.results[f.id].skipped:
                return f.id, d.id
    return None
