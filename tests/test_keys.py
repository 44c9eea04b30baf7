"""Keys go only where they belong: OPENAI_API_KEY to OpenAI's own host, a team server's key
to that server, no key at all to a server that has none, and never a key over plain http to
another machine unless the user says so. Checked on what a capturing stub server receives."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from interviewer.coach.providers import ProviderError, build_chat_model, key_for_server
from interviewer.config import Settings, load_settings
from tests.conftest import run_cli
from tests.stub_server import StubServer

OPENAI_KEY = "sk-openai-MUSTNOTLEAK0123456789"
STORY = "I fixed the warehouse team's export myself and failures went from 7 a week to 0.\n"


def _auth(srv: StubServer) -> list[str | None]:
    return [
        {k.lower(): v for k, v in r["headers"].items()}.get("authorization") for r in srv.requests
    ]


def _rewrite(srv: StubServer, **env: str):
    base = {"INTERVIEWER_BASE_URL": srv.base_url, "INTERVIEWER_MODEL": "stub"}
    return run_cli("rewrite", "-", input=STORY, env={**base, "INTERVIEWER_TIMEOUT": "5", **env})


def test_the_openai_key_never_reaches_another_server_which_gets_no_key_at_all():
    with StubServer("ok", replies="not json") as srv:
        res = _rewrite(srv, OPENAI_API_KEY=OPENAI_KEY)
    assert res.returncode == 0, res.stderr
    assert srv.requests and _auth(srv) == [None] * len(srv.requests)
    assert all(OPENAI_KEY not in str(r) for r in srv.requests)


def test_a_team_server_gets_its_own_key_and_only_that():
    with StubServer("ok", replies="not json") as srv:
        res = _rewrite(srv, OPENAI_API_KEY=OPENAI_KEY, INTERVIEWER_API_KEY="team-key-42")
    assert res.returncode == 0, res.stderr
    assert srv.requests and set(_auth(srv)) == {"Bearer team-key-42"}
    assert all(OPENAI_KEY not in str(r) for r in srv.requests)


def test_openais_host_gets_the_openai_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    s = load_settings(model="gpt-4o-mini")
    assert key_for_server(s).get_secret_value() == OPENAI_KEY
    own = Settings(model="m", api_key=SecretStr("mine-123456"))
    assert key_for_server(own).get_secret_value() == "mine-123456"


@pytest.mark.parametrize(
    ("url", "sent"),
    [
        ("http://127.0.0.1:8000/v1", True),
        ("http://localhost:8000/v1", True),
        ("http://[::1]:8000/v1", True),
        ("https://models.example.org/v1", True),
        ("http://models.example.org/v1", False),
        ("http://10.0.0.7:8000/v1", False),
    ],
)
def test_a_key_over_plain_http_to_another_machine_needs_an_opt_in(url, sent):
    s = Settings(model="m", base_url=url, api_key=SecretStr("team-key-42"))
    if sent:
        assert key_for_server(s).get_secret_value() == "team-key-42"
        return
    with pytest.raises(ProviderError, match="allow_http_key"):
        build_chat_model(s)
    opted = Settings(model="m", base_url=url, api_key=SecretStr("team-key-42"), allow_http_key=True)
    assert key_for_server(opted).get_secret_value() == "team-key-42"


def test_the_refusal_is_said_once_and_the_rewrite_goes_on_offline():
    res = run_cli(
        "rewrite",
        "-",
        input=STORY,
        env={
            "INTERVIEWER_BASE_URL": "http://models.example.org/v1",
            "INTERVIEWER_MODEL": "stub",
            "INTERVIEWER_API_KEY": "team-key-42",
        },
    )
    assert res.returncode == 0
    err = res.stderr.decode()
    assert err.count("plain http") == 1 and "team-key-42" not in err + res.stdout.decode()
