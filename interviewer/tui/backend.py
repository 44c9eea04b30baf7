"""The services the screens' workers call: feedback (critic + exemplars), sessions and the
optional coach (model-phrased follow-ups, coaching, STAR rewrites).

Every method here blocks (index build, embedding, SQLite, a model server) and is called from
thread workers only; the screens hear back through tui.messages. One lock serialises the
feedback service, because its exemplar store is opened lazily and must be opened once.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from interviewer.config import Settings
from interviewer.errors import UserError
from interviewer.knowledge import Knowledge

#: Errors the sessions layer documents: a locked DB, a read-only home, a full disk.
SESSION_ERRORS = (UserError, sqlite3.Error, OSError)
#: How many stories the exemplar panel can cycle through (each weak one beside its strong twin).
CONTRAST = 3
#: Shown when a reply is critiqued while the exemplar index is still being built.
EXEMPLARS_PENDING = "The exemplar index is still being built: exemplars will follow shortly."
#: Coaching cites the exemplars, so it waits this long for a first-run index before going on
#: without them.
EXEMPLAR_WAIT_S = 10.0
#: The throwaway reply the warm-up reads, so the first real one finds everything loaded.
WARM_REPLY = "I fixed the bug."

log = logging.getLogger(__name__)


class Backend:
    """Feedback, sessions and the coach for one app run. `service`, `sessions` and
    `chat_model` (a LangChain chat model, instead of the configured one) may be injected."""

    def __init__(
        self,
        settings: Settings,
        knowledge: Knowledge,
        service: Any = None,
        sessions: Any = "default",
        chat_model: Any = None,
    ) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self._service = service
        self._sessions = sessions
        self._chat_model = chat_model
        self._coach = None
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._coach_lock = threading.Lock()
        # Set once the index is open (or failed to open): until then replies are critiqued
        # without exemplars rather than waiting seconds for a first-run build.
        self.ready = threading.Event()
        self.warmed = threading.Event()  # the coach too: nothing is left to load
        self._own_service = service is None
        self.on_progress: Callable[[str], None] = lambda message: None

    @property
    def model_label(self) -> str:
        """The header's 'model: ...': the active model, or 'offline'."""
        label = self.coach.label if self._chat_model is not None else self.settings.model_label
        if self.model_paused:
            return f"{label}, paused (ctrl+t tries it again)"
        return label

    @property
    def model_paused(self) -> bool:
        """The model server did not answer: the rest of the session is offline at once."""
        return self._coach is not None and self._coach.paused

    def resume_model(self) -> None:
        if self._coach is not None:
            self._coach.resume()

    @property
    def service(self):
        """The FeedbackService, built on first use (its imports cost ~0.3 s: not at launch)."""
        with self._build_lock:  # the warm-up worker and a first submit may race to build it
            if self._service is None:
                from interviewer.feedback import FeedbackService

                self._service = FeedbackService(
                    self.knowledge, self.settings, progress=lambda m: self.on_progress(m)
                )
        return self._service

    @property
    def sessions(self):
        """The SessionStore, or None when sessions are switched off or unavailable."""
        if self._sessions == "default":
            try:
                from interviewer.sessions.store import SessionStore
            except ImportError:  # an install without the sessions layer still interviews
                self._sessions = None
            else:
                self._sessions = SessionStore()
        return self._sessions

    def disable_sessions(self) -> None:
        """Stop saving (after the user chose to go on without the database)."""
        self._sessions = None

    # -- feedback ---------------------------------------------------------------------------

    def warm(self, question_id: str) -> str | None:
        """Open (or build) the exemplar index and load the embedder; the store error, if any."""
        with self._lock:
            service = self.service
            # A throwaway review loads the critic's parser and models (and the index, when the
            # pack's exemplars must be ranked), so the candidate's first real submit is fast.
            try:
                service.review(WARM_REPLY, question_id, None)
                service.warm_embedder()
                self._warm_first_turn(question_id)
            finally:
                self.ready.set()
            try:
                if self.coach_available:  # the model stack's imports (~2 s), before the first turn
                    self.coach.warm()
            except Exception:  # the first real call reports what is wrong
                log.debug("warming the coach failed", exc_info=True)
            finally:
                self.warmed.set()
            return getattr(service, "store_error", None)

    def _warm_first_turn(self, question_id: str) -> None:
        """Load what the first turn needs beyond the critique, so the candidate's first submit
        does not wait for it: the names of every check (read on the UI thread when the
        feedback pane is drawn: ~150 ms of cue compiling for the bank's other questions) and
        the cues of the interviewer's second reading of a first answer (~100 ms)."""
        from interviewer.critic import first_answer_reads
        from interviewer.names import labels

        try:
            labels(self.knowledge, question_id)
            first_answer_reads(WARM_REPLY, self.knowledge.question(question_id))
        except Exception:  # the first real turn reports what is wrong
            log.debug("warming the first turn failed", exc_info=True)

    def review(self, text: str, question_id: str, followup: str | None, focus, level):
        """(Feedback, milliseconds) for one reply; without exemplars (and a note saying so)
        while the index is still being built."""
        started = time.perf_counter()
        if self._own_service and not self.ready.is_set():
            fb = self._critique_only(text, question_id, followup, focus, level)
        else:
            with self._lock:
                fb = self.service.review(
                    text, question_id, followup, focus=focus, level=level, k=CONTRAST
                )
        return fb, (time.perf_counter() - started) * 1000

    def _critique_only(self, text: str, question_id: str, followup, focus, level):
        return self.service.review_without_exemplars(
            text, question_id, followup, focus=focus, level=level, note=EXEMPLARS_PENDING
        )

    def exemplars(self, text: str, question_id: str, followup: str | None):
        """The closest exemplars (a store.Exemplars), once the index is ready."""
        with self._lock:
            return self.service.exemplars(text, question_id, followup, k=CONTRAST)

    def contrast(self, question_id: str, followup: str | None, weak: dict, strong: dict) -> dict:
        """What the strong twin `strong` shows that the weak exemplar `weak` does not."""
        with self._lock:
            return self.service.contrast(question_id, followup, weak, strong)

    # -- sessions ---------------------------------------------------------------------------

    def read_sessions(
        self, with_turns: bool = False, session_id: int | None = None, entries: bool = False
    ) -> tuple[list, str | None]:
        """(records, None): the recorded sessions, newest first, or only `session_id`; or
        ([], what went wrong) in words for the screen. With sessions off there are none.
        `entries`: as the sessions list shows them, a full loop as one (a LoopRecord), and
        `session_id` then gives its whole loop when it is a question of one."""
        try:
            store = self.sessions
            if store is None:
                return [], None if session_id is None else "Sessions are switched off."
            from interviewer.sessions import loops

            if session_id is not None:
                loop = loops.find(store, session_id) if entries else None
                return [loop or store.get(session_id)], None
            records = store.list(with_turns=with_turns)
            return (loops.entries(records) if entries else records), None
        except SESSION_ERRORS as exc:
            if isinstance(exc, LookupError):  # sessions.SessionNotFound: it names the id
                return [], str(exc)
            return [], f"Sessions unavailable: {exc}"

    def delete_session(self, session_id: int) -> tuple[list, str | None, str | None]:
        """Delete a session (a question of a full loop takes its loop with it): (the sessions
        list as entries, what went wrong, what was done)."""
        store = self.sessions
        try:
            if store is None:
                raise RuntimeError("sessions are switched off")
            from interviewer.sessions import loops

            n = store.delete([session_id])[0]
            listed = loops.entries(store.list(with_turns=False))
        except (*SESSION_ERRORS, RuntimeError) as exc:
            return [], f"Not deleted: {exc}", None
        what = f"session {session_id}" if n == 1 else f"the loop of session {session_id} ({n})"
        return listed, None, f"Deleted {what}; its text is gone from disk."

    def resumable(self, mode: str, question_id: str, loop: bool = False):
        """What an interview of `mode` on `question_id` may offer to resume, or None: the
        newest unfinished session of that kind, or, when it is a question of a full loop,
        the loop (which resumes as a loop). `loop`: a new loop offers only an unfinished
        loop. Raises SESSION_ERRORS."""
        store = self.sessions
        if store is None:
            return None
        from interviewer.sessions import loops

        if loop:
            return loops.unfinished(store, mode)
        rec = store.unfinished()
        if not (rec and rec.turns and rec.mode == mode and rec.question_id == question_id):
            return None
        return loops.find(store, rec.id) if rec.loop_id is not None else rec

    def start_session(self, mode: str, focus, level, question_id: str, **more) -> int | None:
        """A new session (`more`: a fork's parent and turn, or a loop question's place)."""
        store = self.sessions
        if store is None:
            return None
        return store.start(mode, focus, level, question_id, self.model_label, **more)

    # -- the coach ----------------------------------------------------------------------------

    @property
    def coach_available(self) -> bool:
        """Whether a model is configured: decided without importing the coach (launch speed)."""
        return self._chat_model is not None or bool(self.settings.model)

    @property
    def coach_paused(self) -> bool:
        """The model server did not answer earlier: every turn is offline at once."""
        return self._coach is not None and self._coach.paused

    @property
    def coach(self):
        """The Coach, built once (importing it costs ~0.2 s: not at launch)."""
        with self._coach_lock:
            if self._coach is None:
                from interviewer.coach.service import Coach

                self._coach = Coach(self.settings, chat_model=self._chat_model)
            return self._coach

    def followup(
        self,
        reply: str,
        feedback,
        followup_id: str,
        question_id: str,
        persona=None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator:
        """The coach's events for phrasing follow-up `followup_id` in the words of `reply`, in
        the voice of the interviewer's focus; dropped (and its request ended) once
        `cancelled()`."""
        question = self.knowledge.question(question_id)
        return _guarded(
            lambda: self.coach.followup(reply, feedback, followup_id, question, persona, cancelled),
            lambda: question.followup(followup_id).prompt,
            "follow-up",
        )

    def coaching(self, reply: str, feedback, question_id: str, followup: str | None) -> Iterator:
        """The coach's events for narrative coaching on `reply`."""
        from interviewer.coach.offline import offline_coaching

        question = self.knowledge.question(question_id)
        feedback = self._with_exemplars(feedback, reply, question_id, followup)
        return _guarded(
            lambda: self.coach.coaching(reply, feedback, question),
            lambda: offline_coaching(feedback),
            "coaching",
        )

    def rewrite(self, reply: str, feedback, question_id: str) -> Iterator:
        """The coach's events for a STAR rewrite of `reply` (offline: the STAR template)."""
        from interviewer.coach.offline import offline_rewrite

        question = self.knowledge.question(question_id)
        return _guarded(
            lambda: self.coach.rewrite(reply, feedback, question),
            lambda: offline_rewrite(reply, feedback, question),
            "rewrite",
        )

    def _with_exemplars(self, feedback, reply: str, question_id: str, followup: str | None):
        """A reply critiqued before the index was ready has no exemplars yet; coaching cites
        them, so fetch them now (waiting a little for the index) rather than coach without."""
        notes = getattr(feedback, "notes", None) or []
        if EXEMPLARS_PENDING not in notes or not self.ready.wait(EXEMPLAR_WAIT_S):
            return feedback
        from interviewer.feedback import Feedback

        try:
            exemplars = self.exemplars(reply, question_id, followup)
        except Exception:  # coaching without exemplars is still coaching
            log.warning("exemplars for coaching failed", exc_info=True)
            return feedback
        return Feedback(feedback.critique, exemplars, [n for n in notes if n != EXEMPLARS_PENDING])


def _guarded(start: Callable[[], Iterator], fallback: Callable[[], str], what: str) -> Iterator:
    """The coach's events, ending in exactly one Done. The coach turns model faults into an
    offline Done itself; this catches anything else (a bug in our own code), because nothing
    the coach does may end the interview."""
    from interviewer.coach.service import Done

    try:
        for event in start():
            yield event
            if isinstance(event, Done):
                return
    except Exception as exc:
        log.exception("the coach failed on the %s", what)
        note = f"The coach failed on the {what} ({type(exc).__name__}: {exc}); continuing offline."
        yield Done(fallback(), True, note)
        return
    yield Done(fallback(), True, f"The coach gave no {what}; continuing offline.")
