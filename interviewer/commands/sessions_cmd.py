"""`interviewer sessions`, `interviewer export ID` and `interviewer progress`."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from interviewer.errors import UserError


def _store():
    from interviewer.sessions.store import SessionStore

    return SessionStore(warn=_note)


def _note(message: str) -> None:
    print(f"interviewer: {message}", file=sys.stderr)


def _emit(text: str) -> None:
    """Write UTF-8 whatever the locale says: a reply with emoji must not crash `export`."""
    sys.stdout.flush()
    buf = getattr(sys.stdout, "buffer", None)
    if buf is None:
        sys.stdout.write(text)
    else:
        buf.write(text.encode("utf-8"))
        buf.flush()


def _local(stamp: str | None) -> str:
    """A stored UTC timestamp as local 'YYYY-MM-DD HH:MM' for the table."""
    if not stamp:
        return "-"
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _today(args, question_id: str | None = None) -> tuple[dict[str, str], object]:
    """From today's packs, read once: the checks' names as the app shows them, and the
    session's question. ({}, None) when the packs cannot be read or lack the question: a
    report of recorded sessions must not fail on them."""
    return _named(_packs(args), question_id)


def _packs(args):
    """Today's knowledge packs, or None when they cannot be read."""
    from interviewer.commands.common import load_context

    try:
        return load_context(args)[1]
    except Exception:
        return None


def _named(knowledge, question_id: str | None) -> tuple[dict[str, str], object]:
    from interviewer.names import labels

    if knowledge is None:
        return {}, None
    try:
        names = labels(knowledge, question_id)
    except Exception:
        return {}, None
    try:
        return names, knowledge.question(question_id) if question_id else None
    except Exception:
        return names, None


def parse_id(raw: str) -> int:
    """A session id from the command line; UserError unless it is a positive whole number."""
    text = raw.strip()
    if not text.isdecimal() or not text.isascii() or int(text) < 1:
        raise UserError(f"session id must be a positive whole number, got {raw!r}")
    return int(text)


def _listing(entries) -> list[dict]:
    keys = (
        "id",
        "started_at",
        "mode",
        "focus",
        "level",
        "question_id",
        "model",
        "answered",
        "final_score",
        "finished_at",
        "parent_id",
        "fork_turn",
        "followups",
    )
    rows = []
    for d in (e.as_dict(turns=False) for e in entries):
        row = {k: d[k] for k in keys}
        if "loop" in d:  # a full loop: one entry, its questions in order
            row["loop"] = d["loop"]
        rows.append(row)
    return rows


def run_sessions(args) -> int:
    """List sessions, newest first (a full loop is one entry): a table, or a JSON list."""
    from interviewer.sessions.loops import LoopRecord, entries

    listed = entries(_store().list(with_turns=False))
    if args.format == "json":
        _emit(json.dumps(_listing(listed), indent=2, ensure_ascii=False) + "\n")
        return 0
    if not listed:
        _emit("No sessions yet: run `interviewer interview` to start one.\n")
        return 0
    head = ("ID", "Started", "Mode", "Question", "Focus", "Level", "Answered", "Score", "")
    table = [head]
    for e in listed:
        if isinstance(e, LoopRecord):
            table += _loop_rows(e)
            continue
        note = "" if e.finished_at else "unfinished"
        if e.mode == "drill" and e.followups:
            note = f"drill: {', '.join(e.followups)}" + (f", {note}" if note else "")
        if e.parent_id is not None:
            note = f"re-answer of turn {e.fork_turn + 1} of #{e.parent_id}" + (
                f", {note}" if note else ""
            )
        table.append(
            (str(e.id), _local(e.started_at), e.mode, e.question_id, e.focus or "-",
             e.level or "-", str(e.answered), _score(e.final_score), note)
        )  # fmt: skip
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table
    ]
    _emit("\n".join(lines) + "\n")
    return 0


def _score(score: int | None) -> str:
    return "-" if score is None else str(score)


def _loop_rows(loop) -> list[tuple[str, ...]]:
    """A full loop: its own row (the overall score, the time against the budget), then one
    row per question in order, each with its score."""
    from interviewer.interview.loop import clock

    n = len(loop.plan)
    done = sum(1 for _, _, rec in loop.slots() if rec is not None and rec.finished_at)
    state = "" if loop.finished else f"unfinished: {done} of {n} questions, "
    note = f"{state}{clock(int(loop.elapsed_s))} of {clock(loop.budget_s)}"
    rows = [
        (str(loop.id), _local(loop.started_at), "loop", f"{n} question{'s' if n != 1 else ''}",
         loop.focus or "-", loop.level or "-", str(loop.answered), _score(loop.final_score),
         note)
    ]  # fmt: skip
    for i, qid, rec in loop.slots():
        if rec is None:
            rows.append(("", "", "", f"{i + 1}. {qid}", "", "", "0", "-", "not answered"))
            continue
        note = f"#{rec.id}" + ("" if rec.finished_at else ", unfinished")
        rows.append(
            ("", "", "", f"{i + 1}. {qid}", "", "", str(rec.answered), _score(rec.final_score),
             note)
        )  # fmt: skip
    return rows


def run_export(args) -> int:
    """Write one session's report as markdown (default) or JSON, to stdout or -o FILE; a
    question of a full loop (or the loop's id, its first question's) writes the whole loop."""
    from interviewer.sessions.loops import find

    store = _store()
    session_id = parse_id(args.id)
    loop = find(store, session_id)
    if loop is not None:
        text, what = _loop_report(args, loop), f"loop {loop.id}"
    else:
        text, what = _session_report(args, store.get(session_id)), f"session {session_id}"
    if not args.output or args.output == "-":
        _emit(text)
        return 0
    out = Path(args.output)
    if out.is_dir():
        raise UserError(f"{out}: is a directory; give a file name for the report")
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{out}: cannot write the report: {exc.strerror or exc}") from None
    print(f"wrote {what} to {out}", file=sys.stderr)
    return 0


def _session_report(args, rec) -> str:
    from interviewer.sessions.report import export_json, export_markdown

    names, question = _today(args, rec.question_id)
    if args.format == "json":
        return export_json(rec, question) + "\n"
    return export_markdown(rec, names, question)


def _loop_report(args, loop) -> str:
    from interviewer.sessions.loop_report import export_loop_json, export_loop_markdown

    knowledge = _packs(args)  # each question's scorecard is replayed on today's pack
    today = {rec.question_id: _named(knowledge, rec.question_id) for rec in loop.questions}
    questions = {qid: q for qid, (_, q) in today.items() if q is not None}
    if args.format == "json":
        return export_loop_json(loop, questions) + "\n"
    return export_loop_markdown(loop, {qid: n for qid, (n, _) in today.items()}, questions)


def run_progress(args) -> int:
    """How each rubric dimension and follow-up went across sessions: a table and a chart."""
    from interviewer.sessions.progress import progress, progress_text

    data = progress(_store().list(with_turns=True))
    if args.format == "json":
        _emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        _emit(progress_text(data, names=_today(args)[0]))
    return 0


def run_delete(args) -> int:
    """`interviewer sessions delete ID... | --all [--yes]`: asks first unless --yes."""
    if args.all and args.ids:
        raise UserError("give session IDs or --all, not both")
    if not args.all and not args.ids:
        raise UserError("name the sessions to delete (IDs from `interviewer sessions`), or --all")
    ids = None if args.all else [parse_id(i) for i in args.ids]
    from interviewer.sessions.loops import LoopRecord, entries

    store = _store()
    listed = entries(store.list(with_turns=False))
    # A question of a full loop names its loop, which is deleted whole (it is one entry).
    owner = {q.id: e for e in listed for q in e.sessions}
    if ids is not None:
        for sid in ids:
            if sid not in owner:
                raise UserError(f"no session {sid} (see `interviewer sessions`)")
    chosen = listed if ids is None else [e for e in listed if any(owner[i] is e for i in ids)]
    if not chosen:
        print("no sessions to delete", file=sys.stderr)
        return 0
    replies = _count(sum(e.answered for e in chosen), "reply", "replies")
    one = chosen[0]
    if len(chosen) > 1:
        n = sum(len(e.sessions) for e in chosen)
        what = f"{n} sessions ({replies})"
    elif isinstance(one, LoopRecord):
        questions = _count(len(one.questions), "question", "questions")
        what = f"loop {one.id} ({questions}, {_local(one.started_at)}, {replies})"
    else:
        what = f"session {one.id} ({one.mode}, {_local(one.started_at)}, {replies})"
    if not args.yes and not _confirm(f"Delete {what}? This cannot be undone. [y/N] "):
        print("nothing deleted", file=sys.stderr)
        return 1
    sessions, turns = store.delete(ids)
    print(
        f"deleted {_count(sessions, 'session', 'sessions')} and "
        f"{_count(turns, 'reply', 'replies')}; their text is overwritten in {store.path}",
        file=sys.stderr,
    )
    return 0


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _confirm(question: str) -> bool:
    """Ask at a terminal; a script must say --yes (an accidental pipe must not delete)."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise UserError("deleting needs confirmation: run it at a terminal, or add --yes")
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False
