"""Follow-up answers: 2-3 criteria per follow-up (what it probes, per the rubric) and a verdict.

Each criterion is a rubric rule over signals with evidence and advice; the verdict is the
learned probability over the follow-up's features (the criteria among them), falling back to
"all criteria met" when no weights are shipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from interviewer.critic import lexicon as lx
from interviewer.critic.evidence import quotes, short
from interviewer.critic.signals import Hit, Scan, exclude_hits
from interviewer.critic.types import DimensionResult

FOLLOWUPS = ("escalation", "their_code", "motivation", "impact")

PATTERNS: dict[str, re.Pattern] = {
    "resist": re.compile(
        r"\b(?:skeptic\w{0,6}|sceptic\w{0,6}|push(?:ed)?[- ]?back|reluctan\w{1,4}|hesita\w{1,6}|"
        r"concerns?|concerned|worried|worry|worries|nervous|wary|resist\w{0,6}|object\w{0,5}|"
        r"didn't want|did not want|weren't keen|not keen|protective|defensive|doubt\w{0,5}|"
        r"unconvinced|not convinced|questioned|risk-averse|afraid|burn(?:ed|t)|freeze|frozen|"
        r"said no|on the fence|didn't trust|did not trust|wasn't thrilled|weren't thrilled|"
        r"not thrilled|annoyed|territorial|blocked|pushy|stepping on|toes|why (?:should|would)|"
        r"not a priority|didn't like|fair point|fair concern|their worry|their fear|didn't love|"
        r"don't want|doesn't want|first reaction|assumed|not comfortable|uncomfortable|"
        r"reservations|cautious|burned before|last time|risky|risk|pushed|reject\w{0,3}|"
        r"no appetite|not interested|not convinced|sceptical|suspicious|outsider)\b",
        lx.I,
    ),
    "influence": re.compile(
        r"\b(?:business impact|impact|cost(?:ing|s)?|customers?|revenue|users?|data|numbers|"
        r"showed (?:them|him|her|their)|walked (?:them|him|her|their \w+) through|demo\w{0,4}|"
        r"pair(?:ed|ing)?|sync|meeting|call|sat down|one-on-one|1:1|tests?|tested|docs|"
        r"documentation|documented|ready[- ]to[- ]merge|feature[- ]flag\w{0,3}|rollback|"
        r"roll(?:ed)? back|offered to|on-?call|addressed|benchmark\w{0,3}|design doc|rfc|"
        r"proposal|small(?:er)? (?:pr|change|diff)|split (?:it|the)|their review|conventions|"
        r"canary|own the rollout|answered|evidence|reproduc\w{1,6}|trace|logs|note|fallback|"
        r"backward\w{0,2}[- ]compatib\w{1,6}|kept the old|replay\w{0,3}|staging|invited|matrix|"
        r"runbook|before the pr|template|upstream|results|prov(?:e|ed)|showed|reworked|"
        r"stay(?:ed)? on|be the contact|online when|dollar|\$\d)\b",
        lx.I,
    ),
    "vague": re.compile(
        r"\b(?:tricky|eventually (?:they )?agreed|it worked out|they were (?:fine|ok|okay|cool)|"
        r"they (?:just )?agreed|somehow|it was fine|no big deal|came around|after a while|"
        r"in the end (?:they|it)|it (?:all )?worked|wasn't a big deal|they (?:merged|accepted)"
        r" it(?: eventually)?\.?$|took some convincing|talked to them)\b",
        lx.I,
    ),
    "responsible": re.compile(
        r"\b(?:responsib\w{1,6}|couldn't (?:just )?(?:ignore|leave|watch|sit)|i cared|it mattered|"
        r"accountab\w{1,6}|not (?:okay|ok|acceptable)|every (?:day|week|hour)|each (?:day|week)|"
        r"no one (?:was|else)|nobody (?:was|else|owned|had)|no one owned|fell through|"
        r"unowned|in the gap|between teams)\b",
        lx.I,
    ),
    "self": re.compile(
        r"\b(?:some(?:one|body) had to|spare time|free time|had (?:some )?time|bored|slow "
        r"(?:week|sprint|month)|quiet (?:week|sprint|month)|fun|interesting|cool|curious|"
        r"curiosity|promotion|promo|r[eé]sum[eé]|cv|look good|looks good on|get noticed|"
        r"noticed by|performance review|perf review|brownie points|learn (?:a new|something|"
        r"rust|go|kubernetes)|wanted to try|why not|nothing else to do|between projects|"
        r"puzzle|itch|challenge|for the experience|my (?:own )?(?:growth|career)|"
        r"next level|staff engineer|senior title|show (?:my manager|leadership)|i'm someone who|"
        r"i am someone who|how i'?m wired|how i see my role|someone like me|i (?:genuinely |"
        r"really )?enjoy|build relationships|the person people come to|that's (?:just )?who i "
        r"am|naturally take|i always (?:take|step)|i like (?:to|fixing|solving))\b",
        lx.I,
    ),
    "slow": re.compile(
        r"\b(?:would have (?:sat|taken|delayed|been|meant|waited|stayed|slipped)|would've|"
        r"backlog|next quarter|quarter|weeks|months|waiting (?:meant|would)|wouldn't (?:touch|"
        r"get to|have)|their queue|freeze|deadline|every day|each day|"
        r"days of|in the meantime|meanwhile|on the roadmap|wasn't going to|would not|"
        r"wouldn't|queue|buried|a week of|for a month|every (?:day|week|morning))\b",
        lx.I,
    ),
    # Someone else did the fix: the candidate's part ended at reporting it.
    "others_fixed": re.compile(
        r"\b(?:added it to their (?:sprint|backlog|board|roadmap)|they prioriti[sz]ed|was theirs|"
        r"were theirs|left it (?:with|to) them|waited for (?:them|a fix|their)|up to them|"
        r"for them to fix|until their fix|through their sprint|their own way|"
        r"the (?:actual )?(?:change|fix|code) was theirs|they did the (?:fix|work|change)|"
        r"handed (?:it )?off|handed it over|they took it from there|they owned the fix)\b",
        lx.I,
    ),
    # Routing the problem to others; fine for visibility when a fix of one's own follows.
    "routing": re.compile(
        r"\b(?:went through my manager|raised it with|(?:filed|opened|logged|raised|created|"
        r"wrote) (?:a |an |up a )?(?:ticket|jira|issue|bug report)|presented (?:it|the issue|the "
        r"problem|my findings) (?:at|to)|attached it to|escalated|pinged|sent (?:them|a|an) "
        r"(?:slack|message|email|note)|their call|it's their (?:job|code|problem))\b",
        lx.I,
    ),
    # The fix as the candidate's own artefact: "my patch", "the PR I opened", "I'd written".
    "fix_noun": re.compile(
        r"\b(?:my (?:fix|patch|pr|pull request|change|branch|script|rewrite)|(?:a|the) (?:fix|"
        r"patch|pr|pull request|change) (?:that )?I (?:had )?(?:wrote|written|built|opened|made|"
        r"put|prepared)|I(?:'d| had) (?:already )?(?:written|built|fixed|patched|got|prepared|"
        r"a fix|the fix)|had the fix|ready[- ]to[- ]merge|(?:with|brought|bringing) (?:a|the|my) "
        r"(?:working |tested |complete |finished )?(?:fix|patch|pr|pull request))|(?:put up|"
        r"opened|raised|sent|submitted|pushed) (?:a |the |my )?(?:pr|pull request|patch|fix|"
        r"merge request)\b",
        lx.I,
    ),
}


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
    return sc.hits["money"] + sc.hits["customer"] + sc.hits["time_saved"] + sc.hits["risk"]


def _owned_fix(sc: Scan) -> bool:
    """A complete, tested fix of one's own: a fix (built/wrote/patched, "my PR") AND evidence
    it was tested; or several of one's own actions with testing and nobody else fixing it."""
    drive = _n(sc, "drive_fix", "drive_coord", "fix_noun")
    tested = _n(sc, "tested") > 0
    if drive and tested:
        return True
    mine = len(exclude_hits(sc.hits["i_act"], sc.hits["i_handoff"]))
    return tested and mine >= 3 and not (sc.hits["they_fix"] or sc.hits["others_fixed"])


def _handoffs(sc: Scan) -> list[Hit]:
    """What shows a hand-off: others did the fix, or the problem was only routed onward."""
    others = sc.hits["they_fix"] + sc.hits["others_fixed"]
    if others or _owned_fix(sc):
        return others
    return sc.hits["routing"] + sc.hits["i_handoff"]


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
            lambda sc: _n(sc, "influence") >= 2 and _n(sc, "i_act") > 0 and not sc.hits["vague"],
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


def followup_features(sc: Scan, followup: str) -> dict[str, float]:
    """Features for the verdict of one follow-up type: criteria plus supporting counts."""
    mine = len(exclude_hits(sc.hits["i_act"], sc.hits["i_handoff"]))
    feats = {f"c_{c.id}": float(c.met(sc)) for c in CRITERIA[followup]}
    feats.update(
        {
            "i_acts": math.log1p(mine),
            "they_fix": min(_n(sc, "they_fix"), 2),
            "handoff": min(len(_handoffs(sc)), 2),
            "i_handoff": min(_n(sc, "i_handoff"), 2),
            "drive": min(_n(sc, "drive_fix", "drive_coord", "fix_noun"), 3),
            "routing": min(_n(sc, "routing"), 2),
            "tested": min(_n(sc, "tested"), 3),
            "biz": min(len(_biz(sc)), 4) / 2,
            "second_order": min(_n(sc, "second_order"), 3),
            "deltas": min(_n(sc, "from_to", "by_delta", "factor", "arrow"), 2),
            "resist": min(_n(sc, "resist"), 3),
            "influence": min(_n(sc, "influence"), 6) / 2,
            "vague": min(_n(sc, "vague"), 2),
            "self": min(_n(sc, "self"), 2),
            "responsible": min(_n(sc, "responsible", "unassigned"), 3),
            "slow": min(_n(sc, "slow"), 3),
            "words": min(sc.n_words / 50, 4),
            "rule": float(all(v for k, v in feats.items() if k != "c_why_not_escalate")),
        }
    )
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
