"""`interviewer interview --replies FILE|-`: the interview without a screen, for scripts, pack
authors and tests. The same state machine and critic as the terminal app, one JSON object out
per reply, the scorecard last; the session is saved like the app's unless --no-save."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

from interviewer.commands.common import input_lines, json_line, json_of_line, load_context


def run_headless(args) -> int:
    settings, knowledge = load_context(args)
    question = knowledge.question(args.question)
    from interviewer.feedback import FeedbackService
    from interviewer.interview import Interview

    FeedbackService.warm_critic()
    service = FeedbackService(knowledge, settings)
    iv = Interview(question, "interview", args.focus, args.level)
    saver = None if args.no_save else _Saver(iv)
    failed = 0
    for number, raw in _lines(args.replies):
        try:
            reply = parse_reply(raw, number)
            if iv.finished:
                raise ValueError(f"line {number}: the interview had already ended")
        except ValueError as exc:
            failed += 1
            _emit({"line": number, "error": str(exc)})
            continue
        _emit(_turn(iv, service, saver, reply, args))
        if iv.finished:
            _emit({"scorecard": iv.scorecard.as_dict()})
    if not iv.finished and iv.turns:
        _emit({"scorecard": iv.finish().as_dict()})
    if saver is not None:
        saver.close(iv)
    if failed:
        print(f"interviewer: {failed} line(s) were not replies", file=sys.stderr)
    return 1 if failed else 0


def _turn(iv, service, saver, reply: str, args) -> dict:
    turn = iv.submit(reply)
    turn_id = saver.reply(turn) if saver else None
    started = time.perf_counter()
    fb = service.review(reply, iv.question.id, turn.followup, focus=args.focus, level=args.level)
    feedback = fb.as_dict()
    if saver:
        saver.feedback(turn_id, feedback, (time.perf_counter() - started) * 1000)
    nxt = iv.record(fb.critique)
    following = None
    if nxt.prompt is not None:
        p = nxt.prompt
        following = {"followup": p.followup, "prompt": p.text, "quote": p.quote}
    return {
        "turn": turn.idx + 1,
        "followup": turn.followup,
        "prompt": turn.prompt,
        "reply": reply,
        "critique": feedback,
        "next": following,
    }


def parse_reply(raw: bytes, number: int) -> str:
    """A reply line: a JSON string, or an object with a "text" string. ValueError otherwise."""
    obj = json_of_line(raw, number)
    if isinstance(obj, dict):
        obj = obj.get("text")
    if not isinstance(obj, str):
        raise ValueError(f'line {number}: expected a JSON string or {{"text": "..."}}')
    if not obj.strip():
        raise ValueError(f"line {number}: the reply is empty")
    try:
        obj.encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" escapes: text no one typed, and it cannot be stored
        raise ValueError(f"line {number}: the reply has an unpaired surrogate escape") from None
    return obj


def _lines(path: str) -> Iterator[tuple[int, bytes]]:
    """Non-blank lines with their numbers, read as they come."""
    what = "your replies, one JSON string a line,"
    for number, raw in enumerate(input_lines(path, what), start=1):
        raw = raw.rstrip(b"\r\n")
        if raw.strip():
            yield number, raw


def _emit(obj: dict) -> None:
    sys.stdout.write(json_line(obj) + "\n")
    sys.stdout.flush()


class _Saver:
    """The session as the app saves it: each reply before its critique, then the feedback.
    It starts with the first reply, so input with no reply leaves no empty session."""

    def __init__(self, iv) -> None:
        from interviewer.sessions.store import SessionStore

        self.iv = iv
        self.store = SessionStore(warn=lambda m: print(f"interviewer: {m}", file=sys.stderr))
        self.id: int | None = None

    def reply(self, turn) -> int:
        iv = self.iv
        if self.id is None:
            self.id = self.store.start(
                iv.mode,
                iv.persona.id if iv.persona else None,
                iv.level.id if iv.level else None,
                iv.question.id,
                "offline",
            )
        return self.store.save_reply(
            self.id, turn.idx, turn.kind, turn.followup, turn.prompt, turn.reply
        )

    def feedback(self, turn_id: int, feedback: dict, ms: float) -> None:
        self.store.save_feedback(turn_id, feedback, ms)

    def close(self, iv) -> None:
        if self.id is not None:
            card = iv.scorecard
            self.store.finish(self.id, card.overall if card else None)
            print(f"interviewer: saved as session {self.id}", file=sys.stderr)
        self.store.close()
