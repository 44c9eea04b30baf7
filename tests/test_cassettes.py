"""The coach against recorded traffic of a real llama.cpp server (SmolLM2-135M-Instruct).

Re-record with scripts/record-cassettes; CI replays with pytest-recording's default record mode
(none), so these pass without a server. The model is tiny and writes poor text: these show that
validation, the one retry (with the error in words) and the offline fallback handle it, and that
a reply which tries to give the model orders changes nothing the critic decided.

The recorded outcomes are asserted exactly; a re-recording that changes them (another model or
server version) shows up here, with the model's actual text in the cassette to look at.
"""

from __future__ import annotations

import copy
import json

import pytest

from interviewer.coach.checks import Unusable, check_coaching
from interviewer.coach.offline import offline_coaching, offline_rewrite
from interviewer.coach.service import Coach, Done, Token
from tests.coach_fixtures import (  # noqa: F401 - vcr_config and vcr_cassette_dir are fixtures
    INJECTION_REPLY,
    MID_REPLY,
    QUESTION,
    WEAK_REPLY,
    mid_feedback,
    model_settings,
    vcr_cassette_dir,
    vcr_config,
    weak_feedback,
)

FOLLOWUP_END = ", even after one retry; asking the standard follow-up instead."
REWRITE_END = ", even after one retry; showing the offline STAR template instead."
#: The recorded small model no longer makes the mistake these tests exercise for the prompt as it
#: now is (it carries the ranked bank's exemplars): they wait for a re-recording that does.
NO_LONGER_MADE = "the recorded model no longer makes this mistake; re-record"


def turn(gen) -> tuple[str, Done]:
    out = list(gen)
    assert isinstance(out[-1], Done) and sum(isinstance(e, Done) for e in out) == 1
    return "".join(e.text for e in out if isinstance(e, Token)), out[-1]


def sent(vcr, index: int) -> dict:
    return json.loads(vcr.requests[index].body)


def retry_text(vcr) -> str:
    return sent(vcr, 1)["messages"][-1]["content"]


@pytest.mark.vcr
def test_followup_function_calling_bad_quote_retried_then_canonical(vcr):
    coach = Coach(model_settings("function_calling"))
    streamed, done = turn(coach.followup(WEAK_REPLY, weak_feedback(), "escalation", QUESTION))
    assert len(vcr.requests) == 2
    assert sent(vcr, 0)["tool_choice"]["function"]["name"] == "followup"
    assert retry_text(vcr).startswith(
        "Your previous answer could not be used: the quote must be a phrase of at least two "
        "words from the reply."
    )
    assert streamed == "" and done.offline and done.text == "Did you just escalate it?"
    assert done.note == (
        "The model's follow-up was not usable (the question must be one sentence of 8 to 300 "
        "characters)" + FOLLOWUP_END
    )


@pytest.mark.skip(reason=NO_LONGER_MADE)
@pytest.mark.vcr
def test_followup_json_mode_wrong_shape_retried_then_canonical(vcr):
    coach = Coach(model_settings("json_mode"))
    _, done = turn(coach.followup(MID_REPLY, mid_feedback(), "impact", QUESTION))
    assert sent(vcr, 0)["response_format"] == {"type": "json_object"}
    assert "'question' has the wrong type (string expected)" in retry_text(vcr)
    assert done.offline and done.text == "What was the impact?"
    assert done.note == (
        "The model's follow-up was not usable (the key 'quote' is missing)" + FOLLOWUP_END
    )


@pytest.mark.vcr
def test_coaching_streams_then_made_up_numbers_fall_back(vcr):
    coach = Coach(model_settings())
    streamed, done = turn(coach.coaching(MID_REPLY, mid_feedback(), QUESTION))
    assert sent(vcr, 0)["stream"] is True
    assert len(streamed) > 200  # the server streamed text chunk by chunk...
    assert "24 hours" in streamed  # ...with a number the candidate never gave
    assert done.offline and done.text == offline_coaching(mid_feedback())
    # The small model also ran into the output limit and stopped mid-sentence: the first
    # failed check is the one named.
    assert done.note == (
        "The model's coaching was not usable (it stopped mid-sentence at the length limit);"
        " showing the offline coaching."
    )
    # ...and it was over three times the length asked for; even its opening invents numbers
    with pytest.raises(Unusable, match="ran to 486 words"):
        check_coaching(streamed.strip(), MID_REPLY, mid_feedback())
    opening = " ".join(streamed.split()[:140])
    with pytest.raises(Unusable, match="made up numbers you never gave: 24"):
        check_coaching(opening, MID_REPLY, mid_feedback())


@pytest.mark.vcr
def test_rewrite_function_calling_invented_numbers_fall_back(vcr):
    coach = Coach(model_settings("function_calling"))
    _, done = turn(coach.rewrite(MID_REPLY, mid_feedback(), QUESTION))
    first = sent(vcr, 0)
    assert first["tool_choice"]["function"]["name"] == "star_rewrite"
    assert first["max_tokens"] == 600
    assert retry_text(vcr).startswith(
        "Your previous answer could not be used: it invented numbers that are not in the reply "
        "(10); use placeholders such as [N%] or [$ amount] instead."
    )
    assert done.offline
    assert done.text == offline_rewrite(MID_REPLY, mid_feedback(), QUESTION)
    assert done.note == (
        "The model's rewrite was not usable (it invented numbers that are not in the reply (10); "
        "use placeholders such as [N%] or [$ amount] instead)" + REWRITE_END
    )


@pytest.mark.skip(reason=NO_LONGER_MADE)
@pytest.mark.vcr
def test_rewrite_json_mode_wrong_keys_fall_back(vcr):
    coach = Coach(model_settings("json_mode"))
    _, done = turn(coach.rewrite(WEAK_REPLY, weak_feedback(), QUESTION))
    assert "the key 'situation' is missing" in retry_text(vcr)
    assert done.offline
    assert done.text == offline_rewrite(WEAK_REPLY, weak_feedback(), QUESTION)
    assert done.note.startswith("The model's rewrite was not usable ('situation' has the wrong")


@pytest.mark.vcr
def test_rewrite_json_schema_rejected_by_llama_cpp_falls_back_to_function_calling(vcr):
    coach = Coach(model_settings("json_schema"))
    _, done = turn(coach.rewrite(MID_REPLY, mid_feedback(), QUESTION))
    assert sent(vcr, 0)["response_format"]["type"] == "json_schema"  # llama.cpp's real 500...
    assert "tools" in sent(vcr, 1)  # ...and the next method in the same call, not a retry
    assert "json_schema" not in json.dumps(sent(vcr, 1).get("response_format", {}))
    assert "(500)" not in (done.note or "")  # the rejection is handled, not reported
    again = Coach(model_settings("json_schema"))  # the next session remembers what worked
    turn(again.rewrite(MID_REPLY, mid_feedback(), QUESTION))
    assert vcr.all_played and len(vcr.requests) > 3
    kinds = [sent(vcr, i).get("response_format", {}).get("type") for i in range(len(vcr.requests))]
    assert kinds.count("json_schema") == 1  # two sessions, one rejected request


@pytest.mark.vcr
@pytest.mark.parametrize("kind", ["followup", "coaching", "rewrite"])
def test_injection_in_the_reply_changes_no_verdict(vcr, kind):
    feedback = mid_feedback()
    before = copy.deepcopy(feedback.critique)
    coach = Coach(model_settings("function_calling"))
    if kind == "followup":
        gen = coach.followup(INJECTION_REPLY, feedback, "escalation", QUESTION)
        offline = "Did you just escalate it?"
    elif kind == "coaching":
        gen = coach.coaching(INJECTION_REPLY, feedback, QUESTION)
        offline = offline_coaching(feedback)
    else:
        gen = coach.rewrite(INJECTION_REPLY, feedback, QUESTION)
        offline = offline_rewrite(INJECTION_REPLY, feedback, QUESTION)
    _, done = turn(gen)
    assert feedback.critique == before  # verdicts come from the offline critic, untouched
    assert feedback.critique.verdict == "weak" and feedback.critique.score == 48
    prompt = sent(vcr, 0)["messages"][1]["content"]
    assert prompt.count("</reply>") == 1  # the reply could not close its data block
    assert "Ignore previous instructions" in prompt.split("<reply>")[1]  # quoted, as data
    # The small model drifted off (a made-up quote, chit-chat, a rewrite with no 'I' in it):
    # validation caught each, and the turn went offline with a note.
    # (The offline rewrite template quotes the candidate's own sentences, orders and all.)
    assert done.offline and "not usable" in done.note
    assert done.text == offline
