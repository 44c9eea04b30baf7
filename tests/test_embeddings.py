"""The offline embedder: unit vectors, and meaning decides similarity."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from interviewer.embeddings import Embedder, get_embedder


def test_vectors_are_normalised_and_384_wide():
    v = get_embedder().embed(["I fixed the webhook retries.", "x", "   "])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_similar_sentences_score_higher_than_unrelated_ones():
    a, b, c = get_embedder().embed(
        [
            "I sent them a Slack message and they handled it.",
            "I pinged their on-call in Slack and they took care of it.",
            "Quarterly revenue grew ten percent thanks to the new pricing page.",
        ]
    )
    assert a @ b > 0.6
    assert a @ b > a @ c + 0.3


def test_batches_match_single_embeddings():
    texts = [f"sentence number {i} about fixing a bug" for i in range(40)]
    emb = get_embedder()
    batch = emb.embed(texts)
    assert np.allclose(batch[37], emb.embed_one(texts[37]), atol=1e-4)


def test_long_text_is_truncated_not_rejected():
    v = get_embedder().embed_one("word " * 5000)
    assert v.shape == (384,) and np.isfinite(v).all()


class _PausingTokenizer:
    """The embedder's own tokenizer, pausing before each encode: where, under load, the
    interpreter hands the lock to another thread (a pause makes that happen every time)."""

    def __init__(self, real) -> None:
        self.real = real

    def encode_batch(self, texts):
        time.sleep(0.002)
        return self.real.encode_batch(texts)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_threads_embedding_at_different_lengths_get_what_one_thread_gets():
    """The app embeds from more than one thread (a warm-up thread beside a worker); a call's
    truncation length must hold for that call whatever length another thread asks for."""
    emb = Embedder()
    emb._tokenizer = _PausingTokenizer(emb._tokenizer)
    # two texts: a batch is encoded on every call (one text may be remembered, not encoded)
    text = [
        "I rewrote the export job, told its owners what changed, then measured the result.",
        "Nobody had asked me to look at the nightly report, but I traced its slow query.",
    ]
    lengths = (8, 16)  # both cut the text; short, so the calls are quick
    expected = {n: emb.embed(text, n) for n in lengths}
    assert not np.allclose(expected[8], expected[16], atol=1e-3)  # the lengths are told apart
    start = threading.Barrier(6)

    def embed_often(n: int) -> list[bool]:
        start.wait()
        return [np.array_equal(emb.embed(text, n), expected[n]) for _ in range(20)]

    with ThreadPoolExecutor(6) as pool:
        same = [ok for run in pool.map(embed_often, lengths * 3) for ok in run]
    assert len(same) == 120 and same.count(False) == 0


def test_a_text_embedded_again_gets_the_same_vector_without_running_the_model_again():
    """A first answer is embedded twice in a turn (its exemplars, the interviewer's model of
    the first follow-up): the second is remembered, and a caller writing into its vector
    cannot change what the next caller gets."""
    emb = Embedder()
    runs = []
    real = emb._embed_batch
    emb._embed_batch = lambda ids: runs.append(len(ids)) or real(ids)
    text = "I noticed the ward's discharge letters went out late and rewrote the batch."
    first = emb.embed([text])
    first[0, :] = 0.0
    again = emb.embed_one(text)
    assert runs == [1]
    assert np.isclose(np.linalg.norm(again), 1.0, atol=1e-4)
    assert np.allclose(again, get_embedder().embed([text, "another text"])[0], atol=1e-4)
    assert emb.embed_one(text, 8).shape == (384,) and runs == [1, 1]  # another length: a new run
