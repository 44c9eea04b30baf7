"""The offline coach: coaching and a STAR template built from the critic's findings alone.

This is what the candidate gets without a model, and whenever a model turn fails.
"""

from __future__ import annotations

import re

from interviewer.coach.schemas import STAR_KEYS, critique_of, placeholders_in

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_CUES = {
    "reflection": re.compile(
        r"\b(learn(?:ed|t)|lesson|next time|in hindsight|reali[sz]ed|taught me|takeaway)\b", re.I
    ),
    "result": re.compile(
        r"\b(as a result|result(?:ed)?|went (?:from|down|up|to)|dropped|reduced|increased|"
        r"improved|saved|recovered|impact|adopted)\b|%|\$",
        re.I,
    ),
    "task": re.compile(
        r"\b(no(?:body| one) (?:asked|assigned)|not my (?:team|job|area)|wasn'?t (?:my|assigned)|"
        r"no ticket|belonged to|owned by|my (?:goal|task|job) was|decided to)\b",
        re.I,
    ),
    "action": re.compile(r"\b(?:I|we)\s+(?:\w+ed|built|wrote|made|took|led|ran|set|sent|found)\b"),
}

#: What the candidate must fill in, per rubric dimension the critic found missing.
GAP_PLACEHOLDERS = {
    "situation_concise": "[one sentence: what was broken, where, and how you noticed]",
    "scope_boundary": "[whose area it was, and that nobody assigned it to you]",
    "ownership_language": "[what you did yourself: one 'I ...' sentence per step]",
    "metric_delta": "[metric] went from [N%] to [M%].",
    "business_impact": "That was worth [$ amount] a [week/month], or [N] customers or hours.",
    "second_order_effect": "[what changed beyond the fix, e.g. a team that adopted your approach]",
    "specific_reflection": "[what this story taught you about the system or the organisation]",
}


#: A STAR part the reply has no sentence for, and no rubric gap names.
MISSING = {
    "situation": "[the situation: what was wrong, and where]",
    "task": "[the task: what was yours to do, and why you took it on]",
    "action": "[what you did, step by step, each with 'I']",
    "result": "[what changed, with numbers]",
    "reflection": "[what you learned from this story]",
}
#: Placeholders longer than this are instructions, already clear where they stand.
SHORT = 24


def _star_of(question, dim_id: str) -> str | None:
    return next((d.star for d in question.dimensions if d.id == dim_id), None)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def _section_by_evidence(sentence: str, crit, question) -> str | None:
    low = sentence.lower()
    for dim_id, d in crit.dimensions.items():
        star = _star_of(question, dim_id)
        if star and any(ev.strip() and ev.lower().strip() in low for ev in d.evidence):
            return star
    return None


def assign_sections(reply: str, feedback, question) -> dict[str, list[str]]:
    """The reply's sentences sorted into STAR sections: by the critic's evidence, then by cues."""
    crit = critique_of(feedback)
    sections: dict[str, list[str]] = {k: [] for k in STAR_KEYS}
    seen_action = False
    for sentence in sentences(reply):
        star = _section_by_evidence(sentence, crit, question)
        if star is None:
            star = next((k for k, cue in _CUES.items() if cue.search(sentence)), None)
        if star is None:
            star = "action" if seen_action else "situation"
        seen_action = seen_action or star in ("action", "result")
        sections[star].append(sentence)
    return sections


def star_template(reply: str, feedback, question) -> tuple[dict[str, str], list[str]]:
    """STAR sections filled with the candidate's own sentences plus placeholders for the gaps."""
    crit = critique_of(feedback)
    sections = assign_sections(reply, feedback, question)
    order = [d.id for d in question.dimensions]
    gaps = sorted(crit.gaps(), key=lambda g: order.index(g) if g in order else len(order))
    for dim_id in gaps:
        star = _star_of(question, dim_id)
        if star is None:
            continue
        name = crit.dimensions[dim_id].name.lower()
        sections[star].append(GAP_PLACEHOLDERS.get(dim_id, f"[{name}]"))
    filled = {k: " ".join(v) if v else MISSING[k] for k, v in sections.items()}
    return filled, placeholders_in(" ".join(filled.values()))


def render_star(sections: dict[str, str], placeholders: list[str]) -> str:
    """The rewrite as text: one labelled paragraph per STAR part, then what to fill in."""
    lines = [f"{k.capitalize()}: {sections[k]}" for k in STAR_KEYS]
    short = [p for p in placeholders if len(p) <= SHORT]
    if short:
        lines += ["", "Fill in before you use it: " + ", ".join(short)]
    return "\n".join(lines)


def offline_rewrite(reply: str, feedback, question) -> str:
    return render_star(*star_template(reply, feedback, question))


def _quote(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= n else text[: n - 1] + "…"}"'


def offline_coaching(feedback) -> str:
    """A coaching paragraph from the critic's findings and the retrieved exemplars."""
    crit = critique_of(feedback)
    parts = [f"Your answer is {crit.verdict} ({crit.score}/100)."]
    met = [d for d in crit.dimensions.values() if d.met]
    if met:
        shown = [f"{d.name} ({_quote(d.evidence[0], 80)})" if d.evidence else d.name for d in met]
        parts.append("What works: " + "; ".join(shown[:3]) + ".")
    else:
        parts.append("Nothing in the rubric is clearly there yet.")
    gap_ids = crit.gaps()
    if gap_ids:
        first = crit.dimensions[gap_ids[0]]
        parts.append(f"The biggest gap is {first.name.lower()}: {first.advice.strip()}".rstrip())
        if len(gap_ids) > 1:
            second = crit.dimensions[gap_ids[1]]
            parts.append(f"Next, {second.name.lower()}: {second.advice.strip()}".rstrip())
        if len(gap_ids) > 2:
            rest = ", ".join(crit.dimensions[g].name.lower() for g in gap_ids[2:5])
            parts.append(f"Then work on {rest}.")
    else:
        parts.append("Every rubric dimension is met: tighten the wording and keep it under two "
                     "minutes.")  # fmt: skip
    ex = getattr(feedback, "exemplars", None)
    if ex and ex.strong:
        parts.append(f"Compare the closest strong answer: {_quote(ex.strong[0].text, 240)}")
    if ex and ex.weak and ex.weak[0].why:
        why = ex.weak[0].why.strip().rstrip(".")
        parts.append(f"Your reply is close to a weak answer, whose problem is: {why}.")
    return " ".join(p if p.endswith((".", "!", "?", '"')) else p + "." for p in parts)
