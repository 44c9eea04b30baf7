"""Patterns for the follow-up answers: what each follow-up probes, per the rubric.

- escalation: was the problem routed to others (hand-off) or brought with one's own fix?
- their_code: is the resistance named, and does the answer show proactive influence or a
  passive, vague acceptance?
- motivation: concrete impact nobody was addressing and a sense of responsibility, versus
  volunteering, spare time, curiosity or career self-interest.
- impact: business terms and an effect beyond the fix (shared with full answers, lexicon.py).
"""

from __future__ import annotations

from interviewer.critic.lexicon import I, Pattern
from interviewer.critic.lexicon import compile as lx_compile

PATTERNS: dict[str, Pattern] = {
    # The owners' doubts, objections and fears, however they are phrased.
    "resist": lx_compile(
        r"\b(?:skeptic\w{0,6}|sceptic\w{0,6}|push(?:ed)?[- ]?back|pushing back|reluctan\w{1,4}|"
        r"hesita\w{1,6}|concerns?|concerned|worried|worry|worries|nervous|wary|uneasy|"
        r"resist\w{0,6}|object\w{0,5}|didn't want|did not want|weren't keen|wasn't keen|not keen|"
        r"protective|defensive|doubt\w{0,5}|unconvinced|not convinced|questioned|risk-averse|"
        r"afraid|fear\w{0,3}|burn(?:ed|t)|freeze|frozen|said no|no at first|on the fence|"
        r"didn't trust|did not trust|wasn't thrilled|weren't thrilled|not thrilled|annoyed|"
        r"territorial|blocked|pushy|stepping on|toes|why (?:should|would)|not a priority|"
        r"didn't like|fair point|fair concern|(?:a|the|their|his|her) (?:real|main|first|"
        r"biggest|only) (?:objection|worry|concern|question|fear)|first (?:reaction|response|"
        r"question|comment)|not comfortable|uncomfortable|reservations|cautious|suspicious|"
        r"reject\w{0,3}|no appetite|not interested|outsider|stranger|bristled|balked|"
        r"disagree\w{0,3}|argued|challenged|opposed|against it|flat out|veto\w{0,3}|"
        r"(?:lead|team|they|he|she|architect|owners?|reviewers?) (?:thought|felt|believed|said|"
        r"insisted|argued|assumed) (?:that )?(?:my|the|it|this|that|a|an|we|I)|"
        r"papered over|(?:wasn't|weren't|not) sure|had (?:some )?(?:questions|doubts)|"
        r"didn't buy|(?:their|the) (?:\w+ ){0,2}(?:lead|team|owners?)'s (?:first )?(?:worry|"
        r"concern|objection|question|fear|reaction)|who(?:'d| would) (?:support|own|be on the "
        r"hook)|wanted (?:it|to) (?:\w+ ){0,3}instead|preferred|not in this quarter|friction|"
        r"didn't love|not a (?:big |huge )?fan|(?:didn't|did not|couldn't|don't) see (?:why|the "
        r"point|the need)|(?:first|initial) (?:instinct|reaction|response|answer) was|say no|"
        r"(?:weren't|wasn't|were not|was not|not|didn't|did not|don't) (?:\w+ )?(?:convinced|"
        r"sure|keen|comfortable|happy about|thrilled|buy it|trust|want|like|love)|(?:dead )?set "
        r"against|against (?:it|the idea|adding|changing|touching)|bitten|been burned|got burned|"
        r"bad experience|scar tissue|twice shy|second-guess\w{0,2}|raised (?:an? )?(?:eyebrow|"
        r"flag|concern)s?|(?:were|was) nervous)\b",
        I,
    ),
    # Concrete steps that win owners over: evidence, tests, safety nets, meeting them.
    "influence": lx_compile(
        r"\b(?:business impact|impact|cost(?:ing|s)?|customers?|revenue|users?|money|"
        r"showed (?:them|him|her|their|that|the)|show(?:ing)? (?:them|him|her|that)|"
        r"walk(?:ed|ing)? (?:them|him|her|their \w+|the \w+|it) through|walk(?:ed)? through|"
        r"walkthrough|demo\w{0,4}|pair(?:ed|ing)?|sync|meeting|call|sat (?:down )?with|"
        r"one-on-one|1:1|coffee|booked|tests?|tested|docs|documentation|documented|"
        r"ready[- ]to[- ](?:merge|review)|feature[- ]flag\w{0,3}|flag|kill switch|"
        r"config switch|setting they controlled|rollback|roll(?:ed)? back|offered to|offered|"
        r"on-?call|on the hook|pager|addressed|benchmark\w{0,3}|measured|design doc|one-?pager|"
        r"one-page|rfc|proposal|small(?:er)? (?:pr|change|diff)s?|split (?:it|the|my)|"
        r"conventions|canary|own the rollout|answered|evidence|reproduc\w{1,6}|logs|note|"
        r"readme|explainer|write-?up|migration note|runbook|fallback|backward\w{0,2}[- ]"
        r"compatib\w{1,6}|kept the old|replay\w{0,3}|staging|invited|matrix|before the pr|"
        r"template|upstream|results|prov(?:e|ed)|showed|reworked|stay(?:ed)? on|be the contact|"
        r"online when|dollar|\$\d|numbers|data|charts?|backtest\w{0,3}|dry[- ]run|diffs?|"
        r"side by side|checksums?|heat ?map|pilot\w{0,3}|prototype|opt-?in|bounded|limited|"
        r"took (?:that|it|their \w+) seriously|in their terms|risk assessment|safety case|"
        r"test protocol|(?:added|built) (?:a|the) (?:fallback|flag|switch|check|report|test)|"
        r"changed (?:it|the approach)|on the spot|legwork|before (?:asking|I asked)|shadow mode|"
        r"in parallel|comparison|shared (?:the|my) (?:results|numbers|data|comparison|analysis|"
        r"findings|traces)|trial\w{0,3}|gradual|staged|phased|opt-?out|guardrails?|safety net|"
        r"monitor(?:ed|ing)?|dashboards?|alerts?|(?:their|the) (?:requirements?|checklist|"
        r"process)|met (?:with )?(?:them|their)|(?:explained|addressed|answered) (?:each|every|"
        r"their|the) (?:\w+ )?(?:concern|question|worry|objection)s?)\b",
        I,
    ),
    # Passive or vague acceptance: time, persistence, goodwill or authority did the work.
    "vague": lx_compile(
        r"\b(?:tricky|eventually (?:they )?(?:agreed|merged|approved|accepted|came)|it worked "
        r"out|they were (?:fine|ok|okay|cool|on board)|they (?:just )?agreed|somehow|it was "
        r"fine|no big deal|came (?:a)?round|after a while|in the end (?:they|it)|it (?:all )?"
        r"worked|wasn't (?:a big deal|an issue|really a problem)|(?:they )?(?:merged|accepted|"
        r"approved) it eventually|took some convincing|talked to them|pretty smooth|not much "
        r"drama|standard process|they trusted me|credibility|relationships?|go back a long way|"
        r"persisten\w{1,3}|kept (?:following up|pinging|chasing|asking|nudging|making the case)|"
        r"left (?:the pr|it) (?:open|with them)|waited (?:for them|until)|let them decide|"
        r"take it or leave it|on board|good discussion|respectful|respected|listening|open to "
        r"feedback|polite|(?:being|was|be|and) patient|speaks for itself|reasonable team|good team|"
        r"same team|"
        r"(?:my|our) manager (?:mentioned|pushed|escalated|talked|spoke)|leveraged|storytelling|"
        r"persuasive|friendly|take time|took a while|these things|once (?:they|people) (?:saw|"
        r"understood|see)|they found it compelling|without much discussion|it went through|"
        r"made it (?:really )?easy|clean (?:pr|code)|it got (?:merged|through|approved)|happy to "
        r"(?:take|merge|accept) it|once I explained|(?:I|we) (?:just )?explained (?:it|the|what)|"
        r"(?:kind of|sort of) went through|nudg\w{1,3}|chas(?:ed|ing) (?:them|it)|they were "
        r"(?:happy|grateful|glad)|(?:obviously|clearly) (?:a mistake|right|needed|the right)|"
        r"everyone wanted)\b",
        I,
    ),
    # Responsibility and "nobody else was on it": the strong motive.
    "responsible": lx_compile(
        r"\b(?:responsib\w{1,6}|couldn't (?:just )?(?:ignore|leave|watch|sit|unknow|unsee|"
        r"keep)|can't unsee|i cared|it mattered|accountab\w{1,6}|not (?:okay|ok|acceptable)|"
        r"every (?:day|week|hour)|each (?:day|week)|no one (?:was|else)|nobody (?:was|else|"
        r"owned|had|knew|noticed)|no one owned|fell through|unowned|in the gap|between teams|"
        r"on me\b|my (?:problem|job) to|felt wrong|didn't sit right|wrong to|irresponsib\w{1,4}|"
        r"letting (?:them|it|people|customers) (?:down|happen|carry on|sit)|not willing|wasn't "
        r"(?:an option|going to (?:let|be the))|choosing to|doing nothing|keep (?:shrugging|"
        r"quiet)|keeping quiet|walk(?:ing)? away|sit(?:ting)? on it|(?:only|unusual) (?:one|"
        r"person|position)|I knew (?:about|the|what)|I had the (?:access|numbers|data)|"
        r"(?:had|have) no (?:idea|way)|didn't know|assumed (?:it|the other|someone)|thought it "
        r"was (?:a|the|\w+'s)|nobody (?:was going|would)|(?:felt|feel|was) (?:it was )?(?:on )?"
        r"(?:mine|my responsibility))\b",
        I,
    ),
    # Volunteering, spare time, fun, learning, career: weak motives in the rubric.
    "self": lx_compile(
        r"\b(?:some(?:one|body) had to|might as well be me|spare time|free time|had (?:some |the "
        r")?time|had capacity|bored|slow (?:week|sprint|month)|quiet (?:week|sprint|month|"
        r"stretch|patch)|between projects|finished (?:my )?(?:sprint )?(?:tasks|work) early|"
        r"looking for something to do|nothing else to do|fun|interesting|cool|curious|curiosity|"
        r"puzzle|itch|(?:a|nice|fun|good|interesting|technical) challenge|satisfying|enjoy\w{0,3}|"
        r"(?:my|a|the|for|towards|toward) (?:senior |staff )?promotion|promo (?:packet|case|doc)|"
        r"my promo\b|r[eé]sum[eé]|\bcv\b|look good|looks good on|get noticed|noticed by|"
        r"(?:more |my |get |for )visibility|reputation|(?:take|get|the) credit|performance review|"
        r"perf review|brownie points|"
        r"learn (?:a new|something|rust|go|kubernetes|how)|chance to learn|wanted to (?:try|"
        r"learn)|skill ?set|(?:more |get |getting |some )exposure|exposure (?:to|outside)|broaden|"
        r"never worked (?:with|on)|why not|for the "
        r"experience|my (?:own )?(?:growth|career)|next level|staff (?:engineer|role)|senior "
        r"(?:title|role)|show (?:my manager|leadership|them what|what I)|great story|"
        r"interviewing|job interviews?|i'm someone who|i am someone who|how i'?m wired|"
        r"kind of person|how i see my "
        r"role|someone like me|i (?:genuinely |really )?(?:enjoy|like (?:to|fixing|solving|"
        r"helping))|just like helping|build relationships|the person people come to|that's "
        r"(?:just )?who i am|naturally take|i always (?:take|step)|team player|bias for action|"
        r"owner, not a renter|great engineers|leaders don't|take initiative|step(?:ped)? up|my "
        r"moment|bugged me|annoyed me|driving me|my own (?:builds|afternoons|time|work)|"
        r"(?:foot|feet) in the door|opportunity to (?:show|demonstrate|grow|learn)|"
        r"perfect opportunity|grow my (?:influence|impact|profile)|cross-team (?:impact|project)"
        r"|extra work|go for it|prove (?:I|myself|that I)|(?:staff|senior|principal|next)-level|"
        r"run out of (?:tickets|work|things)|something to do|get to know|(?:learn|learning) (?:the|"
        r"about|more about) (?:\w+ ){0,2}(?:codebase|system|stack|domain|internals|side)|"
        r"(?:good|great|nice|strong) (?:thing|example|story) (?:to have |for )?(?:in|on) my|"
        r"rabbit hole|nerd|fascinat\w{1,6}|couldn't resist|like being useful|happy to help|"
        r"chipp?(?:ed|ing)? in|pitch(?:ed)? in|breathing room|quick win|my review|"
        r"(?:always )?wanted (?:an excuse|a reason) to)\b",
        I,
    ),
    # Why a bare escalation would have been slow: queues, freezes, impact meanwhile.
    "slow": lx_compile(
        r"\b(?:would have (?:sat|taken|delayed|been|meant|waited|stayed|slipped|joined|queued|"
        r"turned|had)|would've|backlog|next quarter|quarter|weeks|months|waiting (?:meant|"
        r"would|was)|wouldn't (?:touch|get to|have)|their queue|queue[ds]?|freeze|frozen|"
        r"deadline|every day|each day|days of|in the meantime|meanwhile|on the roadmap|roadmap|"
        r"wasn't going to|would not|wouldn't|buried|a week of|for a month|every (?:day|week|"
        r"morning)|release (?:train|window|cycle)|mid-migration|heads-down|underwater|"
        r"firefighting|stretched|(?:days|weeks) (?:away|out)|booked (?:up|through)|pile|"
        r"long queue|sprint (?:was )?(?:locked|full)|next sprint|two months|certification)\b",
        I,
    ),
    # Someone else did the fix: the candidate's part ended at reporting it.
    "others_fixed": lx_compile(
        r"\b(?:added it to their (?:sprint|backlog|board|roadmap)|they prioriti[sz]ed|was theirs|"
        r"were theirs|left it (?:with|to) them|waited for (?:them|a fix|their)|up to them|"
        r"for them to fix|until their fix|through their sprint|their own way|"
        r"the (?:actual )?(?:change|fix|code) was theirs|they did the (?:fix|work|change)|"
        r"handed (?:it )?off|handed (?:it )?over|hand(?:ing)? over to|they took it from there|"
        r"handed (?:\w+ ){0,3}(?:to|over to) (?:the|their|them|him|her)|passed (?:it|\w+ \w+) "
        r"(?:on|over) to|"
        r"they owned the fix|(?:they|she|he)(?:'d| would) (?:take care|look|fix|handle|sort)|"
        r"took it over|out of my hands|my (?:role|part) was (?:mostly |just )?(?:spotting|"
        r"flagging|raising|reporting|making sure)|leave it to (?:the|them)|domain experts|"
        r"(?:assigned|put) (?:two|some|one|a couple) of (?:their|her|his)|made it a priority|"
        r"turned it around|they (?:had|got) (?:a|the) fix|(?:get|got|put|assigned|find|found) "
        r"(?:someone|somebody|an engineer|a developer|one of (?:her|his|their) \w+) on it|"
        r"(?:it|this|that|was) (?:really |all |entirely )?(?:her|his|their) (?:own )?(?:fix|"
        r"change|work|patch)|(?:fixed|resolved|sorted|patched|shipped|addressed|changed|"
        r"corrected|implemented) (?:it |this |that )?in (?:their|the) "
        r"(?:next|following|upcoming) (?:release|sprint|version|quarter|update|cycle))\b",
        I,
    ),
    # Routing the problem to others; fine for visibility when a fix of one's own follows.
    "routing": lx_compile(
        r"\b(?:went through my manager|(?:raised|brought) it (?:up )?with|(?:filed|opened|logged|"
        r"raised|created|wrote) (?:a |an |up a )?(?:\w+ ){0,2}(?:ticket|jira|issue|bug report)|"
        r"presented (?:it|the issue|the problem|my findings|that) (?:at|to)|attached it to|"
        r"escalat\w{1,4}|pinged|sent (?:them|a|an) (?:slack|message|email|note)|their call|"
        r"it's their (?:job|code|problem)|proper channels|right (?:people|team|channels)|"
        r"tagged|incident (?:system|channel)|reported it|notified)\b",
        I,
    ),
    # The fix as the candidate's own artefact: "my patch", "the PR I opened", "I'd written".
    "fix_noun": lx_compile(
        r"\b(?:my (?:fix|patch|pr|pull request|change|branch|script|rewrite|code|message came "
        r"with)|(?:a|the) (?:fix|patch|pr|pull request|change|override|migration) (?:that )?I "
        r"(?:had )?(?:wrote|written|built|opened|made|put|prepared|tested)|I(?:'d| had) "
        r"(?:already )?(?:written|built|fixed|patched|got|prepared|a fix|the fix|the patch|a "
        r"patch|done)|had (?:the|a) (?:fix|patch|change|pr) (?:ready|done)|ready[- ]to[- ]"
        r"(?:merge|review)|(?:with|brought|bringing|came with|showed up with|went in with) (?:a|"
        r"the|my) (?:\w+ ){0,2}(?:fix|patch|pr|pull request|change|code|override|script)|"
        r"(?:put up|opened|raised|sent|submitted|pushed) (?:a |the |my )?(?:\w+ ){0,2}(?:pr|prs|"
        r"pull requests?|patch|fix|merge request)|(?:the )?work was (?:mine|already)|"
        r"(?:was|were) on me|the fix itself|I (?:just |simply )?did it|asked (?:them )?for a "
        r"review|I(?:'d| had| already had| had already|'d already| already) (?:already )?(?:got "
        r"|built |written |had )?(?:a|the|my) (?:\w+ ){0,2}(?:fix|patch|pr|change|prototype|"
        r"workaround)|asked (?:them|"
        r"their \w+) to review|(?:didn't|did not) (?:hand|leave) it|not (?:a|the) fix)\b",
        I,
    ),
}
