"""The optional model layer: follow-ups, coaching and rewrites on top of the rubric critic.

The critic's verdicts always stand; a model only adds words. Every method is a generator a
Textual worker can iterate: zero or more Token events, then exactly one Done. Done.text is the
authoritative final text: when a turn falls back offline after some tokens were streamed (a
stream cut mid-way, an off-topic answer), the UI replaces what it streamed with Done.text and
shows Done.note. Nothing raised by the model server ever leaves these generators.

Nothing here imports langchain or openai: a model comes from providers.build_chat_model, which
imports them only when a model is configured.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from interviewer.coach import offline, prompts
from interviewer.coach.calls import Breaker, Methods, is_unreachable, rejects_method, with_retries
from interviewer.coach.checks import Unusable, asks_its_followup, check_coaching
from interviewer.coach.schemas import (
    STAR_KEYS,
    FollowupOut,
    RewriteOut,
    llm_schema,
    parse_raw,
    validate,
)
from interviewer.config import Settings

log = logging.getLogger(__name__)

#: A streamed reply may take this many timeouts in total (the timeout bounds each wait for
#: data; this bounds a server that trickles tokens forever).
STREAM_BUDGET = 4


@dataclass(frozen=True)
class Token:
    """A piece of model text, to append to what is shown."""

    text: str


@dataclass(frozen=True)
class Done:
    """The end of a turn: the final text, whether it came from the offline coach, and why."""

    text: str
    offline: bool
    note: str | None = None


CoachEvent = Token | Done


class Coach:
    """Adds model-written follow-ups, coaching and rewrites when a model is configured.

    `chat_model` overrides the configured model (tests and the TUI's fake model use it).
    """

    def __init__(self, settings: Settings, chat_model: Any | None = None):
        self.settings = settings
        self._chat_model = chat_model
        self.breaker = Breaker()  # open once the server did not answer: offline at once
        self.methods = Methods(settings)
        self._finish_reason: str | None = None  # why the last stream ended ("length": cut off)

    @property
    def paused(self) -> bool:
        """The server did not answer earlier this session: every turn is offline at once
        until `resume()`."""
        return self.breaker.open

    def warm(self) -> None:
        """Build the chat model now (imports its client stack) without calling the server."""
        if self.available:
            from interviewer.coach.providers import preload, structured

            # The first structured request also pays for building its schema and runnable,
            # and for the client's own lazy imports.
            structured(self._model(), llm_schema(FollowupOut), self.methods.order()[0])
            preload(self._model())
            for name in ("followup", "coaching"):
                prompts.chat_template(name)

    def resume(self) -> None:
        """Try the model again (the candidate asked to)."""
        self.breaker.reset()

    @property
    def available(self) -> bool:
        """Whether a model is configured (it may still fail; each turn then goes offline)."""
        return self._chat_model is not None or bool(self.settings.model)

    @property
    def label(self) -> str:
        """What the header shows: the model name, or 'offline'."""
        if self.settings.model:
            return self.settings.model
        if self._chat_model is not None:
            name = getattr(self._chat_model, "model_name", None)
            return str(name or type(self._chat_model).__name__)
        return "offline"

    # -- the three services -------------------------------------------------------------------

    def followup(
        self,
        reply: str,
        feedback,
        followup_id: str,
        question,
        persona=None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[CoachEvent]:
        """The follow-up question, phrased for this reply in the voice of the interviewer's
        focus (`persona`, from the pack); the pack's own prompt offline. Once `cancelled()`
        is true (the candidate answered before the phrasing came), the request is dropped at
        the model's next token, which closes the stream, so the server stops generating."""
        fu = question.followup(followup_id)
        if not self.available or self.paused:
            yield Done(fu.prompt, offline=True)
            return
        messages = prompts.followup_messages(reply, feedback, fu, question, persona)
        try:
            out, note = self._structured("followup", messages, FollowupOut, reply, cancelled)
        except Cancelled:
            yield Done(fu.prompt, offline=True, note=None)
            return
        if out is None:
            yield Done(fu.prompt, True, f"{note}; asking the standard follow-up instead.")
            return
        if not asks_its_followup(out.question, fu):
            note = "The model's follow-up drifted to another question"
            yield Done(fu.prompt, True, f"{note}; asking the standard follow-up instead.")
            return
        yield Token(out.question)
        yield Done(out.question, offline=False, note=note)

    def coaching(self, reply: str, feedback, question) -> Iterator[CoachEvent]:
        """Narrative coaching that cites the critic's findings and the exemplars, streamed."""
        fallback = offline.offline_coaching(feedback)
        if not self.available or self.paused:
            yield Done(fallback, offline=True)
            return
        messages = prompts.coaching_messages(reply, feedback, question)
        parts: list[str] = []
        try:
            for piece in self._stream(messages):
                parts.append(piece)
                yield Token(piece)
            text = "".join(parts).strip()
            check_coaching(text, reply, feedback, self._finish_reason)
        except Unusable as exc:
            note = f"The model's coaching was not usable ({exc}); showing the offline coaching."
            yield Done(fallback, True, note)
            return
        except Exception as exc:  # a model fault must never end the turn
            yield Done(fallback, True, self._failure(exc))
            return
        yield Done(text, offline=False)

    def rewrite(self, reply: str, feedback, question) -> Iterator[CoachEvent]:
        """The candidate's story as a STAR answer: their facts, placeholders for the rest."""
        if not self.available or self.paused:
            yield Done(offline.offline_rewrite(reply, feedback, question), offline=True)
            return
        messages = prompts.rewrite_messages(reply, feedback, question)
        out, note = self._structured("rewrite", messages, RewriteOut, reply)
        if out is None:
            text = offline.offline_rewrite(reply, feedback, question)
            yield Done(text, True, f"{note}; showing the offline STAR template instead.")
            return
        sections = {k: getattr(out, k) for k in STAR_KEYS}
        text = offline.render_star(sections, out.placeholders)
        # Validated as a whole before anything is shown (an invented number must never reach
        # the screen), then handed over line by line.
        for line in text.splitlines(keepends=True):
            yield Token(line)
        yield Done(text, offline=False, note=note)

    # -- plumbing -----------------------------------------------------------------------------

    def _model(self):
        if self._chat_model is None:
            from interviewer.coach.providers import build_chat_model

            self._chat_model = build_chat_model(self.settings)
        return self._chat_model

    def _stream(self, messages) -> Iterator[str]:
        deadline = time.monotonic() + STREAM_BUDGET * self.settings.timeout

        def start():  # a failure before the first chunk may be retried; later ones not
            chunks = iter(self._model().stream(messages))
            return chunks, next(chunks, None)

        self._finish_reason = None
        chunks, first = with_retries(start, self.settings)
        for chunk in itertools.chain([first], chunks) if first is not None else ():
            meta = getattr(chunk, "response_metadata", None) or {}
            self._finish_reason = meta.get("finish_reason") or self._finish_reason
            text = _text_of(chunk)
            if text:
                yield text
            if time.monotonic() > deadline:
                raise TimeoutError("stream budget exhausted")

    def _structured(self, kind: str, messages, schema, reply: str, cancelled=None):
        """(validated object, None) or (None, note). A server that rejects the way structured
        output is asked for gets the next method in the same call; an answer that fails
        validation is retried once with the error. Raises Cancelled once `cancelled()`."""
        try:
            from interviewer.coach.providers import structured

            error, found, rejected = None, None, None
            for method in self.methods.order():
                runnable = structured(self._model(), llm_schema(schema), method)
                try:
                    found, error = self._validated(
                        kind, runnable, messages, schema, reply, cancelled
                    )
                except Cancelled:
                    raise
                except Exception as exc:
                    if rejects_method(exc):
                        log.info("the server rejects %s: %s", method, exc)
                        rejected = exc
                        continue
                    raise
                # The server took the request this way (even if the answer was unusable):
                # remember it, so the next call does not pay for a rejection first.
                accepted = self.methods.worked(method)
                if found is not None:
                    return found, accepted
                break
            else:
                if rejected is not None:  # every method refused: say what the server said
                    raise rejected
        except Cancelled:
            raise
        except Exception as exc:  # a model fault must never end the turn
            return None, self._failure(exc).removesuffix("; continuing offline.")
        what = "follow-up" if kind == "followup" else kind
        return None, f"The model's {what} was not usable ({error}), even after one retry"

    def _validated(self, kind: str, runnable, messages, schema, reply: str, cancelled=None):
        """(object, None) or (None, the last validation error), in at most two tries."""
        error = None
        for _attempt in range(2):
            extra = [prompts.retry_message(kind, error)] if error else []
            asked = [*messages, *extra]
            result = with_retries(
                lambda asked=asked: streamed(runnable, asked, cancelled), self.settings
            )
            try:
                # LangChain's parse first (with_structured_output's `parsed`); the raw text
                # when it could not parse, since small models wrap JSON in prose or fences.
                parsed = result.get("parsed") if not result.get("parsing_error") else None
                data = parsed if isinstance(parsed, dict) else parse_raw(result["raw"])
                return validate(schema, data, reply), None
            except ValueError as exc:
                error = str(exc)
                log.info("model %s answer rejected: %s", kind, error)
        return None, error

    def _failure(self, exc: BaseException) -> str:
        from interviewer.coach.providers import describe_failure

        note = describe_failure(exc, self.settings)
        log.info("model call failed: %s", note)
        if is_unreachable(exc):  # waiting on it every turn would cost a timeout each time
            self.breaker.trip(note)
        return note


class Cancelled(Exception):
    """The caller no longer wants the answer (the candidate moved on)."""


def streamed(runnable, messages, cancelled: Callable[[], bool] | None = None) -> dict:
    """`runnable.invoke(messages)`, asked of the server as a stream: a stream is what a server
    stops generating when its reader goes away (a plain request runs on to the end, holding a
    one-slot server). Between tokens `cancelled()` is asked; once true, Cancelled is raised
    and the stream closed. The structured runnable's parts ({"raw": ...}, {"parsed": ...},
    {"parsing_error": ...}) are gathered into one dict; raw message chunks are added up."""
    from langchain_core.callbacks import BaseCallbackHandler

    class _StopWhenCancelled(BaseCallbackHandler):
        raise_error = True  # LangChain swallows a handler's error unless it asks otherwise

        def on_llm_new_token(self, token, **kwargs) -> None:
            if cancelled is not None and cancelled():
                raise Cancelled

    if cancelled is not None and cancelled():
        raise Cancelled
    result: dict = {}
    parts = runnable.stream(messages, config={"callbacks": [_StopWhenCancelled()]})
    try:
        for part in parts:
            for key, value in part.items():
                if key == "raw" and result.get("raw") is not None:
                    value = result["raw"] + value
                result[key] = value
    finally:
        close = getattr(parts, "close", None)
        if close is not None:
            close()
    if cancelled is not None and cancelled():
        raise Cancelled
    return result


def _text_of(chunk) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return content if isinstance(content, str) else ""
