"""The exemplar index: a rebuildable Chroma cache of the knowledge packs' exemplars."""

from __future__ import annotations

import hashlib
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from interviewer.bank import (
    Exemplars,
    Hit,
    answer_count,
    arrange,
    documents,
    make_hits,
    matching,
    voted_field,
)
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
        own = list(matching(self.knowledge, qid, followup, kind, field, dimension))
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
            where, n = {"kind": "answer"}, answer_count(self.knowledge)
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
                ranked.append(make_hits(meta["label"], [i], [doc], [meta], [1.0 - float(dist)])[0])
            out.append(arrange(ranked, ids, k, voted_field(ranked) if vote else chosen))
        return out


def _stderr_progress(message: str) -> None:
    print(f"interviewer: {message}", file=sys.stderr, flush=True)


def _terminal_progress(message: str) -> None:
    if sys.stderr is not None and sys.stderr.isatty():
        _stderr_progress(message)
