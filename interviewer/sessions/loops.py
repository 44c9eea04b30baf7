"""Full loops as recorded: several questions in one sitting, one session row per question.

A loop's questions are sessions like any other (each with its own turns, scorecard, replay,
fork and progress) that name their loop: the id of the loop's first recorded question, whose
row also keeps the loop's plan. Here they are put back together: one entry per loop in the
sessions list, its questions in order, its overall score and its time against the budget.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.interview.loop import SECONDS_PER_QUESTION, clock, overall
from interviewer.sessions.records import SessionRecord

__all__ = ["LoopRecord", "entries", "find", "unfinished", "unlink", "whole_loops"]


@dataclass
class LoopRecord:
    """A recorded loop: its questions' sessions (in plan order) and its plan of question ids.
    It answers the sessions list's questions as a session does (id, started_at, mode, focus,
    level, answered, final_score, finished_at), so a listing can show it as one entry."""

    questions: list[SessionRecord]

    @property
    def sessions(self) -> list[SessionRecord]:
        return self.questions

    @property
    def head(self) -> SessionRecord:
        return self.questions[0]

    @property
    def id(self) -> int:
        return self.head.loop_id or self.head.id

    @property
    def plan(self) -> list[str]:
        """The question ids the loop was to ask (its recorded questions when no plan was kept)."""
        plan = next((q.loop_plan for q in self.questions if q.loop_plan), None)
        return list(plan) if plan else [q.question_id for q in self.questions]

    def slots(self) -> list[tuple[int, str, SessionRecord | None]]:
        """(place, question id, its session or None when it was never answered) in plan
        order; a place asked twice shows its latest session."""
        by_index = {q.loop_index: q for q in self.questions}
        plan = self.plan
        places = sorted(set(range(len(plan))) | {i for i in by_index if i is not None})
        out = []
        for i in places:
            rec = by_index.get(i)
            qid = plan[i] if i < len(plan) else rec.question_id
            out.append((i, qid, rec))
        return out

    # -- what a sessions listing asks of an entry -------------------------------------------

    started_at = property(lambda self: min(q.started_at for q in self.questions))
    mode = property(lambda self: self.head.mode)
    focus = property(lambda self: self.head.focus)
    level = property(lambda self: self.head.level)
    model = property(lambda self: self.head.model)
    question_id = property(lambda self: self.head.question_id)
    parent_id = None
    fork_turn = None
    answered = property(lambda self: sum(q.answered for q in self.questions))
    followups = property(lambda self: sorted({f for q in self.questions for f in q.followups}))

    @property
    def finished(self) -> bool:
        """Every question of the plan was asked to its end."""
        return all(rec is not None and rec.finished_at for _, _, rec in self.slots())

    @property
    def finished_at(self) -> str | None:
        if not self.finished:
            return None
        return max(q.finished_at for q in self.questions if q.finished_at)

    @property
    def final_score(self) -> int | None:
        """The loop's overall: the mean of its questions' scores."""
        return overall(q.final_score for q in self.questions if q.finished_at)

    @property
    def elapsed_s(self) -> float:
        """The time the app had the loop's questions open (a question left unfinished by a
        crash has no time of its own)."""
        return sum(q.elapsed_s or 0.0 for q in self.questions)

    @property
    def budget_s(self) -> int:
        return SECONDS_PER_QUESTION * len(self.plan)

    @property
    def current(self) -> int | None:
        """The place of the first question not asked to its end (None when it is finished)."""
        return next((i for i, _, rec in self.slots() if rec is None or not rec.finished_at), None)

    def summary(self) -> str:
        """'failure 40/100 · conflict-with-coworker not answered; overall 40/100; 4:10 of 15:00'"""
        parts = []
        for _, qid, rec in self.slots():
            if rec is None:
                parts.append(f"{qid} not answered")
            elif not rec.finished_at:
                parts.append(f"{qid} unfinished")
            else:
                parts.append(f"{qid} {'-' if rec.final_score is None else rec.final_score}/100")
        score = "-" if self.final_score is None else f"{self.final_score}/100"
        time = f"{clock(int(self.elapsed_s))} of {clock(self.budget_s)}"
        return f"{' · '.join(parts)}; overall {score}; {time}"

    def as_dict(self, turns: bool = False) -> dict:
        """The listing's fields of a session, for the loop as a whole, and `loop`: its
        questions in order (each with its own session's id, score and time)."""
        d = {
            k: getattr(self, k)
            for k in (
                "id", "started_at", "mode", "focus", "level", "question_id", "model",
                "parent_id", "fork_turn", "finished_at", "final_score", "answered", "followups",
            )
        }  # fmt: skip
        d["loop"] = {
            "size": len(self.plan),
            "finished": self.finished,
            "overall": self.final_score,
            "elapsed_s": round(self.elapsed_s, 1),
            "budget_s": self.budget_s,
            "questions": [_slot_dict(i, qid, rec, turns) for i, qid, rec in self.slots()],
        }
        return d


def _slot_dict(index: int, question_id: str, rec: SessionRecord | None, turns: bool) -> dict:
    if rec is None:
        return {"index": index, "question_id": question_id, "session": None}
    return {"index": index, "question_id": question_id, "session": rec.as_dict(turns=turns)}


def entries(records: list[SessionRecord]) -> list[SessionRecord | LoopRecord]:
    """The sessions list as the user sees it, newest first: a loop is one entry, placed by
    when it started; every other session is its own."""
    loops: dict[int, list[SessionRecord]] = {}
    out: list[SessionRecord | LoopRecord] = []
    for rec in records:
        if rec.loop_id is None:
            out.append(rec)
        else:
            loops.setdefault(rec.loop_id, []).append(rec)
    out += [LoopRecord(_in_order(members)) for members in loops.values()]
    return sorted(out, key=lambda e: e.id, reverse=True)


def _in_order(members: list[SessionRecord]) -> list[SessionRecord]:
    return sorted(members, key=lambda r: (r.loop_index if r.loop_index is not None else -1, r.id))


def find(store, session_id: int) -> LoopRecord | None:
    """The loop that session `session_id` is a question of (the loop's own id is its first
    question's), every question with its turns; None when it is in no loop.
    SessionNotFound when there is no such session."""
    rec = store.get(session_id)
    if rec.loop_id is None:
        return None
    ids = [r.id for r in store.list(with_turns=False) if r.loop_id == rec.loop_id]
    return LoopRecord(_in_order([rec if i == rec.id else store.get(i) for i in ids]))


def unfinished(store, mode: str = "interview") -> LoopRecord | None:
    """The newest loop not asked to its end, to resume; None if there is none."""
    for entry in entries(store.list(with_turns=False)):
        if isinstance(entry, LoopRecord) and entry.mode == mode and not entry.finished:
            return LoopRecord([store.get(q.id) for q in entry.questions])  # with their turns
    return None


# -- used by the store inside its write transactions ----------------------------------------


def whole_loops(db, ids: list[int]) -> list[int]:
    """`ids` and every other question of the loops they are in: a loop is deleted whole, as
    the sessions list shows it as one."""
    out = list(ids)
    for sid in ids:
        for (other,) in db.execute(
            "SELECT id FROM sessions WHERE loop_id = (SELECT loop_id FROM sessions WHERE id = ?)"
            " ORDER BY id",
            (sid,),
        ):
            if other not in out:
                out.append(other)
    return out


def unlink(db, ids: list[int]) -> None:
    """Drop the loop links of sessions about to be deleted, so the first question (which the
    others point at) can go in any order."""
    db.executemany("UPDATE sessions SET loop_id = NULL WHERE id = ?", [(i,) for i in ids])
