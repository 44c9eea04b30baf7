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
    from interviewer.commands.common import load_context
    from interviewer.names import labels

    try:
        knowledge = load_context(args)[1]
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


def _listing(records) -> list[dict]:
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
    return [{k: d[k] for k in keys} for d in (r.as_dict(turns=False) for r in records)]


def run_sessions(args) -> int:
    """List sessions, newest first: a table, or a JSON list of objects."""
    rows = _listing(_store().list(with_turns=False))
    if args.format == "json":
        _emit(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not rows:
        _emit("No sessions yet: run `interviewer interview` to start one.\n")
        return 0
    head = ("ID", "Started", "Mode", "Question", "Focus", "Level", "Answered", "Score", "")
    table = [head]
    for r in rows:
        note = "" if r["finished_at"] else "unfinished"
        if r["mode"] == "drill" and r["followups"]:
            note = f"drill: {', '.join(r['followups'])}" + (f", {note}" if note else "")
        if r["parent_id"] is not None:
            note = f"re-answer of turn {r['fork_turn'] + 1} of #{r['parent_id']}" + (
                f", {note}" if note else ""
            )
        score = "-" if r["final_score"] is None else str(r["final_score"])
        table.append(
            (
                str(r["id"]),
                _local(r["started_at"]),
                r["mode"],
                r["question_id"],
                r["focus"] or "-",
                r["level"] or "-",
                str(r["answered"]),
                score,
                note,
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table
    ]
    _emit("\n".join(lines) + "\n")
    return 0


def run_export(args) -> int:
    """Write one session's report as markdown (default) or JSON, to stdout or -o FILE."""
    from interviewer.sessions.report import export_json, export_markdown

    rec = _store().get(parse_id(args.id))
    names, question = _today(args, rec.question_id)
    if args.format == "json":
        text = export_json(rec, question) + "\n"
    else:
        text = export_markdown(rec, names, question)
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
    print(f"wrote session {rec.id} to {out}", file=sys.stderr)
    return 0


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
    store = _store()
    records = {r.id: r for r in store.list(with_turns=False)}
    if ids is not None:
        for sid in ids:
            if sid not in records:
                raise UserError(f"no session {sid} (see `interviewer sessions`)")
    chosen = list(records.values()) if ids is None else [records[i] for i in dict.fromkeys(ids)]
    if not chosen:
        print("no sessions to delete", file=sys.stderr)
        return 0
    replies = sum(r.answered for r in chosen)
    what = (
        f"session {chosen[0].id} ({chosen[0].mode}, {_local(chosen[0].started_at)}, "
        f"{_count(replies, 'reply', 'replies')})"
        if len(chosen) == 1
        else f"{len(chosen)} sessions ({_count(replies, 'reply', 'replies')})"
    )
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
