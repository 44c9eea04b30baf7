"""The fitted model of the follow-up asked first: shipped fitted on the training answers as they
are, read with the pack, and refused in one line when its file is broken."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from interviewer.critic import critique
from interviewer.errors import UserError
from interviewer.interview import Interview
from interviewer.knowledge import default_pack_dir, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_policy  # noqa: E402

# Told by a quality lead in a bakery; nobody on the project wrote it for the training data.
HANDED_OFF = (
    "I'm a quality technician at an industrial bakery. The proving room's humidity log kept "
    "showing gaps at night, which is the engineering team's system, not ours. I mentioned it "
    "at the morning stand-up and sent their supervisor the dates, and a week later his team "
    "replaced a sensor. After that the log was complete and the auditors were satisfied."
)


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_the_shipped_model_was_fitted_on_the_training_answers_as_they_are():
    model = json.loads(train_policy.OUT.read_text())
    assert model["data"] == train_policy.data_digest(), (
        "interviewer/data/policy changed: run python scripts/train_policy.py"
    )
    assert model["question"] == train_policy.QUESTION


def test_the_pack_loads_it_and_a_hand_off_is_asked_about_first(knowledge):
    q = knowledge.question("leadership-without-title")
    assert q.first_followup_model is not None
    iv = Interview(q, "interview", "outcome", "mid")
    iv.submit(HANDED_OFF)
    nxt = iv.record(critique(HANDED_OFF, q))
    assert nxt.prompt is not None and nxt.prompt.followup == "escalation"


def test_a_skipped_first_follow_up_gives_the_models_next_choice_read_once(knowledge, monkeypatch):
    from interviewer.interview import policy

    reads = []
    real = policy.answer_features
    monkeypatch.setattr(policy, "answer_features", lambda *a: reads.append(1) or real(*a))
    q = knowledge.question("leadership-without-title")
    iv = Interview(q, "interview", "outcome", "mid")
    iv.submit(HANDED_OFF)
    first = iv.record(critique(HANDED_OFF, q)).prompt.followup
    second = iv.skip().prompt.followup
    assert [first, second] == iv.first_order[:2]
    assert len(reads) == 1  # the answer is not read again for each skip


def test_questions_without_a_model_keep_the_rules(knowledge):
    q = knowledge.question("failure")
    assert q.first_followup_model is None
    iv = Interview(q)
    reply = "I shipped a report with the wrong totals and my manager caught it."
    iv.submit(reply)
    assert iv.record(critique(reply, q)).prompt is not None  # still probed


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{not json", "cannot read the policy model"),
        ('{"features": ["score"], "classes": ["escalation"], "coef": [[1, 2]], '
         '"intercept": [0]}', "malformed policy model"),
        ('{"features": ["score"], "classes": ["lunch"], "coef": [[1]], "intercept": [0]}',
         "unknown follow-ups"),
    ],
)  # fmt: skip
def test_a_broken_policy_file_is_one_line(tmp_path, content, said):
    packs = tmp_path / "packs"
    shutil.copytree(default_pack_dir(), packs)
    (packs / "critic" / "leadership-without-title.policy.json").write_text(content)
    with pytest.raises(UserError) as err:
        load_knowledge(packs)
    assert said in str(err.value) and "\n" not in str(err.value)


def test_it_reads_each_follow_up_as_the_critic_would_judge_that_reply(knowledge):
    """The model's reading of a first answer as the reply to each follow-up is the critic's
    own verdict on it (one reading of the answer, not four), and the model uses it."""
    from interviewer.critic import first_answer_reads

    q = knowledge.question("leadership-without-title")
    assert q.first_followup_model.reads_followups
    reads = first_answer_reads(HANDED_OFF, q)
    scores = {k[2:]: round(v * 100) for k, v in reads.items() if k.startswith("r:")}
    assert scores == {f.id: critique(HANDED_OFF, q, f.id).score for f in q.followups}
    assert scores["escalation"] < 50  # a hand-off does not answer "did you just escalate it?"


def test_it_reads_what_the_answer_is_about_with_the_installed_embedder(knowledge, monkeypatch):
    """The model reads the answer's sentence embedding, from the model this install ships;
    one fitted on another embedding model is given none (another model's vector is noise)."""
    from interviewer import embeddings
    from interviewer.interview import policy

    q = knowledge.question("leadership-without-title")
    model = q.first_followup_model
    assert model.reads_embedding and model.embedding == embeddings.MODEL_ID
    calls = []
    real = embeddings.reply_vector
    monkeypatch.setattr(embeddings, "reply_vector", lambda t: calls.append(t) or real(t))
    crit = critique(HANDED_OFF, q)
    assert policy.first_order(q, crit, HANDED_OFF)[0] == "escalation"
    assert calls == [HANDED_OFF]
    monkeypatch.setattr(model, "embedding", "another-model")
    assert policy.first_order(q, crit, HANDED_OFF) is not None
    assert calls == [HANDED_OFF]  # not embedded for a model that cannot read it


def test_the_slow_part_of_a_first_answer_can_be_worked_out_before_it_is_recorded(
    knowledge, monkeypatch
):
    """An app works out the model's order on its worker thread (prepare); recording the
    answer then reads nothing again and asks the same follow-up."""
    from interviewer.interview import policy

    q = knowledge.question("leadership-without-title")
    crit = critique(HANDED_OFF, q)
    plain = Interview(q, "interview", "outcome", "mid")
    plain.submit(HANDED_OFF)
    expected = plain.record(crit).prompt.followup
    iv = Interview(q, "interview", "outcome", "mid")
    turn = iv.submit(HANDED_OFF)
    iv.prepare(turn, crit)
    assert turn.first_order == plain.first_order
    reads = []
    monkeypatch.setattr(policy, "first_order", lambda *a: reads.append(1))
    assert iv.record(crit).prompt.followup == expected and reads == []
