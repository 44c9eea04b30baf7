"""The end of an interview: what was met, what the follow-ups closed, and what to fix first.

Pure data from the state machine's record (no I/O, no critic calls), so the app, headless mode
and the export show the same card."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from interviewer.critic.types import WORDS_PER_MINUTE, Critique
from interviewer.interview.quotes import speech_quote
from interviewer.knowledge import Question

#: The coaching target for a first answer, spoken.
TARGET_MINUTES = (2.0, 3.0)
TOP_FIXES = 3


@dataclass
class FollowUpResult:
    """How one follow-up went: tries, scores, whether it ended strong or was skipped."""

    id: str
    prompt: str
    tries: int = 0
    scores: list[int] = field(default_factory=list)
    strong: bool = False
    skipped: bool = False

    @property
    def last(self) -> int | None:
        return self.scores[-1] if self.scores else None

    @property
    def result(self) -> str:
        """'strong', 'skipped' or 'weak', as the scorecard says it."""
        return "strong" if self.strong else ("skipped" if self.skipped else "weak")


@dataclass(frozen=True)
class DimensionLine:
    """A rubric dimension in the scorecard: met in the answer, or closed by a follow-up."""

    id: str
    name: str
    met: bool
    closed_by: str | None = None

    @property
    def after(self) -> str:
        """Where it stands after the follow-ups: 'met', 'closed by <follow-up>' or 'open'."""
        if self.met:
            return "met"
        return f"closed by {self.closed_by}" if self.closed_by else "open"


@dataclass(frozen=True)
class Fix:
    """One thing to work on: the gap, the candidate's words it is about, the advice, the line
    of a strong answer that shows it done, and the drill that practises it."""

    dimension: str
    name: str
    quote: str | None
    advice: str | None
    example: str | None
    drill: str | None


@dataclass(frozen=True)
class Length:
    """The first answer's length against the 2-3 minute target, as it would be spoken."""

    words: int
    minutes: float
    verdict: str  # "short", "on target" or "long"

    @property
    def line(self) -> str:
        lo, hi = TARGET_MINUTES
        said = f"Your first answer: {self.words} words, about {self.minutes:.1f} minutes spoken"
        if self.verdict == "on target":
            return f"{said}, within the {lo:g}-{hi:g} minute target."
        return f"{said}: {self.verdict} for the {lo:g}-{hi:g} minute target."


@dataclass(frozen=True)
class Scorecard:
    mode: str
    answer_score: int | None
    answer_verdict: str | None
    dimensions: list[DimensionLine]
    followups: list[FollowUpResult]
    overall: int | None
    fixes: list[Fix] = field(default_factory=list)
    explanation: str = ""
    length: Length | None = None

    def as_dict(self) -> dict:
        """The card as JSON-ready data (headless mode, the JSON export), the length's line
        included as the app words it."""
        d = asdict(self)
        if self.length is not None:
            d["length"]["line"] = self.length.line
        return d


def build(
    question: Question,
    mode: str,
    answer: tuple[Critique, str] | None,
    results: list[FollowUpResult],
    closed: dict[str, str],
    priorities: list[str],
) -> Scorecard:
    """The card for `answer` (its critique and text), the follow-ups asked and the gaps they
    closed; fixes follow the interviewer's priorities."""
    crit, text = answer if answer else (None, "")
    dims = []
    if crit is not None:
        for d in question.dimensions:
            res = crit.dimensions.get(d.id)
            met = bool(res and res.met)
            dims.append(DimensionLine(d.id, d.name, met, None if met else closed.get(d.id)))
    asked = [r for r in results if r.tries or r.skipped]
    scores = ([crit.score] if crit else []) + [r.last for r in asked if r.last is not None]
    overall = round(sum(scores) / len(scores)) if scores else None
    return Scorecard(
        mode=mode,
        answer_score=crit.score if crit else None,
        answer_verdict=crit.verdict if crit else None,
        dimensions=dims,
        followups=asked,
        overall=overall,
        fixes=_fixes(question, crit, text, dims, results, priorities),
        explanation=_explain(crit, asked, overall),
        length=_length(text) if crit is not None and text.strip() else None,
    )


def _fixes(question, crit, text, dims, results, priorities) -> list[Fix]:
    if crit is None:
        return []
    open_ids = {d.id for d in dims if not d.met and d.closed_by is None}
    strong = {r.id for r in results if r.strong}
    out = []
    for dim_id in priorities:
        if dim_id not in open_ids:
            continue
        spec, res = question.dimension(dim_id), crit.dimensions.get(dim_id)
        drills = [f.id for f in question.followups if dim_id in f.presses]
        drill = next((f for f in drills if f not in strong), drills[0] if drills else None)
        evidence = res.evidence[0] if res and res.evidence else None
        out.append(
            Fix(
                dim_id,
                spec.name,
                speech_quote(evidence, text),
                res.advice if res else None,
                spec.example,
                drill,
            )
        )
        if len(out) == TOP_FIXES:
            break
    return out


def _explain(crit, asked, overall) -> str:
    if overall is None:
        return ""
    if crit is None:
        return f"Overall {overall}: the average of your last score on each follow-up."
    if not asked:
        return f"Overall {overall}: the score of your first answer (no follow-ups were answered)."
    tries = ", ".join(f"{r.id} {r.last}" for r in asked if r.last is not None)
    return (
        f"Overall {overall}: the average of your first answer ({crit.score}) and your last "
        f"try at each follow-up ({tries})."
    )


def _length(text: str) -> Length:
    words = len(text.split())
    minutes = words / WORDS_PER_MINUTE
    lo, hi = TARGET_MINUTES
    verdict = "short" if minutes < lo else "long" if minutes > hi else "on target"
    return Length(words, round(minutes, 1), verdict)
