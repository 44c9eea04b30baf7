"""Prompt files (prompts/*.txt) as LangChain ChatPromptTemplates, and the context they are
filled with.

Each request is the system prompt plus one human message, from f-string templates ({name}).
Values are substituted once and never re-read as templates, so braces in the candidate's text
or in the JSON examples need no escaping. The reply is passed as delimited data inside
<reply>...</reply>; any such tag inside the reply is neutralised so it cannot close the block
early. langchain_core is imported only when a request is built: offline, never.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from interviewer.coach.schemas import critique_of

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
def template(name: str) -> str:
    """The text of the prompt file prompts/<name>.txt."""
    path = resources.files("interviewer.prompt_files").joinpath(f"{name}.txt")
    return path.read_text(encoding="utf-8").strip()


@cache
def chat_template(name: str):
    """The system prompt and prompts/<name>.txt as a ChatPromptTemplate."""
    from langchain_core.prompts import ChatPromptTemplate

    return ChatPromptTemplate.from_messages(
        [("system", template("system")), ("human", template(name))], template_format="f-string"
    )


def _request(name: str, **values: str) -> list:
    return chat_template(name).format_messages(**values)


def neutralise(text: str) -> str:
    """`text` with <reply> and </reply> tags defused, so data cannot end the data block."""
    return _TAG.sub(lambda m: f"\u2039{m.group(1)}{m.group(2)}", text)


def quote_reply(reply: str) -> str:
    """The candidate's reply as one delimited block of data."""
    text = reply.strip()
    if len(text) > MAX_REPLY_CHARS:
        text = text[:MAX_REPLY_CHARS] + " [...the rest of the reply is left out]"
    return f"<reply>\n{neutralise(text)}\n</reply>"


def findings(feedback, limit: int = 160) -> str:
    """The critic's verdict per dimension, with evidence or advice, as a bullet list."""
    lines = []
    for d in critique_of(feedback).dimensions.values():
        if d.met:
            ev = f' (evidence: "{_clip(d.evidence[0], limit)}")' if d.evidence else ""
            lines.append(f"- met: {d.name}{ev}")
        else:
            advice = f" - {_clip(d.advice, limit)}" if d.advice else ""
            lines.append(f"- NOT met: {d.name}{advice}")
    return neutralise("\n".join(lines) or "- (no findings)")


def gaps(feedback, question, prefer: list[str] | None = None, limit: int = 3) -> str:
    """The dimensions the critic found missing (those in `prefer` first), with guidance."""
    crit = critique_of(feedback)
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


def followup_messages(reply: str, feedback, followup, question, persona=None) -> list:
    """The request to phrase `followup`; the interviewer's focus (a pack persona) leads it."""
    lead = ""
    if persona is not None:
        lead = f"You are the {persona.name}. {' '.join(persona.instruction.split())}\n\n"
    return _request(
        "followup",
        persona=lead,
        question=question.text,
        followup_prompt=followup.prompt,
        followup_probes=followup.probes,
        gaps=gaps(feedback, question, prefer=list(followup.presses), limit=2),
        reply=quote_reply(reply),
        format=FORMATS["followup"],
    )


def coaching_messages(reply: str, feedback, question) -> list:
    crit = critique_of(feedback)
    return _request(
        "coaching",
        question=question.text,
        verdict=crit.verdict,
        score=str(crit.score),
        findings=findings(feedback),
        reply=quote_reply(reply),
        **exemplar_texts(feedback),
    )


def rewrite_messages(reply: str, feedback, question) -> list:
    return _request(
        "rewrite",
        question=question.text,
        gaps=gaps(feedback, question, limit=4),
        reply=quote_reply(reply),
        format=FORMATS["rewrite"],
    )


def retry_message(kind: str, error: str) -> tuple[str, str]:
    """The one retry: the same request plus what was wrong with the first answer."""
    text = template("retry").format(error=neutralise(error), format=FORMATS[kind])
    return ("human", text)
