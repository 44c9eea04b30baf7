"""`interviewer score`: critique one reply (text/json) or a batch of JSON lines (jsonl)."""

from __future__ import annotations

import json
import os
import stat
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import ExitStack

from interviewer.commands.common import (
    input_lines,
    json_line,
    json_of_line,
    load_context,
    read_reply,
)
from interviewer.progress_bar import at_terminal, progress_bar

#: Lines read ahead of the critique: output streams, memory stays bounded.
CHUNK = 64
FIRST_CHUNK = 8


def run_score(args) -> int:
    if args.format == "jsonl":
        return _run_jsonl(args)
    text = read_reply(args.file)
    from interviewer.bank import Exemplars
    from interviewer.feedback import FeedbackService
    from interviewer.forked import Forked

    settings, knowledge = load_context(args)
    service = FeedbackService(knowledge, settings)
    question = knowledge.question(args.question)
    if args.followup:
        question.followup(args.followup)  # an unknown id is one line, before any work
    # The exemplars are ranked in a second process while this one loads the parser and
    # critiques: the two loads share nothing and there are two cores to use.
    ranking = Forked(lambda: service.exemplars(text, question.id, args.followup))
    crit = service.critique_only(
        text, question.id, args.followup, focus=args.focus, level=args.level
    )
    try:
        exemplars = ranking.result()
    except RuntimeError as exc:  # the critique must still reach the user
        exemplars = Exemplars(note=f"exemplars unavailable: {exc}")
    fb = service.with_exemplars(crit, exemplars)
    if args.format == "json":
        # score never calls a model (deterministic, for scripts): its label says so
        out = {**fb.as_dict(), "model": "offline"}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_text(fb, "offline"))
    return 0


def render_text(fb, model_label: str) -> str:
    """A readable critique for the terminal (plain text: no markup is interpreted)."""
    c = fb.critique
    kind = f"answer to the '{c.followup}' follow-up" if c.followup else "full answer"
    lines = [
        f"Critique of your {kind} ({model_label})",
        f"Verdict: {c.verdict.upper()}   Score: {c.score}/100",
        "",
    ]
    for d in c.dimensions.values():
        lines.append(f"{'[met]    ' if d.met else '[not met]'} {d.name}")
        for ev in d.evidence[:2]:
            lines.append(_wrap(f'"{_clip(ev)}"', "      "))
        if d.advice:
            lines.append(_wrap(d.advice, "      -> "))
    for label in ("strong", "weak"):
        hits = getattr(fb.exemplars, label)
        if hits:
            field = f" ({hits[0].field})" if hits[0].field else ""
            lines += ["", f"Closest {label} exemplar{field}:", _wrap(hits[0].text, "  ")]
            if hits[0].why:
                lines.append(_wrap(f"Why it is weak: {hits[0].why}", "  "))
    twin = fb.exemplars.twin
    if twin is not None:
        lines += ["", "The same story as the weak one, told well:", _wrap(twin.text, "  ")]
    for note in [*c.notes, *fb.notes]:
        lines += ["", f"Note: {note}"]
    return "\n".join(lines)


def _clip(s: str, n: int = 200) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _wrap(s: str, prefix: str) -> str:
    return textwrap.fill(s, width=96, initial_indent=prefix, subsequent_indent=" " * len(prefix))


def parse_line(raw: bytes, number: int, followups: dict[str, set[str]], default: str) -> dict:
    """One request of a jsonl batch; ValueError with a message for the error object."""
    obj = json_of_line(raw, number)
    if not isinstance(obj, dict):
        raise ValueError(f"line {number}: expected an object with id and text")
    rid = obj.get("id")
    if rid is not None and not isinstance(rid, str):
        raise ValueError("id must be a string")
    reply = obj.get("text")
    if not isinstance(reply, str) or not reply.strip():
        raise ValueError("text must be a non-empty string")
    qid = obj.get("question", default)
    if qid is None:
        qid = default
    if not isinstance(qid, str) or qid not in followups:
        raise ValueError(f"unknown question {qid!r}")
    fu = obj.get("followup")
    # A list or object is unhashable: test the type before looking it up in the set.
    if fu is not None and (not isinstance(fu, str) or fu not in followups[qid]):
        raise ValueError(f"unknown followup {fu!r}")
    for name, value in (("id", rid), ("text", reply)):
        if value is not None and not _encodable(value):
            # A "\ud800" escape decodes to a lone surrogate, which no UTF-8 output can hold
            # (the critique quotes the text and echoes the id): refuse the line instead.
            raise ValueError(f"{name} holds a lone surrogate escape (like \\ud800): not Unicode")
    return {"id": rid, "text": reply, "followup": fu, "question": qid}


def _loads(text: str):
    """The JSON value of `text`, or None when it cannot be read as JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _encodable(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _run_jsonl(args) -> int:
    started = time.perf_counter()
    settings, knowledge = load_context(args)
    question = knowledge.question(args.question)
    from interviewer.feedback import FeedbackService

    FeedbackService.warm_critic()
    service = FeedbackService(knowledge, settings)
    counts = {"failed": 0, "scored": 0}
    followups = {q.id: {f.id for f in q.followups} for q in knowledge.questions}
    if args.followup and args.followup not in followups[question.id]:
        question.followup(args.followup)  # the one-line error naming the known ids
    critics = _Critics(service, args)
    with ExitStack() as shown:
        advance = None
        try:
            for chunk in _chunks(args.file, followups, question.id, counts):
                for req, _ in chunk:
                    if req is not None:
                        req["followup"] = req["followup"] or args.followup
                _write(critics, chunk)
                counts["scored"] += len(chunk)
                if advance is None:
                    # The bar is drawn from the end of the first chunk: by then the worker
                    # pool is forked, and a bar's drawing thread must not be (the workers
                    # would inherit its lock on stderr, held, and hang flushing it at exit).
                    advance = shown.enter_context(_batch_bar(args.file))
                    advance(counts["scored"])
                else:
                    advance(len(chunk))
        finally:
            critics.close()
    if at_terminal():
        seconds = time.perf_counter() - started
        print(f"interviewer: scored {counts['scored']} lines in {seconds:.1f} s", file=sys.stderr)
    if counts["failed"]:
        print(f"interviewer: {counts['failed']} line(s) could not be scored", file=sys.stderr)
    return 1 if counts["failed"] else 0


def _batch_bar(path: str):
    """The bar over a batch (nothing unless stderr is a terminal), with its total when the
    replies come from a file."""
    return progress_bar("scoring", _lines_in(path) if at_terminal() else None, unit="lines")


def _lines_in(path: str) -> int | None:
    """How many lines FILE has to score; None for stdin or a pipe, which cannot be read twice."""
    try:
        if path == "-" or not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:  # reading the replies says what is wrong, in one line
        return None


def _chunks(
    path: str, followups: dict[str, set[str]], default: str, counts: dict
) -> Iterator[list[tuple[dict | None, dict]]]:
    """Chunks of (request, error object) in input order; a bad line becomes its error object."""
    chunk: list[tuple[dict | None, dict]] = []
    size = FIRST_CHUNK
    for number, raw in enumerate(input_lines(path, "your replies"), start=1):
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        try:
            chunk.append((parse_line(raw, number, followups, default), {}))
        except ValueError as exc:  # parse_line says what is wrong with the line
            counts["failed"] += 1
            rid = _guess_id(raw)
            where = {"id": rid} if rid is not None else {"line": number}
            chunk.append((None, {**where, "error": str(exc)}))
        if len(chunk) >= size:
            yield chunk
            chunk = []
            size = min(CHUNK, size * 2)
    if chunk:
        yield chunk


def _write(critics, chunk) -> None:
    """Critique one chunk and write its results in input order."""
    done = iter(critics.map([req for req, _ in chunk if req is not None]))
    for req, err in chunk:
        obj = err if req is None else next(done)
        sys.stdout.write(json_line(obj) + "\n")
    sys.stdout.flush()


#: What a forked worker critiques with: set in the parent just before the pool forks, so the
#: children inherit the loaded parser, packs and models instead of loading their own.
_WORKER: tuple | None = None


def _one_blas_thread() -> None:
    """Each worker multiplies with one BLAS thread: the workers already fill the cores, and a
    thread pool per worker on top of that doubled the time of a 100-reply batch here."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def _pooled(req: dict):
    """A worker's share of one reply: its critique and the embedding it is ranked by."""
    service, args = _WORKER  # type: ignore[misc]
    vector = service.vector(req["text"], req["question"], req["followup"])
    return _critique(service, args, req), vector


class _Critics:
    """Critiques a batch in order. The critique is CPU-bound (mostly the parse), so a real
    batch is shared by two forked worker processes, one per core here (small inputs and
    systems without fork stay in this process). The workers critique and embed; the index is
    asked here, once per chunk and question, by this process alone (one writer per index),
    which forks the pool before it opens the index."""

    def __init__(self, service, args) -> None:
        self.service, self.args, self.pool = service, args, None
        self.parallel = hasattr(os, "fork") and (os.cpu_count() or 1) > 1

    def map(self, reqs: list[dict]) -> list[dict]:
        if self.parallel and len(reqs) >= FIRST_CHUNK:
            self.pool = self._fork()
        # Decided on the first chunk: once this process has opened the index, never fork.
        self.parallel = False
        replies = [(r["text"], r["question"], r["followup"]) for r in reqs]
        if self.pool is not None:
            # Both halves of the work (the parse and the embedding) in the workers; this
            # process only asks the index.
            crits, vectors = zip(*self.pool.map(_pooled, reqs, chunksize=2), strict=True)
            found = self.service.rank_many(replies, list(vectors))
        else:
            crits = [_critique(self.service, self.args, r) for r in reqs]
            found = self.service.rank_many(replies)
        return [
            _line(r, self.service.with_exemplars(c, ex))
            for r, c, ex in zip(reqs, crits, found, strict=True)
        ]

    def _fork(self):
        import multiprocessing

        from interviewer.critic.parse import nlp

        global _WORKER
        nlp()  # loaded before the fork, so both workers share it
        _WORKER = (self.service, self.args)
        workers = min(2, os.cpu_count() or 1)
        return multiprocessing.get_context("fork").Pool(workers, initializer=_one_blas_thread)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


def _line(req: dict, fb) -> dict:
    return {"id": req["id"], **fb.as_dict()} if req["id"] is not None else fb.as_dict()


def _critique(service, args, req: dict):
    return service.critique_only(
        req["text"], req["question"], req["followup"], focus=args.focus, level=args.level
    )


def _guess_id(raw: bytes):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    obj = _loads(text)
    rid = obj.get("id") if isinstance(obj, dict) else None
    # An id with a lone surrogate cannot be written out: the error object names the line.
    return rid if isinstance(rid, str) and _encodable(rid) else None
