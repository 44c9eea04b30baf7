"""The exemplar index: a rebuildable Chroma cache of the knowledge packs' exemplars."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from interviewer.config import Settings, data_dir
from interviewer.embeddings import MODEL_ID, Embedder, get_embedder
from interviewer.errors import UserError
from interviewer.fields import field_model
from interviewer.knowledge import Knowledge

#: Bump when the document layout changes, so every existing index is rebuilt.
SCHEMA = 3
PREFIX = "exemplars-"
#: The header a team's reverse proxy checks (deploy/nginx-chroma.conf): Chroma has no auth.
TOKEN_HEADER = "X-Chroma-Token"
#: How long the check of a shared server waits: chromadb's own requests wait without limit.
SERVER_CHECK_S = 5.0


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
    for doc_id, text, meta in _matching(knowledge, question, followup, kind, field):
        hit = _hits(meta["label"], [doc_id], [text], [meta], [None])[0]
        everything.append(hit)
        hits = getattr(out, meta["label"])
        if len(hits) < k:
            hits.append(hit)
    out.twins = _twins(out, everything)
    return out


def _matching(knowledge, question, followup, kind, field_=None, dimension=None):
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
    for _, _, meta in _matching(knowledge, question, followup, kind, dimension=dimension):
        counts[meta["label"]] += 1
    return max(counts.values()) > 1


def index_key(knowledge: Knowledge) -> str:
    """Changes whenever the packs, the embedding model or chromadb change."""
    import chromadb

    raw = f"{knowledge.digest}|{MODEL_ID}|{chromadb.__version__}|{SCHEMA}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _embedding_function(embedder: Embedder | None):
    from chromadb.api.types import EmbeddingFunction

    class MiniLMFunction(EmbeddingFunction):
        """The offline embedder, always passed explicitly: Chroma's own default downloads."""

        def __init__(self) -> None:
            self._embedder = embedder

        def __call__(self, input):  # noqa: A002 - chromadb's protocol names it `input`
            return list((self._embedder or get_embedder()).embed(list(input)))

        @staticmethod
        def name() -> str:
            return "interviewer-minilm-int8"

        def get_config(self) -> dict:
            return {}

        @staticmethod
        def build_from_config(config: dict):
            return MiniLMFunction()

        def default_space(self):
            return "cosine"

        def supported_spaces(self):
            return ["cosine"]

    return MiniLMFunction()


class ExemplarStore:
    """Query strong and weak exemplars; builds or rebuilds the index when it is stale.

    With a shared Chroma server that refuses the token, cannot be reached or fails (at open or
    mid-session), it says so in one line and goes on with the local embedded index: the packs
    are local, so the user never loses a turn to the server."""

    def __init__(
        self,
        knowledge: Knowledge,
        settings: Settings,
        embedder: Embedder | None = None,
        progress=None,
    ):
        self.knowledge = knowledge
        self.settings = settings
        self._embedder = embedder
        # Routine build progress is for people at a terminal; a script parsing our output should
        # not get it. Damage is worth saying wherever stderr goes.
        self._progress = progress or _terminal_progress
        self._warn = progress or _stderr_progress
        self.key = index_key(knowledge)
        self.name = PREFIX + self.key
        self.rebuilt = False
        self.build_seconds = 0.0
        #: Why the shared server was given up for the local index in this process, or None.
        self.fallback_reason: str | None = None
        self._collection = self._open()

    @property
    def path(self) -> Path:
        return data_dir() / "index"

    @property
    def remote(self) -> bool:
        """Whether queries go to the shared Chroma server (rather than the local index)."""
        return bool(self.settings.chroma_url) and self.fallback_reason is None

    def _chroma_settings(self):
        from chromadb.config import Settings as ChromaSettings

        return ChromaSettings(anonymized_telemetry=False, allow_reset=True)

    def _headers(self) -> dict[str, str]:
        token = self.settings.chroma_token
        secret = token.get_secret_value() if token else ""
        return {TOKEN_HEADER: secret} if secret else {}

    def _server_client(self):
        import chromadb

        u = urlparse(self.settings.chroma_url)
        return chromadb.HttpClient(
            host=u.hostname,
            port=u.port or (443 if u.scheme == "https" else 80),
            ssl=u.scheme == "https",
            headers=self._headers(),
            settings=self._chroma_settings(),
        )

    def _local_client(self):
        import chromadb

        self.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self.path), settings=self._chroma_settings())

    def _server_problem(self, exc: Exception | None = None) -> str | None:
        """What keeps the shared server from serving us, in one line; None when it answers.
        Asked directly, with a bounded wait, because chromadb reports a proxy's 401 only as a
        bare Exception holding the response body."""
        import urllib.error
        import urllib.request

        url = self.settings.chroma_url
        u = urlparse(url)  # chromadb too ignores any path in the URL
        identity = f"{u.scheme}://{u.netloc}/api/v2/auth/identity"
        request = urllib.request.Request(identity, headers=self._headers())
        try:
            with urllib.request.urlopen(request, timeout=SERVER_CHECK_S) as response:
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
        except Exception as err:  # refused, DNS, TLS, a timeout, not HTTP at all
            reason = getattr(err, "reason", None) or err
            return f"cannot reach the Chroma server at {url} ({reason})"
        if status in (401, 403):
            fix = "check" if self._headers() else "set"
            return (
                f"the Chroma server at {url} refused the token (HTTP {status}): "
                f"{fix} INTERVIEWER_CHROMA_TOKEN"
            )
        if status >= 400:  # e.g. a proxy's 502 while `chroma run` is down behind it
            return f"the Chroma server at {url} answered HTTP {status}"
        if exc is not None:
            detail = " ".join(str(exc).split())[:160]
            return f"the Chroma server at {url} failed ({type(exc).__name__}: {detail})"
        return None

    def _fall_back(self, reason: str) -> None:
        self.fallback_reason = reason
        self._warn(f"{reason}; using the local exemplar index")

    def _open(self):
        if self.remote:
            problem = self._server_problem()
            if problem is None:
                try:
                    return self._open_or_build(self._server_client())
                except UserError:
                    raise
                except Exception as exc:
                    problem = self._server_problem(exc)
            self._fall_back(problem)
        return self._open_local()

    def _open_local(self):
        try:
            return self._open_or_build(self._local_client())
        except UserError:
            raise
        except Exception as exc:
            # A damaged embedded index is only a cache: rebuild it from the packs.
            self._warn(
                f"exemplar index at {self.path} is unreadable ({type(exc).__name__}); rebuilding it"
            )
            self._wipe()
            return self._open_or_build(self._local_client())

    def _wipe(self) -> None:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        shutil.rmtree(self.path, ignore_errors=True)

    def _open_or_build(self, client):
        ef = _embedding_function(self._embedder)
        names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        docs = documents(self.knowledge)
        if self.name in names:
            col = client.get_collection(self.name, embedding_function=ef)
            if col.count() == len(docs):
                return col
            client.delete_collection(self.name)
        return self._build(client, ef, docs, stale=[n for n in names if n.startswith(PREFIX)])

    def _build(self, client, ef, docs, stale: list[str]):
        started = time.perf_counter()
        self._progress(f"building the exemplar index ({len(docs)} exemplars)…")
        col = client.create_collection(
            self.name,
            embedding_function=ef,
            metadata={
                "hnsw:space": "cosine",
                "packs": self.knowledge.digest[:16],
                "model": MODEL_ID,
            },
        )
        emb = self._embedder or get_embedder()
        for i in range(0, len(docs), 64):
            chunk = docs[i : i + 64]
            vectors = emb.embed([d[1] for d in chunk])
            col.add(
                ids=[d[0] for d in chunk],
                documents=[d[1] for d in chunk],
                metadatas=[d[2] for d in chunk],
                embeddings=vectors,
            )
        if not self.remote:
            # Teammates on a shared server may still use older packs: only prune our own cache.
            for name in stale:
                if name != self.name:
                    client.delete_collection(name)
        self.rebuilt = True
        self.build_seconds = time.perf_counter() - started
        self._progress(f"exemplar index ready in {self.build_seconds:.1f} s")
        return col

    def query(
        self,
        text: str,
        question: str | None = None,
        followup: str | None = None,
        dimension: str | None = None,
        kind: str | None = None,
        k: int = 3,
        field: str | None = None,
    ) -> Exemplars:
        """The k nearest strong and k nearest weak exemplars to `text`, and the strong twin of
        each weak one (when there is only one of a kind to return, FeedbackService reads it
        from the packs instead: pack_exemplars)."""
        return self.query_many([text], question, followup, dimension, kind, k, field)[0]

    def query_many(
        self,
        texts: list[str],
        question: str | None = None,
        followup: str | None = None,
        dimension: str | None = None,
        kind: str | None = None,
        k: int = 3,
        field: str | None = None,
        vectors=None,
    ) -> list[Exemplars]:
        """query() for each of `texts`: embedded in batches (unless their `vectors` are given),
        ranked in one Chroma query."""
        qid = question or self.knowledge.question().id
        conds = [{"question": qid}]
        for key, value in (
            ("followup", followup),
            ("dimension", dimension),
            ("kind", kind),
            ("field", field),
        ):
            if value:
                conds.append({key: value})
        own = list(_matching(self.knowledge, qid, followup, kind, field, dimension))
        if not own or not texts:
            return [Exemplars() for _ in texts]
        # A full answer's exemplars come the reply's field first. Asked for one field, or for
        # a follow-up reply (a few sentences say little of the candidate's field): just nearest.
        by_field = not (field or dimension or kind != "answer")
        where = conds[0] if len(conds) == 1 else {"$and": conds}
        n = len(own)
        if vectors is None:
            vectors = (self._embedder or get_embedder()).embed(list(texts))
        reader = field_model() if by_field else None
        chosen = [reader.field(v) if reader is not None else None for v in vectors]
        vote = by_field and reader is None
        if vote:
            # No field model (one fitted with another embedder): every question's full answers
            # in the one query (one round trip to a server), the nearest voting for the field.
            where, n = {"kind": "answer"}, _answer_count(self.knowledge)
        ids = {doc_id for doc_id, _, _ in own}
        try:
            return self._nearest(vectors, where, n, ids, k, chosen, vote)
        except Exception as exc:
            if not self.remote:
                raise
            # The server went away mid-session: this turn and the rest go to the local index.
            self._fall_back(self._server_problem(exc))
            self._collection = self._open_local()
            return self._nearest(vectors, where, n, ids, k, chosen, vote)

    def _nearest(
        self, vectors, where: dict, n: int, ids: set, k: int, fields: list, vote: bool
    ) -> list[Exemplars]:
        res = self._collection.query(
            query_embeddings=list(vectors),
            n_results=n,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        out = []
        for row, chosen in enumerate(fields):
            ranked: list[Hit] = []
            for i, doc, meta, dist in zip(
                res["ids"][row], res["documents"][row], res["metadatas"][row],
                res["distances"][row], strict=True,
            ):  # fmt: skip
                ranked.append(_hits(meta["label"], [i], [doc], [meta], [1.0 - float(dist)])[0])
            out.append(_ranked(ranked, ids, k, _voted_field(ranked) if vote else chosen))
        return out


def _ranked(ranked: list[Hit], ids: set, k: int, field: str | None) -> Exemplars:
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


def _answer_count(knowledge: Knowledge) -> int:
    """How many full answers all the packs hold: the pool a full answer is ranked in."""
    return sum(1 for _, _, m in documents(knowledge) if m["kind"] == "answer")


#: How many of the nearest texts of the whole bank vote for the reply's field.
VOTERS = 10


def _voted_field(ranked: list[Hit]) -> str | None:
    """The field most of the reply's nearest bank texts come from (similarity-weighted): one
    question's bank has a couple of answers per field, the whole bank a dozen."""
    votes: dict[str, float] = {}
    for h in ranked[:VOTERS]:
        if h.field and h.score is not None:
            votes[h.field] = votes.get(h.field, 0.0) + h.score
    return max(votes, key=votes.__getitem__) if votes else None


def _hits(label: str, ids, docs, metas, scores) -> list[Hit]:
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


def _stderr_progress(message: str) -> None:
    print(f"interviewer: {message}", file=sys.stderr, flush=True)


def _terminal_progress(message: str) -> None:
    if sys.stderr is not None and sys.stderr.isatty():
        _stderr_progress(message)


def open_store(knowledge: Knowledge, settings: Settings, progress=None) -> ExemplarStore:
    return ExemplarStore(knowledge, settings, progress=progress)


def describe_index(store: ExemplarStore) -> str:
    return json.dumps({"collection": store.name, "path": str(store.path), "rebuilt": store.rebuilt})
