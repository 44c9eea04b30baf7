"""The offline embedder: unit vectors, and meaning decides similarity."""

from __future__ import annotations

import numpy as np

from interviewer.embeddings import get_embedder


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
