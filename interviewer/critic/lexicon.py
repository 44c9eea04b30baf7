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
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "a (?:third|quarter|half|dozen)", "half",
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
ARROW = compile(QTY + r"\s*(?:->|=>|\u2192)\s*" + QTY, I)
CHANGE_VERB = words(
    r"dropp(?:ed|ing)", r"fell", r"fall(?:ing)?", r"cut", r"reduc(?:ed|ing)", r"decreas(?:ed|ing)",
    r"improv(?:ed|ing)", r"rose", r"increas(?:ed|ing)", r"shrank", r"grew", r"went down",
    r"went up", r"came down", r"down", r"up", r"lower(?:ed)?", r"faster", r"slower", r"sped up",
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
    r"(?:improvement|difference)|huge (?:win|improvement|difference))\b",
    I,
)
METRIC_NOUN = compile(
    r"\b(?:(?:drop|error|failure|flake|crash|retry|success|hit|miss|bounce|conversion|"
    r"timeout|churn)\s+rates?|p\d{2}(?: latency)?|latency|build times?|run ?times?|deploy times?"
    r"|load times?|page loads?|response times?|queue (?:depth|lag|length)|lag|throughput|"
    r"memory(?: usage)?|cpu|uptime|availability|errors?|failures|flakes|timeouts|"
    r"alerts|pages|incidents|backlog|duration|cold starts?|bundle size)\b",
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
    r"[$£€¥]\s?\d|\b(?:\d[\d,.]{0,12}|" + NUM_WORD + r")\s?(?:k|m|million|thousand)?\s?(?:dollars"
    r"|usd|eur|euros?|pounds|quid|yen|bucks)\b|\b(?:revenue|cost|costs|costing|spend|spending|"
    r"budget|savings|saved us|bill|"
    r"(?:unpaid|overdue|disputed|paid|held) invoices|money|profit|margin|gmv|arr|mrr|"
    r"payments?(?! (?:provider|migration|system|service|gateway|processor|flow|stack|team|method|"
    r"page|api|platform|integration|pipeline|code|webhook|" + _SYSTEM_NOUN + r"))|"
    r"refunds?|credits|goodwill|income|donations?|regular giving|earnings|"
    r"chargebacks?|cloud bill|contracts?|deals?|renewals?|fees|cash|overdue|"
    r"write-?offs?|vouchers?|discounts?|paid out|paying out|payouts?|payroll|"
    r"(?:lost|weekly|monthly|extra|more|in|of) sales|sales (?:went|rose|grew|fell|dropped|were|"
    r"up|down)|orders|purchases?|bookings|subscriptions|upsells?|ad spend)\b",
    I,
)
CUSTOMER = compile(
    r"\b(?:(?:customers?|users?)(?! " + _SYSTEM_NOUN + r")|"
    r"merchants?|shoppers|buyers|patients|riders|drivers|"
    r"candidates|offer acceptance|hiring|new hires|subscribers|members|players|sellers|"
    r"advertisers|claimants|applicants|citizens|donors|supporters|backers|funders|parents|"
    r"families|households|homeowners|farmers|growers|fans|audiences?|(?:fielding|taking|"
    r"answering|getting|handling) (?:\w+ ){0,3}(?:calls|emails|complaints|tickets)|calls from|"
    r"residents|"
    r"students|learners|teachers|lecturers|"
    r"guests|tenants|travell?ers|passengers|viewers|listeners|readers|shops|businesses|partners|"
    r"restaurants|clinics|hospitals|nurses|clinicians|doctors|pharmacists|pharmacies|"
    r"account managers|enterprise accounts|(?:biggest|largest|key) accounts|"
    r"churn(?:ed|ing)?(?! " + _SYSTEM_NOUN + r")|"
    r"support (?:tickets?|calls|contacts|load|volume|queue|team|staff|agents|"
    r"costs?|requests)|(?:tickets?|calls|contacts|emails) (?:to|for) support|(?:support|"
    r"customer|seller|user|partner) tickets|complaints?|appeals|helpline|call handlers|"
    r"nps|csat|slas?|conversion|sign-?ups|installs|install (?:rate|conversion|numbers)|downloads|"
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
    r"locked|denied|penali[sz]ed)))\b",
    I,
)
TIME_SAVED = compile(
    r"\b(?:(?:engineer(?:ing)?|developer|person|analyst|agent|staff|nurse|clinician|support)"
    r"[- ](?:hours?|days?|weeks?|time)|saved (?:\w+ ){0,3}time|time back|spent waiting|"
    r"(?:hours|days) (?:a|per|each) (?:quarter|year|release|month|term)|month-end close|"
    r"close (?:went|dropped|fell)|hours? (?:a|per|each|every) (?:week|day|month|sprint)|"
    r"days? (?:a|per|of work) (?:week|month|every)|hours? of (?:engineering|developer|manual|"
    r"toil|on-?call|work)|saved (?:the team |us |people |everyone )?(?:about |roughly |around )?"
    + NUM
    + r"\s(?:hours?|minutes?|days?)|"
    r"(?:developer|engineer|team|people's|everyone's|their) (?:time|productivity|hours)|"
    r"on-?call (?:load|pages|burden)|toil|headcount|workload|onboarding time|time to market|"
    r"waiting time|time saved|productivity|(?:got|gave|giving|get|getting) (?:\w+ ){0,5}?(?:time|"
    r"days?|hours|weeks?|mornings?|afternoons?|evenings?) back|(?:days|hours) of (?:\w+ ){0,2}"
    r"(?:work|waiting|effort)|on time|deadlines?|milestones?|daily releases|releases? (?:a|"
    r"per|every) (?:day|week)|lead time|manual (?:work|checks?|effort|review)|"
    r"spen[dt] (?:\w+ ){0,3}(?:minutes|hours|days|weeks|mornings?|afternoons?)"
    r"(?: (?:a|per|every|each) \w+)?|"
    r"site visits|call-?backs|rework|(?:agents|staff|nurses|clinicians|engineers|analysts|"
    r"adjusters|pickers|drivers|teachers|lecturers|accountants|recruiters|ops|support) "
    r"(?:stopped|no longer|didn't have to|no longer had to|don't have to) (?!complain|ask|worr)"
    r"\w+ing)\b",
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
_GROUP = (
    r"(?:teams|squads|services|repos|repositories|orgs|products|apps|pipelines|apis|sites|"
    r"regions|markets|clinics|games|studios|projects|platforms|models|features|screens|jobs|"
    r"systems|clusters|libraries|integrations|partners|offices|warehouses|stores|countries|"
    r"languages|domains|queues|endpoints|tools|departments|hospitals|schools|workflows|"
    # other units of an organisation
    r"branches|divisions|business units|labs|plants|factories|depots|wards|practices|centres|"
    r"centers|helplines|chapters|districts|franchises|campuses|agencies|councils|facilities|"
    r"stations|locations)"
)
_ARTEFACT = (
    r"(?:approach|pattern|check|fix|test|tool|technique|method|script|lookup|process|library|"
    r"format|profile|standard|system|job|monitor|dashboard|alert|gate|template|guide|config|"
    r"setting|headers?|module|scanner|report|replay|simulation|lint|rule|rubric|doc|playbook)"
)
SECOND_ORDER = compile(
    # adoption and reuse by others
    r"\b(?:adopt(?:ed|ing|ion|s)?|reus(?:ed|ing|es)|copied (?:it|my|the|our|this|that)|borrowed|"
    r"(?:picked|took) up (?:my|our|the|that|this) \w+|"
    r"(?:took|turned|made|extended|expanded|generali[sz]ed|rolled|applied|ported|promoted|"
    r"folded|built|carried|moved|incorporated|integrated|wired|baked) (?:my|our|the|that|this|"
    r"it|them)\b[^.;!?\n]{0,50}?\b(?:into|to|across|for|"
    r"onto|out to) (?:all|every|each|any|other|their|the rest|\d+|several|many|the whole|"
    r"an? (?:general|org|company|standard|option|official|default|shared))|"
    r"(?:runs?|uses?|used|ran|watches|applies|relies on) (?:my|our) (?:\w+[- ]){0,2}" + _ARTEFACT
    + r"|(?:switched|turned) it on|"
    r"(?:other|several|multiple|two|three|four|five|six|\d+|more|all|many|sister|neighbou?ring|"
    r"dozens of|hundreds of) (?:other |more |[\w-]+ )?"
    + _GROUP + r"\b(?! (?:were|was) (?:affected|broken|failing))|"
    # standards, defaults, gates and process changes
    r"became (?:the |a |our |their )?(?:standard|default|template|norm|pattern|baseline|go-to|"
    r"reference|official)|(?:is|are) now (?:the )?(?:standard|default|used|required|part of|"
    r"mandatory|a (?:gate|requirement|standard|default))|"
    r"(?:as|into|is) (?:the|a|their|our) (?:\w+ ){0,2}(?:template|standard|default|baseline|"
    r"blueprint|reference)|"
    r"(?:required|mandatory|blocking|default|release) (?:check|step|review|gate|alert|"
    r"requirement|checklist)|process (?:change|changes)|(?:new|changed the) (?:policy|process|"
    r"standard|convention|rule)|"
    r"(?:to|in|into|on|onto) (?:their|the|our|its|every) (?:\w+[- ]){0,3}(?:runbook|checklist|"
    r"playbook|template|release process|review process|onboarding|ci|pipeline|style guide|"
    r"compliance report|launch review|definition of done|test plan|acceptance \w+|standards?|"
    r"guidelines?|policy|dashboards?|review)s?\b|"
    r"(?:follow|follows|use|uses|run|runs|apply|applies) (?:it|them|this|that) (?:now|too|as "
    r"well)|(?:applied|used|reused|copied|extended|brought|rolled out|adopted) the same \w+|"
    r"(?:moved|switched|migrated|converted|put) (?:all|every|each) (?:of (?:their|the) )?\w+|"
    r"every (?:[\w-]{1,30} ){1,3}(?:in|across) the (?:org|organi[sz]ation|company|wiki|codebase|"
    r"fleet|"
    r"estate|repo|monorepo|platform|department|group)|for (?:all |every |any )?future \w+|"
    r"(?:made|make|making) (?:it|this|that|them) (?:a |the )?(?:gate|standard|default|"
    r"requirement|mandatory|required|part of|rule|policy)|made (?:[\w-]+ ){1,4}(?:mandatory|"
    r"required|the default|(?:a |the )?standard|a requirement|a gate)|"
    # prevention and reach to future work
    r"prevent(?:s|ed|ing)? (?:future|similar|the same|another|recurr\w{0,5}|this class|it from "
    r"(?:happening|recurring))|(?:hasn't|has not|never|haven't) (?:happened|recurred|come back|"
    r"been (?:a problem|an issue)) (?:again|since)|"
    r"(?:won't|shouldn't|can't|cannot|doesn't|never|couldn't) (?:\w+ ){0,4}(?:again|back|"
    r"silently|recur)|so the next (?:\w+ ){0,4}(?:can't|won't|gets?|is|will)|"
    r"caught (?:\w+ ){0,5}(?:before|since)|(?:has|have) (?:since )?caught|"
    r"(?:org|company|department|fleet)-wide|across the (?:org|organi[sz]ation|company|department|"
    r"board|fleet|estate)|"
    r"for (?:every|any|all) (?:new|future|other) \w+|(?:for|on|across|before|against|in) "
    r"(?:every|any|all) (?:\w+ ){0,2}(?:service|team|host|pipeline|repo|change|release|consumer|"
    r"component|deploy|pr|migration|rule|model|feature|index|job|document|screen|title|site|"
    r"warehouse|form|integration|os beta|event|campaign|date|dictionary|partner|project)s?|"
    r"every new|for any new|required for (?:new|every|all)|"
    r"(?:the )?same (?:\w+ ){0,2}" + _ARTEFACT + r" (?:to|for|on|across|in)|"
    r"changed (?:their|our|the) (?:process|policy|review|rules?|checklist)|"
    r"added (?:an? |the |my )?[\w-]{1,30} (?:test|check|alert|step|gate|report|lint|panel) to "
    r"(?:their|our|the)|"
    r"(?:\b(?-i:[A-Z])[\w-]{1,20}|team|group|they|squad|department|security|finance|legal|support|"
    r"marketing|platform|ops|it|leadership) (?:now|since|has since|have since) (?:\w+ ){0,2}?"
    r"(?:runs?|uses?|watches|owns?|maintains?|requires?|blocks?|checks?|reviews?|pages?|gates?|"
    r"applies|tracks?|includes?|monitors?|ships?|schedules?|treats?|alerts?)|"
    r"now (?:used|required|runs? on|part of|standard|maintained|owned)|"
    r"(?-i:[A-Z])[\w-]+(?: [\w-]+)? (?:now|also|then|since) (?:\w+ly )?(?!is\b|was\b|has\b)"
    r"[a-z]{3,20}s (?:every|all|any|each|my|our|the same)\b|now [a-z]{3,20}s (?:every|all|any|"
    r"each)\b|(?:later|since|also) (?:covered|covers|extended to|spread to)|"
    r"ci (?:check|lint|gate)|to (?:their |the )?ci\b|blocks? (?:any|every)|formal (?:path|"
    r"process)|every (?:\w+ ){0,2}(?:they|we) own|still (?:use|uses|used|running|runs) (?:it|"
    r"my|our|that)|(?:a|an) (?:general|shared) (?:\w+ ){0,2}" + _ARTEFACT + r"|"
    r"which they still use|rolled (?:it |this |that )?out (?:to|across)|"
    r"(?:the )?same (?:class|kind|type|family) of (?:bug|issue|problem|incident|failure|error)s?|"
    r"(?:became|become|is now|are now|made it) (?:a )?part of|part of (?:the|their|our|every) "
    r"(?:\w+ ){0,2}(?:onboarding|process|checklist|standard|template|review|pipeline|ci|"
    r"definition|playbook|runbook|toolkit)|(?:reach|hit|get (?:in)?to) production (?:again|"
    r"anymore)|"
    # "Then the platform team added ...": someone else acting on it after the fix
    r"(?:then|also|later|afterwards|after that|since then|now)[ ,]{1,2}(?!I\b|we\b|it\b)"
    r"(?:(?:the )?[\w-]{1,30} ){0,3}(?:added|introduced|set up|extended|required|rolled out|"
    r"adopted|applied|standardi[sz]ed|mandated|made|changed|turned|took (?:my|our) \w+|moved|"
    r"created|removed|reviewed|rebuilt|built|wrote|put|switched|migrated|assigned|(?:runs?|uses?|"
    r"holds?|requires?|treats?|owns?|maintains?|schedules?|checks?|blocks?|includes?)(?= (?:a|an|"
    r"the|it|every|all|each|my|our|their|this|that|its|\d)\b))\b(?! (?:arriving|working|loading|"
    r"to work|back to))|"
    r"(?:hasn't|haven't|has not|never) (?:\w+ ){0,2}(?:happened|recurred|come back|broken) "
    r"(?:again|since))\b",
    I,
)  # fmt: skip
# Artefacts that often carry a second-order effect but also appear as plain background.
SECOND_ORDER_NOUN = compile(
    r"\b(?:runbook|playbook|checklist|template|guideline|style guide|lint rule|linter|"
    r"pre-?commit|wiki page|standard practice|postmortem|post-mortem|onboarding)s?\b",
    I,
)
