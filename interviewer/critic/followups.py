"""Follow-up answers: 2-3 criteria per follow-up (what it probes, per the rubric) and a verdict.

Each criterion is a rubric rule over signals with evidence and advice; the verdict is the
learned probability over the follow-up's features (the criteria among them), falling back to
"all criteria met" when no weights are shipped. Where the shipped model says so, the reply's
embedding (when the caller passes it) is blended into that probability (see model.py); the
criteria, their evidence and advice always come from the reply's own words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from interviewer.critic.evidence import quotes, short
from interviewer.critic.features import others_actions, own_actions
from interviewer.critic.lexicon_followups import PATTERNS  # noqa: F401 - re-exported
from interviewer.critic.signals import Hit, Scan
from interviewer.critic.types import DimensionResult

FOLLOWUPS = ("escalation", "their_code", "motivation", "impact")


@dataclass(frozen=True)
class Criterion:
    """One follow-up criterion: a rule over the scan, evidence hits, and advice when unmet."""

    id: str
    name: str
    met: Callable[[Scan], bool]
    evidence: Callable[[Scan], list[Hit]]
    advice_met: str
    advice_unmet: Callable[[Scan], str]


def _n(sc: Scan, *names: str) -> int:
    return sum(len(sc.hits[n]) for n in names)


def _biz(sc: Scan) -> list[Hit]:
    """Business terms: money, customers, people's time, risk. A customer word that only
    qualifies a technical metric ("the false-positive rate for first-time buyers") is not a
    translation into business terms."""
    hits = sc.hits["money"] + sc.hits["time_saved"] + sc.hits["risk"]
    return hits + [h for h in sc.hits["customer"] if not _qualifies_metric(sc, h)]


_METRIC_OF = re.compile(
    r"\b(?:rates?|ratios?|auc|latency|p\d\d|errors?|failures?|declines?|crash\w{0,6}|timeouts?|"
    r"precision|recall|accuracy|scores?|false[- ]\w+)\s+(?:for|on|of|among|across|in)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _qualifies_metric(sc: Scan, hit: Hit) -> bool:
    lo = max(sc.prep.sentences[hit.sent][0], hit.start - 60)
    return bool(_METRIC_OF.search(sc.prep.clean[lo : hit.start]))


def own_work(sc: Scan) -> list[Hit]:
    """The candidate's own actions, minus hand-offs ("I pinged them") and reports ("I wrote a
    detailed ticket"): the work itself (same reading as for full answers)."""
    return own_actions(sc)


def _others(sc: Scan) -> list[Hit]:
    """Others doing the fix: "they fixed it", "they agreed and implemented it", "her fix"."""
    return others_actions(sc, whole=True) + sc.hits["others_fixed"]


def _owned_fix(sc: Scan) -> bool:
    """A complete fix of one's own, shown by a fix action or artefact ("I wrote the override",
    "my patch") with testing or several further actions of one's own; never when the answer
    says others did the fix."""
    if _others(sc):
        return False
    drive = _n(sc, "drive_fix", "drive_coord", "fix_noun")
    tested = _n(sc, "tested") > 0
    work = len(own_work(sc))
    return bool(drive and (tested or work >= 3)) or (tested and work >= 3)


def _handoffs(sc: Scan) -> list[Hit]:
    """What shows a hand-off: others did the fix, or the problem was only routed onward."""
    others = _others(sc)
    if others or _owned_fix(sc):
        return others
    return sc.hits["routing"] + sc.hits["i_handoff"] + sc.hits["i_report"]


def _proactive(sc: Scan) -> bool:
    """Concrete influence: at least two influence moves, done by the candidate, and not
    outweighed by passive, vague acceptance."""
    infl, vague = _n(sc, "influence"), _n(sc, "vague")
    return infl >= 2 and len(own_work(sc)) > 0 and infl >= 2 * vague + 2 * (vague > 0)


def _first_quote(sc: Scan, hits: list[Hit], fallback: str) -> str:
    q = quotes(sc, hits, 1)
    return f'"{short(q[0])}"' if q else fallback


CRITERIA: dict[str, list[Criterion]] = {
    "escalation": [
        Criterion(
            "owned_fix",
            "Brought and drove a tested fix",
            _owned_fix,
            lambda sc: (
                sc.hits["drive_fix"]
                + sc.hits["drive_coord"]
                + sc.hits["fix_noun"]
                + sc.hits["tested"]
            ),
            "You show a complete, tested fix you drove yourself.",
            lambda sc: (
                "Say what you built yourself and how you tested it: 'I wrote the fix, "
                "tested it against ..., and brought it to their lead ready to merge.'"
            ),
        ),
        Criterion(
            "no_handoff",
            "Did not hand it off",
            lambda sc: not _handoffs(sc),
            lambda sc: _handoffs(sc) or sc.hits["routing"] + sc.hits["i_handoff"],
            "Flagging it is framed as visibility, not as handing the problem over.",
            lambda sc: (
                _first_quote(sc, _handoffs(sc), "Your answer")
                + " tells the interviewer others did the work. Flag it for visibility, but own "
                "the fix."
            ),
        ),
        Criterion(
            "why_not_escalate",
            "Why escalating alone would be slow",
            lambda sc: _n(sc, "slow") > 0,
            lambda sc: sc.hits["slow"],
            "You explain why a bare escalation would have been slow.",
            lambda sc: (
                "Add why escalating alone would have been slow (their backlog, a freeze, "
                "weeks of impact meanwhile)."
            ),
        ),
    ],  # fmt: skip
    "their_code": [
        Criterion(
            "named_resistance",
            "Names the resistance",
            lambda sc: _n(sc, "resist") > 0,
            lambda sc: sc.hits["resist"],
            "You name the pushback, which makes the influence credible.",
            lambda sc: (
                "Name the skepticism you met (e.g. 'their lead worried about a change to "
                "their code before a release') and how you answered it."
            ),
        ),
        Criterion(
            "proactive_influence",
            "Shows proactive influence",
            _proactive,
            lambda sc: sc.hits["influence"],
            "You show concrete steps that won them over.",
            lambda sc: (
                _first_quote(sc, sc.hits["vague"], "The answer")
                + " is passive: say what you did to win them over - the business impact, a "
                "ready-to-merge fix with tests and docs, a sync to address their concerns."
            ),
        ),
    ],  # fmt: skip
    "motivation": [
        Criterion(
            "impact_driven",
            "Driven by concrete impact nobody addressed",
            lambda sc: bool(_biz(sc)),
            lambda sc: _biz(sc) + sc.hits["responsible"],
            "Your reason is a concrete impact nobody was addressing.",
            lambda sc: (
                "Give the concrete impact that made it urgent (customers, revenue, "
                "people's time) and that nobody else was addressing it."
            ),
        ),
        Criterion(
            "not_self_serving",
            "Not random volunteering or self-interest",
            lambda sc: _n(sc, "self") == 0,
            lambda sc: sc.hits["self"],
            "The motive is about the product and its users, not about you.",
            lambda sc: (
                _first_quote(sc, sc.hits["self"], "The answer")
                + " sounds like volunteering or self-interest; lead with the impact and your sense"
                " of responsibility for it."
            ),
        ),
    ],  # fmt: skip
    "impact": [
        Criterion(
            "business_translation",
            "Translated into business terms",
            lambda sc: bool(_biz(sc)),
            _biz,
            "The result is translated into business terms.",
            lambda sc: (
                "Translate the technical result into money, customers or hours saved "
                "(e.g. '$8K a week recovered')."
            ),
        ),
        Criterion(
            "second_order_effect",
            "Names a second-order effect",
            lambda sc: _n(sc, "second_order") > 0,
            lambda sc: sc.hits["second_order"],
            "You name an effect beyond the fix.",
            lambda sc: (
                "Add an effect beyond the fix: another team adopting your approach, a new "
                "standard or check, incidents it now prevents."
            ),
        ),
    ],  # fmt: skip
}


#: Supporting counts for the follow-up verdicts, computed only when the shipped model uses them
#: (the rule-based verdicts need just the criteria; skipping the rest halves the scan).
SUPPORT: dict[str, Callable[[Scan], float]] = {
    "i_acts": lambda sc: math.log1p(len(own_work(sc))),
    "they_fix": lambda sc: min(len(_others(sc)), 2),
    "handoff": lambda sc: min(len(_handoffs(sc)), 2),
    "i_handoff": lambda sc: min(_n(sc, "i_handoff", "i_report"), 2),
    "drive": lambda sc: min(_n(sc, "drive_fix", "drive_coord", "fix_noun"), 3),
    "routing": lambda sc: min(_n(sc, "routing"), 2),
    "tested": lambda sc: min(_n(sc, "tested"), 3),
    "biz": lambda sc: min(len(_biz(sc)), 4) / 2,
    "second_order": lambda sc: min(_n(sc, "second_order"), 3),
    "deltas": lambda sc: min(_n(sc, "from_to", "by_delta", "factor", "arrow"), 2),
    "resist": lambda sc: min(_n(sc, "resist"), 3),
    "influence": lambda sc: min(_n(sc, "influence"), 6) / 2,
    "vague": lambda sc: min(_n(sc, "vague"), 2),
    "self": lambda sc: min(_n(sc, "self"), 2),
    "responsible": lambda sc: min(_n(sc, "responsible", "unassigned"), 3),
    "slow": lambda sc: min(_n(sc, "slow"), 3),
    "happy": lambda sc: min(_n(sc, "happy"), 1),
    "words": lambda sc: min(sc.n_words / 50, 4),
}


def followup_features(
    sc: Scan, followup: str, names: Iterable[str] | None = None
) -> dict[str, float]:
    """Features for the verdict of one follow-up type: the criteria, the rubric rule (all
    criteria but "why not escalate" met) and supporting counts (only `names`, if given)."""
    feats = {f"c_{c.id}": float(c.met(sc)) for c in CRITERIA[followup]}
    feats["rule"] = float(all(v for k, v in feats.items() if k != "c_why_not_escalate"))
    wanted = SUPPORT if names is None else [n for n in names if n in SUPPORT]
    feats.update({name: float(SUPPORT[name](sc)) for name in wanted})
    return feats


def judge_criteria(sc: Scan, followup: str, strong: bool) -> dict[str, DimensionResult]:
    """The follow-up's criteria with evidence and advice (met by rule, per the rubric)."""
    out = {}
    for c in CRITERIA[followup]:
        met = c.met(sc)
        ev = quotes(sc, c.evidence(sc), 2)
        out[c.id] = DimensionResult(
            id=c.id,
            name=c.name,
            met=met,
            evidence=ev,
            advice=c.advice_met if met else c.advice_unmet(sc),
            confidence=0.8 if met else 0.2,
        )
    return out
