"""Cues every question shares: numbers and changes, business terms, reflection, the problem
statement, background, hedges and buzzwords.

A cue is only a place to look. What it is worth is decided by the trained models, from where
it stands in the sentence's grammar: who the actor of its clause is, whether the clause is
negated or hedged, and whether it comes in the result part of the answer. Question-specific cues
(the leadership question's scope boundary, say) live in that question's pack.
"""

from __future__ import annotations

from interviewer.critic import lexicon as lx
from interviewer.critic.lexicon import NUM, UNIT, I, compile

_ANY_NUMBER = compile(
    r"(?:[$£€¥]\s?\d|\b\d[\d,]{0,12}(?:\.\d{1,6})?\s?(?:%|percent|per cent|x\b|k\b)?|\b(?:zero|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|dozen)\b)",
    I,
)
# A number set against another time: "zero failures in six weeks against five the quarter
# before", "cut deployment time by ninety percent", "three times fewer", "none since".
_COMPARE = compile(
    r"\b(?:against|versus|vs\.?|compared (?:with|to)|(?:down|up) from|than (?:before|the "
    r"(?:year|month|quarter|week|term|season) before|last (?:year|month|quarter|week|term))|"
    r"(?:fewer|less|more|lower|higher|faster|slower|cheaper) than|(?:by|of) (?:about |roughly |"
    r"nearly |almost |over |around )?" + NUM + r"\s?(?:%|percent|per cent|points?|pp\b|times|x\b)"
    r"|(?:none|zero|no \w+|not (?:a single|one)) (?:since|after|afterwards|in the \w+ (?:weeks?|"
    r"months?)|for (?:the (?:next|last) )?\w+ (?:weeks?|months?|days?))|"
    + NUM
    + UNIT
    + r" (?:before|after|afterwards|previously|now|instead)|(?:went|dropped|fell|rose|came "
    r"down|climbed|grew|shrank) to " + NUM + r")\b",
    I,
)
HEDGE = compile(
    r"\b(?:maybe|perhaps|probably|possibly|hopefully|i (?:think|guess|believe|suppose|assume|"
    r"imagine|hope)|kind of|sort of|seemed|seems|might|could have|i'm not sure|not sure|"
    r"apparently|supposedly|in theory|it's possible|a fair bit|a bit|somewhat|roughly "
    r"speaking|i'd say|more or less)\b",
    I,
)
# Taking a claim back later in the sentence: "adopted by other teams, or rather, none has yet".
RETRACT = compile(
    r"\b(?:or rather|well,? (?:not|no|none|actually)|actually,? (?:no|not|none)|not yet|none "
    r"(?:has|have|did|yet)|at least not|to be honest,? (?:no|not|none)|i don't (?:actually )?"
    r"know (?:of|if|whether)|i'm not (?:aware|sure)|no idea|haven't (?:yet|actually)|hasn't "
    r"(?:yet|actually)|that's not (?:true|quite right)|scratch that|i (?:can't|couldn't) "
    r"(?:say|tell|measure|prove))\b",
    I,
)
# Words that dress an answer up without telling it: common in answers made of claims.
BUZZ = compile(
    r"\b(?:end[- ]to[- ]end|drove|driving|spearheaded|leveraged?|synerg\w{1,4}|stakeholders?|"
    r"cross-functional|second[- ]order|business impact|metric delta|scope boundary|ownership|"
    r"owned (?:it|the|everything)|took ownership|star (?:method|format)|impactful|value[- ]add|"
    r"move the needle|game[- ]changer|best[- ]in[- ]class|world[- ]class|at scale|holistic|"
    r"strategic(?:ally)?|alignment|visionary|thought leader\w{0,4}|proactive(?:ly)?|"
    r"transformational|paradigm|empower\w{0,3}|north star|10x|across the org\w{0,8})\b",
    I,
)

#: The shared cues by name; a question's pack adds its own (see critic.spec).
SHARED_CUES: dict[str, lx.Pattern] = {
    "from_to": lx.FROM_TO,
    "arrow": lx.ARROW,
    "period_pair": lx.PERIOD_PAIR,
    "by_delta": lx.BY_DELTA,
    "factor": lx.FACTOR,
    "compare": _COMPARE,
    "number": _ANY_NUMBER,
    "qualitative": lx.QUALITATIVE,
    "money": lx.MONEY,
    "customer": lx.CUSTOMER,
    "time_saved": lx.TIME_SAVED,
    "risk": lx.RISK,
    "happy": lx.HAPPY,
    "problem": lx.PROBLEM,
    "arch": lx.ARCH,
    "preamble": lx.PREAMBLE,
    "reflection": lx.REFLECTION,
    "generic": lx.GENERIC,
    "systemic": lx.SYSTEMIC,
    "buzz": BUZZ,
}
#: Cues whose hits never carry a claim of their own: they are read only as sentence markers.
MARKERS = {"hedge": HEDGE, "retract": RETRACT}
