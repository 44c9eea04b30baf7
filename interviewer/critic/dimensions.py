"""Full-answer dimensions: met (learned probability over signals), evidence and advice.

Evidence for a met dimension quotes what shows it; for an unmet one it quotes what shows the
problem (the "we" sentence, the assignment, "the team was happy") when there is such a thing.
Advice names the reply's own words. `focus`/`level` only change advice emphasis, never `met`.
"""

from __future__ import annotations

import re

from interviewer.critic.evidence import quote_sentence, quotes, short
from interviewer.critic.features import (
    DIMENSIONS,
    business_hits,
    early_assignments,
    full_features,
    others_actions,
    own_actions,
    problem_sentence,
    reflection_sentences,
    second_order_hits,
    story_we,
)
from interviewer.critic.model import verdict
from interviewer.critic.signals import Scan
from interviewer.critic.types import DimensionResult

NAMES = {
    "situation_concise": "Concise situation",
    "scope_boundary": "Scope boundary",
    "ownership_language": "Ownership language",
    "metric_delta": "Metric delta",
    "business_impact": "Business impact",
    "second_order_effect": "Second-order effect",
    "specific_reflection": "Specific reflection",
}
_TEAM = re.compile(r"\b(?:the\s+)?([A-Z][\w-]{1,30}(?:\s+[A-Z][\w-]{1,30})?)\s+(?:team|group)\b")


def judge_full(
    sc: Scan, names: dict[str, str], focus: str | None, level: str | None, vector=None
) -> dict[str, DimensionResult]:
    """All seven dimensions for a full answer, in rubric order. `vector` (the reply's
    embedding) only counts for dimensions whose trained spec has a term for it."""
    feats = full_features(sc)
    out = {}
    for dim in DIMENSIONS:
        p = verdict("full", dim, feats[dim], vector).p
        met = p >= 0.5
        evidence, advice = ADVISORS[dim](sc, met, focus, level)
        out[dim] = DimensionResult(
            id=dim,
            name=names.get(dim, NAMES[dim]),
            met=met,
            evidence=evidence,
            advice=advice,
            confidence=round(p, 3),
        )
    return out


def _team_name(sc: Scan) -> str:
    m = _TEAM.search(sc.prep.clean)
    return f"the {m.group(1)} team" if m else "the owning team"


def _situation(sc: Scan, met: bool, focus, level) -> tuple[list[str], str]:
    first = problem_sentence(sc)
    if met:
        ev = [quote_sentence(sc, first if first is not None else 0)] if sc.prep.sentences else []
        return ev, "The situation gets to the problem quickly; keep it to one or two sentences."
    pre = sc.words_before[first] if first is not None else sc.n_words
    ev = [quote_sentence(sc, 0)] if sc.prep.sentences else []
    where = f' before the problem ("{short(quote_sentence(sc, first), 10)}")' if first else ""
    seconds = round(pre / 2.5)
    return ev, (
        f'You spend about {pre} words (~{seconds} s) on background such as "{short(ev[0], 10)}"'
        f"{where}. Cut it to one or two sentences: what was going wrong, how badly, and whose "
        "system it was."
    )


def _scope(sc: Scan, met: bool, focus, level) -> tuple[list[str], str]:
    if met:
        ev = quotes(sc, sc.hits["outside"] + sc.hits["unassigned"], 2)
        return ev, "The scope boundary is clear; say it early, before the investigation."
    team = _team_name(sc)
    if early_assignments(sc):
        ev = quotes(sc, early_assignments(sc), 1)
        return ev, (
            f'"{short(ev[0])}" tells the interviewer the work was assigned to you. Choose a '
            "story nobody asked you to take on, or say what you did beyond the assignment."
        )
    if sc.hits["own_team"]:
        ev = quotes(sc, sc.hits["own_team"], 1)
        return ev, (
            f'"{short(ev[0])}" makes it sound like your own team\'s system. Say whose it was '
            "and that nobody asked you to fix it."
        )
    if sc.hits["outside"]:
        ev = quotes(sc, sc.hits["outside"], 1)
        return ev, (
            "You say it was outside your team but not that nobody assigned it: add that there "
            "was no ticket and nobody asked you to look."
        )
    if sc.hits["unassigned"]:
        ev = quotes(sc, sc.hits["unassigned"], 1)
        return ev, (
            "You say nobody asked you, but not whose problem it was: name the team that owned "
            "it and that it was not yours."
        )
    return [], (
        f"State the scope boundary before the investigation: it belonged to {team}, not yours, "
        "and there was no ticket - nobody asked you to look."
    )


def _ownership(sc: Scan, met: bool, focus, level) -> tuple[list[str], str]:
    mine = own_actions(sc)
    if met:
        tip = "Keep every action sentence in the first person."
        if focus == "technical":
            tip = "Keep the 'I' actions and add the investigation steps: logs, repro, root cause."
        return quotes(sc, mine, 3), tip
    if others_actions(sc):
        ev = quotes(sc, others_actions(sc), 1)
        return ev, (
            f'"{short(ev[0])}" gives the work to others. If you did it, say "I traced ... '
            'I wrote ..."; if they did, this story shows a hand-off, not ownership.'
        )
    we = story_we(sc)
    if we:
        ev = quotes(sc, we, 2)
        return ev, (
            f'Rewrite "{short(ev[0])}" in the first person: say what you yourself did '
            '("I traced ...", "I wrote ...") so your contribution is visible.'
        )
    if sc.hits["i_handoff"]:
        ev = quotes(sc, sc.hits["i_handoff"], 1)
        return ev, (
            f'"{short(ev[0])}" only reports the problem. Tell the actions you took yourself, '
            "each in its own 'I' sentence: investigated, reproduced, fixed, shipped."
        )
    return quotes(sc, mine, 1), (
        "Your own actions are hard to see: tell them as 'I' sentences with concrete verbs "
        "(I traced, I wrote, I shipped)."
    )


def _metric(sc: Scan, met: bool, focus, level) -> tuple[list[str], str]:
    deltas = sc.hits["from_to"] + sc.hits["arrow"] + sc.hits["by_delta"] + sc.hits["factor"]
    if met:
        tip = "The before/after number lands; say it in the first sentence of the result."
        if focus == "outcome":
            tip = "Lead the whole answer with this number, then trace back to how you got there."
        return quotes(sc, deltas, 1), tip
    nouns = [sc.prep.clean[h.start : h.end] for h in sc.hits["metric_noun"]]
    noun = nouns[-1].lower() if nouns else "the metric you fixed"
    if sc.hits["qualitative"]:
        ev = quotes(sc, sc.hits["qualitative"][-1:], 1)
        return ev, (
            f'"{short(ev[0])}" is qualitative: give {noun} before and after with numbers '
            '(e.g. "from 19% to 2%").'
        )
    return [], f'Add the numbers: {noun} before and after your fix (e.g. "from 0.3% to zero").'


def _business(sc: Scan, met: bool, focus, level) -> tuple[list[str], str]:
    late = business_hits(sc)
    if met:
        tip = "The result is in business terms; put a number on it if you can."
        if focus == "customer":
            tip = "Good; make the customer experience the centre: what changed for them."
        return quotes(sc, late, 2), tip
    what = "what it meant for customers" if focus == "customer" else "revenue, cost, customers"
    if sc.hits["happy"]:
        ev = quotes(sc, sc.hits["happy"], 1)
        return ev, (
            f'"{short(ev[0])}" describes a mood, not impact: say {what} or people\'s time it '
            "saved, with a figure if you have one."
        )
    return [], f"Translate the result into business terms: {what} or hours saved, ideally in $."


def _second_order(sc: Scan, met: bool, focus, level) -> tuple[list[str], str]:
    late = second_order_hits(sc) or second_order_hits(sc, "second_order_noun")
    if met:
        return quotes(sc, late, 1), "The effect beyond the fix shows reach; keep it."
    tip = (
        "Name an effect beyond the fix: did another team adopt your approach, did it become a "
        "standard or check, does it prevent the next incident?"
    )
    if level == "senior":
        tip += " At senior level this is expected."
    return [], tip


def _reflection(sc: Scan, met: bool, focus, level) -> tuple[list[str], str]:
    refl = reflection_sentences(sc)
    ev = [quote_sentence(sc, i) for i in refl[:2]]
    senior = level == "senior"
    if met:
        tip = "Specific and story-bound; keep it to one sentence."
        if senior:
            tip = "Good; make sure it names the systemic root cause beyond the code."
        return ev, tip
    deeper = (
        "name the systemic cause beyond the code (e.g. no team owned the alert or the SLO)"
        if senior
        else "tie it to this story (what you would now check, build or ask first)"
    )
    generic = [h for h in sc.hits["generic"] if h.sent in set(refl)]
    if generic:
        g = sc.prep.clean[generic[0].start : generic[0].end]
        return ev, f'"{g}" is generic and fits any story: {deeper}.'
    if refl:
        return ev, f'"{short(ev[0])}" stays general: {deeper}.'
    return [], f"End with what you learned: {deeper}."


ADVISORS = {
    "situation_concise": _situation,
    "scope_boundary": _scope,
    "ownership_language": _ownership,
    "metric_delta": _metric,
    "business_impact": _business,
    "second_order_effect": _second_order,
    "specific_reflection": _reflection,
}
