"""Full-answer features: a few explainable numbers per rubric dimension, plus the rubric rule.

Each dimension has a small feature vector (what the learned model weighs) and a rule that
encodes the rubric definition directly (used as a feature and as the fallback when no trained
weights are shipped). Feature names are stable: the trained model refers to them by name.
"""

from __future__ import annotations

import math
import re

from interviewer.critic import lexicon_actors as la
from interviewer.critic.signals import Scan, content_words, exclude_hits
from interviewer.knowledge import DIMENSION_IDS

DIMENSIONS = DIMENSION_IDS
#: Relative position after which a sentence counts as part of the result/reflection.
RESULT_FROM = 0.4
_CAUSAL = re.compile(
    r"\b(?:because|so|which|while|but|instead|only|never|rather|until|unless)\b", re.I
)
SECOND_FROM = 0.3
REFLECT_FROM = 0.55


def _cap(x: float, hi: float) -> float:
    return float(min(x, hi))


def problem_sentence(sc: Scan) -> int | None:
    """Index of the first sentence that states the problem (or the candidate's first action)."""
    cands = sc.sentences_with("problem") + sc.sentences_with("i_act")
    return min(cands) if cands else None


def situation(sc: Scan) -> dict[str, float]:
    """Length and technical density of the opening before the problem is reached.

    A long architecture preamble shows as many words before the problem, a long first
    paragraph dense in technology nouns and product names, or an explicit "for context"."""
    first = problem_sentence(sc)
    pre_words = sc.words_before[first] if first is not None else _first_para_words(sc)
    multi = len(sc.prep.paragraphs) > 1
    para1 = _first_para_words(sc) if multi else min(pre_words, sc.n_words)
    opening = max(para1, 1)
    tech = sum(
        1
        for k in ("arch", "caps")
        for h in sc.hits[k]
        if sc.words_before[h.sent] < min(opening, 200)
    )
    density = tech / min(opening, 200)
    preamble = sc.count("preamble") > 0 and any(
        sc.words_before[h.sent] < 60 for h in sc.hits["preamble"]
    )
    # Told in paragraphs, a first paragraph of ~100+ words is a whole paragraph of background
    # (about 40 s of speech) before the story starts; in one block, count words before the
    # problem statement instead, which needs to be longer to be sure.
    long_para = multi and para1 >= 100
    long_block = not multi and pre_words >= 150 and density >= 0.05
    rule = not (preamble or long_para or long_block)
    return {
        "pre_words": _cap(pre_words / 100, 4),
        "para1_multi": _cap(para1 / 100, 4) if multi else 0.0,
        "pre_single": 0.0 if multi else _cap(pre_words / 100, 4),
        "density": _cap(density * 10, 3),
        "preamble": float(preamble),
        "rule": float(rule),
    }


def _first_para_words(sc: Scan) -> int:
    if not sc.prep.paragraphs:
        return 0
    s, e = sc.prep.paragraphs[0]
    return len(sc.prep.clean[s:e].split())


def early_assignments(sc: Scan) -> list:
    """Assignment phrases ("my manager asked me") up to the candidate's first action: an
    assignment comes before the work; "their lead asked me to add a test" later does not."""
    acts = [h.sent for h in sc.hits["i_act"]]
    first = min(acts) if acts else len(sc.prep.sentences)
    return [h for h in sc.hits["assigned"] if h.sent <= first]


def scope(sc: Scan) -> dict[str, float]:
    """Outside-own-team and not-assigned markers versus assignment / own-team markers."""
    out, una = sc.count("outside"), sc.count("unassigned")
    asg, own = len(early_assignments(sc)), sc.count("own_team")
    # Either marker usually comes with the other in spirit ("their service, no ticket");
    # requiring both literally misses answers that say one of them implicitly.
    rule = (out > 0 or una > 0) and asg == 0
    return {
        "outside": _cap(out, 2),
        "unassigned": _cap(una, 2),
        "assigned": _cap(asg, 2),
        "own_team": _cap(own, 2),
        "rule": float(rule),
    }


def _in_reflection(sc: Scan, sent: int) -> bool:
    return sc.position(sent) >= REFLECT_FROM and sent in set(sc.sentences_with("reflection"))


# Who is the subject of a coordinated verb ("..., lowered the TTL"): the last subject before it
# in the sentence. Pronouns are always subjects; a noun phrase ("the DNS team") only at the
# start of a clause, so "with their on-call" is not one. "I" is matched case-sensitively.
_SUBJECTS = re.compile(
    r"(?<![\w'])I(?![\w'])|\b(?i:we|they|he|she)\b|(?:^|(?<=[,;:.]\s)|(?<=\band\s)|(?<=\bbut\s)"
    r"|(?<=\bthen\s)|(?<=\bso\s))(?i:(?:the|their|our|her|his) (?:[\w-]+ ){0,2}(?:team|folks|"
    r"engineers?|devs?|developers?|on-?call|owners?|lead|group|vendor))\b"
)


# Verbs of finding out and reporting, as opposed to changing something.
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INVESTIGATE = _wordset(
    """found traced timed measured checked looked pulled investigated read dug analysed analyzed
    profiled reproduced collected compared asked talked met spoke went got saw spent grouped
    counted sampled queried searched logged mapped confirmed verified monitored watched kept
    borrowed tried noticed gathered interviewed sat listened reviewed figured"""
)
# Routing verbs coordinated with "I" ("..., shared it with them and raised it at the review").
_HANDOFF = _wordset(
    """told pinged flagged escalated reported filed raised sent messaged mentioned notified
    emailed informed forwarded posted tagged routed presented alerted shared passed handed"""
)
# "We got more installs", "we saved $8K": outcomes told with "we", not actions of the story.
_OUTCOME = _wordset("got saw hit recovered saved stopped went reached gained lost avoided ended")
# What owners routinely do with someone else's change: not doing the work themselves.
_OWNER_ROUTINE = _wordset(
    "merged approved reviewed accepted agreed signed thanked asked liked released deployed"
)


def subject_of(sc: Scan, hit) -> str:
    """The subject governing a coordinated verb hit: "i", "we" or "other" ("" if none)."""
    s, _ = sc.prep.sentences[hit.sent]
    last = None
    text = sc.prep.clean[s : hit.start]
    for m in _SUBJECTS.finditer(text):
        # "I found they failed ..., wrote a fix": a subject inside a reported clause does not
        # govern the verbs coordinated after it.
        if not _SUBORDINATE.search(text[max(0, m.start() - 30) : m.start()]):
            last = m.group()
    if last is None:
        return ""
    if last == "I":
        return "i"
    return "we" if last.lower() == "we" else "other"


def _verb(sc: Scan, hit) -> str:
    return sc.prep.clean[hit.start : hit.end].split()[-1].lower()


def is_change(sc: Scan, hit) -> bool:
    """Whether an action hit changes something (wrote, moved, converted) rather than finding
    out (traced, measured, pulled the logs)."""
    return _verb(sc, hit) not in _INVESTIGATE


# Words after which an "I"/"we" clause is reported or relative, not an action of the story:
# "I found we stored ...", "anything I owned", "what we'd charged".
_SUBORDINATE = re.compile(
    r"\b(?:anything|everything|nothing|something|whatever|what|which|that|found|noticed|"
    r"realised|realized|saw|knew|showed|meant|estimated|assumed|thought|learned|learnt|"
    r"discovered|said|because|since|if|whether|how|where)\s+$",
    re.IGNORECASE,
)
_REPORT_AFTER = re.compile(
    r"\s+(?:up\s+)?(?:a |an |the |my |it |all )?(?:[\w-]+[\s-]+){0,3}?" + la._REPORT_OBJ + r"s?\b",
    re.IGNORECASE,
)


def _subordinate(sc: Scan, hit) -> bool:
    lo = max(sc.prep.sentences[hit.sent][0], hit.start - 30)
    return bool(_SUBORDINATE.search(sc.prep.clean[lo : hit.start]))


def _reports(sc: Scan, hit) -> bool:
    """Whether an action's object is a report, ticket or message ("put together a write-up")."""
    return bool(_REPORT_AFTER.match(sc.prep.clean, hit.end, hit.end + 60))


def _with_others(sc: Scan, hit) -> bool:
    """ "A colleague and I looked at it": a shared subject is "we", not "I"."""
    lo = max(sc.prep.sentences[hit.sent][0], hit.start - 5)
    return sc.prep.clean[lo : hit.start].rstrip().endswith(" and")


def own_actions(sc: Scan) -> list:
    """First-person-singular action hits (subject "I" or verbs coordinated with it),
    excluding hand-offs ("I told them"), reports ("I wrote a bug report") and relative or
    reported clauses ("anything I owned")."""
    mine = exclude_hits(sc.hits["i_act"], sc.hits["i_handoff"] + sc.hits["i_report"])
    mine = [h for h in mine if not _subordinate(sc, h) and not _with_others(sc, h)]
    coord = [
        h
        for h in sc.hits["i_coord"]
        if subject_of(sc, h) == "i" and not _reports(sc, h) and _verb(sc, h) not in _HANDOFF
    ]
    return mine + exclude_hits(coord, mine + sc.hits["i_report"])


def others_actions(sc: Scan, whole: bool = False) -> list:
    """Work done by others on the problem: "they fixed it", and changes coordinated with them
    ("they agreed, lowered the TTL and changed the driver"). In a full answer, what owners do
    after the candidate's own fix to spread it ("then adopted it for every service") is a
    second-order effect, not a hand-off; `whole` counts everything (follow-up answers)."""
    fixes = sc.hits["drive_fix"] + sc.hits["drive_coord"]
    until = min((h.sent for h in fixes), default=len(sc.prep.sentences))
    spread = {h.sent for h in sc.hits["second_order"]}
    start = problem_sentence(sc) or 0
    coord = [
        h
        for h in sc.hits["i_coord"]
        if subject_of(sc, h) == "other"
        and is_change(sc, h)
        and h.sent >= start
        and _verb(sc, h) not in _OWNER_ROUTINE
    ]
    hits = sc.hits["they_fix"] + exclude_hits(coord, sc.hits["they_fix"])
    if whole:
        return hits
    return [h for h in hits if h.sent <= until or h.sent not in spread]


def story_we(sc: Scan) -> list:
    """ "We" actions of the story: not in the background before the problem, not in the
    closing reflection, not reported or relative clauses ("I found we stored ...")."""
    first = problem_sentence(sc)
    start = first if first is not None else 0
    hits = {(h.sent, h.start): h for k in ("we_act", "we_key") for h in sc.hits[k]}
    return [
        h
        for h in hits.values()
        if h.sent >= start
        and not _in_reflection(sc, h.sent)
        and not _subordinate(sc, h)
        and _verb(sc, h) not in _OUTCOME
    ]


def ownership(sc: Scan) -> dict[str, float]:
    """Who performs the actions: first person singular versus we/they/the team, hand-offs.
    Others doing the fix while the candidate only investigated or reported is not ownership."""
    mine = own_actions(sc)
    n_i = len(mine)
    n_we = len(story_we(sc))
    n_they = len(others_actions(sc))
    n_hand = len(sc.hits["i_handoff"]) + len(sc.hits["i_report"])
    fixes = sum(1 for h in mine if is_change(sc, h))
    share = n_i / (n_i + n_we + n_they) if n_i + n_we + n_they else 0.0
    rule = n_i >= 2 and share >= 0.7 and not (n_they and (n_i < 3 or not fixes))
    return {
        "i_acts": math.log1p(n_i),
        "we_acts": math.log1p(n_we),
        "they_fix": _cap(n_they, 2),
        "handoff_only": float(n_hand > 0 and n_i <= 1),
        "i_share": share,
        "i_fixes": _cap(fixes, 3),
        "rule": float(rule),
    }


def metric(sc: Scan) -> dict[str, float]:
    """Numeric before/after or measured deltas versus qualitative-only results."""
    kinds = ("from_to", "arrow", "by_delta", "factor")
    deltas = sum(sc.count(k) for k in kinds)
    # Deltas in the opening usually describe the problem ("the window went from 60 to 30").
    late = sum(sc.count(k, SECOND_FROM) for k in kinds)
    qual = sc.count("qualitative")
    return {
        "deltas": _cap(deltas, 3),
        "deltas_late": _cap(late, 3),
        "from_to": _cap(sc.count("from_to") + sc.count("arrow"), 2),
        "qualitative": _cap(qual, 2),
        "rule": float(late > 0),
    }


BUSINESS = ("money", "customer", "time_saved", "risk")


def result_start(sc: Scan) -> int:
    """First sentence of the result part: past RESULT_FROM of the answer and after the first
    action (or, failing that, the problem statement), so a long preamble is not a result."""
    acts = [h.sent for k in ("i_act", "we_act", "they_fix", "i_handoff") for h in sc.hits[k]]
    anchor = min(acts) if acts else problem_sentence(sc)
    anchor = -1 if anchor is None else anchor
    if len(sc.prep.paragraphs) > 1:
        # Told in paragraphs, the first one is the situation however long it is.
        second = sc.prep.paragraphs[1][0]
        anchor = max(
            anchor, next((i for i, (s, _) in enumerate(sc.prep.sentences) if s >= second), 0) - 1
        )
    for i in range(anchor + 1, len(sc.prep.sentences)):
        if sc.position(i) >= RESULT_FROM:
            return i
    return len(sc.prep.sentences)


# Words that make a sentence tell a change or an effect. A customer word in a sentence without
# any ("I sampled ten thousand customers", "our tenants were small") is background, not impact.
_EFFECT = re.compile(
    r"\d|\b(?:fewer|more|less|lower|higher|faster|slower|stopped|no longer|instead|meant|"
    r"saved|saving|reduced|cut|dropped|drop|rose|fell|increased?|decreased?|improv\w*|back|"
    r"went|gone|down|up|again|any more|anymore|never|zero|none|half|double\w*|avoid\w*|"
    r"prevent\w*|kept|keep|lost|losing|won|gained?|churn\w*|complain\w*|happier|able to|"
    r"without|freed|spent|spend|got|get|could)\b",
    re.IGNORECASE,
)


def business_hits(sc: Scan) -> list:
    """Business-term hits (money, customers, time, risk) in the result part. "The nurses were
    happy" names people but says nothing of the result: a group that was merely pleased does not
    count (money, time and risk in that sentence still do)."""
    start = result_start(sc)
    refl = set(reflection_sentences(sc))
    vague = set(sc.sentences_with("happy"))
    out = []
    for k in BUSINESS:
        for h in sc.hits[k]:
            if h.sent < start or h.sent in refl:
                continue
            if k == "customer" and (h.sent in vague or not _tells_effect(sc, h.sent)):
                continue
            out.append(h)
    return out


def _tells_effect(sc: Scan, sent: int) -> bool:
    return bool(_EFFECT.search(sc.prep.sentence_text(sent)))


def business(sc: Scan) -> dict[str, float]:
    """Business terms (money, customers, time, risk) in the result part of the answer."""
    late = len(business_hits(sc))
    total = sum(sc.count(k) for k in BUSINESS)
    happy = sc.count("happy")
    return {
        "biz_late": _cap(late, 4) / 2,
        "biz_early": _cap(total - late, 4) / 2,
        "risk": _cap(sc.count("risk"), 2),
        "happy": _cap(happy, 1),
        "rule": float(late > 0),
    }


def second_order_hits(sc: Scan, name: str = "second_order") -> list:
    """Hits of `name` in the result part (effects told after the fix, not background)."""
    start = result_start(sc)
    refl = set(reflection_sentences(sc))
    return [h for h in sc.hits[name] if h.sent >= start and h.sent not in refl]


def second_order(sc: Scan) -> dict[str, float]:
    """Effects beyond the fix (adoption by others, standards, prevention) in the result part."""
    late = len(second_order_hits(sc))
    nouns = len(second_order_hits(sc, "second_order_noun"))
    return {
        "so_late": _cap(late, 3),
        "so_all": _cap(sc.count("second_order"), 3),
        "so_nouns": _cap(nouns, 2),
        "rule": float(late > 0),
    }


def reflection_sentences(sc: Scan) -> list[int]:
    """Sentences holding a learning statement in the closing part of the answer: the last
    paragraph when told in paragraphs, else the closing stretch."""
    n = len(sc.prep.sentences)
    paras = sc.prep.paragraphs
    if len(paras) >= 3:
        last = paras[-1][0]
        return [i for i in sc.sentences_with("reflection") if sc.prep.sentences[i][0] >= last]
    return [
        i for i in sc.sentences_with("reflection") if sc.position(i) >= REFLECT_FROM or i >= n - 2
    ]


def reflection(sc: Scan) -> dict[str, float]:
    """A closing learning statement, generic or tied to this story's specifics / systemic."""
    refl = reflection_sentences(sc)
    if refl:
        # The reflection runs from its first marker to the end of the answer (or 3 sentences).
        refl = list(range(refl[0], min(len(sc.prep.sentences), refl[0] + 3)))
    rset = set(refl)
    text_r = " ".join(sc.prep.sentence_text(i) for i in refl)
    body = " ".join(
        sc.prep.sentence_text(i) for i in range(len(sc.prep.sentences)) if i not in rset
    )
    overlap = len(content_words(text_r) & content_words(body)) if refl else 0
    generic = sum(1 for h in sc.hits["generic"] if h.sent in rset)
    systemic = sum(1 for h in sc.hits["systemic"] if h.sent in rset)
    words = len(text_r.split())
    # Specific reflections explain a mechanism ("X was measured, so Y went unseen").
    causal = len(_CAUSAL.findall(text_r))
    rule = bool(refl) and (systemic > 0 or overlap >= 2) and not (generic and overlap < 3)
    return {
        "has_refl": float(bool(refl)),
        "generic": _cap(generic, 2),
        "systemic": _cap(systemic, 2),
        "overlap": _cap(overlap, 6) / 3,
        "refl_words": _cap(words / 25, 3),
        "causal": _cap(causal, 3),
        "rule": float(rule),
    }


EXTRACTORS = {
    "situation_concise": situation,
    "scope_boundary": scope,
    "ownership_language": ownership,
    "metric_delta": metric,
    "business_impact": business,
    "second_order_effect": second_order,
    "specific_reflection": reflection,
}


def full_features(sc: Scan) -> dict[str, dict[str, float]]:
    """Feature dicts for all seven dimensions."""
    return {dim: EXTRACTORS[dim](sc) for dim in DIMENSIONS}
