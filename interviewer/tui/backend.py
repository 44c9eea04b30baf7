"""The services the screens' workers call: feedback (critic + exemplars) and sessions.

Every method here blocks (index build, embedding, SQLite) and is called from thread workers
only; the screens hear back through tui.messages. One lock serialises the feedback service,
because its exemplar store is opened lazily and must be opened once.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

from interviewer.config import Settings
from interviewer.errors import UserError
from interviewer.knowledge import Knowledge

#: Errors the sessions layer documents: a locked DB, a read-only home, a full disk.
SESSION_ERRORS = (UserError, sqlite3.Error, OSError)
#: Shown when a reply is critiqued while the exemplar index is still being built.
EXEMPLARS_PENDING = "The exemplar index is still being built: exemplars will follow shortly."


class Backend:
    """Feedback and sessions for one app run. `service` and `sessions` may be injected."""

    def __init__(
        self,
        settings: Settings,
        knowledge: Knowledge,
        service: Any = None,
        sessions: Any = "default",
    ) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self._service = service
        self._sessions = sessions
        self._lock = threading.Lock()
        # Set once the index is open (or failed to open): until then replies are critiqued
        # without exemplars rather than waiting seconds for a first-run build.
        self.ready = threading.Event()
        self._own_service = service is None
        self.on_progress: Callable[[str], None] = lambda message: None

    @property
    def model_label(self) -> str:
        return self.settings.model_label

    @property
    def service(self):
        """The FeedbackService, built on first use (its imports cost ~0.3 s: not at launch)."""
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
                from interviewer.sessions import SessionStore
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
            # A throwaway review loads the critic, the embedder and the index, so the
            # candidate's first real submit is fast.
            try:
                service.review("I fixed the bug.", question_id, None)
            finally:
                self.ready.set()
            return getattr(service, "store_error", None)

    def review(self, text: str, question_id: str, followup: str | None, focus, level):
        """(Feedback, milliseconds) for one reply; without exemplars (and a note saying so)
        while the index is still being built."""
        started = time.perf_counter()
        if self._own_service and not self.ready.is_set():
            fb = self._critique_only(text, question_id, followup, focus, level)
        else:
            with self._lock:
                fb = self.service.review(text, question_id, followup, focus=focus, level=level)
        return fb, (time.perf_counter() - started) * 1000

    def _critique_only(self, text: str, question_id: str, followup, focus, level):
        from interviewer.critic import critique
        from interviewer.feedback import Feedback
        from interviewer.store import Exemplars

        question = self.knowledge.question(question_id)
        crit = critique(text, question, followup, focus=focus, level=level)
        return Feedback(crit, Exemplars(note=EXEMPLARS_PENDING), [EXEMPLARS_PENDING])

    def exemplars(self, text: str, question_id: str, followup: str | None):
        """The closest exemplars (a store.Exemplars), once the index is ready."""
        with self._lock:
            return self.service.exemplars(text, question_id, followup)

    # -- sessions ---------------------------------------------------------------------------

    def start_session(self, mode: str, focus, level, question_id: str, **fork) -> int | None:
        store = self.sessions
        if store is None:
            return None
        return store.start(mode, focus, level, question_id, self.model_label, **fork)
