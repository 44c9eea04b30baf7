"""A full loop: several questions in one sitting, each a mock interview with its pushback.

Pure: the plan and the status text, no UI, no I/O, no clock (the caller passes the time).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Questions in a full loop unless the candidate says otherwise (the start screen's loop, and
#: `interviewer interview --loop` without N).
DEFAULT_SIZE = 3
#: The loop's time budget per question, in seconds (a real loop gives a story about five).
SECONDS_PER_QUESTION = 300


def _competencies(question) -> set[str]:
    """What a question presses: its rubric dimensions and its follow-ups (two questions that
    both ask "whose call was it?" test much the same thing)."""
    return {d.id for d in question.dimensions} | {f"followup:{f.id}" for f in question.followups}


def plan(questions, first_id: str, n: int) -> list[str]:
    """`n` question ids (at most as many as there are): `first_id`, then each time the
    question that shares the fewest competencies with those already asked, so the loop
    covers different ones (pack order breaks ties)."""
    by_id = {q.id: q for q in questions}
    order = [first_id]
    covered = _competencies(by_id[first_id])
    while len(order) < min(n, len(by_id)):
        rest = [q for q in questions if q.id not in order]
        nxt = min(rest, key=lambda q: len(covered & _competencies(q)))
        order.append(nxt.id)
        covered |= _competencies(nxt)
    return order


@dataclass
class Loop:
    """Where a loop is: its questions in order, the one being asked, when it started."""

    question_ids: list[str]
    index: int = 0
    started: float | None = None  # the caller's clock (time.monotonic()) at the first question
    scores: dict[str, int | None] = field(default_factory=dict)  # question id -> overall score
    loop_id: int | None = None  # the recorded loop's id, once its first question is saved

    @property
    def budget_s(self) -> int:
        return SECONDS_PER_QUESTION * len(self.question_ids)

    @property
    def current(self) -> str:
        return self.question_ids[self.index]

    @property
    def has_next(self) -> bool:
        return self.index + 1 < len(self.question_ids)

    def finish(self, question_id: str, score: int | None) -> bool:
        """Record a question's overall score; True when another question follows."""
        self.scores[question_id] = score
        return self.has_next

    def advance(self) -> str:
        """Move on to the next question and return its id."""
        self.index += 1
        return self.current

    def status(self, now: float) -> str:
        """'Question 2 of 3 · 6:10 of 15:00' (the time used against the budget)."""
        used = 0 if self.started is None else max(0, int(now - self.started))
        text = f"Question {self.index + 1} of {len(self.question_ids)} · "
        text += f"{clock(used)} of {clock(self.budget_s)}"
        return text + (" · over time" if used > self.budget_s else "")

    def summary(self, now: float) -> str:
        """The loop's end: each question's score and the time it took against the budget."""
        used = 0 if self.started is None else max(0, int(now - self.started))
        scores = " · ".join(
            f"{qid} {'-' if s is None else s}/100" for qid, s in self.scores.items()
        )
        n = len(self.scores)
        mean = overall(self.scores.values())
        return (
            f"Loop over: {n} question{'s' if n != 1 else ''} in {clock(used)} of "
            f"{clock(self.budget_s)}. {scores}; overall {'-' if mean is None else mean}/100. "
            "Below: the last question's scorecard."
        )


def overall(scores) -> int | None:
    """A loop's overall score: the mean of its questions' scores (None when none has one)."""
    known = [s for s in scores if s is not None]
    return round(sum(known) / len(known)) if known else None


def clock(seconds: int) -> str:
    """'6:10' for 370 seconds."""
    return f"{seconds // 60}:{seconds % 60:02d}"
