"""Typed messages from the workers back to the screens. Workers never touch widgets."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from interviewer.interview import Turn


class IndexStatus(Message):
    """Progress of the exemplar index warm-up; `ready` once queries will be fast."""

    def __init__(self, text: str, ready: bool = False, error: str | None = None) -> None:
        super().__init__()
        self.text = text
        self.ready = ready
        self.error = error


class TurnStarted(Message):
    """A reply was taken and the critic is running on it."""

    def __init__(self, turn: Turn) -> None:
        super().__init__()
        self.turn = turn


class CritiqueReady(Message):
    """The critic's feedback (a feedback.Feedback) for `turn`, and how long it took."""

    def __init__(self, turn: Turn, feedback: Any, elapsed_ms: float) -> None:
        super().__init__()
        self.turn = turn
        self.feedback = feedback
        self.elapsed_ms = elapsed_ms


class TurnFailed(Message):
    """The turn could not be completed; `reply` goes back into the editor."""

    def __init__(self, turn: Turn, error: str, saved: bool = False) -> None:
        super().__init__()
        self.turn = turn
        self.error = error
        self.saved = saved


class SessionProblem(Message):
    """The sessions database failed; the interview goes on, and the user is told."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ResumeOffer(Message):
    """An unfinished session of the same kind exists (a sessions.SessionRecord)."""

    def __init__(self, record: Any) -> None:
        super().__init__()
        self.record = record


class SessionsLoaded(Message):
    """Recorded sessions (newest first) for the start, replay or progress screens."""

    def __init__(self, records: list, error: str | None = None, note: str | None = None) -> None:
        super().__init__()
        self.records = records
        self.error = error
        self.note = note  # what just happened to them (a deletion), for a notification


class ForkReady(Message):
    """A re-answer fork was created: continue live in session `session_id`."""

    def __init__(self, session_id: int | None, error: str | None = None) -> None:
        super().__init__()
        self.session_id = session_id
        self.error = error


class ExemplarsReady(Message):
    """Exemplars (a store.Exemplars) for a reply critiqued before the index was ready."""

    def __init__(self, turn: Turn, exemplars: Any) -> None:
        super().__init__()
        self.turn = turn
        self.exemplars = exemplars


class TokenReceived(Message):
    """A piece of coach text for `turn`; `kind` is "followup", "coaching" or "rewrite"."""

    def __init__(self, turn: Turn, kind: str, text: str) -> None:
        super().__init__()
        self.turn = turn
        self.kind = kind
        self.text = text


class CoachDone(Message):
    """The coach finished `kind` for `turn`: `text` replaces whatever was streamed. `offline`
    means the model was not used (or failed, and `note` says why in plain words)."""

    def __init__(
        self, turn: Turn, kind: str, text: str, offline: bool, note: str | None = None
    ) -> None:
        super().__init__()
        self.turn = turn
        self.kind = kind
        self.text = text
        self.offline = offline
        self.note = note
