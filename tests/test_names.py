"""One name per check, wherever it is shown: the live critique, replay, the export, progress."""

from __future__ import annotations

import pytest

from interviewer.critic import critique
from interviewer.knowledge import load_knowledge
from interviewer.names import label, labels
from tests.replies import STRONG, WEAK


@pytest.mark.parametrize("followup", [None, "escalation", "their_code", "motivation", "impact"])
def test_every_check_has_the_name_the_live_critique_gives_it(followup):
    knowledge = load_knowledge()
    q = knowledge.question()
    names = labels(knowledge, q.id)
    for text in (STRONG.get(followup or "impact"), WEAK.get(followup or "impact")):
        crit = critique(text, q, followup)
        for d in crit.dimensions.values():
            assert label(names, d.id, followup) == d.name


def test_an_unnamed_id_reads_as_words():
    assert label({}, "second_order_effect") == "second order effect"
