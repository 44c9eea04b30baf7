"""Prompt files (prompts/*.txt) and the context they are filled with.

Templates use string.Template ($name) so that braces in JSON examples need no escaping and the
candidate's text is substituted once, never re-interpreted. The reply is passed as delimited data
inside <reply>...</reply>; any such tag inside the reply is neutralised so it cannot close the
block early.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from string import Template

#: The model sees at most this much of a reply (the critic reads a bounded prefix too).
MAX_REPLY_CHARS = 6000
_TAG = re.compile(r"<\s*(/?)\s*(reply)\b", re.IGNORECASE)

FORMATS = {
    "followup": (
        'Answer with a JSON object only, with two keys: "question" (the follow-up question) and '
        '"quote" (the phrase from the reply). Example: {"question": "...?", "quote": "..."}'
    ),
    "rewrite": (
        'Answer with a JSON object only, with the keys "situation", "task", "action", "result" '
        'and "reflection" (one to three sentences each) and "placeholders" (a list of every '
        "[placeholder] you used)."
    ),
}


@cache
def template(name: str) -> Template:
    """The prompt file prompts/<name>.txt."""
    path = resources.files("interviewer.prompt_files").joinpath(f"{name}.txt")
    return Template(path.read_text(encoding="utf-8"))


def render(name: str, **values: str) -> str:
    return template(name).substitute(values).strip()


def neutralise(text: str) -> str:
    """`text` with <reply> and </reply> tags defused, so data cannot end the data block."""
    return _TAG.sub(lambda m: f"\u2039{m.group(1)}{m.group(2)}", text)


def quote_reply(reply: str) -> str:
    """The candidate's reply as one delimited block of data."""
    text = reply.strip()
    if len(text) > MAX_REPLY_CHARS:
        text = text[:MAX_REPLY_CHARS] + " [...the rest of the reply is left out]"
    return f"<reply>\n{neutralise(text)}\n</reply>"


def _critique(feedback):
    return getattr(feedback, "critique", feedback)


def findings(feedback, limit: int = 160) -> str:
    """The critic's verdict per dimension, with evidence or advice, as a bullet list."""
    lines = []
    for d in _critique(feedback).dimensions.values():
        if d.met:
            ev = f' (evidence: "{_clip(d.evidence[0], limit)}")' if d.evidence else ""
            lines.append(f"- met: {d.name}{ev}")
        else:
            advice = f" - {_clip(d.advice, limit)}" if d.advice else ""
            lines.append(f"- NOT met: {d.name}{advice}")
    return neutralise("\n".join(lines) or "- (no findings)")


def gaps(feedback, question, prefer: list[str] | None = None, limit: int = 3) -> str:
    """The dimensions the critic found missing (those in `prefer` first), with guidance."""
    crit = _critique(feedback)
    ids = crit.gaps()
    if prefer:
        ids = [i for i in ids if i in prefer] + [i for i in ids if i not in prefer]
    lines = []
    for dim_id in ids[:limit]:
        d = crit.dimensions[dim_id]
        guidance = next((x.guidance for x in question.dimensions if x.id == dim_id), "")
        detail = d.advice or guidance
        lines.append(f"- {d.name}: {_clip(' '.join(detail.split()), 220)}")
    return neutralise("\n".join(lines) or "- none: the reply meets every rubric dimension")


def exemplar_texts(feedback) -> dict[str, str]:
    """The closest strong and weak exemplars (and why the weak one is weak)."""
    ex = getattr(feedback, "exemplars", None)
    strong = ex.strong[0].text if ex and ex.strong else "(none retrieved)"
    weak_hit = ex.weak[0] if ex and ex.weak else None
    return {
        "strong": _clip(" ".join(strong.split()), 700),
        "weak": _clip(" ".join(weak_hit.text.split()), 500) if weak_hit else "(none retrieved)",
        "weak_why": f" (weak because: {weak_hit.why.strip()})" if weak_hit and weak_hit.why else "",
    }


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _messages(body: str) -> list[tuple[str, str]]:
    return [("system", render("system")), ("human", body)]


def followup_messages(
    reply: str, feedback, followup, question, persona=None
) -> list[tuple[str, str]]:
    """The request to phrase `followup`; the interviewer's focus (a pack persona) leads it."""
    body = render(
        "followup",
        question=question.text,
        followup_prompt=followup.prompt,
        followup_probes=followup.probes,
        gaps=gaps(feedback, question, prefer=list(followup.presses), limit=2),
        reply=quote_reply(reply),
        format=FORMATS["followup"],
    )
    if persona is not None:
        body = f"You are the {persona.name}. {' '.join(persona.instruction.split())}\n\n{body}"
    return _messages(body)


def coaching_messages(reply: str, feedback, question) -> list[tuple[str, str]]:
    crit = _critique(feedback)
    body = render(
        "coaching",
        question=question.text,
        verdict=crit.verdict,
        score=str(crit.score),
        findings=findings(feedback),
        reply=quote_reply(reply),
        **exemplar_texts(feedback),
    )
    return _messages(body)


def rewrite_messages(reply: str, feedback, question) -> list[tuple[str, str]]:
    body = render(
        "rewrite",
        question=question.text,
        gaps=gaps(feedback, question, limit=4),
        reply=quote_reply(reply),
        format=FORMATS["rewrite"],
    )
    return _messages(body)


def retry_message(kind: str, error: str) -> tuple[str, str]:
    """The one retry: the same request plus what was wrong with the first answer."""
    return ("human", render("retry", error=neutralise(error), format=FORMATS[kind]))
