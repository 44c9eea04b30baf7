"""Run one piece of a command's work in a forked child process while the parent does another.

`score` of one reply needs two slow loads that share nothing: the critic's parser (spaCy) and
the exemplar ranking (chromadb, the embedder, the index). In one process they take turns
holding the interpreter lock however they are threaded; in two they use both cores. Forked
before either is imported, the child inherits only what the command has loaded so far.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any


class Forked:
    """`work()` run in a child process; `result()` waits for what it returned. Where there
    is no fork (Windows), or this process already runs other threads (a child would inherit
    their locks held and could wait on them forever), the work runs in this process when the
    result is asked for."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._work = work
        self._pid: int | None = None
        self._read: int | None = None
        if hasattr(os, "fork") and threading.active_count() == 1:
            self._start()

    def _start(self) -> None:
        # Whatever sits in our buffers would be written twice, once by each process.
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, hand back its result, and leave at once
            os.close(read)
            try:
                payload = pickle.dumps((True, self._work()))
            except BaseException as exc:  # noqa: BLE001 - re-raised in the parent
                payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
            os._exit(0)  # no atexit handlers, no second flush of the parent's streams
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> Any:
        """What the work returned; RuntimeError naming what it raised, wherever it ran."""
        if self._read is None:
            try:
                return self._work()
            except Exception as exc:
                raise RuntimeError(f"{type(exc).__name__}: {exc}") from exc
        with os.fdopen(self._read, "rb") as data:
            raw = data.read()
        os.waitpid(self._pid, 0)
        if not raw:  # killed before it could answer
            raise RuntimeError("the ranking process ended without a result")
        ok, value = pickle.loads(raw)
        if not ok:
            raise RuntimeError(value)
        return value
