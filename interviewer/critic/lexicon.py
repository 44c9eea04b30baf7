"""Word lists and patterns behind the critic's signals, one named pattern per rubric idea.

Patterns run on the sanitised analysis text (typographic quotes already made ASCII) with
IGNORECASE; every repetition is bounded so scanning stays linear on hostile input.
"""

from __future__ import annotations

import re

I = re.IGNORECASE  # noqa: E741 - short on purpose: used in every pattern below


def words(*alternatives: str) -> str:
    """A non-capturing alternation of regex fragments."""
    return "(?:" + "|".join(alternatives) + ")"


# --- numbers ---------------------------------------------------------------------------------
NUM_WORD = words(
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "a (?:third|quarter|half|dozen)", "half",
    "nothing", "none", "a handful",
)  # fmt: skip
NUM = r"(?:[$£€]\s?)?(?:\d[\d,]{0,12}(?:\.\d{1,6})?|" + NUM_WORD + r")"
UNIT = (
    r"(?:\s?(?:%|percent|per cent|x|ms|milliseconds?|s|secs?|seconds?|min(?:ute)?s?|hours?|h"
    r"|days?|weeks?|k|m|mb|gb|tb|[kmb]\b))?"
)
QTY = NUM + UNIT

# "from 19% to 2%", "went from about forty minutes to twelve", "0.3% to zero"
FROM_TO = re.compile(
    r"\bfrom\s+(?:\w+\s+){0,3}?" + QTY + r"\b[^.;!?\n]{0,60}?\b(?:to|down to|up to|->)\s+"
    r"(?:\w+\s+){0,2}?" + QTY,
    I,
)
ARROW = re.compile(QTY + r"\s*(?:->|=>|\u2192)\s*" + QTY, I)
CHANGE_VERB = words(
    r"dropp(?:ed|ing)", r"fell", r"fall(?:ing)?", r"cut", r"reduc(?:ed|ing)", r"decreas(?:ed|ing)",
    r"improv(?:ed|ing)", r"rose", r"increas(?:ed|ing)", r"shrank", r"grew", r"went down",
    r"went up", r"came down", r"down", r"up", r"lower(?:ed)?", r"faster", r"slower", r"sped up",
    r"sav(?:ed|ing)", r"halv(?:ed|ing)", r"trimm(?:ed|ing)", r"shaved", r"climbed", r"gone",
)  # fmt: skip
BY_DELTA = re.compile(
    r"\b" + CHANGE_VERB + r"\b[^.;!?\n]{0,40}?\b(?:by|of|to|under|below|about)\s+(?:about\s+|"
    r"roughly\s+|around\s+|nearly\s+|almost\s+|over\s+|just\s+)?" + NUM + r"\s?(?:%|percent|x\b"
    r"|ms\b|seconds?|minutes?|hours?|days?|times)",
    I,
)
FACTOR = re.compile(
    r"\b(?:halved|doubled|tripled|cut (?:it |that |them )?in half|by half|" + NUM
    + r"\s?(?:x|times)\s+(?:faster|quicker|fewer|less|more|smaller|cheaper)|to zero|down to "
    r"(?:zero|nothing|none)|zero (?:drops?|errors?|failures?|incidents?|flakes?|pages?))\b",
    I,
)  # fmt: skip
QUALITATIVE = re.compile(
    r"\b(?:a lot (?:better|faster|more|less|fewer)|much (?:better|faster|more stable|less|"
    r"fewer|smoother)|significantly|dramatically|way (?:better|faster|down)|went down|improved"
    r"|got better|more (?:stable|reliable)|fewer (?:errors|failures|flakes|issues|complaints)"
    r"|basically (?:gone|stopped)|mostly (?:gone|stopped))\b",
    I,
)
METRIC_NOUN = re.compile(
    r"\b(?:(?:drop|error|failure|flake|crash|retry|success|hit|miss|bounce|conversion|"
    r"timeout|churn)\s+rates?|p\d{2}(?: latency)?|latency|build times?|run ?times?|deploy times?"
    r"|load times?|page loads?|response times?|queue (?:depth|lag|length)|lag|throughput|"
    r"memory(?: usage)?|cpu|uptime|availability|errors?|failures|flakes|timeouts|"
    r"alerts|pages|incidents|backlog|duration|cold starts?|bundle size)\b",
    I,
)

# --- business terms ----------------------------------------------------------------------------
MONEY = re.compile(
    r"[$£€]\s?\d|\b\d[\d,.]{0,12}\s?(?:k|m|million|thousand)?\s?(?:dollars|usd|eur|euros?|"
    r"pounds)\b|\b(?:revenue|cost|costs|costing|spend|spending|budget|savings?|saved us|bill|"
    r"billing|invoice|money|profit|margin|sales|orders|gmv|arr|mrr|payments?|refunds?|"
    r"chargebacks?|cloud bill|contract|deal|renewal)\b",
    I,
)
CUSTOMER = re.compile(
    r"\b(?:customers?|users?|merchants?|shoppers|buyers|patients|riders|drivers|candidates|"
    r"offer acceptance|hiring|new hires|"
    r"subscribers|members|players|sellers|advertisers|claimants|students|teachers|guests|"
    r"tenants|travell?ers|passengers|viewers|listeners|readers|shops|businesses|"
    r"churn(?:ed|ing)?|support (?:tickets?|calls|contacts|load|volume|queue|team|staff|agents)|"
    r"(?:support|customer|seller|user) tickets|complaints?|nps|csat|sla|slas|conversion|sign-?ups|"
    r"(?:customer|user|player|seller) retention|retention rate|trust|renewals?|"
    r"accessibility|screen.?reader|app store|reviews|ratings?|outages?|downtime|lost orders|"
    r"abandon\w{0,4}|contact cent(?:er|re)|call cent(?:er|re)|freed up|people's homes)\b",
    I,
)
TIME_SAVED = re.compile(
    r"\b(?:(?:engineer(?:ing)?|developer|person|analyst|agent|staff)[- ](?:hours?|days?|weeks?)|"
    r"saved (?:\w+ ){0,3}time|time back|spent waiting|(?:hours|days) (?:a|per|each) (?:quarter|"
    r"year|release|month)|month-end close|close (?:went|dropped|fell)|hours? (?:a|per|"
    r"each|every) (?:week|day|month|sprint)|days? (?:a|per) (?:week|month)|hours? of "
    r"(?:engineering|developer|manual|toil|on-?call)|saved (?:the team |us |people |everyone )?"
    r"(?:about |roughly |around )?" + NUM + r"\s(?:hours?|minutes?|days?)|"
    r"(?:developer|engineer|team|people's|everyone's) (?:time|productivity|hours)|"
    r"on-?call (?:load|pages|burden)|toil|headcount|onboarding time|time to market|"
    r"waiting time|time saved|productivity)\b",
    I,
)
RISK = re.compile(
    r"\b(?:risk|compliance|audit|regulat\w{0,6}|legal|fines?|gdpr|pci|security (?:incident|"
    r"breach|hole)|breach|liability|data loss|reputation|lawsuit)\b",
    I,
)
HAPPY = re.compile(
    r"\b(?:(?:the )?(?:team|everyone|they|people|my manager|manager|lead) (?:was|were|seemed|"
    r"felt) (?:really |very |pretty |quite )?(?:happy|pleased|glad|grateful|thankful|relieved|"
    r"satisfied|impressed)|it was (?:good|great|nice|fine)|(?:things|everything) (?:got|"
    r"was|were) (?:better|good|fine)|so it was good)\b",
    I,
)

# --- second-order effects ----------------------------------------------------------------------
SECOND_ORDER = re.compile(
    r"\b(?:adopt(?:ed|ing|ion|s)?|became (?:the |a |our |their )?(?:standard|default|template|"
    r"norm|pattern|baseline|go-to|reference)|(?:is|are) now (?:the )?(?:standard|default|used|"
    r"required|part of)|now (?:used|required|runs?|part of|standard|uses?|maintains?|owns?|"
    r"declares?|blocks?|fails?|checks?|alerts?|gets?|requires?)|(?:other|several|multiple|two|"
    r"three|four|five|\d+|more|all|many|sister|neighbou?ring) (?:other |more |\w+ )?(?:teams|"
    r"squads|services|repos|repositories|orgs|products|apps|pipelines)|rolled (?:it |this |"
    r"that )?out (?:to|across)|(?:required|mandatory|blocking|default) (?:check|step|review|"
    r"gate|alert)|process (?:change|changes)|(?:new|changed the) (?:policy|process|standard|"
    r"convention)|prevent(?:s|ed|ing)? (?:future|similar|the same|another|recurr\w{0,5}|this "
    r"class|it from (?:happening|recurring))|(?:hasn't|has not|never) (?:happened|recurred|"
    r"come back) (?:again|since)|(?:org|company|department)-wide|across the (?:org|"
    r"organi[sz]ation|company|department)|reus(?:ed|ing)|copied (?:it|my|the|our|this)|"
    r"(?:since|ever) then|(?:since )?(?:caught|flagged) (?:\w+ ){0,2}(?:more|other|similar)|"
    r"mandatory|requires? every|for every (?:new|future) \w+|for every (?:\w+ )?(?:service|"
    r"team|host|pipeline|repo|change|release|consumer|component|deploy|pr|migration|rule)|"
    r"every new|by default|applied the same|(?:the )?same (?:\w+ ){0,2}(?:approach|pattern|"
    r"check|fix|test|tool|technique|method|script|lookup|process|library|format|profile|"
    r"standard|system) (?:to|for|on|across|in)|changed (?:their|"
    r"our|the) (?:process|policy|review|rules?|checklist)|added (?:an? |the |my )?[\w-]{1,30}"
    r" (?:test|check|alert|step|gate|report) to (?:their|our|the)|other (?:services|products|"
    r"regions|apps|pipelines)|(?:their|our|the|its) other (?:\w+ ){0,2}(?:jobs|services|"
    r"systems|teams|repos|apps|pipelines|products|clusters|libraries)|(?:then|also|later|since|"
    r"afterwards|after that|now)[ ,]{1,2}(?!I\b)(?:(?:the )?[\w-]{1,30} ){0,3}(?:added|made|"
    r"introduced|set up|created|extended|removed|required|started|changed|rolled out|adopted|"
    r"applied|used|turned|reviewed|rebuilt|moved|assigned|runs?|uses?|built|wrote|put|switched|"
    r"migrated|standardi[sz]ed)|for any new|every [\w-]{1,30} (?:in|across) the|required for "
    r"(?:new|every|all)|(?:won't|shouldn't|can't|cannot|doesn't|never) (?:\w+ ){0,4}again|"
    r"to (?:their |the )?ci\b|ci check|blocks? (?:any|every)|introduced|formal (?:path|"
    r"process)|every (?:\w+ ){0,2}(?:they|we) own)\b",
    I,
)
# Artefacts that often carry a second-order effect but also appear as plain background.
SECOND_ORDER_NOUN = re.compile(
    r"\b(?:runbook|playbook|checklist|template|guideline|style guide|lint rule|linter|"
    r"pre-?commit|wiki page|standard practice|postmortem|post-mortem|onboarding)s?\b",
    I,
)

# --- scope boundary ----------------------------------------------------------------------------
TEAM_WORD = (
    r"(?:team|teams|group|squad|org|department|service|code|codebase|component|"
    r"system|library|repo|repository|pipeline|area|project|module|problem|job|responsibility)"
)
NOT_ME = r"(?!me\b|my\b|us\b|our\b|myself\b|mine\b)"
OUTSIDE = re.compile(
    r"\b(?:(?:was ?n[o']t|is ?n[o']t|were ?n[o']t|are ?n[o']t|not|never|none of (?:it|this|"
    r"that|them) (?:was|is|were)) (?:really |even |strictly |technically |exactly )?(?:my|our|"
    r"mine|ours)\b(?: (?:own )?(?:team'?s?|team's|\w+))?|not mine|(?:owned|maintained|run|"
    r"built|managed|looked after|operated) by " + NOT_ME + r"(?!hand\b|default\b|design\b|"
    r"accident\b|a script\b|cron\b)(?:\w+[- ]){0,3}\w+|belong(?:ed|s|"
    r"ing)? to " + NOT_ME + r"(?:\w+[- ]){0,3}\w+|(?:another|a different|a separate|other|"
    r"someone else's|somebody else's) (?:team|group|squad|org|department|engineer)(?:'s)?|"
    r"outside (?:of )?(?:my|our) (?:own )?(?:team|remit|area|scope|lane|ownership|org|"
    r"responsibilit\w{0,3}|code|domain)|(?:their|the \w+ team's) (?:code|service|system|"
    r"library|repo|pipeline|component|codebase|suite|tool|script|document|config)|(?:none|"
    r"nothing) of (?:my|our) (?:business|code|concern)|wasn't (?:even )?on my team|cross-team|"
    r"(?:wasn't|was not|isn't|is not|weren't) (?:really )?(?:anyone's|anybody's|my team's|"
    r"our team's)|(?:their|the other team's) (?:territory|turf|domain|area))\b",
    I,
)
UNASSIGNED = re.compile(
    r"\b(?:no (?:ticket|jira|task|one had asked|one asked|one owned|owner|assignment)|"
    r"(?:nobody|no one|no-one) (?:had |was )?(?:filed|opened|raised|created|logged|written|had)"
    r" (?:a |any |an )?(?:ticket|jira|task|issue|bug)|(?:nobody|no one) (?:had )?(?:picked|"
    r"looked|noticed|flagged|reported|raised|filed)|(?:not|wasn't|isn't) my job|"
    r"(?:nobody|no one|no-one|noone) (?:had )?(?:\w+ ){0,2}(?:asked|assigned|owned|told|"
    r"tracked|was (?:looking|working|assigned|addressing|tracking))|(?:wasn't|was not|"
    r"never|weren't|not) (?:been )?(?:asked|assigned|told)|without (?:being|anyone) (?:asked|"
    r"asking|assigned)|unassigned|(?:wasn't|was not|not) on (?:my|our|anyone's|any|their|the)"
    r" (?:\w+ )?(?:roadmap|sprint|board|backlog|plan|okrs?|list|radar)|(?:not|wasn't|isn't) "
    r"(?:part of )?(?:my|our) (?:job|role|remit|responsibility|area)|on my own (?:time|"
    r"initiative)|of my own accord|nobody's (?:job|problem|priority)|no formal assignment|"
    r"in between (?:my )?(?:sprint )?(?:work|tasks)|side project|20% time)\b",
    I,
)
ASSIGNED = re.compile(
    r"\b(?:(?:my |our |the )?(?:manager|lead|tech lead|team lead|boss|director|em|pm|skip|vp|"
    r"cto)\b[^.!?\n]{0,30}?\b(?:asked|told|assigned|gave|put|wanted|had|handed|tasked|picked|"
    r"chose|pulled|sent)\s(?:me|us|it to me|this to me|the task)|(?:i|we) (?:was|were|got|"
    r"had been|have been) (?:\w+ )?(?:assigned|asked|tasked|told|given)|(?:manager|lead|boss|"
    r"director) (?:\w+ ){0,2}(?:assigned|gave|handed|passed|forwarded) (?:\w+ ){0,3}to (?:me|"
    r"us)\b|(?:assigned|given) "
    r"(?:to me|me)|(?:ticket|task|story|epic) (?:was |got )?(?:assigned|given) to (?:me|us)|"
    r"(?:my|our) (?:sprint|quarter)'?s? (?:ticket|task|goal|okr)|(?<!nobody )(?<!no one )"
    r"(?<!never )(?<!had )(?<!hadn't )(?<!wasn't )(?<!not )asked (?:me|us|a few of us|some of "
    r"us|a couple of us|two of us|our team|my team) to|(?:pulled|roped|brought|looped) (?:me|us)"
    r" in|landed on my plate|(?:i|we) (?:was|were|got) put on|(?:my|our|the) (?:manager|lead|"
    r"team lead) (?:wanted|needed) (?:someone|a volunteer|me)|it was (?:on )?(?:my|our) "
    r"(?:ticket|task|sprint|okr|roadmap))\b",
    I,
)
OWN_TEAM = re.compile(
    r"\b(?:(?:our|my) (?:own )?(?:team's )?(?:service|system|code|codebase|pipeline|app|"
    r"component|module|repo)|(?:my|our) team (?:owned|owns|maintained|ran|built)|(?:i|we) "
    r"(?:owned|own|maintained|maintain) (?:the|it|that))\b",
    I,
)

# --- people and actions ------------------------------------------------------------------------
HANDOFF_VERB = words(
    "told", "pinged", "flagged", "escalated", "reported", "filed", "raised", "sent",
    "messaged", "mentioned", "notified", "emailed", "informed", "forwarded", "posted",
    "dropped a note", "let them know", "let (?:the )?\\w+ (?:team )?know", "opened a ticket",
    "created a ticket", "logged a ticket", "asked them", "slacked", "brought it up",
)  # fmt: skip
IRREGULAR = words(
    "built", "wrote", "rewrote", "found", "made", "ran", "reran", "took", "brought", "led",
    "put", "kept", "gave", "got", "drove", "dug", "began", "chose", "spent", "held", "sat",
    "met", "split", "cut", "shut", "caught", "sought", "taught", "rebuilt", "won", "spun",
    "set", "did", "went", "read", "undertook", "proposed", "fixed", "shipped", "traced",
    "debugged", "profiled", "measured", "reproduced", "patched", "owned", "drafted", "added",
    "removed", "pulled", "opened", "merged", "paired", "sketched", "designed", "analy[sz]ed",
    "investigated", "wrapped", "moved", "replaced", "switched", "deleted", "migrated",
    "figured", "benchmarked", "scripted", "automated", "tested", "grouped", "checked",
    "convinced", "scheduled", "organi[sz]ed", "coordinated", "handled", "resolved",
    "looked into", "picked it up", "took care", "sorted",
)  # fmt: skip
STATIVE = words(
    "was", "were", "am", "is", "are", "had", "have", "has", "felt", "thought", "knew",
    "learned", "learnt", "realised", "realized", "wanted", "needed", "liked", "loved",
    "hoped", "seemed", "guess", "think", "believe", "noticed", "saw", "heard", "wondered",
    "used", "would", "could", "should", "didn't", "did not", "do", "don't", "can", "will",
    "might", "must", "may", "took away", "agreed", "decided", "tried", "started",
)  # fmt: skip
ADVERB = (
    r"(?:(?:also|then|just|finally|eventually|quickly|personally|first|later|actually|"
    r"immediately|basically|together|all|both|carefully|simply|even|only|instead|and)\s+){0,2}"
)
SUBJECT = {
    "i": r"\bI",
    "we": r"\b(?:we|together we|our team|my team and I|the team and I|me and \w+)",
    "they": r"\b(?:they|he|she|(?:the|their|our|that) (?:\w+[- ]){0,2}(?:team|folks|engineers|"
    r"devs|developers|on-?call|owners?|maintainers?|lead|squad|group))",
}
FIX_BY_OTHERS = re.compile(
    SUBJECT["they"] + r"\s+" + ADVERB + r"(?:fixed|handled|resolved|looked into|picked (?:it|"
    r"this|that) up|took care|sorted|patched|investigated|took over|took it from there|found"
    r" the (?:root )?cause|dealt with|addressed|solved|debugged|rolled out a fix|shipped a fix"
    r"|implemented)",
    I,
)
# Writing or opening a report/ticket is not building a fix: "I wrote up a bug report",
# "I opened a ticket", "I brought it up" are routing, so those objects are excluded.
_NOT_A_FIX = (
    r"(?!\s+(?:up\b|it up\b|(?:a|an|the|my|our)\s+(?:\w+\s+){0,2}(?:ticket|bug report|report|"
    r"issue|jira|summary|doc|document|note|message|email|slack|write-?up|post|thread|request|"
    r"incident|case|complaint|list)\b|(?:it|this|that)\s+(?:up|to (?:their|the) attention)))"
)
FIX_VERB = (
    r"(?:built|wrote|rewrote|fixed|patched|shipped|opened|brought|prepared|submitted|"
    r"implemented|added|put together|drafted|raised a (?:pr|pull request)|created a (?:pr|"
    r"pull request|fix|patch)|changed|"
    r"updated|refactored|deployed|replaced|removed|wired|coded|made the (?:fix|change))"
)
DRIVE_FIX = re.compile(r"\bI\s+" + ADVERB + FIX_VERB + r"\b" + _NOT_A_FIX, I)
DRIVE_FIX_COORD = re.compile(
    r"\bI\s+[^.;!?\n]{0,80}?\b(?:but|and|then|so)\s+(?:also\s+|then\s+|instead\s+)?"
    + FIX_VERB
    + r"\b"
    + _NOT_A_FIX,
    I,
)
# Coordinated actions after an "I" subject: "I read the config, found the key, wrote a fix".
I_COORD = re.compile(
    r"(?:,\s{0,3}(?:and\s+|then\s+)?|\band\s+(?:then\s+)?|\bthen\s+)(?:also\s+)?(?:" + IRREGULAR
    + r"|[a-z]{2,20}ed)\b(?=\s+(?:the|a|an|it|that|this|their|my|our|every|each|all|up|out|"
    r"through|with|to|them|its|some|both|two|three|four|\d))",
    I,
)  # fmt: skip
PREAMBLE = re.compile(
    r"\b(?:for (?:some )?context|(?:a bit of|some|little|quick) (?:background|context)|set the "
    r"scene|background (?:first|on)|to give you (?:some )?(?:context|background)|how (?:the|our) "
    r"(?:system|architecture|stack|setup) (?:works|worked|looked)|first,? (?:the|a bit about|"
    r"some) (?:architecture|setup|system)|let me (?:explain|describe|walk you through) (?:the|"
    r"our|how))\b",
    I,
)
# "I flagged it to their lead but brought a complete, tested fix": the fix verb is coordinated
# with an earlier "I" in the same sentence.
DRIVE_FIX_COORD = re.compile(
    r"\bI\s+[^.;!?\n]{0,80}?\b(?:but|and|then|so)\s+(?:also\s+|then\s+|instead\s+)?(?:built|"
    r"wrote|rewrote|fixed|patched|shipped|opened|brought|prepared|submitted|implemented|"
    r"put together|drafted|traced|debugged|reproduced|tested)\b",
    I,
)
TESTED = re.compile(
    r"\b(?:tests?|tested|test coverage|unit tests?|regression tests?|integration tests?|"
    r"documentation|docs|documented|runbook|ready[- ]to[- ]merge|reviewed|rollback plan|"
    r"feature flag|canary|staging|benchmarks?|reproduc\w{0,6}|replay\w{0,3}|prov(?:e|ed|ing)|"
    r"verif\w{1,6}|validat\w{1,6}|sandbox|dry[- ]run|load[- ]test\w{0,3}|simulat\w{1,6}|"
    r"ran (?:it|both|them|the \w+) against|bench results|test matrix|harness)\b",
    I,
)
