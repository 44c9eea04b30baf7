"""Session reports: the transcript, every critique, the exemplars shown and a scorecard.

Markdown for people, JSON for tools. The candidate's replies and the prompts are copied
verbatim into fenced blocks whose fence is longer than any backtick run inside, so no reply
can close the block or restyle the rest of the report.
"""

from __future__ import annotations

import json
import re

from interviewer.names import label as check_name
from interviewer.sessions.store import SessionRecord, TurnRecord

#: Characters that could start markdown syntax inside a line of prose or a table cell.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def scorecard(rec: SessionRecord) -> dict:
    """Per rubric dimension: met across the full answers; per follow-up: verdicts and tries."""
    dims: dict[str, dict] = {}
    answers: list[dict] = []
    followups: dict[str, dict] = {}
    for t in rec.turns:
        fb = t.feedback or {}
        if t.kind == "answer":
            answers.append({"idx": t.idx, "verdict": fb.get("verdict"), "score": fb.get("score")})
            for dim_id, d in (fb.get("dimensions") or {}).items():
                entry = dims.setdefault(dim_id, {"met": 0, "of": 0, "turns": []})
                entry["of"] += 1
                entry["met"] += bool(d.get("met"))
                entry["turns"].append({"idx": t.idx, "met": bool(d.get("met"))})
        else:
            entry = followups.setdefault(
                t.followup or "free-form", {"tries": 0, "verdicts": [], "scores": []}
            )
            entry["tries"] += 1
            entry["verdicts"].append(fb.get("verdict"))
            entry["scores"].append(fb.get("score"))
    for entry in followups.values():
        entry["strong"] = "strong" in entry["verdicts"]
    return {
        "answers": answers,
        "dimensions": dims,
        "followups": followups,
        "final_score": rec.final_score,
        "finished": rec.finished_at is not None,
    }


def export_json(rec: SessionRecord) -> str:
    """The whole session (every turn with its feedback) plus the scorecard, as JSON."""
    return json.dumps(
        {"session": rec.as_dict(), "scorecard": scorecard(rec)}, indent=2, ensure_ascii=False
    )


def export_markdown(rec: SessionRecord, names: dict[str, str] | None = None, question=None) -> str:
    """A readable report: header, transcript with critiques and exemplars, scorecard. `names`
    (names.labels) names the checks as the app does; with the session's `question` the
    scorecard also says which follow-up closed each gap, as the app's scorecard does."""
    parts = [*_header(rec, question), "## Transcript", ""]
    if not rec.turns:
        parts += ["_No replies were submitted in this session._", ""]
    for t in rec.turns:
        parts += _turn(t, names)
    parts += _scorecard_md(scorecard(rec), names, _closed_by(rec, question))
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


def _closed_by(rec: SessionRecord, question) -> dict[str, str]:
    """Gap -> the follow-up that closed it, from the app's own state machine replayed over the
    recorded turns (so the export and the app's scorecard agree)."""
    if question is None or rec.mode != "interview":
        return {}
    from interviewer.interview import Interview
    from interviewer.interview.recorded import turns_from_records

    try:
        iv = Interview.from_turns(
            question, turns_from_records(rec.turns, question), rec.mode, rec.focus, rec.level
        )
        card = iv.finish()
    except Exception:  # a session recorded with older packs: the table goes without it
        return {}
    return {d.id: d.closed_by for d in card.dimensions if d.closed_by}


def _scorecard_md(card: dict, names, closed: dict[str, str] | None = None) -> list[str]:
    lines = ["## Scorecard", ""]
    if card["answers"]:
        scores = ", ".join(
            f"turn {a['idx'] + 1}: {a['verdict'] or 'not critiqued'}"
            + (f" {a['score']}" if a["score"] is not None else "")
            for a in card["answers"]
        )
        lines += [f"Full answers: {scores}", ""]
    if card["dimensions"]:
        lines += [
            "| Rubric dimension | Met | Per answer | Closed by |",
            "| --- | --- | --- | --- |",
        ]
        for dim_id, d in card["dimensions"].items():
            marks = " ".join(("yes" if x["met"] else "no") for x in d["turns"])
            by = inline((closed or {}).get(dim_id) or "-")
            name = inline(check_name(names, dim_id))
            lines.append(f"| {name} | {d['met']}/{d['of']} | {marks} | {by} |")
        lines.append("")
    if card["followups"]:
        lines += ["| Follow-up | Tries | Verdicts | Reached strong |", "| --- | --- | --- | --- |"]
        for fid, f in card["followups"].items():
            verdicts = " → ".join(v or "not critiqued" for v in f["verdicts"])
            strong = "yes" if f["strong"] else "no"
            lines.append(f"| {inline(fid)} | {f['tries']} | {verdicts} | {strong} |")
        lines.append("")
    final = card["final_score"]
    if final is not None:
        lines.append(f"**Final score: {final}/100**")
    elif card["finished"]:
        lines.append("**Final score:** none recorded")
    else:
        lines.append("**Final score:** none (the session was not finished)")
    return lines
