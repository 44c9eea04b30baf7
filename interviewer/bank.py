"""The exemplar bank: the packs' strong and weak exemplars as documents, and how a ranking of
them becomes what the candidate is shown (the reply's field first, each weak one's twin).
The ranking itself is the index's (store.py); a kind with one exemplar is read from here
without opening it."""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer.knowledge import Knowledge


@dataclass(frozen=True)
class Hit:
    """One retrieved exemplar; score is cosine similarity (1 = same meaning), or None when the
    pack holds only this one exemplar of its kind, so nothing was ranked."""

    id: str
    text: str
    label: str
    score: float | None
    why: str | None = None
    followup: str | None = None
    dimension: str | None = None
    field: str | None = None  # the field the exemplar comes from (software, healthcare, ...)
    pair: str | None = None  # the id of its twin: the same story told the other way

    def as_dict(self) -> dict:
        score = None if self.score is None else round(self.score, 4)
        d = {"id": self.id, "text": self.text, "score": score}
        if self.field:
            d["field"] = self.field
        if self.pair:
            d["pair"] = self.pair
        if self.label == "weak":
            d["why"] = self.why or ""
        return d


@dataclass
class Exemplars:
    strong: list[Hit] = field(default_factory=list)
    weak: list[Hit] = field(default_factory=list)
    note: str | None = None
    #: The strong twin of each weak exemplar, in the same order (None where it has none): "an
    #: answer like yours, done badly, and the same story done well", nearest story first.
    twins: list[Hit | None] = field(default_factory=list)

    @property
    def twin(self) -> Hit | None:
        """The strong twin of the closest weak exemplar."""
        return self.twins[0] if self.twins else None

    def as_dict(self) -> dict:
        d = {
            "strong": [h.as_dict() for h in self.strong],
            "weak": [h.as_dict() for h in self.weak],
        }
        if self.twin is not None:
            d["twin"] = self.twin.as_dict()
        if len(self.weak) > 1:  # asked for more than one: the contrast of each, to cycle through
            d["twins"] = [None if t is None else t.as_dict() for t in self.twins]
        return d


def _meta(ex) -> dict:
    """What an exemplar carries besides its text (Chroma metadata holds no None)."""
    return {"why": ex.why or "", "field": ex.field or "", "pair": ex.pair or ""}


#: documents() of the packs last asked about, by digest: every reply's query reads them, and
#: rebuilding ~700 tuples a reply is waste.
_DOCUMENTS: dict[str, tuple[tuple[str, str, dict], ...]] = {}


def documents(knowledge: Knowledge) -> tuple[tuple[str, str, dict], ...]:
    """(id, text, metadata) for every retrievable exemplar in the packs."""
    docs = _DOCUMENTS.get(knowledge.digest)
    if docs is None:
        if len(_DOCUMENTS) > 4:  # a long-lived process that reloads edited packs
            _DOCUMENTS.clear()
        docs = _DOCUMENTS[knowledge.digest] = tuple(_documents(knowledge))
    return docs


def _documents(knowledge: Knowledge) -> list[tuple[str, str, dict]]:
    docs = []
    for q in knowledge.questions:
        base = {"question": q.id}
        for label, items in (("strong", q.answers.strong), ("weak", q.answers.weak)):
            for ex in items:
                docs.append(
                    (
                        ex.id,
                        ex.text,
                        {**base, "kind": "answer", "label": label, **_meta(ex)},
                    )
                )
        for f in q.followups:
            for label, items in (("strong", f.strong), ("weak", f.weak)):
                for ex in items:
                    meta = {
                        **base,
                        "kind": "followup",
                        "followup": f.id,
                        "label": label,
                        **_meta(ex),
                    }
                    docs.append((ex.id, ex.text, meta))
    return docs


def pack_exemplars(
    knowledge: Knowledge,
    question: str | None = None,
    followup: str | None = None,
    kind: str | None = None,
    k: int = 1,
    field: str | None = None,
) -> Exemplars:
    """The first k strong and weak exemplars of a kind, read from the packs themselves: what the
    index returns when there is nothing to rank, without opening it (the index is a cache of
    these same packs, and opening it costs chromadb's import, about 0.7 s)."""
    out = Exemplars()
    everything: list[Hit] = []
    for doc_id, text, meta in matching(knowledge, question, followup, kind, field):
        hit = make_hits(meta["label"], [doc_id], [text], [meta], [None])[0]
        everything.append(hit)
        hits = getattr(out, meta["label"])
        if len(hits) < k:
            hits.append(hit)
    out.twins = _twins(out, everything)
    return out


def matching(knowledge, question, followup, kind, field_=None, dimension=None):
    q = question or knowledge.question().id
    for doc_id, text, meta in documents(knowledge):
        if (
            meta["question"] == q
            and (kind is None or meta["kind"] == kind)
            and (followup is None or meta.get("followup") == followup)
            and (dimension is None or meta.get("dimension") == dimension)
            and (field_ is None or meta.get("field") == field_)
        ):
            yield doc_id, text, meta


def _twins(found: Exemplars, candidates: list[Hit]) -> list[Hit | None]:
    """The strong twin of each weak exemplar found, None where it has none."""
    strong = {h.id: h for h in candidates if h.label == "strong"}
    return [strong.get(w.pair) if w.pair else None for w in found.weak]


def needs_ranking(
    knowledge: Knowledge,
    question: str | None = None,
    followup: str | None = None,
    kind: str | None = None,
    dimension: str | None = None,
) -> bool:
    """Whether a query has more than one strong or weak exemplar to choose from and order.
    When it has not, the reply need not be embedded to find its closest exemplars."""
    counts = {"strong": 0, "weak": 0}
    for _, _, meta in matching(knowledge, question, followup, kind, dimension=dimension):
        counts[meta["label"]] += 1
    return max(counts.values()) > 1


def arrange(ranked: list[Hit], ids: set, k: int, field: str | None) -> Exemplars:
    """The k nearest of each kind among `ids`, `field`'s first, and the weak ones' twins."""
    mine = [h for h in ranked if h.id in ids]
    # Stable: the field's exemplars first, each group still nearest first.
    mine.sort(key=lambda h: h.field != field if field else False)
    out = Exemplars()
    for hit in mine:
        hits = getattr(out, hit.label)
        if len(hits) < k:
            hits.append(hit)
    out.twins = _twins(out, mine)
    return out


def answer_count(knowledge: Knowledge) -> int:
    """How many full answers all the packs hold: the pool a full answer is ranked in."""
    return sum(1 for _, _, m in documents(knowledge) if m["kind"] == "answer")


#: How many of the nearest texts of the whole bank vote for the reply's field.
VOTERS = 10


def voted_field(ranked: list[Hit]) -> str | None:
    """The field most of the reply's nearest bank texts come from (similarity-weighted): one
    question's bank has a couple of answers per field, the whole bank a dozen."""
    votes: dict[str, float] = {}
    for h in ranked[:VOTERS]:
        if h.field and h.score is not None:
            votes[h.field] = votes.get(h.field, 0.0) + h.score
    return max(votes, key=votes.__getitem__) if votes else None


def make_hits(label: str, ids, docs, metas, scores) -> list[Hit]:
    return [
        Hit(
            id=i,
            text=doc,
            label=label,
            score=score,
            why=meta.get("why") or None,
            followup=meta.get("followup"),
            dimension=meta.get("dimension"),
            field=meta.get("field") or None,
            pair=meta.get("pair") or None,
        )
        for i, doc, meta, score in zip(ids, docs, metas, scores, strict=True)
    ]
