"""The rubric critic as a user sees it: verdicts, quoted evidence and reply-specific advice."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.critic import critique
from interviewer.critic.dataset import training_items
from interviewer.knowledge import load_knowledge
from tests import replies

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def question():
    return load_knowledge(ROOT / "knowledge").question()


DIMENSIONS = list(replies.DIMENSION_IDS)


STRONG = replies.FULL_STRONG
WE_HEAVY = (
    "Our payment webhooks were being dropped, about 0.3% of them. The webhook service belonged "
    "to the Platform team, and nobody had asked us to look. We figured out the root cause "
    "together and we built a fix with retries. We shipped it and the drop rate went from 0.3% "
    "to zero, which recovered about $8K of revenue a week."
)
ASSIGNED = (
    "My manager asked me to look into dropped payment webhooks on our service. I investigated "
    "the logs, I reproduced the failure and I wrote a fix with retries. The drop rate went from "
    "0.3% to zero and we recovered $8K of weekly revenue."
)


def test_full_answer_has_the_seven_dimensions_in_rubric_order(question):
    c = critique(STRONG, question)
    assert list(c.dimensions) == list(DIMENSIONS)
    assert c.followup is None
    assert 0 <= c.score <= 100


def test_a_strong_story_meets_every_dimension_and_the_seed_weak_one_fails(question):
    strong = critique(STRONG, question)
    weak = critique(question.answers.weak[0].text, question)
    assert strong.verdict == "strong", [(d.id, d.met) for d in strong.dimensions.values()]
    assert all(d.met for d in strong.dimensions.values())
    assert weak.verdict == "weak"
    assert strong.score > weak.score + 30
    for dim in ("scope_boundary", "ownership_language", "metric_delta", "business_impact"):
        assert not weak.dimensions[dim].met, dim


def test_we_heavy_answer_fails_ownership_and_advice_quotes_the_we_sentence(question):
    d = critique(WE_HEAVY, question).dimensions["ownership_language"]
    assert not d.met
    assert any("We figured out the root cause together" in e for e in d.evidence)
    assert "We figured out the root cause together" in d.advice
    assert "first person" in d.advice


def test_manager_assigned_story_fails_scope_and_says_so(question):
    d = critique(ASSIGNED, question).dimensions["scope_boundary"]
    assert not d.met
    assert any("My manager asked me" in e for e in d.evidence)
    assert "assigned" in d.advice


HANDED_OFF = (
    "Customers kept getting duplicate invoices from the billing service. I mentioned it to the "
    "billing team in their channel. Their engineers dug into it and fixed the rounding bug a "
    "week later, and everyone was pleased. I learned to speak up."
)


def test_they_fixed_it_is_quoted_as_a_hand_off(question):
    d = critique(HANDED_OFF, question).dimensions["ownership_language"]
    assert not d.met
    assert any("Their engineers dug into it and fixed the rounding bug" in e for e in d.evidence)
    assert "others" in d.advice


def test_pasting_the_coaching_material_earns_nothing_and_says_why(question):
    c = critique(question.answers.strong[0].text, question)
    assert c.verdict == "weak"
    assert any("coaching material" in n for n in c.notes)


def test_qualitative_result_gets_advice_naming_the_missing_before_and_after(question):
    text = STRONG.replace(
        "Late letters fell from 41% to 3% within a month", "Late letters got a lot rarer"
    )
    d = critique(text, question).dimensions["metric_delta"]
    assert not d.met
    assert "Late letters got a lot rarer" in d.advice and "before and after" in d.advice


def test_generic_reflection_is_not_specific(question):
    text = STRONG.split("What I learned")[0] + "I learned that teamwork really matters."
    d = critique(text, question).dimensions["specific_reflection"]
    assert not d.met
    assert "teamwork really matters" in d.advice


def test_level_changes_advice_but_never_met(question):
    text = STRONG.split("What I learned")[0] + "I learned that teamwork really matters."
    mid = critique(text, question, level="mid")
    senior = critique(text, question, level="senior")
    assert {k: d.met for k, d in mid.dimensions.items()} == {
        k: d.met for k, d in senior.dimensions.items()
    }
    assert "senior" in senior.dimensions["specific_reflection"].advice
    assert (
        mid.dimensions["specific_reflection"].advice
        != senior.dimensions["specific_reflection"].advice
    )


@pytest.mark.parametrize("focus", ["outcome", "customer", "technical", None])
def test_focus_never_changes_met_or_score(question, focus):
    base = critique(STRONG, question)
    c = critique(STRONG, question, focus=focus)
    assert c.score == base.score
    assert [d.met for d in c.dimensions.values()] == [d.met for d in base.dimensions.values()]


FOLLOWUP_REPLIES = [
    (fid, label, texts[fid])
    for fid in ("escalation", "their_code", "motivation", "impact")
    for label, texts in (("strong", replies.STRONG), ("weak", replies.WEAK))
]


@pytest.mark.parametrize(("fid", "label", "text"), FOLLOWUP_REPLIES)
def test_followup_replies_get_their_label(question, fid, label, text):
    c = critique(text, question, fid)
    assert c.verdict == label, (fid, label, c.score)
    assert 2 <= len(c.dimensions) <= 3


def test_pasting_a_seed_followup_exemplar_earns_nothing(question):
    f = question.followup("escalation")
    c = critique(f.strong[0].text, question, "escalation")
    assert c.verdict == "weak"
    assert any("coaching material" in n for n in c.notes)


def test_followup_criteria_cite_the_hand_off(question):
    c = critique("I pinged their on-call in the team channel and they sorted it out the next day.",
                 question, "escalation")  # fmt: skip
    assert c.verdict == "weak"
    d = c.dimensions["no_handoff"]
    assert not d.met and any("they sorted it out" in e for e in d.evidence)


def test_self_serving_motivation_is_quoted(question):
    c = critique("Honestly it looked fun and I had spare time that sprint.", question, "motivation")
    assert c.verdict == "weak"
    assert not c.dimensions["not_self_serving"].met
    assert "fun" in c.dimensions["not_self_serving"].advice


def test_unknown_followup_is_a_clear_error(question):
    from interviewer.errors import UserError

    with pytest.raises(UserError, match="unknown follow-up"):
        critique("I fixed it.", question, "nonsense")


def test_evidence_is_verbatim_for_every_practice_item():
    knowledge = load_knowledge()
    items = training_items()
    assert len(items) >= 100
    for it in items:
        question = knowledge.question(it["question"])
        c = critique(it["text"], question, it.get("followup") if it["kind"] != "full" else None)
        for d in c.dimensions.values():
            for ev in d.evidence:
                assert ev and ev in it["text"], (it["id"], d.id, ev)
            assert d.advice and len(d.advice) < 400


def test_same_input_gives_the_same_output(question):
    a = critique(STRONG, question, focus="customer", level="senior")
    b = critique(STRONG, question, focus="customer", level="senior")
    assert a == b


def test_shipped_models_cover_every_dimension_and_followup():
    from interviewer.critic.spec import followup_key, load_spec

    knowledge = load_knowledge()
    assert len(knowledge.questions) == 6
    for question in knowledge.questions:
        spec = load_spec(question.id)
        assert {d.id for d in question.dimensions} <= set(spec.models)
        for f in question.followups:
            assert followup_key(f.id) in spec.models and spec.criteria[f.id]


def test_critique_never_imports_scikit_learn():
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from interviewer.critic import critique; "
        "from interviewer.knowledge import load_knowledge; "
        "q = load_knowledge(Path('knowledge')).question(); critique('I fixed it.', q); "
        "critique('I fixed it.', q, 'impact'); print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
