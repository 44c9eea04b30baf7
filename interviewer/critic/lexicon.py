"""Word lists and patterns behind the critic's result signals: numbers, business terms and
effects beyond the fix. People, actions and scope live in lexicon_actors.py.

Patterns run on the sanitised analysis text (typographic quotes already made ASCII) with
IGNORECASE; every repetition is bounded so scanning stays linear on hostile input. Each list
encodes a rubric idea by its synonyms and usual paraphrases, not by the wording of one answer.
"""

from __future__ import annotations

import re

I = re.IGNORECASE  # noqa: E741 - short on purpose: used in every pattern below


def words(*alternatives: str) -> str:
    """A non-capturing alternation of regex fragments."""
    return "(?:" + "|".join(alternatives) + ")"


# Every alternative of a word-list pattern ("\b(?:a|b|...)") starts with a letter, a digit or a
# currency sign. Saying so up front lets the regex engine skip other positions in its C search
# loop instead of trying every alternative there: about a third faster, same matches.
_FIRST_CHAR = r"(?=[0-9A-Za-z$\u00a3\u20ac\u00a5])"


class Pattern:
    """A regular expression compiled on first use: the lexicons hold ~50 large patterns and a
    critique needs only those of its kind (full answer or follow-up), so start-up stays fast.
    Word-list alternations get the first-character hint above."""

    __slots__ = ("_source", "_flags", "_compiled", "_lowered")

    def __init__(self, source: str, flags: int = 0):
        self._source, self._flags, self._compiled, self._lowered = source, flags, None, None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(_hinted(self._source), self._flags)
        return self._compiled

    @property
    def lowered(self) -> re.Pattern | None:
        """This pattern without IGNORECASE, for text already lower-cased (see lower()); None when
        the pattern is case-sensitive anywhere. Same matches, about twice as fast: the regex
        engine skips alternatives on their first literal character only when case is exact."""
        if self._lowered is None:
            if not self._flags & re.IGNORECASE or "(?-i" in self._source:
                self._lowered = False
            else:
                src = _hinted(_lower_literals(self._source))
                self._lowered = re.compile(src, self._flags & ~re.IGNORECASE)
        return self._lowered or None

    @property
    def pattern(self) -> str:
        return self._source

    def finditer(self, text: str, *args):
        return self.compiled.finditer(text, *args)

    def search(self, text: str, *args):
        return self.compiled.search(text, *args)

    def match(self, text: str, *args):
        return self.compiled.match(text, *args)


def _hinted(src: str) -> str:
    return _FIRST_CHAR + src if src.startswith(r"\b(?:") else src


def _lower_literals(src: str) -> str:
    """`src` with its literal letters lower-cased; escapes (\\S, \\W, \\B, ...) kept as written."""
    out = []
    escaped = False
    for ch in src:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


def lower(text: str) -> str:
    """`text` lower-cased character by character, so every offset still points at the same
    character (str.lower() turns a few characters, such as a dotted capital I, into two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def compile(source: str, flags: int = 0) -> Pattern:  # noqa: A001 - mirrors re.compile
    """A lazily compiled pattern (see Pattern)."""
    return Pattern(source, flags)


# --- numbers ---------------------------------------------------------------------------------
NUM_WORD = words(
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
    "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|"
    "six|seven|eight|nine))?",
    "hundred", "thousand", "a (?:third|quarter|half|dozen)", "half",
    "nothing", "none", "a handful", "single digits", "a (?:few|couple)",
    "(?:half|a (?:tenth|quarter|third)) (?:of )?a", "a fraction of a",
)  # fmt: skip
NUM = r"(?:[$£€¥]\s?)?(?:\d[\d,]{0,12}(?:\.\d{1,6})?|" + NUM_WORD + r")"
UNIT = (
    r"(?:\s?(?:%|percent|per cent|x|ms|milliseconds?|s|secs?|seconds?|min(?:ute)?s?|hours?|h"
    r"|days?|weeks?|k|m|mb|gb|tb|megabytes|[kmb]\b))?"
)
QTY = NUM + UNIT

# "from 19% to 2%", "went from about forty minutes to twelve", "0.3% to zero"
FROM_TO = compile(
    r"\bfrom\s+(?:\w+\s+){0,3}?" + QTY + r"\b[^.;!?\n]{0,60}?\b(?:to|down to|up to|->)\s+"
    r"(?:\w+\s+){0,2}?" + QTY,
    I,
)
# "9,000 -> 300", and "~9,000 in the logs last year -> ~300 this year" (words between).
ARROW = compile(QTY + r"[^.;!?\n]{0,40}?(?:->|=>|\u2192)\s*~?(?:\w+\s+){0,2}?" + QTY, I)
# Two figures set against two periods: "nine in October and only one in December", "in the
# spring term we had twelve; this term, two".
_PERIOD = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"spring|summer|autumn|winter|q[1-4]|(?:last|this|that|the next|the following|the previous|"
    r"the first|the second) (?:year|month|quarter|week|term|season|shift|sprint|semester|audit|"
    r"run|cycle)|the (?:year|month|quarter|week|term|season|audit|cycle) (?:before|after))"
)
_NUM_AT_PERIOD = (
    r"(?:\b"
    + NUM
    + r"\b[^.;!?\n]{0,50}?\b"
    + _PERIOD
    + r"|\b"
    + _PERIOD
    + r"\b[^.;!?\n]{0,50}?\b"
    + NUM
    + r")\b"
)
PERIOD_PAIR = compile(_NUM_AT_PERIOD + r"[^.;!?\n]{0,60}?" + _NUM_AT_PERIOD, I)
CHANGE_VERB = words(
    r"dropp(?:ed|ing)", r"fell", r"fall(?:ing)?", r"cut", r"reduc(?:ed|ing)", r"decreas(?:ed|ing)",
    r"improv(?:ed|ing)", r"rose", r"increas(?:ed|ing)", r"shrank", r"grew", r"went down",
    r"went up", r"came down", r"came up", r"got down", r"brought (?:it |them )?down", r"down",
    r"up", r"lower(?:ed)?", r"faster", r"slower", r"sped up",
    r"sav(?:ed|ing)", r"halv(?:ed|ing)", r"trimm(?:ed|ing)", r"shaved", r"climbed", r"gone",
    r"jumped", r"doubled", r"tripled", r"plunged", r"recovered", r"back",
)  # fmt: skip
BY_DELTA = compile(
    r"\b" + CHANGE_VERB + r"\b[^.;!?\n]{0,40}?\b(?:by|of|to|under|below|about)\s+(?:about\s+|"
    r"roughly\s+|around\s+|nearly\s+|almost\s+|over\s+|just\s+)?" + NUM + r"\s?(?:%|percent|x\b"
    r"|ms\b|seconds?|minutes?|hours?|days?|times|points?|pp\b)"
    # "400 ms, down from 4 seconds", "now 2%, up from 0.5%"
    r"|\b" + NUM + UNIT + r",?\s+(?:down|up)\s+from\s+(?:about\s+|roughly\s+|around\s+)?" + NUM
    # "was four outages a year ... after, there were zero": a before/after pair in one stretch
    + r"|\b(?:before|previously|used to (?:be|take|get|have))\b[^!?\n]{0,80}?" + NUM
    + r"\b[^!?\n]{0,120}?\b(?:after(?:wards)?|since|now|today|this time)\b[^.!?\n]{0,60}?"
    r"\b(?:zero|none|no\s\w+|\d[\d,.]*\s?(?:%|percent|x|ms|seconds?|minutes?|hours?|days?)?)",
    I,
)  # fmt: skip
FACTOR = compile(
    r"\b(?:halved|doubled|tripled|quadrupled|cut (?:it |that |them )?in half|by half|"
    + NUM + r"\s?(?:x|times)\s+(?:faster|quicker|fewer|less|more|smaller|cheaper|higher|lower)|"
    r"to zero|down to (?:zero|nothing|none)|zero (?:drops?|errors?|failures?|incidents?|flakes?|"
    r"pages?|outages?|failed \w+|complaints?|tickets?|misses|duplicates?)|"
    r"(?:nearly|almost|roughly|about) (?:doubled|halved|tripled)|an? (?:order of magnitude|"
    r"tenfold|\d+-fold))\b",
    I,
)  # fmt: skip
QUALITATIVE = compile(
    r"\b(?:a lot (?:better|faster|more|less|fewer)|much (?:better|faster|more stable|less|"
    r"fewer|smoother)|significantly|dramatically|way (?:better|faster|down)|went down|improved"
    r"|got better|more (?:stable|reliable)|fewer (?:errors|failures|flakes|issues|complaints)"
    r"|basically (?:gone|stopped)|mostly (?:gone|stopped)|far fewer|noticeably|a big "
    r"(?:improvement|difference)|huge (?:win|improvement|difference)|(?:a lot|much|far|way|"
    r"quite a bit|a fair bit|a little|a bit|slightly|somewhat|loads) (?:[a-z]{2,12}er|more "
    r"[a-z]{3,15}|less [a-z]{3,15})|(?:went|came|was|were|got) (?:down|up) (?:a fair bit|quite a"
    r" bit|a lot|a little|somewhat|loads)|seemed (?:better|faster|quicker|smoother|calmer|happier"
    r"|more [a-z]{3,15}))\b",
    I,
)
# --- business terms ----------------------------------------------------------------------------
# Nouns that make a business word the name of a thing in the system ("the payment files",
# "the customer table"): talking about that thing is not translating a result into business terms.
_SYSTEM_NOUN = (
    r"(?:files?|feeds?|records?|tables?|schemas?|database|db|queues?|jobs?|batch(?:es)?|"
    r"imports?|exports?|importer|exporter|parser|module|library|sdk|endpoints?|ids?|model|"
    r"objects?|fields?|columns?|events?|sync|microservice|repo|codebase|predictions?|scores?|"
    r"features?|dataset)\b"
)
MONEY = compile(
    (
        r"[$£€¥]\s?\d|\b(?:\d[\d,.]{0,12}|"
        + NUM_WORD
        + r")\s?(?:k|m|million|thousand)?\s?(?:dollars"
        r"|usd|eur|euros?|pounds|quid|yen|bucks)\b|\b(?:revenue|cost|costs|costing|spend|spending|"
        r"budget|savings|saved us|bill|"
        r"(?:unpaid|overdue|disputed|paid|held) invoices|money|profit|margin|gmv|arr|mrr|"
        r"payments?(?! (?:provider|migration|system|service|gateway|processor|flow|stack|t"
        r"eam|method|"
        r"page|api|platform|integration|pipeline|code|webhook|" + _SYSTEM_NOUN + r"))|"
        r"refunds?|credits|goodwill|income|donations?|regular giving|earnings|"
        r"chargebacks?|cloud bill|contracts?|deals?|renewals?|fees|cash|overdue|"
        r"write-?offs?|vouchers?|discounts?|paid out|paying out|payouts?|payroll|"
        r"(?:lost|weekly|monthly|extra|more|in|of) sales|sales (?:went|rose|grew|fell|dropped|were|"
        r"up|down)|orders|purchases?|bookings|subscriptions|upsells?|ad spend)\b"
    )
    + r"|"
    + r"\b(?:\d[\d,.]{0,8}|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|twenty|fifty|hundred|few)) ?grand\b|\b(?:fees?|fines?|penalt(?:y|ies)|ove"
    r"rspen\w{1,5}|write-?offs?|refunds?|chargebacks?|invoices? (?:paid|on time)|paid "
    r"(?:on time|faster|sooner)|cash ?flow|margin|sales|takings|donations?)\b",
    I,
)
CUSTOMER = compile(
    (
        r"\b(?:(?:customers?|users?)(?! " + _SYSTEM_NOUN + r")|"
        r"merchants?|shoppers|buyers|patients|riders|drivers|"
        r"candidates|offer acceptance|hiring|new hires|subscribers|members|players|sellers|"
        r"advertisers|claimants|applicants|citizens|donors|supporters|backers|funders|parents|"
        r"families|households|homeowners|farmers|growers|fans|audiences?|(?:fielding|taking|"
        r"answering|getting|handling) (?:\w+ ){0,3}(?:calls|emails|complaints|tickets)|calls from|"
        r"residents|"
        r"students|learners|teachers|lecturers|"
        r"guests|tenants|travell?ers|passengers|viewers|listeners|readers|shops|businesses"
        r"|partners|"
        r"restaurants|clinics|hospitals|nurses|clinicians|doctors|pharmacists|pharmacies|"
        r"account managers|enterprise accounts|(?:biggest|largest|key) accounts|"
        r"churn(?:ed|ing)?(?! " + _SYSTEM_NOUN + r")|"
        r"support (?:tickets?|calls|contacts|load|volume|queue|team|staff|agents|"
        r"costs?|requests)|(?:tickets?|calls|contacts|emails) (?:to|for) support|(?:support|"
        r"customer|seller|user|partner) tickets|complaints?|appeals|helpline|call handlers|"
        r"nps|csat|slas?|conversion|sign-?ups|installs|install (?:rate|conversion|numbers)"
        r"|downloads|"
        r"activations?|"
        r"(?:customer|user|player|seller) retention|retention rate|trust|satisfaction|"
        r"accessibility|screen.?reader|app store|play store|store (?:rating|page)|reviews|ratings?|"
        r"one-star|outages?|downtime|lost orders|cancell?ations?|cancell?ed (?:orders|dinners|"
        r"bookings|subscriptions)|abandon\w{0,4}|contact cent(?:er|re)|call cent(?:er|re)|"
        r"freed up|people's homes|locked out|appointments|deliveries|"
        r"failed deliveries|(?:fastest-growing|new|key|biggest) markets?|market share|"
        r"competitors?|the business|delay(?:ed|s)? (?:departures|flights|orders|shipments|"
        r"deliveries|payouts|payments)|(?:biggest|largest|key|major|top) clients?|"
        r"clients? (?:threatened|"
        r"left|churned|complained|cancell?ed|escalated)|prescriptions|(?:people|folks|everyone|"
        r"someone|families|guests|callers|applicants) (?:couldn't|could not|can't|were "
        r"unable to|weren't able to|kept failing to|were (?:being )?(?:charged|billed|turned away|"
        r"locked|denied|penali[sz]ed)))\b"
    )
    + r"|"
    + r"\b(?:lift|conversion|sign-?ups?|bookings?|orders?|basket|cart|retention|repeat ("
    r"?:visits|customers|orders)|complaints?|guests?|passengers?|students?|pupils?|par"
    r"ents|residents|clients?|donors?|visitors?|callers?|tenants?|families|citizens?|c"
    r"laimants?|applicants?)\b",
    I,
)
TIME_SAVED = compile(
    (
        r"\b(?:(?:engineer(?:ing)?|developer|person|analyst|agent|staff|nurse|clinician|support)"
        r"[- ](?:hours?|days?|weeks?|time)|saved (?:\w+ ){0,3}time|time back|spent waiting|"
        r"(?:hours|days) (?:a|per|each) (?:quarter|year|release|month|term)|month-end close|"
        r"close (?:went|dropped|fell)|hours? (?:a|per|each|every) (?:week|day|month|sprint)|"
        r"days? (?:a|per|of work) (?:week|month|every)|hours? of (?:engineering|developer|manual|"
        r"toil|on-?call|work)|saved (?:the team |us |people |everyone )?(?:about |roughly "
        r"|around )?" + NUM + r"\s(?:hours?|minutes?|days?)|"
        r"(?:developer|engineer|team|people's|everyone's|their) (?:time|productivity|hours)|"
        r"on-?call (?:load|pages|burden)|toil|headcount|workload|onboarding time|time to market|"
        r"waiting time|time saved|productivity|(?:got|gave|giving|get|getting) (?:\w+ ){0,"
        r"5}?(?:time|"
        r"days?|hours|weeks?|mornings?|afternoons?|evenings?) back|(?:days|hours) of (?:\w+ ){0,2}"
        r"(?:work|waiting|effort)|on time|deadlines?|milestones?|daily releases|releases? (?:a|"
        r"per|every) (?:day|week)|lead time|manual (?:work|checks?|effort|review)|"
        r"spen[dt] (?:\w+ ){0,3}(?:minutes|hours|days|weeks|mornings?|afternoons?)"
        r"(?: (?:a|per|every|each) \w+)?|"
        r"site visits|call-?backs|rework|(?:agents|staff|nurses|clinicians|engineers|analysts|"
        r"adjusters|pickers|drivers|teachers|lecturers|accountants|recruiters|ops|support) "
        r"(?:stopped|no longer|didn't have to|no longer had to|don't have to) (?!complain|ask|worr)"
        r"\w+ing)\b"
    )
    + r"|"
    + r"\b(?:(?:a|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?|hours?) (?:so"
    r"oner|earlier|faster|quicker|back)|sooner|earlier than (?:before|planned|usual)|s"
    r"lip(?:ped|page|ping)?|delays?|on time|overtime|(?:moved|freed|put) (?:\w+ ){0,2}"
    r"(?:person|people|staff|nurse|engineer|agent)s? (?:back|up)|got (?:their|an?|\w+)"
    r" (?:\w+ )?(?:back|hours?|afternoons?|evenings?|fridays?|time))\b",
    I,
)
RISK = compile(
    r"\b(?:risk(?! (?:team|teams|model|models|engine|lead|score|scores|scoring|rules?|analysts?"
    r"|department|group|side|pipeline|data))|compliance|audit|regulat\w{0,6}|legal|fined|fines|"
    r"gdpr|"
    r"pci|security (?:incident|breach|hole)|breach|liability|data loss|reputation|lawsuit|"
    r"accreditation|harm|exposure|exposed|sla credits|penalt(?:y|ies))\b",
    I,
)
HAPPY = compile(
    r"\b(?:(?:(?:the |our |their |my )?(?:team|everyone|they|people|my manager|manager|lead|"
    # any group ("the night nurses"), only after a determiner: cheap to rule out elsewhere
    r"leadership|finance|growth|\w+ team)|(?:the|our|their|my) (?:[\w-]+ )?[\w-]+s) "
    r"(?:was|were|seemed|felt) "
    r"(?:really |very |pretty |quite |super )?(?:happy|"
    r"pleased|glad|grateful|thankful|relieved|satisfied|impressed|thrilled|delighted)|it was "
    r"(?:good|great|nice|fine|a huge win|a big win)|(?:things|everything) (?:got|was|were) "
    r"(?:better|good|fine)|so it was good|shout-?out|everyone was pleased|a nice feel-good)\b",
    I,
)

# --- second-order effects ----------------------------------------------------------------------

# The problem statement, background, and reflection: every question's story has them.
PROBLEM = compile(
    r"\b(?:fail\w{0,4}|dropp\w{0,3}|drops|broke|broken|break(?:ing|s)|outages?|errors?|bugs?|"
    r"flak\w{1,6}|slow\w{0,4}|latency|timeouts?|timing out|crash\w{0,4}|leak\w{0,4}|missing|"
    r"lost|losing|stuck|spik\w{1,3}|complain\w{0,4}|incidents?|regress\w{0,5}|problems?|"
    r"issues?|wrong|noticed|silently|discard\w{0,3}|duplicat\w{1,4}|degrad\w{1,5}|"
    r"unreliable|blocked|blocking|paged|pages|alerts? (?:fired|went off)|kept \w+ing|"
    r"didn't work|doesn't work|wasn't working|not working|couldn't|nobody (?:could|knew)|"
    r"painful|pain|frustrat\w{1,6}|confus\w{1,5}|waste\w{0,2}|overrun|blew up|ballooned|"
    r"discrepanc\w{1,3}|mismatch\w{0,3}|inconsisten\w{1,4}|went missing|never (?:reached|arrived|"
    r"made it|showed up|got through)|(?:lower|higher|worse) than (?:expected|it should|what)|"
    r"shortfalls?|shortages?|overdue|"
    # The problem of the other questions: a conflict, a mistake, a deadline, an unclear ask.
    r"conflicts?|clash\w{0,3}|disagree\w{0,4}|argu(?:ed|ing|ments?)|stand-?off|tensions?|"
    r"friction|disputes?|fell out|butt(?:ed|ing) heads|at odds|objected|refused|"
    r"mistakes?|messed up|screwed up|got (?:it|this|that) wrong|my fault|overlooked|botch\w{0,3}|"
    r"deadlines?|due (?:in|by|on|at)|go-?live|launch date|cut-?over|last[- ]minute|"
    r"tight (?:timeline|turnaround|schedule|window)|running out of time|against the clock|"
    r"(?:by|until|before) (?:(?:the )?end of (?:the )?(?:day|week|month)|tomorrow|tonight|"
    r"(?:next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
    r"(?:\d+|an?|one|two|three|four|five|six|ten|few|couple of) (?:hours?|days?|weeks?) (?:"
    r"before|left|away|until|to (?:go|deliver|ship|build|finish|launch|prepare|get it))|"
    r"unclear|vague|ambigu\w{1,5}|undefined|no (?:spec|specs|brief|requirements)|"
    r"(?:nobody|no one) (?:could say|knew what|could tell))\b",
    I,
)
ARCH = compile(
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
    I,
)
REFLECTION = compile(
    (
        r"\b(?:learn(?:ed|t)|lessons?|took away|takeaway|take-?away|taught me|realis\w{1,3}|"
        r"realiz\w{1,3}|in hindsight|looking back|the (?:real|actual|underlying|bigger|deeper|root)"
        r" (?:gap|problem|issue|lesson|cause|failure|risk|reason)|what I(?:'d| would) do "
        r"differently|next time|since then,? I|I now|I've since|changed how I|made me (?:realise|"
        r"realize|see|think)|showed me|stuck with me|my (?:main|biggest) (?:lesson|takeaway)|"
        r"reflect\w{0,4}|i'd (?:now|also)|what I (?:know|understand) now|insights?|took from "
        r"(?:it|this|that)|stuck with me|the thing I (?:realis|realiz|noticed|learn|took)\w{0,4}|"
        r"(?:it|this|that) taught|came away|my (?:main |biggest )?(?:conclusion|observation)|"
        r"stayed with me|struck me|surprised me|what (?:I|I've) (?:find|found) (?:\w+ )?(?:telling|"
        r"interesting|striking|surprising|revealing)|the part (?:that )?I (?:found|find)|t"
        r"he (?:\w+ )"
        r"{0,2}(?:thing|gap|lesson|insight|takeaway|problem|issue|pattern) (?:that )?I (?:"
        r"saw|noticed|"
        r"found|see|took|realis\w{1,3}|realiz\w{1,3}|learn\w{1,2}|keep coming back to)|"
        r"if I did it again|I'd do (?:\w+ ){0,2}differently|these days I|I(?:'ve| have) since|"
        r"the specific thing|(?:it|this) (?:made|makes) me|my view (?:now|since)|the moral|what I "
        r"(?:understood|understand|saw|see|took) (?:from|now|is|away)|I (?:now )?understan"
        r"d|made me "
        r"understand|since then|from then on|ever since|these days|going forward|nowadays|now,? "
        r"(?:when|before|whenever) I|now I (?:always |first |also )?[a-z]{3,12})\b"
    )
    + r"|"
    + r"\b(?:now (?:for|before|when|whenever|if|every|on|i)|(?:first|there|that|this) no"
    r"w|(?:always|usually|first) (?:\w+ ){0,2}now|since that|from that (?:day|point) o"
    r"n|next time|i(?:'ve| have) started|i (?:now )?make (?:a point|sure) (?:of|to))\b",
    I,
)
GENERIC = compile(
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
    I,
)
SYSTEMIC = compile(
    r"\b(?:nobody|no one|no-one|no team|no single|no shared|no clear|no owner|unowned|"
    r"ownership gap|gap between|fell through|fall through|between teams|across teams|"
    r"incentives?|shared (?:slos?|alerts?|owners?|ownership|metrics?|dashboards?|contracts?)|"
    r"slos?|nothing (?:alerted|measured|tracked|checked|caught)|no (?:alert|alerting|monitor\w*"
    r"|dashboard|metric|test|check|contract|runbook|process)|owned by everyone|everyone "
    r"assumed|assumed (?:someone|another|the other)|by default|seams?|boundar\w{1,3}|"
    r"handoffs?|the real (?:gap|problem|issue|cause)|only (?:\w+ ){0,2}(?:measured|tracked|"
    r"checked|tested|looked|saw|counted|showed|reviewed|validated|used)|invisible|blind|"
    r"silent(?:ly)?|quietly|rather than|instead of|never|assum\w{1,3}|every metric|owned by|"
    r"(?:weak|blind) spot|root cause|the real (?:reason|risk|lesson)|no (?:one|body) (?:owned|"
    r"measured|checked|tested|noticed))\b",
    I,
)
PREAMBLE = compile(
    r"\b(?:before I get (?:in)?to (?:the |my )?(?:problem|issue|story|point|actual)|"
    r"for (?:some )?context|(?:a bit of|some|little|quick) (?:background|context)|set the "
    r"scene|background (?:first|on)|to give you (?:some |the )?(?:context|background)|how (?:the"
    r"|our) (?:system|architecture|stack|setup|systems) (?:works|worked|looked|fit)|first,? (?:the"
    r"|a bit about|some) (?:architecture|setup|system)|let me (?:explain|describe|walk you "
    r"through) (?:the|our|how)|context (?:on|about) (?:the|our) (?:company|product|system)"
    r" first|need to set the scene|let me set (?:it|this|things|the scene) up|(?:a bit of |some |"
    r"the )backstory|let me (?:start|begin) with (?:the|some|a bit)|the setup (?:is|was))\b",
    I,
)
