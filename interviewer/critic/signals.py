"""Linguistic signals: every pattern of the lexicon located in the reply, by sentence.

`scan` runs each pattern once over the analysis text and records hits (sentence index and
character span), so later stages can both count them (features) and quote them (evidence).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from interviewer.critic import lexicon as lx
from interviewer.critic import lexicon_actors as la
from interviewer.critic.text import Prepared


@dataclass(frozen=True)
class Hit:
    """One pattern match: sentence index and span in the reply."""

    sent: int
    start: int
    end: int


def _action(subject: str) -> lx.Pattern:
    # Subject + (optional adverbs) + an action verb; stative verbs ("we were", "I felt") and
    # modal constructions are excluded because they describe states, not who did the work.
    return lx.compile(
        la.SUBJECT[subject] + r"(?:'ve|'d| have| had)?\s+" + la.ADVERB + r"(?!" + la.STATIVE
        + r"\b)(?:" + la.IRREGULAR + r"|[a-z]{2,20}ed|" + la.HANDOFF_VERB + r")\b",
        lx.I,
    )  # fmt: skip


_HANDOFF_I = lx.compile(r"\bI\s+" + la.ADVERB + la.HANDOFF_VERB + r"\b", lx.I)
_WE_KEY = lx.compile(
    r"\b(?:we|together)\s+" + la.ADVERB + r"(?:figured|found|fixed|traced|debugged|built|wrote|"
    r"solved|identified|discovered|worked out|tracked down|decided|managed|changed|made|"
    r"rewrote|added|shipped|went through|chased|put together|looked into)\b",
    lx.I,
)
PROBLEM = lx.compile(
    r"\b(?:fail\w{0,4}|dropp\w{0,3}|drops|broke|broken|break(?:ing|s)|outages?|errors?|bugs?|"
    r"flak\w{1,6}|slow\w{0,4}|latency|timeouts?|timing out|crash\w{0,4}|leak\w{0,4}|missing|"
    r"lost|losing|stuck|spik\w{1,3}|complain\w{0,4}|incidents?|regress\w{0,5}|problems?|"
    r"issues?|wrong|noticed|silently|discard\w{0,3}|duplicat\w{1,4}|degrad\w{1,5}|"
    r"unreliable|blocked|blocking|paged|pages|alerts? (?:fired|went off)|kept \w+ing|"
    r"didn't work|doesn't work|wasn't working|not working|couldn't|nobody (?:could|knew)|"
    r"painful|pain|frustrat\w{1,6}|confus\w{1,5}|waste\w{0,2}|overrun|blew up|ballooned)\b",
    lx.I,
)
ARCH = lx.compile(
    r"\b(?:services?|micro-?services?|architecture|kafka|kubernetes|k8s|clusters?|queues?|"
    r"brokers?|databases?|postgres\w{0,3}|mysql|redis|cache|caching|apis?|gateways?|load "
    r"balancers?|pipelines?|lambdas?|s3|nodes?|pods?|shards?|replicas?|topics?|consumers?|"
    r"producers?|schemas?|endpoints?|layers?|stack|monolith|front-?end|back-?end|react|grpc|"
    r"rest|http|json|terraform|aws|gcp|azure|cdn|dns|proxy|nginx|envoy|ingress|workers?|"
    r"cron|scheduler|orchestrat\w{0,5}|containers?|docker|event bus|protocol|components?|"
    r"modules?|library|libraries|framework|sdk|batch|streaming|etl|warehouse|spark|airflow|"
    r"dags?|jobs?|partitions?|indexes|tables?|storage|buckets?|vpc|regions?|replication|"
    r"sidecar|mesh|helm|ci|cd|runners?|jenkins|github actions|deploys?|deployment|"
    r"infrastructure|infra|tier|subsystems?|integration|webhooks?|payloads?|middleware)\b",
    lx.I,
)
REFLECTION = lx.compile(
    r"\b(?:learn(?:ed|t)|lessons?|took away|takeaway|take-?away|taught me|realis\w{1,3}|"
    r"realiz\w{1,3}|in hindsight|looking back|the (?:real|actual|underlying|bigger|deeper|root)"
    r" (?:gap|problem|issue|lesson|cause|failure|risk|reason)|what I(?:'d| would) do "
    r"differently|next time|since then,? I|I now|I've since|changed how I|made me (?:realise|"
    r"realize|see|think)|showed me|stuck with me|my (?:main|biggest) (?:lesson|takeaway)|"
    r"reflect\w{0,4}|i'd (?:now|also)|what I (?:know|understand) now|insights?|took from "
    r"(?:it|this|that)|stuck with me|the thing I (?:realis|realiz|noticed|learn|took)\w{0,4}|"
    r"(?:it|this|that) taught|came away|my (?:main |biggest )?(?:conclusion|observation)|"
    r"stayed with me|struck me|surprised me|what (?:I|I've) (?:find|found) (?:\w+ )?(?:telling|"
    r"interesting|striking|surprising|revealing)|the part (?:that )?I (?:found|find)|the (?:\w+ )"
    r"{0,2}(?:thing|gap|lesson|insight|takeaway|problem|issue|pattern) (?:that )?I (?:saw|noticed|"
    r"found|see|took|realis\w{1,3}|realiz\w{1,3}|learn\w{1,2}|keep coming back to)|"
    r"if I did it again|I'd do (?:\w+ ){0,2}differently|these days I|I(?:'ve| have) since|"
    r"the specific thing|(?:it|this) (?:made|makes) me|my view (?:now|since)|the moral)\b",
    lx.I,
)
GENERIC = lx.compile(
    r"\b(?:communication (?:\w+ ){0,3}(?:is|was|are) (?:so |really |very )?(?:important|key|"
    r"everything|crucial|vital)|importance of "
    r"(?:communication|teamwork|collaboration|ownership|being proactive|testing)|teamwork|"
    r"team work|be(?:ing)? proactive|take ownership|taking ownership|ownership matters|speak up"
    r"|learn(?:ed|t) a lot|(?:always|to) (?:communicate|test|double.check|ask for help)|"
    r"collaboration is (?:key|important)|never give up|hard work|work(?:ing)? together|"
    r"attention to detail|patience|extra mile|important to (?:communicate|collaborate|help|"
    r"be)|good (?:communication|teamwork)|step up|help(?:ing)? others|soft skills|"
    r"leadership is|a team player|(?:it|that) pays off|grew a lot|learned so much|valuable "
    r"(?:experience|lesson)|(?:it's|it is|that's|is|was) (?:really |so |very |always |just as )?"
    r"(?:important|key|crucial|vital|essential|worth it|worth \w+ing) (?:to|for|as)\b|"
    r"(?:you|we|one) (?:should|need to|have to|must) (?:always |never )?\w+|always (?:\w+ ){0,2}"
    r"(?:ask|check|dig|look|pay attention|communicate|listen|talk|test|speak|follow|think|"
    r"assume|question|keep|be)|across (?:teams|the org)|good example of|comfort zone|"
    r"curious|asking questions|bring (?:people|others) along|patient|pitch in|(?:the )?details?"
    r" matter|planning ahead|team effort|(?:real|actual) devices)\b",
    lx.I,
)
SYSTEMIC = lx.compile(
    r"\b(?:nobody|no one|no-one|no team|no single|no shared|no clear|no owner|unowned|"
    r"ownership gap|gap between|fell through|fall through|between teams|across teams|"
    r"incentives?|shared (?:slos?|alerts?|owners?|ownership|metrics?|dashboards?|contracts?)|"
    r"slos?|nothing (?:alerted|measured|tracked|checked|caught)|no (?:alert|alerting|monitor\w*"
    r"|dashboard|metric|test|check|contract|runbook|process)|owned by everyone|everyone "
    r"assumed|assumed (?:someone|another|the other)|by default|seams?|boundar\w{1,3}|"
    r"handoffs?|the real (?:gap|problem|issue|cause)|only (?:\w+ ){0,2}(?:measured|tracked|"
    r"checked|tested|looked|saw|counted|showed|reviewed|validated|used)|invisible|blind|"
    r"silent(?:ly)?|quietly|rather than|instead of|never|assum\w{1,3}|every metric|owned by)\b",
    lx.I,
)
STOP = frozenset(
    """about above after again against all also always among an and another any are around
    because been before being below between both but by came can could did does doing done
    down during each even every few first for from further got had has have having here how
    into its itself just last later like made make many more most much must never next not
    now off once only other others ought our ours out over own really same should since some
    such than that the their them then there these they this those though through thing
    things time times too under until very was were what when where which while who whom why
    will with without would your yours learned learnt lesson lessons taught realised realized
    important team teams people work working something someone everyone anything nothing
    bit lot lots good great better best took away since then looking back hindsight""".split()  # noqa: SIM905
)


#: Patterns whose hits mean the opposite under a negation in the same clause: "they didn't fix
#: it", "it wasn't about my promotion", "nobody pulled me in", "I didn't just escalate".
NEGATABLE = frozenset(
    {"assigned", "they_fix", "others_fixed", "self", "vague", "resist", "routing", "i_handoff",
     "second_order", "happy", "fix_noun", "drive_fix", "influence"}
)  # fmt: skip
#: A negated hit of the key counts as a hit of the value.
NEGATED_TO = {"assigned": "unassigned"}
_NEGATOR = re.compile(
    r"\b(?:not|never|no|nobody|no one|no-one|none|neither|nor|without|hardly|instead of|rather "
    r"than|wasn't|weren't|isn't|didn't|don't|doesn't|hadn't|haven't|couldn't|wouldn't|won't)\b"
    r"|n't\b",
    re.IGNORECASE,
)
_NOT_BECAUSE = re.compile(
    r"\b(?:not|n't)\s+(?:just |only |really |simply )?(?:because|for)\b[^,;]*$", re.I
)
# A clause starts after punctuation or a coordinating/subordinating word.
_CLAUSE = re.compile(r"[,;:()]|\b(?:and|but|so|because|since|though|although|while)\b", re.I)
NEGATION_WINDOW = 40


def negated(prep: Prepared, hit: Hit) -> bool:
    """Whether a negation governs `hit`: a negator between the start of its clause (at most
    NEGATION_WINDOW characters back) and the hit."""
    s, _ = prep.sentences[hit.sent]
    lo = max(s, hit.start - NEGATION_WINDOW)
    window = prep.clean[lo : hit.start]
    cut = 0
    for m in _CLAUSE.finditer(window):
        cut = m.end()
    # "not because it was fun, but because ...": the negation spans the "because"
    return bool(_NEGATOR.search(window, cut)) or bool(_NOT_BECAUSE.search(window))


class LazyHits(dict):
    """Pattern hits computed on first use: a full answer never runs the follow-up patterns
    and vice versa, which keeps a critique well inside its time budget."""

    def __init__(self, prep: Prepared, patterns: dict[str, re.Pattern]):
        super().__init__()
        self._prep = prep
        self._patterns = patterns
        self._starts = [s for s, _ in prep.sentences]
        self._lower: str | None = None

    def __missing__(self, name: str) -> list[Hit]:
        found = self._raw(name)
        if name in NEGATABLE:
            found = [h for h in found if not negated(self._prep, h)]
        for source, target in NEGATED_TO.items():
            if name == target:  # "nobody asked me" is the opposite of an assignment
                found = found + [h for h in self._raw(source) if negated(self._prep, h)]
        self[name] = found
        return found

    def _raw(self, name: str) -> list[Hit]:
        found = []
        pattern = self._patterns[name]
        literal = PREFILTER.get(name)
        if literal is None or any(x in self._prep.clean for x in literal):
            text, lowered = self._prep.clean, getattr(pattern, "lowered", None)
            if lowered is not None:
                if self._lower is None:
                    self._lower = lx.lower(text)
                text, pattern = self._lower, lowered
            for m in pattern.finditer(text):
                idx = bisect_right(self._starts, m.start()) - 1
                if idx >= 0 and m.start() < self._prep.sentences[idx][1]:
                    found.append(Hit(idx, m.start(), m.end()))
        return found

    def get(self, name: str, default=None):  # type: ignore[override]
        return self[name] if name in self._patterns else default


@dataclass
class Scan:
    """All hits of all patterns in one reply (computed lazily, by pattern name)."""

    prep: Prepared
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    words_before: list[int] = field(default_factory=list)  # words before each sentence

    def count(self, name: str, min_pos: float = 0.0) -> int:
        """Hits of `name` in sentences at relative position >= min_pos."""
        return sum(1 for h in self.hits[name] if self.position(h.sent) >= min_pos)

    def position(self, sent: int) -> float:
        """Relative position (0..1) of a sentence's start within the reply."""
        total = self.words_before[-1] if self.words_before else 1
        return self.words_before[sent] / max(total, 1)

    def sentences_with(self, name: str) -> list[int]:
        """Sorted unique sentence indices holding a hit of `name`."""
        return sorted({h.sent for h in self.hits[name]})

    @property
    def n_words(self) -> int:
        return self.words_before[-1] if self.words_before else 0


#: Patterns that can only match when one of these literals occurs: skip the scan otherwise.
PREFILTER = {"arrow": ("->", "=>", "\u2192")}
PATTERNS: dict[str, lx.Pattern] = {
    "from_to": lx.FROM_TO,
    "arrow": lx.ARROW,
    "by_delta": lx.BY_DELTA,
    "factor": lx.FACTOR,
    "qualitative": lx.QUALITATIVE,
    "metric_noun": lx.METRIC_NOUN,
    "money": lx.MONEY,
    "customer": lx.CUSTOMER,
    "time_saved": lx.TIME_SAVED,
    "risk": lx.RISK,
    "happy": lx.HAPPY,
    "second_order": lx.SECOND_ORDER,
    "second_order_noun": lx.SECOND_ORDER_NOUN,
    "outside": la.OUTSIDE,
    "unassigned": la.UNASSIGNED,
    "assigned": la.ASSIGNED,
    "own_team": la.OWN_TEAM,
    "i_act": _action("i"),
    "we_act": _action("we"),
    "they_act": _action("they"),
    "i_handoff": _HANDOFF_I,
    "we_key": _WE_KEY,
    "they_fix": la.FIX_BY_OTHERS,
    "drive_fix": la.DRIVE_FIX,
    "drive_coord": la.DRIVE_FIX_COORD,
    "i_coord": la.I_COORD,
    "i_report": la.I_REPORT,
    "preamble": la.PREAMBLE,
    "caps": lx.compile(r"(?<=[a-z,;:] )[A-Z][A-Za-z0-9]{1,20}(?:[ -][A-Z][A-Za-z0-9]{1,20})?"),
    "tested": la.TESTED,
    "problem": PROBLEM,
    "arch": ARCH,
    "reflection": REFLECTION,
    "generic": GENERIC,
    "systemic": SYSTEMIC,
}
_WORDS = re.compile(r"[^\W\d_][\w'-]{0,40}")


def scan(prep: Prepared, extra: dict[str, re.Pattern] | None = None) -> Scan:
    """Index the prepared reply; pattern hits (lexicon plus `extra`) are found on demand."""
    out = Scan(prep, LazyHits(prep, {**PATTERNS, **(extra or {})}))
    running = 0
    for s, e in prep.sentences:
        out.words_before.append(running)
        running += len(_WORDS.findall(prep.clean, s, e))
    out.words_before.append(running)
    return out


def content_words(text: str) -> set[str]:
    """Lower-cased content words (story nouns/verbs), without stop words and short words."""
    return {w.lower().strip("'-") for w in _WORDS.findall(text) if len(w) > 3} - STOP


def exclude_hits(hits: list[Hit], other: list[Hit]) -> list[Hit]:
    """`hits` that do not overlap any span in `other` (e.g. I-actions that are hand-offs)."""
    spans = [(o.start, o.end) for o in other]
    return [h for h in hits if not any(s < h.end and h.start < e for s, e in spans)]
