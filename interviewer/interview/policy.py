"""Which follow-up an interviewer asks next: the general part of the policy, as pure functions
of the interview's state. What is about one question (which gaps fail an answer, the cues that
a follow-up's gap shows, what a follow-up presumes, and a model fitted to the follow-ups coaches
ask first) comes from the pack.

The first follow-up is the one that decides most: a self-serving motive in the candidate's own
words (an urgent asks_when) is asked about first; otherwise it is chosen by the question's
fitted model when it has one (scripts/train_policy.py: what the critic reads of the first
answer and what the answer is about, against the follow-up a coach asks first), else by the
rules below. Later follow-ups press the open gaps in priority order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer.critic import first_answer_reads
from interviewer.critic.types import Critique

if TYPE_CHECKING:
    from interviewer.interview.machine import Interview

#: A weakly answered follow-up may come back once later in an interview, never twice.
MAX_ASKS = 2
#: A follow-up's asks_when of at least this priority is asked before the rubric's open gaps.
URGENT = 2

#: (follow-up, the claim it quotes) when it probes a strong answer's least certain claim
Probe = tuple[str, str | None]


def next_followup(iv: Interview) -> tuple[str | None, Probe | None]:
    """The follow-up pressing a gap that fails the answer (the pack's asks_first); else
    one whose gap the answer's own words show (its asks_when); else the one pressing the
    highest-priority open gap (then the most gaps). A strong answer is still probed once,
    where its claim is least certain: real interviewers test a good story too. The second
    value is the probe, when the follow-up probes a strong answer."""
    asked = sum(r.tries for r in iv.results.values())
    if asked >= iv.max_followups:
        return None, None
    # A self-serving motive in the candidate's own words ("I was bored and wanted it for my
    # appraisal") is asked about before anything a model would weigh: it is what a coach
    # hears first.
    signalled = _signalled(iv, urgent=True)
    if signalled is not None:
        return signalled, None
    if asked == 0:
        learned = _learned_first(iv)
        if learned is not None:
            return learned
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
    a gap that fails the answer is open (that comes first) or the answer already tells what it
    asks (its answered_when). Urgent ones (priority 2 and up: a self-serving motive) come
    before the rubric's open gaps, the others after."""
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
        if f.answered_when is not None and answer and f.answered_when.matches(answer):
            continue  # the story already tells it ("he was wary, so I ..."): asking is a re-ask
        if answer and f.asks_when.matches(answer):
            return f.id
    return None


def _weakest_claim(iv: Interview, answer: Critique) -> Probe | None:
    met = sorted((d for d in answer.dimensions.values() if d.met), key=lambda d: d.confidence)
    for d in met:
        for f in iv.question.followups:
            if d.id in f.presses and not iv.results[f.id].skipped:
                return f.id, _quoted_claim(f, answer)
    return None


def _quoted_claim(f, answer: Critique) -> str | None:
    """The met claim a probe quotes: the least certain of those the follow-up may be introduced
    by (its quote_from: the scope sentence for "how did you get them to accept it?", not the
    result); None when none is met, and then nothing is quoted."""
    sources = f.quote_from if f.quote_from is not None else f.presses
    met = [d for d in answer.dimensions.values() if d.met and d.id in sources]
    weakest = min(met, key=lambda d: d.confidence, default=None)
    return weakest.id if weakest is not None else None


def answer_features(
    question, answer: Critique, story: str, reads: bool = True, vector=None
) -> dict[str, float]:
    """What the fitted first-follow-up model reads of a first answer: the critic's probability
    for each dimension, its score, which follow-ups' asks_when and answered_when cues the
    answer matches (a story that names the owners' doubt has told how they came round) and,
    with `reads`, how the answer would score as the reply to each follow-up (a story that
    already says how the owners came round needs "how did you get them to accept it?" less)
    and who made the story's changes (a hand-off and a change in another team's system both
    name the other team; only who changed things tells "did you just escalate it?" from
    "how did you get them to accept it?"). With the answer's sentence embedding `vector`,
    its components too ("e:<i>"): what the story is about (a ward's rota that is someone
    else's; a promotion that is the candidate's own) in ways no count of the critic's says."""
    row = {f"d:{k}": d.confidence for k, d in answer.dimensions.items()}
    row["score"] = answer.score / 100
    for f in question.followups:
        if f.asks_when is not None:
            row[f"w:{f.id}"] = float(f.asks_when.matches(story))
        if f.answered_when is not None:
            row[f"a:{f.id}"] = float(f.answered_when.matches(story))
    if reads:
        row.update(first_answer_reads(story, question))
    if vector is not None:
        row.update({f"e:{i}": float(v) for i, v in enumerate(vector)})
    return row


def first_order(question, answer: Critique, story: str) -> list[str] | None:
    """The question's fitted model's follow-ups for a first answer, most likely first; None
    when the question has no model. Pure but not instant (a second reading of the story and
    an embedding): the app works it out off its UI thread (Turn.first_order)."""
    model = question.first_followup_model
    if model is None:
        return None
    vector = None
    if model.reads_embedding:
        from interviewer.embeddings import MODEL_ID, reply_vector

        # Another model's vector would be noise to it: then it reads the critic alone.
        if model.embedding == MODEL_ID:
            vector = reply_vector(story)
    return model.ranked(answer_features(question, answer, story, model.reads_followups, vector))


def _learned_first(iv: Interview) -> tuple[str, Probe | None] | None:
    """The fitted model's first follow-up (iv.first_order, read when the answer was recorded),
    with the claim it probes when the answer is strong (so the quote is the claim under
    test); None when the question has no model."""
    for fid in iv.first_order or ():
        if fid in iv.results and not iv.results[fid].skipped:
            probe = None
            if not iv.open_gaps:
                probe = (fid, _quoted_claim(iv.question.followup(fid), iv.answer))
            return fid, probe
    return None
