"""The interview state machine: pure transitions, no UI, no I/O, no critic calls.

The caller asks for the current prompt, submits the candidate's reply, runs the critic itself
and hands the resulting `Critique` to `record()`, which answers with what comes next: another
follow-up (phrased to quote the candidate's own words) or the end with a `Scorecard`.

Two modes:
- "interview": the question, then up to `max_followups` pushback turns, each chosen to press
  the reply's biggest open gap (the persona's and the level's `presses` decide which gaps
  come first). A follow-up answered strongly is never asked again.
- "drill": follow-up turns only, in pack order (or just one); a weak answer is retried until
  it is strong or skipped, and the tries are counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interviewer.critic.types import Critique
from interviewer.interview import policy, scorecard
from interviewer.interview.quotes import quote_back, speech_quote
from interviewer.interview.scorecard import FollowUpResult, Scorecard
from interviewer.knowledge import FollowUp, Level, Persona, Question

Mode = Literal["interview", "drill"]
MODES = ("interview", "drill")
#: At most this many pushback turns in an interview, unless the level sets its own maximum.
MAX_FOLLOWUPS = 4


@dataclass(frozen=True)
class Prompt:
    """What the interviewer says next. `quote` is the candidate's words it picks up on."""

    kind: Literal["answer", "followup"]
    followup: str | None
    text: str
    quote: str | None = None
    attempt: int = 1


@dataclass
class Turn:
    """One submitted reply; `critique` is filled in by `Interview.record`."""

    idx: int
    kind: Literal["answer", "followup"]
    followup: str | None
    prompt: str
    reply: str
    critique: Critique | None = None
    #: For a first answer: the policy's follow-ups, most likely first, worked out by
    #: Interview.prepare (off a UI's thread) before record() needs them.
    first_order: list[str] | None = None


@dataclass(frozen=True)
class Next:
    """The outcome of a transition: the next prompt, or the scorecard when it is over."""

    prompt: Prompt | None
    scorecard: Scorecard | None = None
    retry: bool = False

    @property
    def finished(self) -> bool:
        return self.scorecard is not None


class Interview:
    """One interview or drill on `question`; see the module docstring."""

    def __init__(
        self,
        question: Question,
        mode: Mode = "interview",
        focus: str | None = None,
        level: str | None = None,
        only_followup: str | None = None,
        max_followups: int | None = None,
    ):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self.question = question
        self.mode = mode
        self.persona: Persona | None = question.persona(focus) if focus else None
        self.level: Level | None = question.level(level) if level else None
        by_level = self.level.max_followups if self.level else None
        self.max_followups = max_followups or by_level or MAX_FOLLOWUPS
        self.turns: list[Turn] = []
        self.results: dict[str, FollowUpResult] = {
            f.id: FollowUpResult(f.id, f.prompt) for f in question.followups
        }
        self._dim_ids = [d.id for d in question.dimensions]
        self.open_gaps: list[str] = []  # unmet rubric dimensions, highest priority first
        self._evidence: dict[str, str] = {}  # dimension id -> latest quotable evidence
        self._quoted: set[str] = set()
        self._closed: dict[str, str] = {}  # dimension id -> follow-up that closed it
        self.answer: Critique | None = None
        # The fitted model's follow-ups for the first answer, most likely first: read once,
        # as each skipped first follow-up asks for the next of them.
        self.first_order: list[str] | None = None
        self._probe: tuple[str, str | None] | None = None  # (follow-up, claim quoted) probing
        self._pending: Turn | None = None
        self.scorecard: Scorecard | None = None
        if mode == "drill":
            ids = [question.followup(only_followup).id] if only_followup else list(self.results)
            self._queue = ids
            self._prompt: Prompt | None = self._followup_prompt(ids[0]) if ids else None
        else:
            self._queue = []
            self._prompt = Prompt("answer", None, question.text)

    # -- reading the state ------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.scorecard is not None

    @property
    def awaiting_critique(self) -> bool:
        return self._pending is not None

    def current_prompt(self) -> Prompt | None:
        """The prompt the candidate is answering now (None once finished)."""
        return None if self.finished else self._prompt

    def priorities(self) -> list[str]:
        """Dimension ids in the order this interviewer presses them: the gaps that fail an
        answer on their own (the pack's asks_first), then the persona's, the level's, the rest."""
        first = [*(self.persona.presses if self.persona else []), *self._level_presses()]
        return _dedupe([*self.question.asks_first, *first, *self._dim_ids])

    def emphasised(self) -> set[str]:
        """Dimensions the persona or the level cares about most."""
        return {*(self.persona.presses if self.persona else []), *self._level_presses()}

    @property
    def story(self) -> str:
        """The candidate's first answer: what the follow-ups quote, reword and read."""
        return next((t.reply for t in self.turns if t.kind == "answer"), "")

    def _level_presses(self) -> list[str]:
        return list(self.level.presses) if self.level else []

    # -- transitions ------------------------------------------------------------------------

    def submit(self, reply: str) -> Turn:
        """Take the candidate's reply to the current prompt; the critic runs next."""
        if self.finished or self._prompt is None:
            raise ValueError("the interview is over")
        if self._pending is not None:
            raise ValueError("the previous reply is still being critiqued")
        if not reply.strip():
            raise ValueError("the reply is empty")
        p = self._prompt
        turn = Turn(len(self.turns), p.kind, p.followup, p.text, reply)
        self.turns.append(turn)
        self._pending = turn
        return turn

    def abandon(self) -> str:
        """Drop the pending reply (the critic failed) and return it, so it can be put back."""
        if self._pending is None:
            raise ValueError("no reply is waiting for a critique")
        turn, self._pending = self._pending, None
        self.turns.remove(turn)
        return turn.reply

    def prepare(self, turn: Turn, critique: Critique) -> None:
        """Work out beforehand the part of record() that is slow (for a first answer, the
        model's order of follow-ups: a second reading of the story and its embedding), so an
        app can do it on its worker thread; touches only `turn`."""
        if turn.kind == "answer" and self.mode == "interview":
            turn.first_order = policy.first_order(self.question, critique, turn.reply)

    def record(self, critique: Critique) -> Next:
        """Attach the critic's verdict to the pending reply and move on."""
        if self._pending is None:
            raise ValueError("no reply is waiting for a critique")
        turn, self._pending = self._pending, None
        turn.critique = critique
        self._remember_evidence(critique, turn.reply)
        if turn.kind == "answer":
            self.answer = critique
            self.open_gaps = [g for g in self.priorities() if g in set(critique.gaps())]
            if self.mode == "interview":
                if turn.first_order is None:
                    self.prepare(turn, critique)
                self.first_order = turn.first_order
        else:
            self._record_followup(turn.followup, critique)
        if self.mode == "drill":
            return self._drill_next(turn.followup, critique)
        return self._interview_next()

    def skip(self) -> Next:
        """Leave the current follow-up unanswered (drill: move to the next one)."""
        if self.finished or self._pending is not None or self._prompt is None:
            raise ValueError("nothing to skip now")
        fid = self._prompt.followup
        if fid is None:
            raise ValueError("the main question cannot be skipped")
        if not self.results[fid].strong:
            self.results[fid].skipped = True
        if self.mode == "drill":
            self._queue.remove(fid)
            return self._advance_drill()
        return self._interview_next()

    def finish(self) -> Scorecard:
        """End now (the candidate chose to) and return the scorecard."""
        if self._pending is not None:
            self.abandon()
        if self.scorecard is None:
            self.scorecard = self._scorecard()
        return self.scorecard

    # -- interview mode ---------------------------------------------------------------------

    def _record_followup(self, fid: str | None, critique: Critique) -> None:
        res = self.results[fid]
        res.tries += 1
        res.scores.append(critique.score)
        if critique.verdict == "strong":
            res.strong = True
            res.skipped = False
            for dim in self.question.followup(fid).presses:
                self._close(dim, fid)
        for dim_id, d in critique.dimensions.items():
            if d.met and dim_id in self._dim_ids:
                self._close(dim_id, fid)

    def _close(self, dim: str, fid: str) -> None:
        if dim in self.open_gaps:
            self.open_gaps.remove(dim)
            self._closed.setdefault(dim, fid)

    def _interview_next(self) -> Next:
        fid, probe = policy.next_followup(self)
        if probe is not None:
            self._probe = probe
        if fid is None:
            self.scorecard = self._scorecard()
            return Next(None, self.scorecard)
        self._prompt = self._followup_prompt(fid)
        return Next(self._prompt)

    # -- drill mode -------------------------------------------------------------------------

    def _drill_next(self, fid: str | None, critique: Critique) -> Next:
        if critique.verdict == "strong":
            self._queue.remove(fid)
            return self._advance_drill()
        self._prompt = self._followup_prompt(fid, retry=True)
        return Next(self._prompt, retry=True)

    def _advance_drill(self) -> Next:
        if not self._queue:
            self.scorecard = self._scorecard()
            return Next(None, self.scorecard)
        self._prompt = self._followup_prompt(self._queue[0])
        return Next(self._prompt)

    # -- phrasing ---------------------------------------------------------------------------

    def _remember_evidence(self, critique: Critique, reply: str) -> None:
        for dim_id, d in critique.dimensions.items():
            quote = speech_quote(d.evidence[0], reply) if d.evidence else None
            if not d.met and quote:
                self._evidence[dim_id] = quote

    def _followup_prompt(self, fid: str, retry: bool = False) -> Prompt:
        f = self.question.followup(fid)
        attempt = self.results[fid].tries + 1
        quote = self._quote_for(f, retry)
        text = asked = f.in_story(self.story)  # their system, their team: not the pack's example
        if quote:
            self._quoted.add(quote)
            text = f"{quote_back(quote)} {asked}"
        if retry:
            text = f"Let's try that again. {text}"
        return Prompt("followup", fid, text, quote, attempt)

    def _quote_for(self, f: FollowUp, retry: bool) -> str | None:
        """The candidate's words this follow-up picks up: evidence of a dimension it may quote
        from (the hand-off for escalation, the result for impact), not quoted before; a retry
        may quote the reply it retries. None rather than an unrelated quote."""
        sources = f.quote_from if f.quote_from is not None else f.presses
        last = self.turns[-1] if self.turns else None
        if retry and last is not None and last.critique is not None:
            missed = [d for d in last.critique.dimensions.values() if not d.met and d.evidence]
            for d in sorted(missed, key=lambda d: d.confidence):
                quote = speech_quote(d.evidence[0], last.reply)
                if quote:
                    return quote
        if self._probe and self._probe[0] == f.id and self.answer is not None:
            d = self.answer.dimensions.get(self._probe[1])
            quote = speech_quote(d.evidence[0], self.story) if d and d.evidence else None
            return quote if quote not in self._quoted else None
        for dim in self.priorities():
            ev = self._evidence.get(dim)
            if dim in sources and ev and ev not in self._quoted:
                return ev
        return None

    # -- scorecard --------------------------------------------------------------------------

    def _scorecard(self) -> Scorecard:
        first = next((t for t in self.turns if t.kind == "answer" and t.critique), None)
        return scorecard.build(
            self.question,
            self.mode,
            (first.critique, first.reply) if first else None,
            list(self.results.values()),
            self._closed,
            self.priorities(),
        )

    # -- resuming ---------------------------------------------------------------------------

    @classmethod
    def from_turns(
        cls,
        question: Question,
        turns: list[Turn],
        mode: Mode = "interview",
        focus: str | None = None,
        level: str | None = None,
        only_followup: str | None = None,
    ) -> Interview:
        """Rebuild an interview from recorded turns (resume, fork). A last turn without a
        critique stays pending, so the caller critiques it again."""
        iv = cls(question, mode, focus, level, only_followup)
        for t in turns:
            if iv.finished:
                break
            iv.restate(t)
            iv.submit(t.reply)
            if t.critique is None:
                break
            iv.record(t.critique)
        return iv

    def restate(self, t: Turn) -> None:
        """Ask `t`'s recorded prompt next (resuming, or re-answering a recorded turn): the
        pack or the persona may have changed since it was recorded."""
        if self._pending is not None or self.finished:
            raise ValueError("cannot restate a prompt now")
        if self.mode == "drill" and t.followup in self._queue:
            for fid in self._queue[: self._queue.index(t.followup)]:
                self.results[fid].skipped = not self.results[fid].strong
            self._queue = self._queue[self._queue.index(t.followup) :]
        attempt = self.results[t.followup].tries + 1 if t.followup in self.results else 1
        self._prompt = Prompt(t.kind, t.followup, t.prompt, None, attempt)


# -- helpers ----------------------------------------------------------------------------------


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
