"""Sessions in SQLite: every turn saved the moment it is submitted, replay, fork.

One database per user (data_dir()/sessions.db) in WAL mode, one transaction per write, so
a kill -9 at any point loses nothing that was already submitted, and two app instances can
write at once. Every sqlite or file-system failure becomes a UserError with one clear line.
Reports (export, progress) live in report.py and progress.py beside it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from interviewer.errors import UserError
from interviewer.sessions import loops, schema
from interviewer.sessions.records import (
    KINDS,
    MODES,
    SESSION_COLS,
    TURN_COLS,
    SessionRecord,
    TurnRecord,
    turn_from_row,
)
from interviewer.sessions.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    DatabaseCorrupt,
    SessionNotFound,
    json_default,
    storable,
)

__all__ = [
    "SCHEMA_VERSION",
    "DatabaseCorrupt",
    "SessionNotFound",
    "SessionRecord",
    "SessionStore",
    "TurnRecord",
    "default_path",
]

#: How long a writer waits for another instance's transaction before giving up.
BUSY_TIMEOUT_S = 10.0
_MAX_ID = 2**63 - 1


def default_path() -> Path:
    """data_dir()/sessions.db (INTERVIEWER_HOME relocates it)."""
    from interviewer.config import data_dir

    return data_dir() / "sessions.db"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class SessionStore:
    """The sessions database. Thread-safe; open lazily; writes commit at once."""

    def __init__(self, path: Path | None = None, timeout: float = BUSY_TIMEOUT_S, warn=None):
        self.path = Path(path) if path is not None else default_path()
        self.timeout = timeout
        self.warn = warn  # hears one-line notes (files made owner-only, a delayed purge)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    # -- public API -------------------------------------------------------------------------

    def start(
        self,
        mode: str,
        focus: str | None,
        level: str | None,
        question_id: str,
        model: str,
        parent_id: int | None = None,
        fork_turn: int | None = None,
        loop: tuple[int | None, int, list[str]] | None = None,
    ) -> int:
        """Record a new session and return its id. A question of a full loop gives `loop`:
        (the loop's id, or None for its first recorded question, whose id becomes the
        loop's; the question's place in the plan; the plan's question ids)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        loop_id, loop_index, plan = loop if loop is not None else (None, None, None)
        with self._write("start a session") as db:
            cur = db.execute(
                "INSERT INTO sessions (started_at, mode, focus, level, question_id, model,"
                " parent_id, fork_turn, loop_id, loop_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_now(), mode, focus, level, question_id, model, parent_id, fork_turn)
                + (loop_id, loop_index),
            )
            sid = int(cur.lastrowid)
            if loop is not None and loop_id is None:
                db.execute(
                    "UPDATE sessions SET loop_id = id, loop_plan = ? WHERE id = ?",
                    (json.dumps(list(plan)), sid),
                )
            return sid

    def save_reply(
        self, session_id: int, idx: int, kind: str, followup: str | None, prompt: str, reply: str
    ) -> int:
        """Save a submitted reply and commit before returning; call this before any critic work.

        A reply sent again for the same turn after its critique failed (it came back to the
        editor, perhaps edited) replaces that uncritiqued attempt, so a session never shows the
        same question twice."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        with self._write("save your reply") as db:
            retry = db.execute(
                "SELECT id FROM turns WHERE session_id = ? AND idx = ? AND feedback IS NULL"
                " ORDER BY id DESC LIMIT 1",
                (session_id, idx),
            ).fetchone()
            if retry is not None:
                db.execute(
                    "UPDATE turns SET kind = ?, followup = ?, prompt = ?, reply = ?,"
                    " submitted_at = ? WHERE id = ?",
                    (kind, followup, storable(prompt), storable(reply), _now(), retry[0]),
                )
                return int(retry[0])
            cur = db.execute(
                "INSERT INTO turns (session_id, idx, kind, followup, prompt, reply, submitted_at)"
                " SELECT id, ?, ?, ?, ?, ?, ? FROM sessions WHERE id = ?",
                (idx, kind, followup, storable(prompt), storable(reply), _now(), session_id),
            )
            if cur.rowcount != 1:
                raise SessionNotFound(f"no session {session_id}")
            return int(cur.lastrowid)

    def save_feedback(self, turn_id: int, feedback: dict, critique_ms: float) -> None:
        """Attach the critic's feedback (Feedback.as_dict()) to a saved turn."""
        blob = json.dumps(feedback, ensure_ascii=False, default=json_default)
        with self._write("save the feedback") as db:
            cur = db.execute(
                "UPDATE turns SET feedback = ?, critique_ms = ?, critiqued_at = ? WHERE id = ?",
                (storable(blob), float(critique_ms), _now(), turn_id),
            )
            if cur.rowcount != 1:
                raise LookupError(f"no turn {turn_id}")

    def finish(self, session_id: int, score: int | None, elapsed_s: float | None = None) -> None:
        """Mark a session finished with its final score (None when there is none) and, for a
        question of a loop, the seconds the app had it open."""
        with self._write("finish the session") as db:
            cur = db.execute(
                "UPDATE sessions SET finished_at = ?, final_score = ?,"
                " elapsed_s = COALESCE(?, elapsed_s) WHERE id = ?",
                (_now(), score, elapsed_s, session_id),
            )
            if cur.rowcount != 1:
                raise SessionNotFound(f"no session {session_id}")

    def unfinished(self) -> SessionRecord | None:
        """The newest unfinished session, with its turns, for "resume?"; None if there is none."""
        with self._read("look for an unfinished session") as db:
            if db is None:
                return None
            row = db.execute(
                "SELECT id FROM sessions WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
            return self._load(db, row[0]) if row else None

    def get(self, session_id: int) -> SessionRecord:
        """The session with its turns in order; SessionNotFound if there is no such session."""
        if not 0 < session_id <= _MAX_ID:  # sqlite cannot even bind a larger number
            raise SessionNotFound(f"no session {session_id} (see `interviewer sessions`)")
        with self._read("read the session") as db:
            rec = self._load(db, session_id) if db is not None else None
        if rec is None:
            raise SessionNotFound(f"no session {session_id} (see `interviewer sessions`)")
        return rec

    def last_answer(self, question_id: str) -> TurnRecord | None:
        """The candidate's newest first answer to this question (a drill presses on it)."""
        with self._read("read your last answer") as db:
            if db is None:
                return None
            row = db.execute(
                f"SELECT {', '.join('t.' + c for c in TURN_COLS.split(', '))} FROM turns t"
                " JOIN sessions s ON s.id = t.session_id WHERE t.kind = 'answer'"
                " AND s.question_id = ? AND t.copied_from IS NULL ORDER BY t.id DESC LIMIT 1",
                (question_id,),
            ).fetchone()
            return turn_from_row(row) if row else None

    def fork(self, session_id: int, turn_idx: int, model: str | None = None) -> int:
        """A new session that re-answers from turn `turn_idx`: turns before it are copied."""
        with self._write("fork the session") as db:
            row = db.execute(
                "SELECT mode, focus, level, question_id, model FROM sessions WHERE id = ?",
                (session_id,),
            ).fetchone()
            if row is None:
                raise SessionNotFound(f"no session {session_id}")
            mode, focus, level, question_id, parent_model = row
            cur = db.execute(
                "INSERT INTO sessions (started_at, mode, focus, level, question_id, model,"
                " parent_id, fork_turn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    mode,
                    focus,
                    level,
                    question_id,
                    model or parent_model,
                    session_id,
                    turn_idx,
                ),
            )
            new_id = int(cur.lastrowid)
            # copied_from keeps progress from counting the same reply twice
            db.execute(
                "INSERT INTO turns (session_id, idx, kind, followup, prompt, reply, submitted_at,"
                " feedback, critique_ms, critiqued_at, copied_from)"
                " SELECT ?, idx, kind, followup, prompt, reply, submitted_at, feedback,"
                " critique_ms, critiqued_at, COALESCE(copied_from, id) FROM turns"
                " WHERE session_id = ? AND idx < ? ORDER BY idx, id",
                (new_id, session_id, turn_idx),
            )
            return new_id

    def list(self, with_turns: bool = True) -> list[SessionRecord]:
        """All sessions, newest first; `answered` is always filled in."""
        with self._read("list sessions") as db:
            if db is None:
                return []
            rows = db.execute(
                f"SELECT {SESSION_COLS}, (SELECT COUNT(*) FROM turns t WHERE t.session_id ="
                " s.id), (SELECT group_concat(DISTINCT followup) FROM turns t WHERE"
                " t.session_id = s.id) FROM sessions s ORDER BY s.id DESC"
            ).fetchall()
            records = [
                SessionRecord(*r[:-2], answered=r[-2], followups=sorted((r[-1] or "").split(",")))
                for r in rows
            ]
            for rec in records:
                rec.followups = [f for f in rec.followups if f]
            if with_turns:
                by_id = {r.id: r for r in records}
                for t in db.execute(f"SELECT {TURN_COLS} FROM turns ORDER BY idx, id"):
                    turn = turn_from_row(t)
                    if turn.session_id in by_id:
                        by_id[turn.session_id].turns.append(turn)
            return records

    def delete(self, session_ids: list[int] | None) -> tuple[int, int]:
        """Delete these sessions (every one when None) and their turns: (sessions, turns).
        A question of a full loop takes the rest of its loop with it.

        The text is overwritten in the database (secure_delete) and the write-ahead log is
        emptied, so nothing of it can be read back from the files. Forks of a deleted session
        keep their own copies of the turns they re-answered from, as sessions of their own."""
        with self._write("delete sessions") as db:
            if session_ids is None:
                ids = [r[0] for r in db.execute("SELECT id FROM sessions")]
            else:
                ids = list(dict.fromkeys(session_ids))
                for sid in ids:
                    if (
                        not 0 < sid <= _MAX_ID
                        or db.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone()
                        is None
                    ):
                        raise SessionNotFound(f"no session {sid} (see `interviewer sessions`)")
                ids = loops.whole_loops(db, ids)
            loops.unlink(db, ids)
            turns = 0
            for sid in ids:
                db.execute("UPDATE sessions SET parent_id = NULL WHERE parent_id = ?", (sid,))
                turns += db.execute("DELETE FROM turns WHERE session_id = ?", (sid,)).rowcount
                db.execute("DELETE FROM sessions WHERE id = ?", (sid,))
        if ids:
            self._empty_wal()
        return len(ids), turns

    def _empty_wal(self) -> None:
        """Copy the log into the database and truncate it: the log still holds the deleted
        pages as they were. Another window reading at that moment delays it; SQLite empties
        the log when the last connection closes, so the text is gone by then at the latest."""
        with self._lock, self._errors("clear the deleted text from the log"):
            db = self._connection()
            deadline = time.monotonic() + self.timeout
            while db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
                if time.monotonic() > deadline:
                    if self.warn:
                        self.warn(
                            "another interviewer window is reading the sessions database: the "
                            "deleted text leaves its log file when that window closes"
                        )
                    return
                time.sleep(0.05)

    def close(self) -> None:
        """Close the connection (the store reopens on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- connection and error handling ------------------------------------------------------

    def _load(self, db: sqlite3.Connection, session_id: int) -> SessionRecord | None:
        row = db.execute(
            f"SELECT {SESSION_COLS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return None
        turns = [
            turn_from_row(t)
            for t in db.execute(
                f"SELECT {TURN_COLS} FROM turns WHERE session_id = ? ORDER BY idx, id",
                (session_id,),
            )
        ]
        return SessionRecord(*row, turns=turns, answered=len(turns))

    @contextmanager
    def _read(self, action: str) -> Iterator[sqlite3.Connection | None]:
        """A connection for reading, or None when there is no database yet (nothing to read)."""
        with self._lock, self._errors(action):
            if self._conn is None and not self.path.exists():
                yield None
                return
            yield self._connection()

    @contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: it takes the write lock up front, so busy_timeout applies
        (a deferred transaction upgrading to a writer gets SQLITE_BUSY at once under WAL)."""
        with self._lock, self._errors(action):
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                # also after a failed COMMIT (disk full, busy): never leave a transaction open
                if db.in_transaction:
                    with suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                raise

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = schema.open_db(
                self.path, self.timeout, SCHEMA_VERSION, MIGRATIONS, warn=self.warn
            )
        return self._conn

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except UserError:
            raise
        except (sqlite3.Error, OSError) as exc:
            if schema.is_corrupt(exc):
                self.close()  # let go of the file before it is renamed
                raise schema.move_aside(self.path, exc) from None
            if _broken(exc):
                self.close()
            raise schema.translate(exc, self.path, action, self.timeout) from None


def _broken(exc: BaseException) -> bool:
    """A connection that hit a corrupt or vanished file is not reused."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    return code in (10, 11, 26)  # IOERR, CORRUPT, NOTADB
