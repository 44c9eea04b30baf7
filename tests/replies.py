"""Replies written for the tests in our own words (never the pack's exemplars, which the critic
rightly refuses to credit when pasted): a strong and a weak reply to each follow-up, and a
strong full answer."""

from __future__ import annotations

#: The leadership question's seven dimensions, in its pack's order (the pack is the source;
#: tests pin it so a pack edit that drops one is noticed).
DIMENSION_IDS = (
    "situation_concise",
    "scope_boundary",
    "ownership_language",
    "metric_delta",
    "business_impact",
    "second_order_effect",
    "specific_reflection",
)

STRONG = {
    "escalation": (
        "I told their lead the same morning so it was on their radar, but I wrote the patch "
        "myself, ran it against a copy of last week's orders and opened the PR with the test "
        "results. Their backlog was three weeks long, so a ticket alone would have left "
        "customers double-charged all that time."
    ),
    "their_code": (
        "Their lead was worried about a change to a module they were about to release. I "
        "showed her the failed orders per day, gave her a ready-to-merge change with tests "
        "behind a flag, and set up a short call to go through her concerns."
    ),
    "motivation": (
        "Customers were being charged twice and the support queue was full of refunds, and "
        "nobody owned the problem. I felt responsible because I was the one who had seen the "
        "numbers."
    ),
    "impact": (
        "Double charges went to zero, which saved about $4,000 a month in refunds and cut "
        "support tickets by a third. The checkout team then made the same check part of their "
        "release checklist."
    ),
}
WEAK = {
    "escalation": (
        "I raised a ticket in their queue with all the details and pinged their manager "
        "twice; after that their team picked it up and fixed it."
    ),
    "their_code": "It took a while but in the end they were fine with it.",
    "motivation": "I had some spare time that sprint and it looked like a fun puzzle.",
    "impact": "The error rate went down and things were more stable.",
}
FULL_STRONG = (
    "Discharge letters from our hospital kept reaching GPs three or four days late. The letter "
    "system belonged to the IT applications team, not my ward, and nobody had asked me to look "
    "at it. I pulled a month of discharge records, matched them against the sending logs and "
    "found that letters written after 6 pm sat in a queue until the next morning's batch. I "
    "proposed a second evening batch, tested it with their lead on the test server and wrote "
    "the runbook for it. Late letters fell from 41% to 3% within a month, so patients' "
    "follow-up appointments were booked on time and GP practices stopped phoning the ward "
    "every day. The applications team then added the evening batch for two other hospitals "
    "in the trust. What I learned is that nobody owned the gap between the ward and IT: each "
    "side assumed the other checked that letters arrived, so now I ask who measures the "
    "hand-over before I assume it works."
)
