"""Model faults never escape the coach: each turn ends offline, with one plain-words note."""

from __future__ import annotations

import json
import time

import pytest
from pydantic import SecretStr

from interviewer.coach.offline import offline_coaching, offline_rewrite
from interviewer.coach.service import Coach, Done, Token
from interviewer.config import Settings
from tests.coach_fixtures import MID_REPLY, QUESTION, mid_feedback
from tests.stub_server import StubServer, free_port

KEY = "sk-live-fault-test-9876543210zyxwvu"

FAULTS = {
    "refused": "refused the connection",
    "slow": "did not answer within 1 s",
    "429": "is rate-limiting requests (429 Too Many Requests; it asks to retry after 7 s)",
    "500": "had an internal error (500)",
    "401": "rejected the API key (401 Unauthorized; check INTERVIEWER_API_KEY)",
    "400": "rejected the request (400: Invalid 'response_format' for key [key])",
    "malformed": "sent a reply that could not be read (not valid JSON)",
    "cut": "cut the connection mid-reply",
}
OFFLINE_TEXT = {
    "followup": lambda: "What was the impact?",
    "coaching": lambda: offline_coaching(mid_feedback()),
    "rewrite": lambda: offline_rewrite(MID_REPLY, mid_feedback(), QUESTION),
}
ENDINGS = {
    "followup": "; asking the standard follow-up instead.",
    "coaching": "; continuing offline.",
    "rewrite": "; showing the offline STAR template instead.",
}


@pytest.fixture(scope="module", autouse=True)
def _imports_warm():
    """Import the model stack once, so the timing asserts measure the fault, not imports."""
    pytest.importorskip("langchain_openai")


def settings_for(base_url: str, **extra) -> Settings:
    values = {
        "model": "stub",
        "base_url": base_url,
        "api_key": SecretStr(KEY),
        "timeout": 1.0,
        "max_retries": 0,
        "structured_output": "json_mode",
    }
    return Settings(**{**values, **extra})


def run(coach: Coach, kind: str) -> list:
    if kind == "followup":
        return list(coach.followup(MID_REPLY, mid_feedback(), "impact", QUESTION))
    if kind == "coaching":
        return list(coach.coaching(MID_REPLY, mid_feedback(), QUESTION))
    return list(coach.rewrite(MID_REPLY, mid_feedback(), QUESTION))


@pytest.mark.parametrize("kind", ["followup", "coaching", "rewrite"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_ends_the_turn_offline_with_a_plain_note(fault, kind):
    started = time.monotonic()
    if fault == "refused":
        base = f"http://127.0.0.1:{free_port()}/v1"
        out = run(Coach(settings_for(base)), kind)
    else:
        with StubServer(fault, delay=3.0) as srv:
            base = srv.base_url
            out = run(Coach(settings_for(base)), kind)
    assert time.monotonic() - started < 3.0
    done = out[-1]
    assert isinstance(done, Done) and done.offline
    assert all(isinstance(e, Token) for e in out[:-1])
    assert sum(isinstance(e, Done) for e in out) == 1
    assert done.text == OFFLINE_TEXT[kind]()
    server = base.removesuffix("/v1")
    assert done.note == f"The model server at {server} {FAULTS[fault]}{ENDINGS[kind]}"
    assert KEY not in done.note


def test_a_stream_cut_mid_way_keeps_the_tokens_then_goes_offline():
    with StubServer("cut") as srv:
        out = run(Coach(settings_for(srv.base_url)), "coaching")
    assert [e.text for e in out[:-1]] == ["The first words ", "of a reply "]
    assert out[-1].offline and "cut the connection mid-reply" in out[-1].note


def test_429_is_retried_within_bounds_honouring_retry_after():
    with StubServer("429", retry_after="1") as srv:
        started = time.monotonic()
        out = run(Coach(settings_for(srv.base_url, max_retries=1)), "coaching")
        elapsed = time.monotonic() - started
    assert len(srv.requests) == 2  # the first try and one retry, no more
    assert 0.9 <= elapsed < 4
    assert "retry after 1 s" in out[-1].note


def test_a_hung_server_costs_one_timeout_then_the_session_goes_offline_at_once():
    with StubServer("slow", delay=5) as srv:
        coach = Coach(settings_for(srv.base_url, max_retries=1))
        started = time.monotonic()
        out = run(coach, "followup")
        first = time.monotonic() - started
        assert len(srv.requests) == 1  # a timeout is not retried: it would only wait again
        assert first < 2.5 and out[-1].offline and "did not answer within 1 s" in out[-1].note
        assert coach.paused
        started = time.monotonic()
        for kind in ("coaching", "followup", "rewrite", "coaching"):
            done = run(coach, kind)[-1]
            assert done.offline and done.note is None  # said once, when it happened
        assert time.monotonic() - started < 0.5 and len(srv.requests) == 1
        coach.resume()
        assert not coach.paused and run(coach, "coaching")[-1].offline
        assert len(srv.requests) == 2  # asked again after the candidate chose to


def test_no_api_key_and_no_base_url_goes_offline_with_a_note():
    coach = Coach(Settings(model="gpt-4o-mini"))
    assert coach.available
    done = run(coach, "coaching")[-1]
    assert done.offline
    assert done.note == (
        "The model 'gpt-4o-mini' is configured but there is no API key (set OPENAI_API_KEY, "
        "or --base-url for a local server); continuing offline."
    )


def test_a_dead_server_is_asked_once_not_on_every_turn():
    coach = Coach(settings_for(f"http://127.0.0.1:{free_port()}/v1"))
    notes = [run(coach, kind)[-1] for kind in ("followup", "coaching", "rewrite", "coaching")]
    assert all(d.offline for d in notes)
    assert "refused the connection" in notes[0].note and all(d.note is None for d in notes[1:])


def test_a_refused_structured_output_method_falls_back_and_is_remembered():
    reply = json.dumps(
        {"question": "What changed for the drops, in numbers?", "quote": "the drops stopped"}
    )
    with StubServer("format500", replies=reply) as srv:
        settings = settings_for(srv.base_url, structured_output="json_schema", max_retries=1)
        done = run(Coach(settings), "followup")[-1]
        methods = [_method(r["body"]) for r in srv.requests]
        assert methods == ["json_schema", "function_calling"]  # no pointless retry of the 500
        assert not done.offline and done.text.startswith("What changed")
        assert (
            "does not accept structured_output = json_schema; using function_calling" in done.note
        )
        coach = Coach(settings)
        again = run(coach, "followup")[-1]  # the next session starts with what worked
        assert [_method(r["body"]) for r in srv.requests[2:]] == ["function_calling"]
        assert not again.offline and "using function_calling" in again.note  # once a session
        assert run(coach, "followup")[-1].note is None


def _method(body: dict) -> str:
    if "tools" in body:
        return "function_calling"
    return {"json_schema": "json_schema", "json_object": "json_mode"}[
        body["response_format"]["type"]
    ]
