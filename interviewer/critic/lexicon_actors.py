"""Word lists and patterns for who did what: the scope boundary (whose problem it was, who
asked) and the actors of the story (I / we / they, hand-offs, fixes, tests).

Same conventions as lexicon.py: IGNORECASE, bounded repetition, synonyms and paraphrases of
one rubric idea per pattern. Negated hits ("nobody asked me", "they didn't fix it") are
handled by the scan (signals.NEGATABLE), not here.
"""

from __future__ import annotations

from interviewer.critic.lexicon import I, words
from interviewer.critic.lexicon import compile as lx_compile

# --- scope boundary ----------------------------------------------------------------------------
NOT_ME = r"(?!me\b|my\b|us\b|our\b|myself\b|mine\b)"
_THEIR_THING = (
    r"(?:territory|turf|domain|system|service|code|codebase|repo|repository|pipeline|module|"
    r"component|library|infrastructure|config|responsibility|area|baby|sdk|wrapper|scheduler|"
    r"tooling|remit|problem|call)"
)
OUTSIDE = lx_compile(
    r"\b(?:(?:was ?n[o']t|is ?n[o']t|were ?n[o']t|are ?n[o']t|not|never|none of (?:it|this|"
    r"that|them) (?:was|is|were)) (?:really |even |strictly |technically |exactly )?(?:my|our|"
    r"mine|ours)\b(?: (?:own )?(?:team'?s?|team's|\w+))?|not mine|(?:owned|maintained|run|"
    r"built|managed|looked after|operated|handled|controlled) by " + NOT_ME + r"(?!hand\b|"
    r"default\b|design\b|accident\b|a script\b|cron\b)(?:\w+[- ]){0,3}\w+|belong(?:ed|s|"
    r"ing)? to " + NOT_ME + r"(?:\w+[- ]){0,3}\w+|(?:another|a different|a separate|other|"
    r"someone else's|somebody else's) (?:team|group|squad|org|department|engineer|function)"
    r"(?:'s)?|"
    r"outside (?:of )?(?:my|our) (?:own )?(?:team|remit|area|scope|lane|ownership|org|"
    r"responsibilit\w{0,3}|code|domain|patch)|"
    # "the billing group's system", "monetisation's territory", "their code"
    r"their (?:own )?" + _THEIR_THING + r"|(?<!my )(?<!our )(?<!own )(?<!your )"
    r"(?!(?:my|our|your|its|customer|user|vendor|company|client)\b)[a-z][\w-]{1,30}(?:'s|s') "
    r"(?:own )?" + _THEIR_THING + r"|(?<!my )(?<!our )(?<!own )(?<!your )[a-z][\w-]{1,30} "
    r"(?:team|group|squad|folks|org)(?:'s|s') (?:own )?(?:[\w-]+ ){0,2}?(?:" + _THEIR_THING[3:]
    + r"|(?<!my )(?<!our )(?<!own )(?<!your )(?:the )?[a-z][\w-]{1,30} (?:team|group|squad|"
    r"folks|org)(?:'s|s')(?=[.,;]| and| to| not| rather| now)|"
    r"(?:none|nothing) of (?:my|our) (?:business|code|concern)|wasn't (?:even )?on my team|"
    r"cross-team|(?:wasn't|was not|isn't|is not|weren't) (?:really )?(?:anyone's|anybody's|"
    r"my team's|our team's)|"
    r"(?:sat|sits|lived|lives|belonged|rested) (?:\w+ ){0,1}(?:with|under) (?:the |corporate )?"
    r"(?!me\b|us\b|my\b|our\b)[\w-]{2,30}(?: (?:team|group|org|folks|people))?|"
    r"(?:they|the \w+ (?:team|group|folks)) (?:own|owns|owned|run|runs|ran|maintain|maintains|"
    r"maintained|look after|looked after) (?:it|the|that|this|those)|"
    r"(?:I(?:'d| had)?|I've|I have) never (?:even )?(?:touched|opened|worked (?:on|in|with)|"
    r"built|looked at|written|seen|used|been in)|"
    r"(?:had|have|with) no (?:reason|business|mandate|authority|remit|stake|role) (?:to|in|"
    r"being|there)|had any business|(?:far|miles|a long way) from anything (?:I|we|my team)|"
    r"nothing (?:I|my team|we) (?:owned|own|touched)|not (?:in|on) (?:my|our) (?:team|org|"
    r"remit|roadmap|lane)|(?:not|never) (?:my|our) (?:area|lane|remit|domain|expertise))\b",
    I,
)  # fmt: skip
UNASSIGNED = lx_compile(
    r"\b(?:no (?:ticket|jira|task|one had asked|one asked|one owned|owner|assignment|assignee|"
    r"mandate)|without (?:an? )?(?:assignee|owner|mandate)|"
    r"(?:nobody|no one|no-one) (?:had |was )?(?:filed|opened|raised|created|logged|written|had)"
    r" (?:a |any |an )?(?:ticket|jira|task|issue|bug)|(?:nobody|no one) (?:had )?(?:picked|"
    r"looked|noticed|flagged|reported|raised|filed|connected|realised|realized)|(?:not|wasn't|"
    r"isn't) my (?:job|place|call)|"
    r"(?:nobody|no one|no-one|noone) (?:had )?(?:\w+ ){0,2}(?:asked|assigned|owned|told|"
    r"tracked|pulled|expected|wanted|requested|was (?:looking|working|assigned|addressing|"
    r"tracking|going to|treating|watching))|(?:wasn't|was not|never|weren't|not) (?:been )?"
    r"(?:asked|assigned|told|tasked|expected)|without (?:being|anyone|anybody) (?:asked|asking|"
    r"assigned|telling)|unassigned|unowned|(?:wasn't|was not|not|never) (?:on|in) (?:my|our|"
    r"anyone's|anybody's|any|their|the) (?:\w+ ){0,2}(?:roadmap|sprint|board|backlog|plan|okrs?|"
    r"list|radar|queue|scope)|(?:not|wasn't|isn't) (?:part of )?(?:my|our) (?:job|role|remit|"
    r"responsibility|area)|on my own (?:time|initiative)|of my own accord|off my own bat|"
    r"took it (?:up)?on myself|nobody's (?:job|problem|priority|queue)|no formal assignment|"
    r"in between (?:my )?(?:sprint )?(?:work|tasks)|side project|20% time|(?:the honest|the) "
    r"answer was nobody|(?:nobody|no one) (?:else )?(?:was going to|would)|"
    r"I (?:just )?(?:started|decided) (?:pulling|digging|looking|on my own))\b",
    I,
)  # fmt: skip
_BOSS = r"(?:manager|lead|tech lead|team lead|boss|director|em|pm|skip|skip-level|vp|cto|head)"
ASSIGNED = lx_compile(
    r"\b(?:(?:my |our |the )?" + _BOSS + r"\b[^.!?\n]{0,30}?\b(?:asked|told|assigned|gave|put|"
    r"wanted|had|handed|tasked|picked|chose|pulled|sent|forwarded|nominated)\s(?:me|us|it to me|"
    r"this to me|the task|the work)|(?:i|we) (?:was|were|got|had been|have been) (?:\w+ )?"
    r"(?:assigned|asked|tasked|told|given)|" + _BOSS + r" (?:\w+ ){0,2}(?:assigned|gave|"
    r"handed|passed|forwarded) (?:\w+ ){0,3}to (?:me|us)\b|(?:assigned|given) (?:to me|me)|"
    r"(?:ticket|task|story|epic) (?:was |got )?(?:assigned|given) to (?:me|us)|"
    r"(?:my|our) (?:sprint|quarter)'?s? (?:ticket|task|goal|okr)|asked (?:me|us|a few of us|some"
    r" of us|a couple of us|two of us|our team|my team) to|(?:pulled|roped|brought|looped) (?:me|"
    r"us) in|landed on my (?:plate|desk)|(?:i|we) (?:was|were|got) put on|(?:my|our|the) "
    r"(?:manager|lead|team lead) (?:wanted|needed) (?:someone|a volunteer|me)|it was (?:on )?"
    r"(?:my|our) (?:ticket|task|sprint|okr|roadmap)|(?:with|had) my name on it|"
    r"(?:my|our) " + _BOSS + r"\b[^.!?\n]{0,60}?\b(?:mentioned|suggested|said|thought)\b"
    r"[^.!?\n]{0,40}?\bI (?:might|should|could|would) (?:be|take|look)|"
    r"(?:my|our) " + _BOSS + r"\b[^.!?\n]{0,20}?\bput [^.!?\n]{0,40}?\bon (?:the|my|our) "
    r"(?:board|sprint|plate|list)|(?:my|our) " + _BOSS + r"\b[^.!?\n]{0,20}?\bforwarded me)\b",
    I,
)  # fmt: skip
OWN_TEAM = lx_compile(
    r"\b(?:(?:our|my) (?:own )?(?:team's )?(?:service|system|code|codebase|pipeline|app|"
    r"component|module|repo|job|engine|dashboard)|(?:my|our) team (?:owned|owns|maintained|ran|"
    r"built|maintains|runs)|(?:i|we) (?:owned|own|maintained|maintain) (?:the|it|that)|"
    r"(?:my|our) (?:own )?team's (?:\w+ ){0,2}(?:service|system|engine|pipeline|code|app|job|"
    r"dashboard|tool|config)|(?:squarely|clearly|firmly) (?:ours|mine)|ours to fix|"
    r"(?:a|the) (?:\w+ ){0,3}(?:job|service|system|pipeline|app) (?:my|our) team owns|"
    r"the one who(?:'d| had) last touched it|(?:i|we) (?:was|were) on call for)\b",
    I,
)  # fmt: skip

# --- people and actions ------------------------------------------------------------------------
HANDOFF_VERB = words(
    "told", "pinged", "flagged", "escalated", "reported", "filed", "raised", "sent",
    "messaged", "mentioned", "notified", "emailed", "informed", "forwarded", "posted",
    "dropped a note", "let them know", "let (?:the )?\\w+ (?:team )?know", "opened a ticket",
    "created a ticket", "logged a ticket", "asked them", "slacked", "brought it up", "tagged",
    "routed", "presented", "alerted", "shared", "passed (?:it|this|that|them) (?:on )?to",
    "handed (?:it|this|that|them) (?:over )?to",
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
    "looked into", "picked it up", "took care", "sorted", "rolled", "renewed", "rotated",
    "shrank", "stripped", "came", "showed up", "stepped in", "jumped in",
)  # fmt: skip
STATIVE = words(
    "was", "were", "am", "is", "are", "had", "have", "has", "felt", "thought", "knew",
    "learned", "learnt", "realised", "realized", "wanted", "needed", "liked", "loved",
    "hoped", "seemed", "guess", "think", "believe", "noticed", "saw", "heard", "wondered",
    "used", "would", "could", "should", "didn't", "did not", "do", "don't", "can", "will",
    "might", "must", "may", "took away", "agreed", "decided", "tried", "started", "happened",
    "assumed", "expected", "suspected", "supposed", "figured it", "stumbled", "kept \\w+ing",
)  # fmt: skip
ADVERB = (
    r"(?:(?:also|then|just|finally|eventually|quickly|personally|first|later|actually|"
    r"immediately|basically|together|all|both|carefully|simply|even|only|instead|and|myself|"
    r"already|properly)\s+){0,2}"
)
_OTHERS = (
    r"(?:they|he|she|(?:the|their|our|that|her|his) (?:[\w-]+[- ]){0,2}(?:team|folks|engineers?|"
    r"devs?|developers?|on-?call|owners?|maintainers?|lead|squad|group|vendor|people|"
    r"contractors?|dba|sre|admins?|staff|department)|(?:one|two|some|a couple) of (?:their|"
    r"the|her|his) (?:[\w-]+ ){0,2}(?:engineers?|devs?|developers?|people|data scientists)|"
    r"the vendor|(?-i:IT)|(?-i:[A-Z][\w-]{1,20}) (?:team|group|engineering|ops))"
)
SUBJECT = {
    "i": r"\bI",
    "we": r"\b(?:we|together we|our team|(?:my|the|our) team and I|me and \w+|(?:a|one|two|"
    r"another|my|our) (?:[\w-]+ ){0,2}(?:colleague|teammate|engineer|friend|peer|analyst|"
    r"developer|designer)s? and I|(?-i:[A-Z][a-z]{1,15}) and I)",
    "they": r"\b" + _OTHERS,
}
# Verbs that carry the fix itself when someone else is the subject. Reviewing, approving or
# merging the candidate's change is not here: that is the owners' normal part.
OTHERS_FIX = words(
    "fixed", "handled", "resolved", "looked into (?:it|this|that)", "picked (?:it|this|that) up",
    "took care(?: of (?:it|this|that|the rest))?", "sorted (?:it|this|that)(?: out)?", "sorted",
    "patched", "investigated", "took (?:it )?over", "took it from there", "dealt with",
    "found the (?:root )?cause", "found and fixed", "addressed", "solved", "debugged",
    "rolled out (?:a|the|their) fix", "shipped (?:a|the|their) fix", "implemented",
    "rewrote", "changed (?:it|the|some)", "changed their (?!minds?|tune|view)",
    "switched (?:it|the)",
    "made the (?:fix|change)", "did the (?:fix|work|change|rest)", "bumped", "increased",
    "reprocessed", "rolled back", "rotated", "corrected", "reverted", "repaired", "restored",
    "turned it around", "had (?:a|the) fix out", "got (?:a|the) fix out", "redesigned",
    "refactored", "dug into", "added (?:retries|a fix|the fix|it to their)", "productioni[sz]ed",
    "owned the fix", "prioriti[sz]ed (?:it|the)", "put (?:a|the) fix in", "cleaned (?:it )?up",
    "built (?:a|the) (?:proper |real |permanent )?(?:fix|solution)", "did some \\w+ work",
    "took it on", "put it back", "found (?:it|the \\w+|that)",
    "wrote (?:the|a|their|an) (?:\\w+ )?(?:fix|change|patch|code|update)",
    "(?:shipped|released|rolled out|deployed|pushed|made|put out) (?:a|the|their|an) (?:\\w+ )?"
    "(?:fix|correction|patch|change|update|solution|hotfix)",
    "reworked", "modified", "adjusted", "tweaked", "reconfigured", "regenerated", "updated",
    "lowered", "raised the", "re-?sent", "rebuilt", "re-?wrote", "swapped", "upgraded",
    "re-?deployed", "re-?ran the", "re-?issued", "fixed it up",
)  # fmt: skip
FIX_BY_OTHERS = lx_compile(
    SUBJECT["they"] + r"(?:'d| had| would| will|'ll)?\s+" + ADVERB + r"(?:" + OTHERS_FIX + r")"
    # "... passed it to patient communications, who updated the generator"
    r"|(?<=\w),? who (?:then |later |quickly )?(?:" + OTHERS_FIX + r")"
    r"|\b(?:it|this|that|the (?:bug|issue|problem|fix|change))\s+(?:was|got|had been)\s+"
    r"(?:\w+\s+)?(?:fixed|sorted|resolved|handled|addressed|patched|implemented) by\b"
    r"|\b(?:their|the \w+ team's|her|his) (?:\w+ ){0,2}(?:engineer|developer|dev|team)s? "
    r"(?:implemented|fixed|wrote|built|shipped|made|took)"
    # "their team ended up fixing it", "the fix was done by the infra team"
    r"|" + _OTHERS + r"(?:'d| had| would)?\s+" + ADVERB + r"(?:ended up|got (?:a)?round to|went "
    r"on|finished|started) (?:fix|rewrit|patch|chang|implement|handl|sort|roll|ship|build)\w{0,4}"
    r"|\b(?:fix|change|work|patch|rewrite|rollback)\s+(?:itself\s+)?(?:was|got)\s+(?:\w+\s+)?"
    r"(?:done|made|written|shipped|implemented|built|rolled out|deployed) by (?!me\b|myself\b)",
    I,
)  # fmt: skip
# Writing or opening a report/ticket is not building a fix: "I wrote up a bug report",
# "I opened a ticket", "I brought it up" are routing, so those objects are excluded.
_REPORT_OBJ = (
    r"(?:ticket|bug report|report|issue|jira|summary|doc|document|note|message|email|slack|"
    r"write-?up|post|thread|request|incident|case|complaint|list|deck|slides|presentation|"
    r"analysis|breakdown|spreadsheet|timeline|screenshots?|proposal)"
)
_NOT_A_FIX = (
    r"(?!\s+(?:up\b|it up\b|(?:a|an|the|my|our)\s+(?:\w+[\s-]+){0,3}" + _REPORT_OBJ + r"\b|"
    r"(?:it|this|that)\s+(?:up|to (?:their|the) attention)))"
)
FIX_VERB = (
    r"(?:built|wrote|rewrote|fixed|patched|shipped|opened|brought|prepared|submitted|"
    r"implemented|added|put together|drafted|raised a (?:pr|pull request)|created a (?:pr|"
    r"pull request|fix|patch)|changed|updated|refactored|deployed|replaced|removed|wired|coded|"
    r"made the (?:fix|change)|moved|switched|renewed|rolled (?:it )?out|merged|migrated|rotated|"
    r"reworked|restored|configured|set up|corrected|reverted|released|pushed|applied|"
    r"normali[sz]ed|rewired|re-?published|re-?ran|backfilled|cleaned up|locked down|split|"
    r"made (?:the|it|them) \w+|turned (?:the|it|that)|got (?:it|the \w+) (?:merged|reviewed|"
    r"shipped|deployed|out|through|live)|drove (?:it|the \w+)|took it (?:to|through|into))"
)
_FIX_ING = (
    r"(?:writ|rewrit|fix|build|patch|implement|chang|ship|cod|mak|do|migrat|mov|renew|rotat|"
    r"replac|updat|deploy|roll)\w{0,4}"
)
DRIVE_FIX = lx_compile(
    r"\bI(?:'d| had|'ve| have)?\s+"
    + ADVERB
    + FIX_VERB
    + r"\b"
    + _NOT_A_FIX
    # "I ended up writing the patch myself", "I went ahead and fixed it", "I just did it"
    + r"|\bI\s+"
    + ADVERB
    + r"(?:ended up|went ahead and|got to work|set about|started|spent "
    r"(?:\w+ ){1,3}|took (?:a|an|the) (?:\w+ ){0,2}(?:to|and))\s*"
    + _FIX_ING
    + r"\b"
    + _NOT_A_FIX
    + r"|\bI\s+"
    + ADVERB
    + r"did (?:it|the (?:fix|work|change)|that) (?:myself|: )?",
    I,
)
# Coordinated actions after an "I" subject: "I read the config, found the key, wrote a fix".
I_COORD = lx_compile(
    r"(?:,\s{0,3}(?:and\s+|then\s+)?|\band\s+(?:then\s+)?|\bthen\s+)(?:also\s+)?(?:" + IRREGULAR
    + r"|[a-z]{2,20}ed)\b(?=\s+(?:the|a|an|it|that|this|their|my|our|every|each|all|up|out|"
    r"through|with|to|them|its|some|both|two|three|four|\d))",
    I,
)  # fmt: skip
PREAMBLE = lx_compile(
    r"\b(?:for (?:some )?context|(?:a bit of|some|little|quick) (?:background|context)|set the "
    r"scene|background (?:first|on)|to give you (?:some |the )?(?:context|background)|how (?:the"
    r"|our) (?:system|architecture|stack|setup|systems) (?:works|worked|looked|fit)|first,? (?:the"
    r"|a bit about|some) (?:architecture|setup|system)|let me (?:explain|describe|walk you "
    r"through) (?:the|our|how)|context (?:on|about) (?:the|our) (?:company|product|system)"
    r" first|need to set the scene)\b",
    I,
)
# "I flagged it to their lead but brought a complete, tested fix": the fix verb is coordinated
# with an earlier "I" in the same sentence.
DRIVE_FIX_COORD = lx_compile(
    r"\bI\s+[^.;!?\n]{0,80}?\b(?:but|and|then|so)\s+(?:also\s+|then\s+|instead\s+)?(?:built|"
    r"wrote|rewrote|fixed|patched|shipped|opened|brought|prepared|submitted|implemented|"
    r"put together|drafted|traced|debugged|reproduced|tested|changed|moved|renewed|merged|"
    r"deployed|rolled|drove|got it)\b" + _NOT_A_FIX,
    I,
)
# "I wrote a detailed bug report", "I put together a deck": reporting, told as an action.
I_REPORT = lx_compile(
    r"\bI\s+" + ADVERB + r"(?:wrote|put together|drafted|filed|opened|raised|created|sent|did|"
    r"prepared|compiled|logged|made|documented)\s+(?:up\s+)?(?:a |an |the |my |it |all )?"
    r"(?:(?!that\b|which\b|to\b|for\b|with\b)[\w-]+[\s-]+){0,2}?" + _REPORT_OBJ + r"s?\b",
    I,
)
TESTED = lx_compile(
    r"\b(?:tests?|tested|test coverage|unit tests?|regression (?:tests?|run|suite)|integration "
    r"tests?|documentation|docs|documented|runbook|ready[- ]to[- ](?:merge|review)|reviewed|"
    r"rollback (?:plan)?|feature flag|flag|canary|staging|benchmark\w{0,3}|reproduc\w{0,6}|"
    r"replay\w{0,3}|prov(?:e|ed|ing|en)|verif\w{1,6}|validat\w{1,6}|sandbox|dry[- ]run|"
    r"load[- ]test\w{0,3}|simulat\w{1,6}|ran (?:it|both|them|the \w+) against|bench results|"
    r"test matrix|harness|backtest\w{0,3}|rehears\w{1,4}|pilot\w{0,3}|diff(?:ed|s)?|"
    r"side by side|checksums?|before[- ]and[- ]after|measured|compared|fake[ds]? the|"
    r"checked (?:it )?against|property tests?|test (?:plan|labels|tenants|run|inbox\w*))\b",
    I,
)
