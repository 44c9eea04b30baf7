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
    key = settings.api_key
    if key is None or not key.get_secret_value():
        if not settings.base_url:
            raise ProviderError(
                f"The model {settings.model!r} is configured but there is no API key "
                "(set OPENAI_API_KEY, or --base-url for a local server)"
            )
        key = SecretStr(LOCAL_KEY)
    from langchain_openai import ChatOpenAI

    kwargs: dict[str, Any] = {
        "model": settings.model,
        "api_key": key,
        "timeout": settings.timeout,
        "max_retries": settings.max_retries,
    }
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


def structured(model: BaseChatModel, schema: dict, method: str):
    """`model` asked for a JSON object of `schema` by `method`; invoke() returns {"raw": ...}.

    The coach parses and validates the raw message itself, so that it can retry once with the
    validation error in words the model (and the user) can read.
    """
    try:
        return model.with_structured_output(schema, method=method, include_raw=True)
    except NotImplementedError:  # a fake or minimal chat model: parse its plain text instead
        return _RawOnly(model)


class _RawOnly:
    """invoke() -> {"raw": message} for models that cannot bind tools or response formats."""

    def __init__(self, model):
        self.model = model

    def invoke(self, messages):
        return {"raw": self.model.invoke(messages)}


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
    if settings is not None and settings.api_key is not None:
        secret = settings.api_key.get_secret_value()
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
    name = type(exc).__name__
    if name in ("JSONDecodeError", "DecodeError") or isinstance(exc, ValueError):
        return "sent a reply that could not be read (not valid JSON)"
    if "Protocol" in name or "ReadError" in name or "Incomplete" in name:
        return "cut the connection mid-reply"
    if "Timeout" in name:
        return f"did not answer within {settings.timeout:g} s"
    return f"failed unexpectedly ({name})"


def _causes(exc: BaseException):
    seen = 0
    while exc is not None and seen < 10:
        yield exc
        exc = exc.__cause__ or exc.__context__
        seen += 1


def _connection_problem(exc: BaseException) -> str:
    for cause in _causes(exc):
        text = f"{type(cause).__name__} {cause}".lower()
        if isinstance(cause, ConnectionRefusedError) or "refused" in text:
            return "refused the connection"
        if "protocol" in text or "peer closed" in text or "incomplete" in text:
            return "cut the connection mid-reply"
        if "timeout" in text or "timed out" in text:
            return "did not answer in time"
        if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
            return "could not be found (unknown host name)"
    return "could not be reached"


def _status_problem(exc, settings: Settings) -> str:
    status = getattr(exc, "status_code", None)
    if status == 401:
        return "rejected the API key (401 Unauthorized; check OPENAI_API_KEY)"
    if status == 403:
        return "refused access to the model (403 Forbidden)"
    if status == 404:
        hint = "" if "/v1" in (settings.base_url or "/v1") else "; does the base URL need /v1?"
        return f"does not know the model {settings.model!r} or the chat endpoint (404{hint})"
    if status == 429:
        after = _retry_after(exc)
        wait = f"; it asks to retry after {after} s" if after else ""
        return f"is rate-limiting requests (429 Too Many Requests{wait})"
    message = _error_message(exc)
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


def _error_message(exc) -> str:
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
