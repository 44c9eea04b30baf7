"""The only place that builds chat models, and that knows what their errors mean.

One path for every server: langchain-openai's ChatOpenAI with a base_url (OpenAI, vLLM, Ollama,
LM Studio, llama.cpp's server). langchain_openai and openai are imported lazily, only when a
model is configured: the offline path must not pay about two seconds of imports for them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from pydantic import SecretStr

from interviewer.config import Settings

if TYPE_CHECKING:  # pragma: no cover
    from langchain_core.language_models import BaseChatModel

#: Local servers need no key, but the OpenAI client refuses to start without one.
LOCAL_KEY = "not-needed"
OPENAI_URL = "https://api.openai.com/v1"
#: Bounded output: a small model can otherwise ramble (or fill a JSON string) until its context
#: runs out, which on two cores takes minutes.
MAX_OUTPUT_TOKENS = 600

_KEYLIKE = re.compile(r"(?i)\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{8,}|\bBearer\s+\S+")


class ProviderError(Exception):
    """The model cannot be used as configured; the message is plain words for the user."""


def build_chat_model(settings: Settings) -> BaseChatModel | None:
    """A ChatOpenAI for the configured model, or None when no model is configured.

    Always sets a timeout and bounded retries (ChatOpenAI has no timeout by default). A base_url
    without an API key gets a dummy key, since local servers ignore it.
    """
    if not settings.model:
        return None
    key = key_for_server(settings)
    headers: dict[str, Any] = {}
    if key is None:
        if not settings.base_url or is_openai(settings):
            raise ProviderError(
                f"The model {settings.model!r} is configured but there is no API key "
                "(set OPENAI_API_KEY, or --base-url for a local server)"
            )
        # The client insists on a key; the server gets no Authorization header at all.
        key, headers = SecretStr(LOCAL_KEY), _without_authorization()
    from langchain_openai import ChatOpenAI

    kwargs: dict[str, Any] = {
        "model": settings.model,
        "api_key": key,
        "timeout": settings.timeout,
        # Retries are the coach's (calls.with_retries): the client would also retry
        # timeouts and rejected requests, which only makes the candidate wait longer.
        "max_retries": 0,
    }
    kwargs.update(headers)
    if settings.base_url:
        # Local servers: deterministic output, and `max_tokens`, the field they all understand
        # (ChatOpenAI would send `max_completion_tokens`, which llama.cpp's server ignores).
        kwargs.update(
            base_url=settings.base_url,
            temperature=0,
            extra_body={"max_tokens": MAX_OUTPUT_TOKENS},
        )
    else:
        kwargs["max_tokens"] = MAX_OUTPUT_TOKENS
    return ChatOpenAI(**kwargs)


def is_openai(settings: Settings) -> bool:
    """Whether requests go to OpenAI's own API host."""
    return urlparse(settings.base_url or OPENAI_URL).hostname == urlparse(OPENAI_URL).hostname


def key_for_server(settings: Settings) -> SecretStr | None:
    """The key this server may see: OPENAI_API_KEY only ever goes to OpenAI's host; any other
    server gets INTERVIEWER_API_KEY (or the config file's api_key) or no key at all. A key
    over plain http to another machine needs allow_http_key (ProviderError otherwise)."""
    own = settings.api_key if settings.api_key and settings.api_key.get_secret_value() else None
    if is_openai(settings):
        openai_key = settings.openai_api_key
        return own or (openai_key if openai_key and openai_key.get_secret_value() else None)
    url = urlparse(settings.base_url)
    if own and url.scheme == "http" and not _loopback(url.hostname) and not settings.allow_http_key:
        raise ProviderError(
            f"not sending the API key to {server_label(settings)} over plain http, where it "
            "can be read on the way: use https, or set allow_http_key = true "
            "(INTERVIEWER_ALLOW_HTTP_KEY=1) if this network is trusted"
        )
    return own


def _is_openai_model(model) -> bool:
    """OpenAI's API enforces `strict` schemas; other servers may refuse the flag."""
    base = getattr(model, "openai_api_base", None)
    return getattr(model, "model_name", None) is not None and (
        not base or urlparse(base).hostname == urlparse(OPENAI_URL).hostname
    )


def _without_authorization() -> dict[str, Any]:
    """HTTP clients that drop the Authorization header the OpenAI client always adds."""
    import httpx

    def drop(request: httpx.Request) -> None:
        request.headers.pop("Authorization", None)

    async def adrop(request: httpx.Request) -> None:
        drop(request)

    return {
        "http_client": httpx.Client(event_hooks={"request": [drop]}),
        "http_async_client": httpx.AsyncClient(event_hooks={"request": [adrop]}),
    }


def _loopback(host: str | None) -> bool:
    import ipaddress

    if host in ("localhost", "localhost.localdomain") or (host or "").endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def preload(model: BaseChatModel) -> None:
    """Import now what the client would import on its first structured request: a streamed
    request with a response format goes through the openai client's beta resources, about a
    second of imports, which would otherwise be added to the first wait on a slow server."""
    client = getattr(model, "root_client", None)
    if client is not None:
        _ = client.beta


def structured(model: BaseChatModel, schema: dict, method: str):
    """`model` asked for a JSON object of `schema` by `method`; invoke() returns {"raw": ...}.

    The coach parses and validates the raw message itself, so that it can retry once with the
    validation error in words the model (and the user) can read.
    """
    strict = {"strict": True} if method == "json_schema" and _is_openai_model(model) else {}
    try:
        return model.with_structured_output(schema, method=method, include_raw=True, **strict)
    except NotImplementedError:  # a fake or minimal chat model: parse its plain text instead
        return _RawOnly(model)


class _RawOnly:
    """invoke() -> {"raw": message} (and stream() -> {"raw": chunk}, ...) for models that
    cannot bind tools or response formats."""

    def __init__(self, model):
        self.model = model

    def invoke(self, messages):
        return {"raw": self.model.invoke(messages)}

    def stream(self, messages, config=None):
        for chunk in self.model.stream(messages, config=config):
            yield {"raw": chunk}


def server_label(settings: Settings) -> str:
    """scheme://host[:port] of the model server, never with credentials or a path."""
    url = urlparse(settings.base_url or OPENAI_URL)
    host = url.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{host}{port}"


def scrub(text: str, settings: Settings | None = None) -> str:
    """`text` without the configured API key or anything shaped like a key."""
    for key in (settings.api_key, settings.openai_api_key) if settings is not None else ():
        secret = key.get_secret_value() if key is not None else ""
        if secret:
            text = text.replace(secret, "[key]")
    return _KEYLIKE.sub("[key]", text)


def describe_failure(exc: BaseException, settings: Settings) -> str:
    """Why a model call failed, in plain words, ending with 'continuing offline.'"""
    if isinstance(exc, ProviderError):
        return scrub(f"{exc}; continuing offline.", settings)
    where = f"The model server at {server_label(settings)}"
    return scrub(f"{where} {_what_went_wrong(exc, settings)}; continuing offline.", settings)


def _what_went_wrong(exc: BaseException, settings: Settings) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return f"did not answer within {settings.timeout:g} s"
    if isinstance(exc, openai.APIConnectionError):
        return _connection_problem(exc)
    if isinstance(exc, openai.APIStatusError):
        return _status_problem(exc, settings)
    if isinstance(exc, openai.LengthFinishReasonError):
        return "stopped mid-reply (it ran out of output tokens)"
    if isinstance(exc, openai.APIResponseValidationError):
        return "sent a reply that is not valid JSON"
    # Errors openai did not wrap: parsing the reply ourselves, or the transport mid-stream.
    if isinstance(exc, ValueError):  # json.JSONDecodeError, a parser's OutputParserException
        return "sent a reply that could not be read (not valid JSON)"
    if isinstance(exc, _cut_errors()):
        return "cut the connection mid-reply"
    if isinstance(exc, _timeout_errors()):
        return f"did not answer within {settings.timeout:g} s"
    return f"failed unexpectedly ({type(exc).__name__})"


def _causes(exc: BaseException):
    seen = 0
    while exc is not None and seen < 10:
        yield exc
        exc = exc.__cause__ or exc.__context__
        seen += 1


def _connection_problem(exc: BaseException) -> str:
    """What an APIConnectionError was, from the transport errors in its chain of causes."""
    import socket

    cut, timeout = _cut_errors(), _timeout_errors()
    for cause in _causes(exc):
        if isinstance(cause, ConnectionRefusedError):
            return "refused the connection"
        if isinstance(cause, cut):
            return "cut the connection mid-reply"
        if isinstance(cause, timeout):
            return "did not answer in time"
        if isinstance(cause, socket.gaierror):
            return "could not be found (unknown host name)"
    return "could not be reached"


def _http_errors(name: str) -> tuple[type[BaseException], ...]:
    """The exception class `name` of each HTTP library in use: openai sends through httpx2
    (httpx in its older versions), and a client of ours (_without_authorization) is httpx's.
    One not imported yet raised nothing, so neither is imported here."""
    import sys

    modules = (sys.modules.get("httpx2"), sys.modules.get("httpx"))
    return tuple(getattr(m, name) for m in modules if m is not None and hasattr(m, name))


def _cut_errors() -> tuple[type[BaseException], ...]:
    """The server closed the connection mid-reply, or broke the protocol doing it."""
    from http.client import IncompleteRead

    return (IncompleteRead, *_http_errors("ProtocolError"), *_http_errors("ReadError"))


def _timeout_errors() -> tuple[type[BaseException], ...]:
    return (TimeoutError, *_http_errors("TimeoutException"))


def _status_problem(exc, settings: Settings) -> str:
    status = getattr(exc, "status_code", None)
    if status == 401:
        which = "OPENAI_API_KEY" if is_openai(settings) else "INTERVIEWER_API_KEY"
        return f"rejected the API key (401 Unauthorized; check {which})"
    if status == 403:
        return "refused access to the model (403 Forbidden)"
    if status == 404:
        hint = "" if "/v1" in (settings.base_url or "/v1") else "; does the base URL need /v1?"
        return f"does not know the model {settings.model!r} or the chat endpoint (404{hint})"
    if status == 429:
        after = _retry_after(exc)
        wait = f"; it asks to retry after {after} s" if after else ""
        return f"is rate-limiting requests (429 Too Many Requests{wait})"
    message = error_message(exc)
    if settings.structured_output == "json_schema" and "json_schema" in message:
        return (
            f"does not support structured_output = json_schema ({status}); "
            "set structured_output = function_calling (or json_mode) for this server"
        )
    if status in (400, 422):
        return f"rejected the request ({status}: {_short(message)})"
    if status is not None and status >= 500:
        return f"had an internal error ({status})"
    return f"answered with an error ({status})"


def _retry_after(exc) -> str | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    value = headers.get("retry-after")
    return value.strip() if isinstance(value, str) and value.strip() else None


def error_message(exc) -> str:
    """What a server's error response says, from its JSON body when it has one."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        msg = err.get("message") if isinstance(err, dict) else err
        if msg:
            return str(msg)
        detail = body.get("detail")
        if detail:
            return str(detail)
    return str(getattr(exc, "message", "") or exc)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
