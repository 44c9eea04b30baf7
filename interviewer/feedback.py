"""Feedback for one reply: the critic's verdicts plus the closest strong and weak exemplars."""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer.config import Settings
from interviewer.critic import Critique, critique, needs_vector
from interviewer.critic.model import EMBED_TOKENS
from interviewer.knowledge import Knowledge
from interviewer.store import Exemplars, ExemplarStore, needs_ranking

#: Tokenising megabytes only to throw them away is waste: the embedder reads a prefix anyway.
EMBED_CHARS = 4000
#: The critic's reply vector: the first 32 tokens (about 25 words), exactly what its vector
#: terms were trained on. Embedding costs about 20 ms per 64 tokens on one core; 32 tokens lost
#: nothing in cross-validation or on the held-out sets against 64 or 128.
VECTOR_TOKENS = EMBED_TOKENS
#: Said when a verdict that blends in the reply vector had to go without it.
NO_VECTOR = (
    "The embedding model could not run, so this verdict rests on the rubric signals alone, "
    "without the wording comparison it usually includes."
)


@dataclass
class Feedback:
    critique: Critique
    exemplars: Exemplars
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = self.critique.as_dict()
        d["exemplars"] = self.exemplars.as_dict()
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
        reuse_unranked: bool = False,
    ):
        self.knowledge = knowledge
        self.settings = settings
        self._store = store
        self._progress = progress
        self.store_error: str | None = None
        self._ranking: dict[tuple, bool] = {}
        # A batch asks for the same unranked exemplars (one of each kind) for many replies: one
        # store lookup per kind is enough. The app does not reuse them, so that a store that
        # fails mid-session is noticed and said.
        self._unranked: dict[tuple, Exemplars] | None = {} if reuse_unranked else None

    @property
    def store(self) -> ExemplarStore:
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

    def wants_vector(self, followup: str | None) -> bool:
        """Whether the critic reads the reply vector for this kind of reply (some follow-ups
        blend it in); otherwise the reply is not embedded for the critic at all. Ranking
        exemplars embeds the reply separately, and only when there is a choice to make."""
        return needs_vector(followup)

    def _ranks(self, question_id: str | None, followup: str | None) -> bool:
        key = (question_id, followup)
        if key not in self._ranking:
            kind = "followup" if followup else "answer"
            self._ranking[key] = needs_ranking(self.knowledge, question_id, followup, kind)
        return self._ranking[key]

    def exemplars(self, text: str, question_id: str, followup: str | None, k: int = 1) -> Exemplars:
        """Nearest exemplars; an empty result with a note when the store fails mid-session.
        With only one exemplar of each kind to return, nothing is ranked or embedded."""
        kind = "followup" if followup else "answer"
        rank = self._ranks(question_id, followup)
        key = (question_id, followup, k)
        if not rank and self._unranked is not None and key in self._unranked:
            hit = self._unranked[key]
            return Exemplars(list(hit.strong), list(hit.weak))
        try:
            found = self.store.query(
                text[:EMBED_CHARS],
                question=question_id,
                followup=followup,
                kind=kind,
                k=k,
                rank=rank,
            )
            if not rank and self._unranked is not None:
                self._unranked[key] = found
            return found
        except Exception as exc:  # the critique must still reach the user
            self.store_error = f"exemplars unavailable: {type(exc).__name__}: {exc}"
            return Exemplars(note=self.store_error)

    def review(
        self,
        text: str,
        question_id: str | None = None,
        followup: str | None = None,
        focus: str | None = None,
        level: str | None = None,
        k: int = 1,
        vector=None,
    ) -> Feedback:
        """Critique `text` and attach the closest exemplars. `vector` is the critic's reply
        vector (see VECTOR_TOKENS), computed here when the critic needs it and none is given."""
        crit, notes = self._critique(text, question_id, followup, focus, level, vector)
        ex = self.exemplars(text, crit.question, followup, k=k)
        return Feedback(crit, ex, ([ex.note] if ex.note else []) + notes)

    def _critique(
        self, text, question_id, followup, focus, level, vector
    ) -> tuple[Critique, list[str]]:
        """The critique, and a note when a verdict that reads the vector had to go without."""
        question = self.knowledge.question(question_id)
        if followup:
            question.followup(followup)  # unknown ids are a UserError before any work
        if vector is None and self.wants_vector(followup):
            vector = self._embed([text[:EMBED_CHARS]])[0]
        crit = critique(text, question, followup, focus=focus, level=level, vector=vector)
        return crit, [NO_VECTOR] if vector is None and needs_vector(followup) else []

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
        crit, notes = self._critique(text, question_id, followup, focus, level, None)
        return Feedback(crit, Exemplars(note=note), ([note] if note else []) + notes)

    def warm_embedder(self, background: bool = False) -> None:
        """Load the embedder now (or start loading it in a thread), so the first reply that
        needs it does not wait for it."""
        if not background:
            self._embed(["warm"])
            return
        try:
            from interviewer.embeddings import embed_in_background

            embed_in_background(["warm"], VECTOR_TOKENS)
        except Exception:  # the first reply that needs a vector reports what is wrong
            pass

    def embed_replies(self, texts: list[str]) -> list:
        """The critic's vectors for many replies at once (faster than one by one); None for
        each when the embedder fails, so the per-reply path reports what is wrong."""
        return self._embed([t[:EMBED_CHARS] for t in texts])

    def _embed(self, texts: list[str]) -> list:
        if not texts:
            return []
        try:
            from interviewer.embeddings import get_embedder

            return list(get_embedder().embed(texts, max_tokens=VECTOR_TOKENS))
        except Exception:  # the per-item path will say what is wrong with the store
            return [None] * len(texts)
