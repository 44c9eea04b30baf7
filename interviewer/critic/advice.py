"""Advice for the five shared dimensions, in words that fit what the reply actually did.

Question-specific dimensions and follow-up criteria take their advice from the pack. Advice
never tells a candidate to do what they already do: "use I sentences" goes only to a reply
whose actions are told as "we" or "they", or not at all.
"""

from __future__ import annotations

from interviewer.critic.evidence import short
from interviewer.critic.features import Analysis, totals


def situation(an: Analysis, met: bool, quotes: list[str]) -> str:
    if met:
        return "The situation gets to the problem quickly; keep it to one or two sentences."
    first = int(an.glob.get("problem_sent", -1))
    pre = an.words_before[first] if first >= 0 else an.n_words
    opening = f' such as "{short(quotes[0], 10)}"' if quotes else ""
    return (
        f"You spend about {pre} words (~{round(pre / 2.5)} s spoken) on background{opening} "
        "before the problem. Cut it to one or two sentences: what was going wrong, how badly, "
        "and whose it was."
    )


def ownership(an: Analysis, met: bool, quotes: list[str]) -> str:
    if met:
        return "Your own actions are clear; keep each one concrete (what you changed, and how)."
    tot = totals(an)
    others = tot.get("other_work", 0) + tot.get("i_deleg", 0)
    we, comm = tot.get("we_work", 0), tot.get("i_comm", 0)
    q = f'"{short(quotes[0])}"' if quotes else "The answer"
    if others >= max(we, comm) and others:
        return (
            f"{q} gives the work to others. If you did it, say what you did; if they did, "
            "this story shows a hand-off, not your contribution."
        )
    if we >= comm and we:
        return (
            f'Rewrite {q} in the first person: say what you yourself did ("I traced ...", '
            '"I changed ...") so your contribution is visible.'
        )
    if comm:
        return (
            f"{q} only reports or asks. Tell the actions you took yourself: what you "
            "investigated, changed or delivered."
        )
    return (
        "The story does not say what you yourself did: name your own actions with concrete "
        "verbs (what you checked, built, changed, delivered)."
    )


def metric(an: Analysis, met: bool, quotes: list[str]) -> str:
    if met:
        return "The number lands; say it in the first sentence of the result."
    if quotes:
        return (
            f'"{short(quotes[0])}" is not a measured change: give the number before and after '
            '(e.g. "from 12 a week to 2").'
        )
    return "Add the numbers: what you measured, before and after (or the size of the change)."


def business(an: Analysis, met: bool, quotes: list[str]) -> str:
    if met:
        return (
            "The result is in terms people outside your field care about; add a figure if you can."
        )
    if quotes:
        return (
            f'"{short(quotes[0])}" does not show an effect on customers, money, time or risk: '
            "say what changed for them, with a figure if you have one."
        )
    return "Say what the result meant for customers, money, people's time or risk."


def reflection(an: Analysis, met: bool, quotes: list[str]) -> str:
    if met:
        return "Specific and tied to this story; keep it to one or two sentences."
    if quotes:
        return (
            f'"{short(quotes[0])}" fits any story: say what you now do or check differently '
            "because of this one, and why."
        )
    return "End with what you learned from this story: what you now do or check differently."


SHARED_ADVICE = {
    "situation_concise": situation,
    "ownership_language": ownership,
    "metric_delta": metric,
    "business_impact": business,
    "specific_reflection": reflection,
}
