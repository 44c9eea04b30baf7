"""A batch's replies are ranked together: embedded in batches and asked of the index once per
question, with the same exemplars each would get alone."""

from __future__ import annotations

from interviewer.commands.common import load_context
from interviewer.embeddings import get_embedder
from interviewer.feedback import FeedbackService
from interviewer.store import ExemplarStore
from tests import replies


class CountingEmbedder:
    """The real embedder, counting how often it is called and for how many texts."""

    def __init__(self) -> None:
        self.real = get_embedder()
        self.calls: list[int] = []

    def embed(self, texts, max_tokens=256):
        self.calls.append(len(texts))
        return self.real.embed(texts, max_tokens)

    def embed_one(self, text, max_tokens=256):
        self.calls.append(1)
        return self.real.embed_one(text, max_tokens)


def test_a_batch_is_embedded_in_batches_and_ranked_as_each_reply_alone(warm_home):
    settings, knowledge = load_context()
    counting = CountingEmbedder()
    store = ExemplarStore(knowledge, settings, embedder=counting)
    service = FeedbackService(knowledge, settings, store=store)
    texts = [replies.FULL_STRONG, *replies.WEAK.values(), *replies.STRONG.values()][:6] * 2
    batch = [(t, "leadership-without-title", None) for t in texts]
    batch += [(t, "failure", None) for t in texts[:5]]
    counting.calls.clear()
    together = service.rank_many(batch)
    assert counting.calls == [12, 5]  # one call per question, not one per reply
    for (text, question, followup), found in zip(batch, together, strict=True):
        alone = service.exemplars(text, question, followup)
        assert found.as_dict() == alone.as_dict()
