"""The critic's entry point: prepare, parse, read, judge, quote and advise."""

from __future__ import annotations

import re
from functools import cache

from interviewer.critic.advice import SHARED_ADVICE
from interviewer.critic.evidence import pick, quote_sentence, short
from interviewer.critic.features import (
    VARIANTS,
    Analysis,
    analyse,
    changes_by_actor,
    features,
    shingles,
    story_counts,
    totals,
)
from interviewer.critic.model import probability, terms
from interviewer.critic.parse import parse
from interviewer.critic.spec import (
    QuestionSpec,
    cue_patterns,
    followup_key,
    load_spec,
)
from interviewer.critic.text import prepare
from interviewer.critic.types import WORDS_PER_MINUTE, Critique, DimensionResult
from interviewer.errors import UserError

#: Below these a reply is too short to judge (a fragment, a stray line).
MIN_WORDS_FULL = 12
MIN_WORDS_FOLLOWUP = 5
#: A full answer over this many words runs past the 2-3 minutes an interviewer expects.
LONG_WORDS = 450
STRONG_FROM = 60
#: A criterion is met when its cues move the follow-up's logit at least this much.
CRITERION_SHIFT = 0.5
_RESULT_CUES = ("money", "customer", "time_saved", "from_to", "by_delta", "factor", "buzz")
NOT_ENOUGH = "Not enough to judge: "
CLAIMS_ONLY = "Claims, not a story: "
#: Runs of symbols carry no grammar; blanking them (same length) keeps the parse, which costs
#: per token, fast on pasted punctuation or brace soup.
_NOISE = re.compile(r"[^\w\s]{4,}|(?:[^\w\s]\s){4,}")


def _coaching_texts(question) -> list[str]:
    """The pack's text that would earn credit if pasted: strong exemplars, guidance and the
    interviewer's notes. Weak exemplars and mistakes are left out: saying what a weak answer
    says is a weak answer, and must still be judged (and quoted) as one."""
    texts = [getattr(question, "summary", "") or ""]
    texts += [d.guidance for d in getattr(question, "dimensions", [])]
    answers = getattr(question, "answers", None)
    texts += [ex.text for ex in (answers.strong if answers else [])]
    for f in getattr(question, "followups", []):
        texts += [ex.text for ex in f.strong]
    for p in getattr(question, "personas", []):
        texts += [p.instruction, p.emphasise]
    texts += [lv.expectation for lv in getattr(question, "levels", [])]
    return texts


@cache
def _coaching(question_id: str, texts: tuple[str, ...]) -> frozenset:
    out: set = set()
    for t in texts:
        out |= shingles(t)
    return frozenset(out)


#: Cues every reading needs whatever it judges (the problem statement, hedges and claims).
_ALWAYS = ("problem", "arch", "preamble", "reflection", "buzz", "money", "customer", "time_saved")


def read(
    text: str, question, with_models: bool = True, followup: str | None = "*"
) -> tuple[Analysis, QuestionSpec]:
    """Prepare, parse and analyse a reply for a question. Only the cues that the judgement
    at hand reads are looked for: a full answer's (followup=None), one follow-up's, or all
    of them (followup="*", for training)."""
    qid = question.id if hasattr(question, "id") else str(question)
    spec = load_spec(qid, with_models)
    if followup not in (None, "*") and followup not in spec.criteria:
        known = ", ".join(spec.criteria)
        raise UserError(f"unknown follow-up {followup!r} (known: {known})")
    prep = prepare(str(text))
    doc = parse(_NOISE.sub(lambda m: " " * len(m.group()), prep.clean))
    coaching = _coaching(qid, tuple(_coaching_texts(question)))
    patterns = cue_patterns(spec)
    if followup != "*":
        keys = [followup_key(followup)] if followup else [k for k in spec.reads if ":" not in k]
        wanted = {c for k in keys for c in spec.reads[k]["cues"]} | set(_ALWAYS)
        patterns = {n: p for n, p in patterns.items() if n in wanted}
    return analyse(prep, doc, patterns, coaching), spec


def _notes(an: Analysis, full: bool) -> list[str]:
    notes = list(an.prep.notes)
    copied = sum(1 for v in an.skipped.values() if v == "copied")
    repeated = sum(1 for v in an.skipped.values() if v == "repeated")
    if copied:
        notes.append(
            f"{copied} sentence{'s' if copied > 1 else ''} match the coaching material or its "
            "example answers word for word and were not credited: say it about your own story."
        )
    if repeated:
        notes.append(f"{repeated} repeated sentence{'s' if repeated > 1 else ''} counted once.")
    if full and an.n_words > LONG_WORDS:
        minutes = an.n_words / WORDS_PER_MINUTE
        notes.append(
            f"About {an.n_words} words (~{minutes:.1f} minutes spoken): over the 2-3 minutes "
            "(300-450 words) an interviewer expects. Cut the background first."
        )
    return notes


def _judgeable(an: Analysis, full: bool, spec: QuestionSpec, key_reads: list[dict]) -> bool:
    words = an.n_words - sum(
        len(an.prep.clean[slice(*an.prep.sentences[i])].split()) for i in an.skipped
    )
    if words < (MIN_WORDS_FULL if full else MIN_WORDS_FOLLOWUP):
        return False
    tot = totals(an)
    cues = {c for r in key_reads for c in r["cues"]}
    if not full:
        # A reply that touches none of what the follow-up asks about is off the question; a
        # user's follow-up with no cues yet can only ask for a story (some clause of action).
        return bool(an.clauses) and (not cues or _cue_hits(tot, cues) > 0)
    acts = sum(tot.get(k, 0) for k in ("i_work", "we_work", "other_work", "i_comm", "i_deleg"))
    return acts > 0 and _cue_hits(tot, cues - {"number", "arch", "buzz", "problem"}) > 0


def _cue_hits(tot: dict[str, float], cues: set[str]) -> float:
    """Hits of these cues, asserted, negated or hedged alike."""
    return sum(tot.get(c, 0) + tot.get(c + "_neg", 0) + tot.get(c + "_hedge", 0) for c in cues)


def _not_enough(
    question, followup, checks: dict[str, str], an: Analysis, full: bool, claims: bool = False
) -> Critique:
    what = (
        "tell the whole story: the situation, what you did, the result and what you learned."
        if full
        else "answer the question with what you did, in a few sentences."
    )
    head = CLAIMS_ONLY if claims else NOT_ENOUGH
    dims = {k: DimensionResult(k, name, False, [], head + what, 0.0) for k, name in checks.items()}
    notes = _notes(an, full) + [
        "This reads as claims without a story: which system or situation, what did you change, "
        "and what number moved? Claims with nothing behind them earn nothing."
        if claims
        else "There is not enough here about the story to judge any check; nothing was credited."
    ]
    qid = question.id if hasattr(question, "id") else str(question)
    return Critique(qid, followup, "weak", 0, dims, notes)


def claims_only(an: Analysis) -> bool:
    """Whether a full answer is made of claims with next to no story behind them: result
    words, but fewer than two concrete actions by anyone."""
    tot = totals(an)
    claims = sum(tot.get(c, 0) + tot.get(c + "_hedge", 0) for c in _RESULT_CUES)
    return tot.get("story", 0) < 2 and claims >= 2


def _dimension(an, spec, question, dim, focus, level) -> DimensionResult:
    model = spec.models[dim]
    sent = an.sentence_probabilities(model.get("sentence"))
    values = features(an, model["features"], cap=model.get("cap", 3.0), sent=sent)
    p = probability(model, values)
    met = p >= 0.5
    cues = spec.reads[dim]["cues"]
    if dim == "situation_concise":
        first = int(an.glob.get("problem_sent", -1))
        sents = [max(first, 0)] if met else [0]
        sents = sents if an.prep.sentences else []
    else:
        sents = pick(an, model, positive=met, limit=2 if met else 1, sent=sent)
    quotes = [quote_sentence(an, s, cues) for s in sents]
    if dim in SHARED_ADVICE:
        advice = SHARED_ADVICE[dim](an, met, quotes)
    else:
        pack = spec.advice.get(dim, {})
        if met:
            advice = pack.get("met", "")
        elif quotes and pack.get("quote"):
            advice = pack["quote"].format(quote=short(quotes[0]))
        else:
            advice = pack.get("unmet", "")
    advice = _emphasis(advice, question, dim, met, focus, level)
    name = next((d.name for d in question.dimensions if d.id == dim), dim)
    return DimensionResult(dim, name, met, quotes, advice, round(p, 3))


def _emphasis(advice: str, question, dim: str, met: bool, focus, level) -> str:
    if met:
        return advice
    try:
        if level and dim in question.level(level).presses:
            advice += f" At {question.level(level).name.lower()} level this is expected."
        elif focus and dim in question.persona(focus).presses[:2]:
            advice += " This interviewer weighs it heavily."
    except (UserError, StopIteration, AttributeError):
        pass
    return advice


def _full(an, spec, question, focus, level) -> Critique:
    dims_ids = [d.id for d in question.dimensions]
    if claims_only(an) or not _judgeable(an, True, spec, [spec.reads[d] for d in dims_ids]):
        names = {d.id: d.name for d in question.dimensions}
        return _not_enough(question, None, names, an, True, claims=claims_only(an))
    dims = {d: _dimension(an, spec, question, d, focus, level) for d in dims_ids}
    weights = {d.id: getattr(d, "weight", 1.0) for d in question.dimensions}
    total = sum(weights.values()) or 1.0
    score = round(100 * sum(weights[d] * dims[d].confidence for d in dims) / total)
    verdict = _verdict(spec, score, dims, False, an)
    notes = _notes(an, True)
    return Critique(question.id, None, verdict, max(0, min(100, score)), dims, notes)


def _verdict(spec, score: int, dims: dict, claims: bool, an: Analysis) -> str:
    """The trained overall verdict (from the dimension probabilities, whether the answer is
    made of claims, and its length); a score threshold when no verdict model is shipped."""
    model = spec.models.get("verdict")
    if not model:
        return "strong" if score >= STRONG_FROM and not claims else "weak"
    own = dims.get("ownership_language")
    values = verdict_inputs(score / 100, own.confidence if own else None, claims, an)
    return "strong" if probability(model, values) >= 0.5 and not claims else "weak"


def verdict_inputs(score: float, ownership: float | None, claims: bool, an: Analysis) -> dict:
    """What the overall verdict model reads: the weighted score (0..1), P(ownership), whether
    the answer is claims without a story, and whether it runs long."""
    return {
        "v:score": score,
        "v:ownership": score if ownership is None else ownership,
        "v:claims": float(claims),
        "v:long": an.glob.get("long", 0.0),
    }


def _followup(an, spec, question, followup) -> Critique:
    if followup not in spec.criteria:
        known = ", ".join(spec.criteria)
        raise UserError(f"unknown follow-up {followup!r} (known: {known})")
    crits = spec.criteria[followup]
    model = spec.models[followup_key(followup)]
    if not _judgeable(an, False, spec, [spec.reads[followup_key(followup)]]):
        return _not_enough(question, followup, {c.id: c.name for c in crits}, an, False)
    sent = an.sentence_probabilities(model.get("sentence"))
    values = features(an, model["features"], cap=model.get("cap", 3.0), sent=sent)
    p = probability(model, values)
    parts = terms(model, values)
    dims = {}
    for c in crits:
        names = {f"cue:{q}{v}" for q in c.cues for v in VARIANTS} | {f"s:{s}" for s in c.structure}
        shift = sum(v for k, v in parts.items() if k in names)
        met = shift > -CRITERION_SHIFT if c.negative else shift >= CRITERION_SHIFT
        if not names:  # a criterion with no cues of its own (a new user pack) is the verdict
            met = p >= 0.5
        show_bad = c.negative and not met
        hits = sorted(
            {h.sent for q in c.cues for h in an.hits.get(q, []) if not h.negated} - set(an.skipped)
        )
        quotes = [quote_sentence(an, s, c.cues) for s in hits[:2]] if (met or show_bad) else []
        if met:
            advice = c.met
        elif quotes and c.quote:
            advice = c.quote.format(quote=short(quotes[0]))
        else:
            advice = c.unmet
        dims[c.id] = DimensionResult(c.id, c.name, met, quotes, advice, 0.8 if met else 0.2)
    verdict = "strong" if p >= 0.5 else "weak"
    notes = _notes(an, False)
    qid = question.id if hasattr(question, "id") else str(question)
    return Critique(qid, followup, verdict, max(0, min(100, round(100 * p))), dims, notes)


def critique(text, question, followup=None, *, focus=None, level=None) -> Critique:
    """Judge `text`, a full answer to `question` (followup=None) or the answer to the follow-up
    with id `followup`. Deterministic. `focus` and `level` only change the advice's emphasis."""
    an, spec = read(text, question, followup=followup)
    if followup is None:
        return _full(an, spec, question, focus, level)
    return _followup(an, spec, question, followup)


def first_answer_reads(text: str, question) -> dict[str, float]:
    """What the interviewer's first-follow-up model reads of a first answer beyond its critique,
    from one reading: how it would score as the reply to each follow-up ("r:<id>", 0-1: a first
    answer that already answers "did you just escalate it?" well needs that follow-up less) and
    who made its changes ("c:...", see features.changes_by_actor) and what its sentences show
    summed over the story ("b:", "bl:", see features.story_counts)."""
    an, spec = read(text, question, followup="*")
    out = {f"r:{fid}": _followup(an, spec, question, fid).score / 100 for fid in spec.criteria}
    out.update(changes_by_actor(an))
    out.update(story_counts(an))
    return out
