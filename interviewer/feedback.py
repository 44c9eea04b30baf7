"""Feedback for one reply: the critic's verdicts plus the closest strong and weak exemplars."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from interviewer.bank import Exemplars, needs_ranking, pack_exemplars
from interviewer.config import Settings
from interviewer.contrast import ExemplarReader
from interviewer.critic import Critique, critique
from interviewer.embeddings import TEXT_CHARS
from interviewer.knowledge import Knowledge
from interviewer.store import ExemplarStore


@dataclass
class Feedback:
    critique: Critique
    exemplars: Exemplars
    notes: list[str] = field(default_factory=list)
    #: For each weak exemplar, what its strong twin shows that it does not (ExemplarReader.
    #: contrast), None where not worked out yet: only asked for by the terminal app.
    contrast: list[dict | None] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = self.critique.as_dict()
        d["exemplars"] = self.exemplars.as_dict()
        if self.contrast:
            d["exemplars"]["contrast"] = list(self.contrast)
        notes = [*self.critique.notes, *self.notes]
        if notes:
            d["notes"] = notes
        return d


class FeedbackService:
    """Critiques replies; opens the exemplar store on first use and survives its failure."""

    def __init__(
        self,
        knowledge: Knowledge,
        settings: Settings,
        store: ExemplarStore | None = None,
        progress=None,
    ):
        self.knowledge = knowledge
        self.settings = settings
        self._store = store
        self._progress = progress
        self.store_error: str | None = None
        self._ranking: dict[tuple, bool] = {}
        self._store_lock = threading.Lock()
        self.reader = ExemplarReader(knowledge)

    @property
    def store(self) -> ExemplarStore:
        with self._store_lock:  # opened once, whichever thread asks first
            if self._store is None:
                self._store = self._new_store()
            return self._store

    def _new_store(self) -> ExemplarStore:
        return ExemplarStore(self.knowledge, self.settings, progress=self._progress)

    def open_store(self) -> None:
        """Open (or build) the exemplar index now; a failure is kept for the first query."""
        try:
            self.store  # noqa: B018 - the property opens it
        except Exception as exc:  # the critique must still reach the user
            self.store_error = f"exemplars unavailable: {type(exc).__name__}: {exc}"

    def _ranks(self, question_id: str | None, followup: str | None) -> bool:
        key = (question_id, followup)
        if key not in self._ranking:
            kind = "followup" if followup else "answer"
            self._ranking[key] = needs_ranking(self.knowledge, question_id, followup, kind)
        return self._ranking[key]

    def exemplars(self, text: str, question_id: str, followup: str | None, k: int = 1) -> Exemplars:
        """Nearest exemplars; an empty result with a note when the store fails mid-session.
        With only one exemplar of each kind to return, nothing is ranked or embedded."""
        return self.exemplars_many([text], question_id, followup, k)[0]

    def exemplars_many(
        self, texts: list[str], question_id: str, followup: str | None, k: int = 1, vectors=None
    ) -> list[Exemplars]:
        """exemplars() of each of `texts` (replies to one question or follow-up), embedded in
        batches (unless their `vectors` are given) and ranked in one query."""
        kind = "followup" if followup else "answer"
        if not self._ranks(question_id, followup):
            found = pack_exemplars(self.knowledge, question_id, followup, kind, k)
            return [found for _ in texts]
        try:
            return self.store.query_many(
                [t[:TEXT_CHARS] for t in texts],
                question=question_id,
                followup=followup,
                kind=kind,
                k=k,
                vectors=vectors,
            )
        except Exception as exc:  # the critique must still reach the user
            self.store_error = f"exemplars unavailable: {type(exc).__name__}: {exc}"
            return [Exemplars(note=self.store_error) for _ in texts]

    def vector(self, text: str, question_id: str, followup: str | None):
        """The embedding a reply is ranked by, or None when its exemplars are not ranked: a
        batch's workers work it out beside the critique (rank_many takes it)."""
        if not self._ranks(question_id, followup):
            return None
        from interviewer.embeddings import reply_vector

        return reply_vector(text)

    def review(
        self,
        text: str,
        question_id: str | None = None,
        followup: str | None = None,
        focus: str | None = None,
        level: str | None = None,
        k: int = 1,
    ) -> Feedback:
        """Critique `text` and attach the closest exemplars; asked for more than one (k > 1),
        also what the closest weak one's strong twin shows that it does not (the others' are
        worked out when the candidate turns to them: `contrast`)."""
        crit = self.critique_only(text, question_id, followup, focus, level)
        ex = self.exemplars(text, crit.question, followup, k=k)
        fb = self.with_exemplars(crit, ex)
        if k > 1 and ex.weak:
            fb.contrast = [None] * len(ex.weak)
            if ex.twin is not None:
                fb.contrast[0] = self.contrast(crit.question, followup, ex.weak[0], ex.twin)
        return fb

    def with_exemplars(self, crit: Critique, ex: Exemplars) -> Feedback:
        """Feedback of a critique and the exemplars ranked for its reply."""
        if not crit.followup and ex.strong:
            crit = self._with_exemplar_lines(crit, ex.strong[0])
        return Feedback(crit, ex, [ex.note] if ex.note else [])

    def rank_many(self, replies: list[tuple], vectors: list | None = None) -> list[Exemplars]:
        """The exemplars of each (text, question id, follow-up id or None) of a batch: the
        replies to one question (or follow-up) embedded in batches (unless their `vectors` are
        given) and ranked in one query, not one by one."""
        groups: dict[tuple, list[int]] = {}
        for i, (_, question_id, followup) in enumerate(replies):
            groups.setdefault((question_id, followup), []).append(i)
        found: list[Exemplars] = [Exemplars() for _ in replies]
        for (question_id, followup), rows in groups.items():
            texts = [replies[i][0] for i in rows]
            given = None
            if vectors is not None and all(vectors[i] is not None for i in rows):
                given = [vectors[i] for i in rows]
            ranked = self.exemplars_many(texts, question_id, followup, vectors=given)
            for i, ex in zip(rows, ranked, strict=True):
                found[i] = ex
        return found

    def contrast(self, question_id: str, followup: str | None, weak, strong) -> dict:
        """What the strong exemplar `strong` shows that its twin `weak` does not (Hits or their
        as_dict()); see ExemplarReader.contrast."""
        return self.reader.contrast(question_id, followup, _as_dict(weak), _as_dict(strong))

    def _with_exemplar_lines(self, crit: Critique, nearest) -> Critique:
        """Each gap's advice ends with the line of the nearest strong exemplar that meets it:
        how an answer like the candidate's says it, not a rubric sentence."""
        lines = self.reader.lines(crit.question, nearest.id, nearest.text)
        where = f" ({nearest.field})" if nearest.field else ""
        dims = dict(crit.dimensions)
        for dim_id, d in dims.items():
            line = lines.get(dim_id)
            if not d.met and line:
                said = f'Here is how a strong answer{where} says it: "{line}"'
                dims[dim_id] = replace(d, advice=f"{d.advice} {said}".strip())
        return replace(crit, dimensions=dims)

    def critique_only(
        self,
        text: str,
        question_id: str | None = None,
        followup: str | None = None,
        focus: str | None = None,
        level: str | None = None,
    ) -> Critique:
        """The critic's verdicts alone: what review() starts from, and what a batch's worker
        processes work out while the batch's exemplars are ranked at once (rank_many)."""
        question = self.knowledge.question(question_id)
        if followup:
            question.followup(followup)  # unknown ids are a UserError before any work
        return critique(text, question, followup, focus=focus, level=level)

    def review_without_exemplars(
        self,
        text: str,
        question_id: str | None = None,
        followup: str | None = None,
        focus: str | None = None,
        level: str | None = None,
        note: str | None = None,
    ) -> Feedback:
        """The critique alone, for when the exemplar index is not ready yet (a first-run build):
        the candidate should not wait seconds for exemplars to see their verdicts."""
        crit = self.critique_only(text, question_id, followup, focus, level)
        return Feedback(crit, Exemplars(note=note), [note] if note else [])

    def warm_embedder(self, background: bool = False) -> None:
        """Load the embedder now (or in a thread), so the first ranked exemplar query does not
        wait for it."""
        try:
            from interviewer.embeddings import embed_in_background, get_embedder

            if background:
                embed_in_background(["warm"])
            else:
                get_embedder().embed(["warm"])
        except Exception:  # the first query that needs it reports what is wrong
            pass

    @staticmethod
    def warm_critic(background: bool = True) -> None:
        """Load the critic's parser now (or start loading it in a thread)."""
        from interviewer.critic.parse import nlp, warm_in_background

        if background:
            warm_in_background()
        else:
            nlp()


def _as_dict(hit) -> dict:
    return hit if isinstance(hit, dict) else hit.as_dict()
