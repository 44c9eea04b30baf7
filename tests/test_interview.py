"""The interview state machine, on its own: prompts, pushback choice, drill retries, resume."""

from __future__ import annotations

import json

import pytest

from interviewer.critic import critique
from interviewer.critic.types import Critique, DimensionResult
from interviewer.interview import Interview, Turn, quote_back
from interviewer.interview.recorded import critique_from_dict
from interviewer.knowledge import load_knowledge
from tests import replies
from tests.replies import DIMENSION_IDS

SLACK = (
    "We had a bug in the payments team's service. I sent them a [bold]Slack[/] message and "
    "they handled it. The team was happy."
)


@pytest.fixture(scope="module")
def question():
    return load_knowledge().question("leadership-without-title")


@pytest.fixture(scope="module")
def rules(question):
    """The question without its fitted first-follow-up model: the rules that a pack without
    one uses, and that choose every follow-up after the first."""
    q = question.model_copy()
    q._first_followup = None
    return q


def strong(question, fid: str) -> str:
    return replies.STRONG[fid]


def weak(question, fid: str) -> str:
    return replies.WEAK[fid]


def answer(iv: Interview, text: str):
    """Submit `text` and record the real critic's verdict on it."""
    turn = iv.submit(text)
    p = iv.persona.id if iv.persona else None
    lv = iv.level.id if iv.level else None
    return iv.record(critique(text, iv.question, turn.followup, focus=p, level=lv))


def fake(verdict: str, score: int, missed: list[str], evidence: dict | None = None) -> Critique:
    """A critique with exactly these rubric gaps, for transitions the real critic can't pin."""
    evidence = evidence or {}
    dims = {
        d: DimensionResult(d, d, d not in missed, evidence.get(d, []), "advice", 0.5)
        for d in DIMENSION_IDS
    }
    return Critique("leadership-without-title", None, verdict, score, dims)


def test_interview_opens_with_the_pack_question(question):
    iv = Interview(question, "interview", "outcome", "mid")
    p = iv.current_prompt()
    assert p.kind == "answer" and p.text == question.text and p.followup is None


def test_weak_slack_answer_is_pushed_back_on_escalation_quoting_the_candidate(question):
    iv = Interview(question, "interview", "technical", "mid")
    nxt = answer(iv, SLACK)
    assert not nxt.finished and nxt.prompt.followup == "escalation"
    assert nxt.prompt.text == (
        "You said you sent them a [bold]Slack[/] message and they handled it. "
        "Did you just escalate it?"
    )
    assert iv.turns[0].critique.verdict == "weak"


@pytest.mark.parametrize("focus", ["outcome", "customer", "technical"])
def test_a_hand_off_is_asked_about_before_anything_the_focus_presses(question, focus):
    iv = Interview(question, "interview", focus, "mid")
    assert answer(iv, SLACK).prompt.followup == "escalation"


def test_focus_orders_the_gaps_after_the_ones_that_fail_the_answer(question):
    outcome = Interview(question, "interview", "outcome", "mid")
    technical = Interview(question, "interview", "technical", "mid")
    fails = list(question.asks_first)
    assert fails == ["ownership_language", "scope_boundary"]
    assert outcome.priorities()[:4] == [*fails, "metric_delta", "business_impact"]
    assert technical.priorities()[:4] == [*fails, "metric_delta", "specific_reflection"]


def test_senior_level_presses_second_order_effect_before_the_rest(rules):
    iv = Interview(rules, "interview", None, "senior")
    assert iv.priorities()[2:4] == ["second_order_effect", "specific_reflection"]
    nxt = iv.submit("x") and iv.record(fake("weak", 30, ["second_order_effect", "scope_boundary"]))
    assert nxt.prompt.followup == "their_code"  # the only one pressing both gaps


def test_the_level_sets_how_many_follow_ups_an_interview_may_take(question):
    assert Interview(question, "interview", None, "mid").max_followups == 3
    assert Interview(question, "interview", None, "senior").max_followups == 4


def test_strong_followup_is_not_asked_again_and_closes_its_gaps(question):
    iv = Interview(question, "interview", "technical", "mid")
    answer(iv, SLACK)
    nxt = answer(iv, strong(question, "escalation"))
    assert iv.results["escalation"].strong
    asked = ["escalation"]
    while not nxt.finished:
        asked.append(nxt.prompt.followup)
        nxt = answer(iv, "It went fine.")
    assert asked.count("escalation") == 1
    card = nxt.scorecard
    own = next(d for d in card.dimensions if d.id == "ownership_language")
    assert not own.met and own.closed_by == "escalation"


def test_interview_ends_after_at_most_four_followups_with_a_scorecard(question):
    iv = Interview(question, "interview", "outcome", "senior")
    nxt = answer(iv, SLACK)
    followups = 0
    while not nxt.finished:
        followups += 1
        nxt = answer(iv, "It was a bit tricky but eventually they agreed.")
    assert followups == 4
    card = nxt.scorecard
    assert {d.id for d in card.dimensions} == set(DIMENSION_IDS)
    assert sum(r.tries for r in card.followups) == 4
    assert card.overall is not None and 0 <= card.overall <= 100
    assert iv.current_prompt() is None
    with pytest.raises(ValueError):
        iv.submit("more")


def test_a_strong_answer_is_probed_once_on_what_it_does_not_show(question):
    iv = Interview(question, "interview", "outcome", "mid")
    nxt = answer(iv, replies.FULL_STRONG)
    crit = iv.turns[0].critique
    assert crit.verdict == "strong" and not crit.gaps()
    # another team's system, and not a word on how they took the change: "Wasn't it theirs?"
    assert question.followup("their_code").asks_when.matches(replies.FULL_STRONG)
    assert not nxt.finished and nxt.prompt.followup == "their_code"
    nxt = answer(iv, replies.STRONG["their_code"])
    assert nxt.finished and [r.tries for r in nxt.scorecard.followups] == [1]


#: FULL_STRONG's sentence on how the owners took the change, and two ways to tell it instead
OWNERS_TOOK_IT = "tested it with their lead on the test server and wrote the runbook for it."
OWNERS_WARY = (
    "Their lead was wary of a second batch loading the server, so I tested it with him on "
    "the test server at night and showed him it added 2% load; he signed it off, and I "
    "wrote the runbook for it."
)
OWNERS_AGREED = "their lead agreed, and I wrote the runbook for it."


def _owners_told(said: str) -> str:
    story = replies.FULL_STRONG.replace(OWNERS_TOOK_IT, said)
    assert story != replies.FULL_STRONG
    return story


def test_a_strong_story_that_names_the_owners_doubt_is_probed_elsewhere(question):
    """ "Their lead was wary ..., so I ..." has told how the owners came round: the probe goes
    to a thinner claim, where "their lead agreed" still gets "Wasn't it theirs?"."""
    cue = question.followup("their_code").answered_when
    firsts = {}
    for name, said in (("wary", OWNERS_WARY), ("agreed", OWNERS_AGREED)):
        story = _owners_told(said)
        assert cue.matches(story) == (name == "wary")
        iv = Interview(question, "interview", "outcome", "mid")
        nxt = answer(iv, story)
        assert iv.turns[0].critique.verdict == "strong" and not nxt.finished
        firsts[name] = nxt.prompt.followup
    assert firsts["agreed"] == "their_code" and firsts["wary"] != "their_code"


def test_what_the_story_already_tells_is_not_asked_after_its_probe(question):
    """Once the probe of a strong story is answered well, "Wasn't it theirs?" is not asked of a
    story that told how the owners' doubt was met: that would be asking it twice."""
    iv = Interview(question, "interview", "outcome", "mid")
    nxt = answer(iv, _owners_told(OWNERS_WARY))
    probe = nxt.prompt.followup
    assert probe != "their_code"
    nxt = answer(iv, strong(question, probe))
    assert iv.results[probe].strong
    assert nxt.finished or nxt.prompt.followup != "their_code"
    assert iv.results["their_code"].tries == 0


def test_with_nothing_left_unshown_the_probe_tests_the_least_certain_claim(rules):
    accepted = replies.FULL_STRONG.replace(
        "tested it with their lead", "their lead agreed to it once we had tested it together"
    )
    iv = Interview(rules, "interview", "outcome", "mid")
    nxt = answer(iv, accepted)
    crit = iv.turns[0].critique
    assert crit.verdict == "strong" and not crit.gaps()
    assert not any(f.asks_when and f.asks_when.matches(accepted) for f in rules.followups)
    pressed = {g for f in rules.followups for g in f.presses}
    met = [d for d in crit.dimensions.values() if d.met and d.id in pressed]
    weakest = min(met, key=lambda d: d.confidence)
    assert not nxt.finished and weakest.id in rules.followup(nxt.prompt.followup).presses


def test_a_self_serving_motive_is_asked_about_before_the_focus_gaps(question):
    story = replies.FULL_STRONG.replace(
        "What I learned",
        "Honestly I was bored that month and wanted it for my appraisal. What I learned",
    )
    iv = Interview(question, "interview", "outcome", "mid")
    assert answer(iv, story).prompt.followup == "motivation"


def test_a_motive_cue_counts_only_where_the_candidate_speaks_of_themselves(question):
    """ "The promotions team" and "a quiet week" for the story's people are no motive; the
    same words about the candidate are."""
    cue = question.followup("motivation").asks_when
    assert not cue.matches("The promotions team owned the price file. It was a quiet week.")
    assert cue.matches("The price file was the promotions team's. I wanted it for my promotion.")
    assert cue.matches("Honestly? Bored. I had a quiet week and nothing else to do.")


def test_finish_early_gives_the_scorecard_so_far(question):
    iv = Interview(question, "interview", "technical", "mid")
    answer(iv, SLACK)
    card = iv.finish()
    assert iv.finished and card.answer_score == iv.turns[0].critique.score
    assert card.followups == []


def test_drill_retries_a_weak_followup_then_moves_on_when_strong(question):
    iv = Interview(question, "drill", "outcome", "mid")
    assert iv.current_prompt().text == "Did you just escalate it?"
    nxt = answer(iv, weak(question, "escalation"))
    assert nxt.retry and nxt.prompt.followup == "escalation" and nxt.prompt.attempt == 2
    assert 'You said: "I raised a ticket in their queue' in nxt.prompt.text
    nxt = answer(iv, strong(question, "escalation"))
    assert not nxt.retry and nxt.prompt.followup == "their_code"
    assert iv.results["escalation"].tries == 2 and iv.results["escalation"].strong


def test_drill_all_four_in_order_counts_tries_and_skips(question):
    iv = Interview(question, "drill")
    seen = []
    nxt = None
    for fid in ("escalation", "their_code", "motivation"):
        seen.append(iv.current_prompt().followup)
        nxt = answer(iv, strong(question, fid))
    seen.append(iv.current_prompt().followup)
    answer(iv, weak(question, "impact"))
    nxt = iv.skip()
    assert seen == ["escalation", "their_code", "motivation", "impact"]
    assert nxt.finished
    tries = {r.id: (r.tries, r.strong, r.skipped) for r in nxt.scorecard.followups}
    assert tries["impact"] == (1, False, True)
    assert tries["escalation"] == (1, True, False)


def test_drill_of_one_followup(question):
    iv = Interview(question, "drill", only_followup="impact")
    assert iv.current_prompt().followup == "impact"
    assert answer(iv, strong(question, "impact")).finished


def test_abandon_puts_the_reply_back_and_keeps_the_prompt(question):
    iv = Interview(question, "interview")
    before = iv.current_prompt()
    iv.submit("my reply")
    with pytest.raises(ValueError):
        iv.submit("again")
    assert iv.abandon() == "my reply"
    assert iv.current_prompt() == before and iv.turns == []
    with pytest.raises(ValueError):
        iv.submit("   \n ")


def test_from_turns_resumes_where_it_left_off(question):
    live = Interview(question, "interview", "technical", "mid")
    answer(live, SLACK)
    answer(live, weak(question, "escalation"))
    recorded = [Turn(t.idx, t.kind, t.followup, t.prompt, t.reply, t.critique) for t in live.turns]
    again = Interview.from_turns(question, recorded, "interview", "technical", "mid")
    assert again.current_prompt() == live.current_prompt()
    pending = [*recorded, Turn(2, "followup", "x", "What?", "unsent critique", None)]
    resumed = Interview.from_turns(question, pending, "interview", "technical", "mid")
    assert resumed.awaiting_critique and resumed.turns[-1].reply == "unsent critique"


def test_from_turns_in_a_drill_skips_to_the_recorded_followup(question):
    c = critique(strong(question, "motivation"), question, "motivation")
    turns = [Turn(0, "followup", "motivation", "Why did you take this on?", "x", c)]
    iv = Interview.from_turns(question, turns, "drill")
    assert iv.current_prompt().followup == "impact"
    assert iv.results["escalation"].skipped and iv.results["their_code"].skipped


def test_critique_round_trips_through_its_recorded_form(question):
    c = critique(SLACK, question, None)
    back = critique_from_dict(json.loads(json.dumps(c.as_dict())), question)
    assert back.verdict == c.verdict and back.score == c.score
    assert back.gaps() and back.gaps() == c.gaps()  # weakest first, as the live one
    assert back.dimensions == c.dimensions
    assert back.dimensions["ownership_language"].name == "Ownership language"


def test_a_critique_recorded_before_confidence_was_still_loads(question):
    old = critique(SLACK, question, None).as_dict()
    for d in old["dimensions"].values():
        del d["confidence"]
    back = critique_from_dict(old, question)
    assert set(back.gaps()) == set(critique(SLACK, question, None).gaps())


def _record(store, sid: int, iv: Interview) -> None:
    """Save `iv`'s turns as the app does: each reply, then its critique as feedback."""
    for t in iv.turns[len(store.get(sid).turns) :]:
        turn_id = store.save_reply(sid, t.idx, t.kind, t.followup, t.prompt, t.reply)
        if t.critique is not None:
            store.save_feedback(turn_id, t.critique.as_dict(), 1.0)


@pytest.mark.parametrize(
    ("mode", "only", "said"),
    [
        ("interview", None, [SLACK, replies.WEAK["escalation"], replies.STRONG["escalation"]]),
        ("interview", None, [replies.FULL_STRONG, replies.WEAK["impact"]]),
        ("drill", "impact", [replies.WEAK["impact"], replies.STRONG["impact"]]),
        ("drill", None, [replies.STRONG["escalation"], replies.WEAK["their_code"]]),
    ],
)
def test_a_replayed_session_has_the_live_scorecard(tmp_path, question, mode, only, said):
    from interviewer.interview.recorded import replayed
    from interviewer.sessions.store import SessionStore

    live = Interview(question, mode, "customer", "senior", only)
    store = SessionStore(tmp_path / "sessions.db")
    sid = store.start(mode, "customer", "senior", question.id, "offline")
    for text in said:
        if not live.finished:
            answer(live, text)
    card = live.finish()
    _record(store, sid, live)
    assert replayed(store.get(sid), question).finish() == card


def test_a_resumed_session_ends_with_the_scorecard_it_would_have_had(tmp_path, question):
    from interviewer.interview.recorded import resumed
    from interviewer.sessions.store import SessionStore

    said = [SLACK, replies.WEAK["escalation"], replies.STRONG["motivation"]]
    live = Interview(question, "interview", "technical", "mid")
    store = SessionStore(tmp_path / "sessions.db")
    sid = store.start("interview", "technical", "mid", question.id, "offline")
    answer(live, said[0])
    answer(live, said[1])
    _record(store, sid, live)
    again = resumed(Interview(question, "interview", "technical", "mid"), store.get(sid))
    assert again.current_prompt() == live.current_prompt()
    for iv in (live, again):
        answer(iv, said[2])
    assert again.finish() == live.finish()


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("I sent them a Slack message.", "You said you sent them a Slack message."),
        (
            "I was not on their team, so I pinged my lead.",
            "You said you were not on their team, so you pinged your lead.",
        ),  # noqa: E501
        ("The team was happy.", "You said the team was happy."),
        ("I'm proud of our fix.", "You said you're proud of your fix."),
        ("Payments recovered.", 'You said: "Payments recovered."'),
        ('Then I asked "why?"', 'You said: "Then I asked "why?""'),
    ],
)
def test_quote_back_turns_first_person_into_second(sentence, said):
    assert quote_back(sentence) == said


def test_quote_back_strips_terminal_escapes():
    assert quote_back("I fixed it \x1b[31mfast\x1b[0m.") == "You said you fixed it fast."


def test_a_follow_up_that_presumes_a_fix_waits_until_the_candidate_has_shown_one(rules):
    assert "ownership_language" in rules.followup("their_code").assumes
    iv = Interview(rules, "interview", None, "senior")
    gaps = ["ownership_language", "scope_boundary", "second_order_effect"]
    nxt = iv.submit("x") and iv.record(fake("weak", 20, gaps))
    assert nxt.prompt.followup == "escalation"
    nxt = iv.submit("y") and iv.record(fake("weak", 10, list(DIMENSION_IDS)))
    assert nxt.prompt.followup != "their_code"  # "how did you get them to accept your fix?"
    iv2 = Interview(rules, "interview", None, "senior")
    nxt = iv2.submit("x") and iv2.record(
        fake("weak", 40, ["scope_boundary", "second_order_effect"])
    )
    assert nxt.prompt.followup == "their_code"  # the candidate did fix it: now it fits


def test_an_answer_whose_only_gaps_no_follow_up_presses_is_still_probed(question):
    pressed = {g for f in question.followups for g in f.presses}
    assert "specific_reflection" not in pressed
    iv = Interview(question, "interview", "outcome", "mid")
    nxt = iv.submit("x") and iv.record(fake("weak", 60, ["specific_reflection"]))
    assert not nxt.finished and nxt.prompt.followup in {f.id for f in question.followups}


def test_the_follow_up_is_worded_in_the_storys_own_terms(question):
    iv = Interview(question, "interview", "outcome", "mid")
    nxt = answer(
        iv, replies.FULL_STRONG
    )  # "The letter system belonged to the IT applications team"
    assert nxt.prompt.followup == "their_code"
    assert "Wasn't that the IT applications team's to change?" in nxt.prompt.text
    assert "code" not in nxt.prompt.text  # a hospital ward is not asked about code
    plain = question.followup("their_code")
    assert plain.in_story("I rewrote the rota myself.") == plain.prompt  # no owner named


PHARMACY = (
    "I was a pharmacy technician at a hospital. Discharge prescriptions kept waiting hours fo"
    "r a pharmacist check because the ward's electronic queue sorted them by bed number, not "
    "by discharge time. The queue belonged to the clinical systems team, not pharmacy, and no"
    "body had asked me to touch it. I pulled two weeks of timestamps myself, showed that 40% "
    "of discharges waited over three hours, and wrote a one-page change to sort by planned di"
    "scharge time with a flag for same-day leavers. I tested it with the systems team's analy"
    "st on their test copy, and they put it live in March. Waits over three hours fell from 4"
    "0% to 6%, which freed about 30 bed-hours a week for admissions, and two other wards aske"
    "d for the same sort. What I learned is to bring the owners the evidence and a tested cha"
    "nge together: a complaint on its own would have sat in their backlog."
)


def test_a_probe_of_a_strong_answer_quotes_what_its_follow_up_is_about(question):
    """'How did you get them to accept your change?' picks up the scope sentence, never the
    result; whichever follow-up probes the story, its quote is evidence it may be introduced by."""
    iv = Interview(question, "interview", "outcome", "mid")
    nxt = answer(iv, PHARMACY)
    crit = iv.turns[0].critique
    assert crit.verdict == "strong" and nxt.prompt is not None
    f = question.followup(nxt.prompt.followup)
    sources = f.quote_from if f.quote_from is not None else f.presses
    if nxt.prompt.quote is not None:
        evidence = [e for d in sources for e in crit.dimensions[d].evidence]
        assert any(nxt.prompt.quote in e or e in nxt.prompt.quote for e in evidence), (
            nxt.prompt.quote,
            sources,
        )
