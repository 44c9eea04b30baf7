"""Relaying the coach's events (interviewer.coach.service Token/Done) to a screen as messages.

Called inside thread workers only: it blocks on the model server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.message import Message
from textual.worker import get_current_worker

from interviewer.interview import Turn
from interviewer.tui import messages as msg


def relay(events: Iterator, post: Callable[[Message], object], turn: Turn, kind: str) -> bool:
    """Post each Token as TokenReceived and the Done as CoachDone; False when the worker was
    cancelled first (a newer turn made this one stale: stop reading the model's stream)."""
    worker = get_current_worker()
    try:
        for event in events:
            if worker.is_cancelled:
                return False
            if hasattr(event, "offline"):  # Done: the last event
                post(msg.CoachDone(turn, kind, event.text, event.offline, event.note))
                return True
            post(msg.TokenReceived(turn, kind, event.text))
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()  # ends an HTTP stream left half-read
    return not worker.is_cancelled


def failed(turn: Turn, kind: str, exc: Exception) -> msg.CoachDone:
    """The CoachDone for a worker that broke outside the coach: the turn goes on offline."""
    note = f"The coach failed ({type(exc).__name__}: {exc}); continuing offline."
    return msg.CoachDone(turn, kind, "", True, note)
