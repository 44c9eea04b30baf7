"""coach.providers: the one place chat models are built, and where their errors get words."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import sys

import pytest
from pydantic import SecretStr

from interviewer.coach.providers import (
    LOCAL_KEY,
    MAX_OUTPUT_TOKENS,
    ProviderError,
    build_chat_model,
    describe_failure,
    scrub,
    server_label,
)
from interviewer.config import Settings


def test_no_model_means_no_chat_model():
    assert build_chat_model(Settings()) is None


def test_local_server_without_a_key_gets_a_timeout_and_no_client_retries():
    s = Settings(model="qwen2.5:7b", base_url="http://127.0.0.1:11434/v1", timeout=7, max_retries=2)
    m = build_chat_model(s)
    assert m.model_name == "qwen2.5:7b"
    assert m.openai_api_key.get_secret_value() == LOCAL_KEY
    assert m.openai_api_base == "http://127.0.0.1:11434/v1"
    # retries are the coach's: the client would also retry timeouts and rejected requests
    assert m.request_timeout == 7 and m.max_retries == 0
    assert m.temperature == 0
    assert m.extra_body == {"max_tokens": MAX_OUTPUT_TOKENS}


def test_openai_with_a_key():
    s = Settings(model="gpt-4o-mini", api_key=SecretStr("sk-abcdefghijklmnop"))
    m = build_chat_model(s)
    assert m.openai_api_base is None and m.max_tokens == MAX_OUTPUT_TOKENS
    assert m.request_timeout == 30.0 and m.max_retries == 0
    assert "sk-abcdefghijklmnop" not in repr(m)


def test_model_from_env_and_openai_base_url(monkeypatch):
    monkeypatch.setenv("INTERVIEWER_MODEL", "smollm2")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:8080/v1")
    m = build_chat_model(Settings())
    assert m.model_name == "smollm2" and m.openai_api_base == "http://localhost:8080/v1"


def test_openai_without_a_key_is_a_plain_error():
    with pytest.raises(ProviderError, match="no API key"):
        build_chat_model(Settings(model="gpt-4o-mini"))


def test_server_label_never_shows_credentials_or_paths():
    s = Settings(base_url="http://user:sk-secret12345678@10.1.2.3:8000/v1")
    assert server_label(s) == "http://10.1.2.3:8000"
    assert server_label(Settings()) == "https://api.openai.com"
    assert server_label(Settings(base_url="http://[::1]:8080/v1")) == "http://[::1]:8080"


def test_scrub_removes_the_configured_key_and_key_shapes():
    s = Settings(api_key=SecretStr("my-very-own-key"))
    text = "bad key my-very-own-key, also sk-proj-AbCdEf123456789 and Bearer abc.def"
    assert scrub(text, s) == "bad key [key], also [key] and [key]"


def test_describe_failure_for_an_unknown_error_names_only_its_type():
    s = Settings(model="m", base_url="http://127.0.0.1:9/v1", api_key=SecretStr("k-123"))
    note = describe_failure(RuntimeError("k-123 leaked"), s)
    assert note == (
        "The model server at http://127.0.0.1:9 failed unexpectedly (RuntimeError); "
        "continuing offline."
    )


def test_settings_never_print_the_key():
    s = Settings(api_key=SecretStr("sk-abcdefghijklmnop"))
    assert "sk-abcdefghijklmnop" not in repr(s) and "sk-abcdefghijklmnop" not in str(s.model_dump())


def test_importing_providers_does_not_import_langchain():
    code = (
        "import sys, interviewer.coach.providers, interviewer.coach.service\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in"
        " ('langchain_core', 'langchain_openai', 'openai')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _chained(*excs: BaseException) -> BaseException:
    """excs[0], raised from excs[1], raised from excs[2]..."""
    for outer, inner in zip(excs, excs[1:], strict=False):
        outer.__cause__ = inner
    return excs[0]


_TLS = "[SSL: UNSUPPORTED_PROTOCOL] unsupported protocol (_ssl.c:1000)"


# The same words whichever HTTP library the error came from: openai sends through httpx2
# (httpx in older versions), and a local server without a key gets an httpx client of ours.
@pytest.mark.parametrize("library", ["httpx", "httpx2"])
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda h: [h.ConnectError("[Errno 111]"), ConnectionRefusedError(111, "refused")],
            "refused the connection",
        ),
        (
            lambda h: [h.ConnectError("[Errno -2]"), socket.gaierror(-2, "Name or service")],
            "could not be found (unknown host name)",
        ),
        (lambda h: [h.RemoteProtocolError("peer closed")], "cut the connection mid-reply"),
        (lambda h: [h.ConnectError("All connection attempts failed")], "could not be reached"),
        (  # TLS refused, not a reply cut short, though its text says "protocol"
            lambda h: [h.ConnectError(_TLS), ssl.SSLError(1, _TLS)],
            "could not be reached",
        ),
    ],
)
def test_connection_errors_are_told_apart_by_their_causes(library, make, words):
    import openai

    http = pytest.importorskip(library)
    request = http.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    exc = _chained(openai.APIConnectionError(request=request), *make(http))
    s = Settings(model="m", base_url="http://127.0.0.1:9/v1")
    assert (
        describe_failure(exc, s)
        == f"The model server at http://127.0.0.1:9 {words}; continuing offline."
    )


@pytest.mark.parametrize("library", ["httpx", "httpx2"])
def test_transport_errors_that_escape_unwrapped_mid_stream_are_named(library):
    from http.client import IncompleteRead

    http = pytest.importorskip(library)
    s = Settings(model="m", base_url="http://127.0.0.1:9/v1", timeout=7)
    said = {
        name: describe_failure(exc, s).removeprefix("The model server at http://127.0.0.1:9 ")
        for name, exc in [
            ("protocol", http.RemoteProtocolError("peer closed")),
            ("read", http.ReadError("reset")),
            ("incomplete", IncompleteRead(b"")),
            ("timeout", http.ReadTimeout("timed out")),
            ("json", json.JSONDecodeError("Expecting value", "", 0)),
        ]
    }
    cut = "cut the connection mid-reply; continuing offline."
    assert said == {
        "protocol": cut,
        "read": cut,
        "incomplete": cut,
        "timeout": "did not answer within 7 s; continuing offline.",
        "json": "sent a reply that could not be read (not valid JSON); continuing offline.",
    }
