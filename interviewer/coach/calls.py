"""How the coach calls a model server: which failures are worth a retry, when to stop asking a
server that is down, and which structured-output method a server accepts.

- Retries only where a retry can help: a rate limit or a passing server error. A timeout or a
  refused connection is not retried, and it trips the breaker: the rest of the session runs
  offline at once instead of waiting on every turn (`Breaker.reset` tries the model again).
- A server that rejects the structured-output method (llama.cpp answers json_schema with a 500
  naming the response format) gets the next method in the same call: json_schema, then
  function_calling, then json_mode. What worked is remembered per server and model in the
  user's cache, and said once.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import TypeVar

from interviewer.config import Settings

T = TypeVar("T")
METHODS = ("json_schema", "function_calling", "json_mode")
#: Words in a server's error that mean "not this way of asking for JSON".
_FORMAT_REJECTED = re.compile(
    r"response_format|json_schema|json_object|tool_choice|\btools?\b|function[ _]call|"
    r"Input should be 'text'",
    re.IGNORECASE,
)
_MAX_WAIT_S = 10.0


def is_unreachable(exc: BaseException) -> bool:
    """A server that did not answer (timeout, refused or dropped connection): asking it again
    this session would only make the candidate wait."""
    import openai

    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError | TimeoutError):
        return True
    return isinstance(exc, ConnectionError)


def rejects_method(exc: BaseException) -> bool:
    """The server refused how structured output was requested (not the request as such)."""
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code in (401, 403, 404, 429):
        return False
    from interviewer.coach.providers import error_message

    return bool(_FORMAT_REJECTED.search(error_message(exc)))


def _retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.RateLimitError):
        return True
    if isinstance(exc, openai.APIStatusError) and exc.status_code >= 500:
        return not rejects_method(exc)
    return False


def with_retries(call: Callable[[], T], settings: Settings) -> T:
    """`call()`, retried up to settings.max_retries times for rate limits and passing server
    errors, waiting what the server asks (bounded); every other failure is raised at once."""
    for attempt in range(settings.max_retries + 1):
        try:
            return call()
        except Exception as exc:
            if attempt >= settings.max_retries or not _retryable(exc):
                raise
            time.sleep(_retry_after(exc))
    raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(exc) -> float:
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    try:
        return min(float(headers.get("retry-after", "0.5")), _MAX_WAIT_S)
    except ValueError:
        return 0.5


class Breaker:
    """Open after a server did not answer: the coach goes offline until reset()."""

    def __init__(self) -> None:
        self.reason: str | None = None

    @property
    def open(self) -> bool:
        return self.reason is not None

    def trip(self, reason: str) -> None:
        self.reason = reason

    def reset(self) -> None:
        self.reason = None


class Methods:
    """The structured-output methods to try for one server and model, the one that last
    worked first; remembered in the user's cache so the next session starts with it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.key = f"{settings.base_url or 'openai'}|{settings.model}"
        self.announced = False

    def order(self) -> list[str]:
        first = self._remembered() or self.settings.structured_output
        rest = [m for m in METHODS if m != first]
        return [first, *rest]

    def worked(self, method: str) -> str | None:
        """Remember `method`; a one-line note the first time it differs from the setting."""
        if self._remembered() != method:
            self._remember(method)
        if method == self.settings.structured_output or self.announced:
            return None
        self.announced = True
        return (
            f"The model server does not accept structured_output = "
            f"{self.settings.structured_output}; using {method}"
        )

    def _path(self):
        from interviewer.pinned import cache_dir

        return cache_dir() / "structured-output.json"

    def _load(self) -> dict:
        try:
            data = json.loads(self._path().read_text())
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _remembered(self) -> str | None:
        method = self._load().get(self.key)
        return method if method in METHODS else None

    def _remember(self, method: str) -> None:
        from interviewer.pinned import write_text

        data = self._load()
        data[self.key] = method
        write_text(self._path(), json.dumps(data, indent=1))
