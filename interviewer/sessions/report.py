"""Session reports: the transcript, every critique, the exemplars shown and a scorecard.

Markdown for people, JSON for tools. The candidate's replies and the prompts are copied
verbatim into fenced blocks whose fence is longer than any backtick run inside, so no reply
can close the block or restyle the rest of the report.
"""

from __future__ import annotations

import json
import re

from interviewer.errors import UserError
from interviewer.interview.recorded import replayed
from interviewer.interview.scorecard import Scorecard
from interviewer.names import label as check_name
from interviewer.sessions.store import SessionRecord, TurnRecord

#: Characters that could start markdown syntax inside a line of prose or a table cell.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def scorecard(rec: SessionRecord, question) -> tuple[Scorecard | None, str]:
    """The app's scorecard of the session: the state machine replayed over the recorded turns
    (interview.recorded), so totals, order and what closed each gap are the app's. Without
    `question` (today's packs lack it) or when the session no longer fits its pack: (None,
    why)."""
    if question is None:
        return None, f"today's knowledge packs have no question {rec.question_id!r}"
    try:
        return replayed(rec, question).finish(), ""
    except (UserError, KeyError, ValueError) as exc:
        return None, f"the session no longer fits today's pack of {rec.question_id!r} ({exc})"


def export_json(rec: SessionRecord, question=None) -> str:
    """The whole session (every turn with its feedback) plus the app's scorecard, as JSON;
    with the reason in `scorecard_missing` when there is no `question` to replay it on."""
    card, why = scorecard(rec, question)
    data = {"session": rec.as_dict(), "scorecard": card.as_dict() if card else None}
    if card is None:
        data["scorecard_missing"] = why
    return json.dumps(data, indent=2, ensure_ascii=False)


def export_markdown(
    rec: SessionRecord, names: dict[str, str] | None = None, question=None, depth: int = 0
) -> str:
    """A readable report: header, transcript with critiques and exemplars, scorecard. `names`
    (names.labels) names the checks as the app does; the scorecard needs the session's
    `question`, as the app's does. `depth` puts every heading that many levels lower (a
    question's report inside a loop's)."""
    parts = [*_header(rec, question), "## Transcript", ""]
    if not rec.turns:
        parts += ["_No replies were submitted in this session._", ""]
    for t in rec.turns:
        parts += _turn(t, names)
    parts += _scorecard_md(rec, *scorecard(rec, question))
    # Only headings start with '#': replies are fenced and prose has its '#' escaped.
    parts = ["#" * depth + p if p.startswith("#") else p for p in parts]
    return "\n".join(parts).rstrip("\n") + "\n"


# -- markdown helpers ---------------------------------------------------------------------------


def fence(text: str, info: str = "text") -> str:
    """`text` verbatim in a fenced code block that nothing inside can close."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    bar = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{bar}{info}\n{body}{bar}"


def inline(text: str) -> str:
    """One line of prose with markdown syntax escaped (line breaks become spaces)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code_span(text: str) -> str:
    """A short quote (evidence) as an inline code span that its own backticks cannot end."""
    flat = " ".join(str(text).split())
    longest = max((len(m) for m in re.findall(r"`+", flat)), default=0)
    bar = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{bar}{pad}{flat}{pad}{bar}"


def _header(rec: SessionRecord, question=None) -> list[str]:
    kind = "Pushback drill" if rec.mode == "drill" else "Mock interview"
    lines = [
        f"# {kind}: session {rec.id}",
        "",
        f"- Started: {rec.started_at}",
        f"- Question: {inline(question.text) + ' ' if question is not None else ''}"
        f"({inline(rec.question_id)})",
        f"- Interviewer focus: {inline(rec.focus or '-')}; level: {inline(rec.level or '-')}",
        f"- Model: {inline(rec.model)}",
    ]
    if rec.parent_id is not None:
        lines.append(f"- Re-answer of turn {rec.fork_turn + 1} of session {rec.parent_id}")
    lines.append(f"- Finished: {rec.finished_at or 'no (the session was not finished)'}")
    score = "-" if rec.final_score is None else f"{rec.final_score}/100"
    lines += [f"- Replies: {rec.answered}; final score: {score}", ""]
    return lines


def _turn(t: TurnRecord, names) -> list[str]:
    title = "full answer" if t.kind == "answer" else f"follow-up ({inline(t.followup or 'free')})"
    lines = [
        f"### Turn {t.idx + 1}: {title}",
        "",
        "**Interviewer:**",
        "",
        fence(t.prompt),
        "",
        f"**Candidate** (submitted {t.submitted_at}):",
        "",
        fence(t.reply),
        "",
    ]
    if t.copied_from is not None:
        lines += ["_Copied from the session this one re-answers._", ""]
    if not t.feedback:
        return lines + ["_No critique was saved for this reply._", ""]
    return lines + _critique(t.feedback, t.critique_ms, names) + _exemplars(t.feedback)


def _critique(fb: dict, critique_ms: float | None, names) -> list[str]:
    took = f" (critiqued in {critique_ms:.0f} ms)" if critique_ms is not None else ""
    lines = [f"**Critique:** {inline(fb.get('verdict', '?'))}, {fb.get('score', '?')}/100{took}"]
    lines.append("")
    for dim_id, d in (fb.get("dimensions") or {}).items():
        mark = "met" if d.get("met") else "not met"
        name = check_name(names, dim_id, fb.get("followup"))
        lines.append(f"- **{inline(name)}**: {mark}")
        for ev in d.get("evidence") or []:
            lines.append(f"  - evidence: {code_span(ev)}")
        if d.get("advice"):
            lines.append(f"  - advice: {inline(d['advice'])}")
    for note in fb.get("notes") or []:
        lines.append(f"- note: {inline(note)}")
    return [*lines, ""]


def _exemplars(fb: dict) -> list[str]:
    ex = fb.get("exemplars") or {}
    shown = [("strong", h) for h in ex.get("strong") or []]
    shown += [("weak", h) for h in ex.get("weak") or []]
    if not shown:
        return []
    lines = ["**Exemplars shown:**", ""]
    for label, h in shown:
        score = h.get("score")
        sim = f", similarity {score:.2f}" if isinstance(score, int | float) else ""
        lines.append(f"- {label} ({inline(h.get('id', '?'))}{sim}): {inline(h.get('text', ''))}")
        if h.get("why"):
            lines.append(f"  - why it is weak: {inline(h['why'])}")
    return [*lines, ""]


def _scorecard_md(rec: SessionRecord, card: Scorecard | None, why: str) -> list[str]:
    lines = ["## Scorecard", ""]
    if card is None:
        return [*lines, f"_No scorecard: {inline(why)}._"]
    if rec.finished_at is None:
        lines += ["_The session was not finished: the scorecard of the replies so far._", ""]
    overall = "-" if card.overall is None else f"{card.overall}/100"
    head = f"**Overall {overall}**"
    if card.answer_score is not None:
        head += f"; first answer {card.answer_score}/100 ({inline(card.answer_verdict or '')})"
    lines += [head, ""]
    for line in (card.explanation, card.length.line if card.length else ""):
        if line:
            lines += [inline(line), ""]
    return [*lines, *_fixes_md(card, rec.question_id), *_tables_md(card)]


def _tables_md(card: Scorecard) -> list[str]:
    """Per rubric dimension and per follow-up, as the app's scorecard tables."""
    lines = []
    if card.dimensions:
        lines += ["| Rubric dimension | In your answer | After follow-ups |", "| --- | --- | --- |"]
        for d in card.dimensions:
            shown = "met" if d.met else "not met"
            lines.append(f"| {inline(d.name)} | {shown} | {inline(d.after)} |")
        lines.append("")
    if card.followups:
        lines += ["| Follow-up | Tries | Scores | Result |", "| --- | --- | --- | --- |"]
        for r in card.followups:
            scores = " → ".join(str(x) for x in r.scores) or "-"
            asked = f"{inline(r.prompt)} ({inline(r.id)})"
            lines.append(f"| {asked} | {r.tries} | {scores} | {r.result} |")
        lines.append("")
    return lines


def _fixes_md(card: Scorecard, question_id: str) -> list[str]:
    """The top fixes in the app's order: the candidate's words, the advice, a strong line."""
    if not card.fixes:
        return []
    lines = ["### What to fix first", ""]
    for n, f in enumerate(card.fixes, start=1):
        lines.append(f"{n}. **{inline(f.name)}**")
        if f.quote:
            lines.append(f"   - you said: {code_span(f.quote)}")
        if f.advice:
            lines.append(f"   - {inline(f.advice)}")
        if f.example:
            lines.append(f"   - a strong answer says: {inline(f.example)}")
        if f.drill:
            drill = f"interviewer drill --question {question_id} --followup {f.drill}"
            lines.append(f"   - practise it: {code_span(drill)}")
    return [*lines, ""]
