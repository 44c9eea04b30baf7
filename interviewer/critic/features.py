"""From a parsed reply to the numbers the trained models read.

Every cue hit is placed in the grammar: the actor of the clause that governs it, whether that
clause (or the words just before the hit) negate it, whether it is hedged or taken back later
in the sentence, and whether it falls in the result part of the answer. Counts are kept per
sentence, so the contribution of one sentence to a verdict can be measured by leaving it out:
that is how evidence is chosen (see judge.py).

Sentences copied from the question's coaching material and repeats of an earlier sentence are
left out of every count: they are not the candidate's story.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from interviewer.critic import lexicon as lx
from interviewer.critic import placing
from interviewer.critic.placing import CueHit, struct_row
from interviewer.critic.sentences import scores, sentence_inputs, summary
from interviewer.critic.structure import CHANGE, Clause, clauses, stem
from interviewer.critic.text import Prepared

#: Relative position from which a sentence belongs to the result part of an answer.
RESULT_FROM = 0.4
#: Variants recorded for every cue: plain (asserted), negated, hedged/retracted, by the speaker,
#: by others, in the result part.
VARIANTS = ("", "_neg", "_hedge", "_i", "_oth", "_late")
CAP = 3.0
_WORDS = re.compile(r"[^\W\d_][\w'-]{0,40}")
#: Words that do not tie a lesson to its story: function words and what every reflection says
#: (learned, team, work). The coach's content words (coach/schemas.py) keep the latter on
#: purpose; the trained weights were fitted with this list, so it is the critic's own.
STOP = frozenset(
    """about above after again against also always among and another because been before being
    below between both came could did does doing done down during each even every first from
    further have having here into just last later like made make many more most much must never
    next only other others over really same should since some such than that their them then
    there these they this those through very were what when where which while will with would
    your learned learnt lesson lessons taught realised realized important team people work
    working something someone everyone thing things time""".split()  # noqa: SIM905
)


@dataclass
class Analysis:
    """A reply read for judging: clauses, cue hits and per-sentence counts."""

    prep: Prepared
    clauses: list[Clause]
    hits: dict[str, list[CueHit]]
    rows: list[dict[str, float]]  # additive counts per sentence
    glob: dict[str, float]  # whole-answer numbers (lengths, shares)
    words_before: list[int]
    skipped: dict[int, str] = field(default_factory=dict)  # sentence -> "copied"/"repeated"
    texts: list[str] = field(default_factory=list)  # each sentence's analysis text
    _inputs: list | None = None  # what the sentence scorers read, per sentence

    def sentence_probabilities(self, model: dict | None) -> list[float] | None:
        """A sentence model's P(shows the dimension) per sentence (None without a model)."""
        if not model:
            return None
        if model.get("whole"):  # a short reply scored as one piece (follow-ups)
            return scores(model, [self.reply_inputs()])
        if self._inputs is None:  # the same for every dimension: built once per reply
            self._inputs = [
                None if i in self.skipped or not t.strip() else
                sentence_inputs(t, self.rows[i], self.position(i))
                for i, t in enumerate(self.texts)
            ]  # fmt: skip
        return scores(model, self._inputs)

    def reply_inputs(self) -> dict[str, float]:
        """What a reply scorer reads: the whole reply (less copied or repeated sentences) as
        one piece, with its total counts."""
        kept = [t for i, t in enumerate(self.texts) if i not in self.skipped]
        return sentence_inputs(" ".join(kept), totals(self), 0.0)

    @property
    def n_words(self) -> int:
        return self.words_before[-1] if self.words_before else 0

    def position(self, sent: int) -> float:
        return self.words_before[sent] / max(self.n_words, 1)


def _word_counts(prep: Prepared) -> list[int]:
    out, running = [], 0
    for s, e in prep.sentences:
        out.append(running)
        running += len(_WORDS.findall(prep.clean, s, e))
    out.append(running)
    return out


def _norm_words(text: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text)]


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """Word n-grams of a text (for recognising copied coaching material)."""
    words = _norm_words(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


#: A sentence shorter than this is never set aside as copied coaching.
COPIED_MIN_WORDS = 10


def _skipped(prep: Prepared, coaching: frozenset) -> dict[int, str]:
    out: dict[int, str] = {}
    seen: set[str] = set()
    for i, (s, e) in enumerate(prep.sentences):
        words = _norm_words(prep.clean[s:e])
        key = " ".join(words)
        if len(words) >= 4 and key in seen:
            out[i] = "repeated"
            continue
        seen.add(key)
        grams = [tuple(words[k : k + 5]) for k in range(len(words) - 4)]
        # A short stock phrase ("nobody had asked me to look at it") is not a copied passage.
        if len(words) >= COPIED_MIN_WORDS and sum(g in coaching for g in grams) >= 0.6 * len(grams):
            out[i] = "copied"
    return out


#: "I work in the stability team", "I farm 300 acres": who the speaker is, told as a verb. Such a
#: clause starts the background, not the story.
_JOB_VERBS = frozenset({"work", "farm", "teach", "volunteer", "study", "live", "nurse"})
_JOB_PREP = re.compile(
    r"\s+(?:(?:\w+ly|still|mostly|part-time|full-time)\s+)?(?:in|at|on|for|as|with)\b|\s+\d"
)


def _job_intro(clean: str, c) -> bool:
    return stem(c.verb) in _JOB_VERBS and bool(_JOB_PREP.match(clean, c.end))


def _words_to(an: Analysis, sent: int, char: int) -> int:
    """The reply's words before character `char` of sentence `sent`."""
    start = an.prep.sentences[sent][0]
    return an.words_before[sent] + len(an.prep.clean[start:char].split())


def _situation(an: Analysis) -> dict[str, float]:
    prep = an.prep
    # "Before I get to the problem, let me describe..." names the problem without stating it.
    preamble = {h.sent for h in an.hits["preamble"]}
    problem = {h.sent for h in an.hits["problem"]} - preamble
    acting = {
        c.sent
        for c in an.clauses
        if c.actor == "i" and c.kind == "work" and not _job_intro(prep.clean, c)
    } - preamble
    first = min(problem | acting, default=None)
    # Counted to the first problem word or own action, not the start of its sentence: a spoken
    # answer's first "sentence" can run for two hundred words before it gets there.
    marks = [(h.sent, h.start) for h in an.hits["problem"] if h.sent in problem]
    marks += [(c.sent, c.start) for c in an.clauses if c.sent in acting]
    pre = _words_to(an, *min(marks)) if marks else an.n_words
    multi = len(prep.paragraphs) > 1
    para1 = len(prep.clean[slice(*prep.paragraphs[0])].split()) if prep.paragraphs else 0
    opening = max(para1 if multi else pre, 1)
    tech = sum(1 for h in an.hits["arch"] if an.words_before[h.sent] < min(opening, 200))
    preamble = any(an.words_before[h.sent] < 60 for h in an.hits["preamble"])
    before = first if first is not None else len(prep.sentences)
    return {
        "pre_words": min(pre / 100, 4.0),
        # Background told as many short lines (notes, bullets) is long in lines, not words.
        "pre_frac": pre / max(an.n_words, 1),
        "pre_sents": min(before / 4, 3.0),
        "problem_found": float(bool(problem)),
        "para1": min(para1 / 100, 4.0) if multi else 0.0,
        "density": min(10 * tech / min(opening, 200), 3.0),
        "preamble_early": float(preamble),
        "problem_sent": float(first) if first is not None else -1.0,
    }


def _content(text: str) -> set[str]:
    return {w.strip("'-") for w in _norm_words(text) if len(w) > 3} - STOP


def _refl_overlap(an: Analysis) -> float:
    refl = {h.sent for h in an.hits["reflection"] if an.position(h.sent) >= 0.5}
    if not refl:
        return 0.0
    clean = an.prep.clean
    inside = set().union(*(_content(clean[slice(*an.prep.sentences[i])]) for i in refl))
    rest = set().union(
        set(),
        *(_content(clean[slice(*sp)]) for i, sp in enumerate(an.prep.sentences) if i not in refl),
    )
    return min(len(inside & rest), 5) / 2


#: Where the resolution of a story starts, for who made its changes: a fix told right after the
#: problem ("so the supplier replaced the thermostat") is still the fix.
CHANGES_FROM = 0.3


def changes_by_actor(an: Analysis) -> dict[str, float]:
    """Who made the story's changes: clauses with a change verb ("fixed", "replaced", "rewrote
    the rota"), by actor (the speaker, "we", someone else, or nobody named: "it was replaced"),
    over the whole answer and from where its resolution starts, and the speaker's share. A
    hand-off ("I reported it and their engineer replaced it") and the candidate's own change in
    someone else's system ("I rewrote their rota") both name the other team; only this tells
    them apart."""
    counts: dict[str, int] = {}
    for c in an.clauses:
        # Writing a report or an email to the owners is telling them, not changing anything.
        if c.sent in an.skipped or c.negated or c.hedged or c.kind == "communicate":
            continue
        if stem(c.verb.split()[-1]) not in CHANGE:
            continue
        who = c.actor if c.actor in ("i", "we", "other") else "pass"
        keys = [who] + ([who + "_late"] if an.position(c.sent) >= CHANGES_FROM else [])
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    total = sum(counts.get(k, 0) for k in ("i", "we", "other", "pass")) or 1
    out = {f"c:{k}": min(v, 5) / 5 for k, v in counts.items()}
    out["c:i_share"] = counts.get("i", 0) / total
    out["c:oth_share"] = (counts.get("other", 0) + counts.get("pass", 0)) / total
    return out


#: Where the second half of an answer starts, for what the whole story's counts are split by.
SECOND_HALF = 0.5


def story_counts(an: Analysis) -> dict[str, float]:
    """What the answer's sentences show, summed over the story: each per-sentence count the
    critic reads (its clauses by actor and kind, its cues by actor, negated or hedged), over the
    whole answer ("b:") and over its second half ("bl:"), log-scaled. Which follow-up a coach
    asks first turns on how the story is told as a whole (many "I found" sentences and one
    "their team fixed it" is a hand-off), which no single dimension's verdict says."""
    out: dict[str, float] = {}
    for i, row in enumerate(an.rows):
        late = an.position(i) >= SECOND_HALF
        for k, v in row.items():
            out["b:" + k] = out.get("b:" + k, 0.0) + v
            if late:
                out["bl:" + k] = out.get("bl:" + k, 0.0) + v
    return {k: math.log1p(v) for k, v in out.items() if v > 0}


def analyse(prep: Prepared, doc, patterns: dict[str, lx.Pattern], coaching: frozenset) -> Analysis:
    """Read a prepared, parsed reply: clauses, cue hits and per-sentence counts."""
    found = clauses(doc, prep.sentences)
    hits = placing.cue_hits(prep, doc, found, patterns)
    an = Analysis(prep, found, hits, [], {}, _word_counts(prep), _skipped(prep, coaching))
    an.texts = [prep.clean[s:e] for s, e in prep.sentences]
    rows: list[dict[str, float]] = [{} for _ in prep.sentences]
    for c in found:
        if c.sent not in an.skipped:
            struct_row(rows[c.sent], c)
    for name, cue_hits in hits.items():
        per_sent: dict[tuple[int, str], int] = {}
        for h in cue_hits:
            if h.sent in an.skipped:
                continue
            kind = "_neg" if h.negated else "_hedge" if h.hedged else ""
            keys = [name + kind]
            if not kind:
                keys += [name + "_i"] if h.actor == "i" else []
                keys += [name + "_oth"] if h.actor in ("we", "other") else []
                keys += [name + "_late"] if an.position(h.sent) >= RESULT_FROM else []
            for k in keys:
                if per_sent.get((h.sent, k), 0) < 2:  # a sentence repeating a word earns once
                    per_sent[(h.sent, k)] = per_sent.get((h.sent, k), 0) + 1
                    rows[h.sent][k] = rows[h.sent].get(k, 0) + 1
    # A clause made of buzzwords ("I drove business impact") is a claim, not a step of a story.
    for h in hits.get("buzz", []):
        row = rows[h.sent]
        for key in ("story", "i_work", "i_work_obj"):
            if row.get(key):
                row[key] -= 1
    an.rows = rows
    an.glob = {"words": min(an.n_words / 100, 8.0), "long": float(an.n_words > 450)}
    if "problem" in hits and "arch" in hits and "preamble" in hits:
        an.glob.update(_situation(an))
    if "reflection" in hits:
        an.glob["refl_overlap"] = _refl_overlap(an)
    return an


#: A follow-up reply is a few sentences: where a cue falls in it says nothing, so its models
#: read no "_late" variants (fewer, less redundant weights).
SHORT_VARIANTS = ("", "_neg", "_hedge", "_i", "_oth")


def feature_names(reads: dict[str, list[str]], short: bool = False) -> list[str]:
    """The names of the features one verdict reads, in a fixed order."""
    variants = SHORT_VARIANTS if short else VARIANTS
    names = [f"cue:{c}{v}" for c in reads["cues"] for v in variants]
    return names + [f"s:{s}" for s in reads["structure"]] + ["s:words"]


def totals(an: Analysis, drop: int | None = None) -> dict[str, float]:
    """Summed per-sentence counts, optionally without sentence `drop`."""
    out: dict[str, float] = {}
    for i, row in enumerate(an.rows):
        if i == drop:
            continue
        for k, v in row.items():
            out[k] = out.get(k, 0.0) + v
    return out


def features(
    an: Analysis,
    names: list[str],
    drop: int | None = None,
    tot: dict | None = None,
    cap: float = CAP,
    sent: list[float] | None = None,
) -> dict[str, float]:
    """The values of `names` for this reply (without sentence `drop`, or from the given
    totals `tot`). Cue counts saturate at `cap` (each model's own, chosen in training);
    `sent` are the sentence model's scores, read as "s:sent_max" and "s:sent_top2"."""
    tot = totals(an, drop) if tot is None else tot
    work = tot.get("i_work", 0.0)
    shared = work + tot.get("we_work", 0) + tot.get("other_work", 0) + tot.get("i_deleg", 0)
    actors = shared + tot.get("i_comm", 0) + 1.0
    glob = {
        **an.glob,
        "i_share": work / (shared + 0.5 * tot.get("i_comm", 0) + 1.0),
        "we_share": tot.get("we_work", 0) / actors,
        "other_share": (tot.get("other_work", 0) + tot.get("i_deleg", 0)) / actors,
        "comm_share": tot.get("i_comm", 0) / actors,
        "i_work2": min(work, 2.0) / 2,
        **(summary(sent, drop) if sent is not None else {}),
    }
    out = {}
    for n in names:
        kind, _, key = n.partition(":")
        if kind == "cue":
            out[n] = min(tot.get(key, 0.0), cap)
        elif key in glob:
            out[n] = glob[key]
        else:
            out[n] = min(tot.get(key, 0.0), 6.0) / 2
    return out
