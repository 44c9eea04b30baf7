"""What the coach asks a model for, and the checks its answers must pass.

The checks are the point: a small model writes poor text, so every structured answer is parsed
and validated here, and a failure becomes a plain-words reason the model sees on its one retry
and the user sees if the turn falls back to the offline coach.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

#: Digits, with thousands separators or decimals: "0.3", "8,000", "2023".
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip
_WORDS = re.compile(r"[a-z]+")
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")
_GENERIC = re.compile(r"(?i)\[\s*(placeholders?|\.+|…|tbd|todo|fill in|insert|blank)?\s*\]")
# Not the critic's content words (critic/features.py, `STOP`): that list also drops the words
# every reflection uses (team, people, work, learned, lesson), because the critic asks whether a
# lesson refers back to the story. Here the question is whether a model's text is about the
# candidate's reply, and those words count. Measured on the packs' exemplars (each strong one
# against its weak twin, and as many unrelated pairs): the critic's list would flip 42 of 372
# of these checks' decisions (40 of them to a rejection), and a recorded rewrite (cassettes/)
# would be rejected and asked for again, so the coach keeps its own list.
_STOP_TEXT = (
    "the and that this with from were was have had they them their there what when which would "
    "about into then than also just been being some more most very your yours mine ours after "
    "before because while where will could should over only such each other these those"
)
_STOP = frozenset(_STOP_TEXT.split())
STAR_KEYS = ("situation", "task", "action", "result", "reflection")


def numbers(text: str) -> list[str]:
    """The numbers in `text`, normalised ("8,000" -> "8000", "three" -> "3"), in order."""
    found = []
    for m in _DIGITS.finditer(text):
        raw = m.group()
        found.append(raw.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", raw) else raw)
    found += [str(_NUMBER_WORDS[w]) for w in _WORDS.findall(text.lower()) if w in _NUMBER_WORDS]
    return found


def invented_numbers(candidate: str, source: str) -> list[str]:
    """Numbers in `candidate` that `source` never mentions, each once, in order."""
    known = set(numbers(source))
    out: list[str] = []
    for n in numbers(candidate):
        if n not in known and n not in out:
            out.append(n)
    return out


def invented_metrics(candidate: str, source: str) -> list[str]:
    """Digit numbers in free text that `source` lacks; list markers and counts to 3 excepted."""
    text = re.sub(r"(?m)^\s*\d+[.)]\s", "", candidate)
    known = set(numbers(source))
    out: list[str] = []
    for m in _DIGITS.finditer(text):
        n = numbers(m.group())[0]
        small = n.isdigit() and int(n) <= 3
        if n not in known and not small and n not in out:
            out.append(n)
    return out


def critique_of(feedback):
    """The critic's Critique inside `feedback` (a feedback.Feedback), or `feedback` itself when
    the caller already holds a Critique: the coach is handed either."""
    return getattr(feedback, "critique", feedback)


def content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more, without common function words."""
    return {w for w in _WORDS.findall(text.lower()) if len(w) >= 4 and w not in _STOP}


def placeholders_in(text: str) -> list[str]:
    """Bracketed placeholders such as [N%] or [$ amount], each once, in order."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(re.sub(r"[^\w'%$ ]+", " ", text).split())


def _reply(info: ValidationInfo) -> str:
    return str((info.context or {}).get("reply", ""))


class FollowupOut(BaseModel):
    """The follow-up the interviewer asks next, and the words of the reply it is about."""

    model_config = ConfigDict(extra="ignore", title="followup")

    question: str = Field(description="One short follow-up question, ending with '?'")
    quote: str = Field(description="A short phrase copied word for word from the reply")

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> FollowupOut:
        q = " ".join(self.question.split())
        if not 8 <= len(q) <= 300:
            raise ValueError("the question must be one sentence of 8 to 300 characters")
        if not q.endswith("?") or q.count("?") > 2:
            raise ValueError("the question must be a single question ending with '?'")
        quote = _norm(self.quote)
        reply = _reply(info)
        if len(quote.split()) < 2:
            raise ValueError("the quote must be a phrase of at least two words from the reply")
        if reply and quote not in _norm(reply):
            raise ValueError(f'the quote "{self.quote[:80]}" is not in the reply word for word')
        self.question = q
        return self


class RewriteOut(BaseModel):
    """The candidate's story rewritten as STAR, with placeholders for what they must fill in."""

    model_config = ConfigDict(extra="ignore", title="star_rewrite")

    situation: str = Field(description="The context, in one or two sentences")
    task: str = Field(description="What was yours to do, and that nobody assigned it")
    action: str = Field(description="What the candidate did, in 'I' sentences")
    result: str = Field(description="Outcome, with numbers from the reply or placeholders")
    reflection: str = Field(description="A specific lesson from this story")
    placeholders: list[str] = Field(description="Every [placeholder] used, e.g. [N%]")

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> RewriteOut:
        for key in STAR_KEYS:
            value = " ".join(str(getattr(self, key)).split())
            if not value:
                raise ValueError(f"the {key} is empty")
            if len(value) > 1200:
                raise ValueError(f"the {key} is too long (keep each part under 1,200 characters)")
            setattr(self, key, value)
        reply = _reply(info)
        if not reply:
            return self
        text = self.text()
        invented = invented_numbers(text, reply)
        if invented:
            shown = ", ".join(invented[:5])
            raise ValueError(
                f"it invented numbers that are not in the reply ({shown}); "
                "use placeholders such as [N%] or [$ amount] instead"
            )
        shared = content_words(text) & content_words(reply)
        needed = min(4, max(1, len(content_words(reply)) // 3))
        if len(shared) < needed:
            raise ValueError("it does not retell the candidate's story (too few of their words)")
        generic = [p for p in placeholders_in(text) if _GENERIC.fullmatch(p)]
        if generic:
            raise ValueError(
                f"the placeholder {generic[0]} says nothing: name what is missing, like [N%]"
            )
        if not re.search(r"\b(I|my|me)\b", self.action):
            raise ValueError("the action does not say what the candidate did ('I ...')")
        self.placeholders = placeholders_in(text)
        return self

    def text(self) -> str:
        return " ".join(getattr(self, k) for k in STAR_KEYS)


def llm_schema(model: type[BaseModel]) -> dict:
    """The JSON schema a model is asked to follow (closed: no extra keys)."""
    schema = model.model_json_schema()
    schema["additionalProperties"] = False
    schema["description"] = (model.__doc__ or "").strip().splitlines()[0]
    return schema


def parse_raw(message: Any) -> Any:
    """The JSON object in a raw chat message (tool call or content); ValueError otherwise."""
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return calls[0].get("args")
    if getattr(message, "invalid_tool_calls", None):
        raise ValueError("the tool call arguments were not valid JSON")
    content = getattr(message, "content", message)
    if isinstance(content, list):
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    text = str(content or "").strip()
    if not text:
        raise ValueError("the answer was empty")
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("the answer was not a JSON object")
    try:
        return json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"the answer was not valid JSON ({exc.msg})") from None


def validate(model: type[BaseModel], data: Any, reply: str):
    """`data` as `model`, checked against the reply; ValueError with plain words otherwise."""
    if not isinstance(data, dict):
        raise ValueError("the answer was not a JSON object")
    try:
        return model.model_validate(data, context={"reply": reply})
    except ValidationError as exc:
        raise ValueError(explain(exc)) from None


def explain(exc: ValidationError) -> str:
    """A pydantic error in words (stable across pydantic versions: no URLs, no input dumps)."""
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"])
        kind = err["type"]
        if kind == "missing":
            parts.append(f"the key {loc!r} is missing")
        elif kind == "value_error":
            parts.append(str(err["ctx"]["error"]) if "ctx" in err else err["msg"])
        elif kind.endswith("_type"):
            parts.append(f"{loc!r} has the wrong type ({kind.removesuffix('_type')} expected)")
        else:
            parts.append(f"{loc or 'the answer'}: {err['msg']}")
    return "; ".join(parts)
