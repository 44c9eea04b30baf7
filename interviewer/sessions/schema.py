"""The sessions database file: schema and upgrades, opening it safely, and turning every
sqlite or file-system failure into one clear line."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from interviewer import private
from interviewer.errors import UserError

#: Bump when the schema changes and add the upgrade step to MIGRATIONS.
SCHEMA_VERSION = 2

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at  TEXT NOT NULL,
        mode        TEXT NOT NULL,
        focus       TEXT,
        level       TEXT,
        question_id TEXT NOT NULL,
        model       TEXT NOT NULL,
        parent_id   INTEGER REFERENCES sessions(id),
        fork_turn   INTEGER,
        finished_at TEXT,
        final_score INTEGER
    );
    CREATE TABLE turns (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id   INTEGER NOT NULL REFERENCES sessions(id),
        idx          INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        followup     TEXT,
        prompt       TEXT NOT NULL,
        reply        TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        feedback     TEXT,
        critique_ms  REAL,
        critiqued_at TEXT,
        copied_from  INTEGER
    );
    CREATE INDEX turns_by_session ON turns(session_id, idx, id);
    """,
    # A full loop: each question stays a session of its own (scorecards, replay, fork and
    # progress work per question) and names its loop, the id of the loop's first recorded
    # question. That first row also keeps the plan (JSON list of question ids), so an
    # unfinished loop knows the questions still to come; elapsed_s is how long the app had
    # the question open, the loop's time against its budget.
    2: """
    ALTER TABLE sessions ADD COLUMN loop_id INTEGER REFERENCES sessions(id);
    ALTER TABLE sessions ADD COLUMN loop_index INTEGER;
    ALTER TABLE sessions ADD COLUMN loop_plan TEXT;
    ALTER TABLE sessions ADD COLUMN elapsed_s REAL;
    CREATE INDEX sessions_by_loop ON sessions(loop_id, loop_index);
    """,
}

_SURROGATE = re.compile("[\ud800-\udfff]")


class SessionNotFound(UserError, LookupError):
    """No session with that id (or no database yet)."""


class DatabaseCorrupt(UserError):
    """The database was unreadable; it has been moved aside and a fresh one starts next time."""


def storable(text: str) -> str:
    """Text sqlite can bind: lone surrogates (never typed, but possible) become U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def json_default(obj):
    """Numpy scalars and similar (exemplar distances) serialise as plain numbers."""
    if hasattr(obj, "item"):
        return obj.item()
    if isinstance(obj, set | tuple):
        return list(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


# Primary sqlite result codes (the low byte of extended codes).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT = 3, 5, 6, 8, 10, 11
_FULL, _CANTOPEN, _NOTADB = 13, 14, 26


def open_db(path: Path, timeout: float, version: int, migrations: dict[int, str], warn=None):
    """A connection in autocommit mode (writers use explicit transactions), WAL, schema current.
    The files are owner-only; `warn` hears once about any that were not and were tightened.

    Raises sqlite3/OS errors for the caller to translate, and UserError for a newer schema.
    """
    try:
        private.private_dir(path.parent)
        private.create_private_file(path)
    except OSError as exc:
        raise UserError(
            f"cannot create the data directory {path.parent}: {exc.strerror or exc}"
        ) from None
    _tighten(path, warn)
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        with _setup_lock(path):
            _prepare(db, path, timeout, version, migrations)
    except BaseException:
        db.close()
        raise
    return db


def _tighten(path: Path, warn) -> None:
    """A database made before files were owner-only (or copied in) is tightened on open."""
    side = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    wider = [(p, old) for p in (path, *side) if (old := private.tighten(p))]
    if wider and warn is not None:
        names = ", ".join(f"{p.name} (was {old})" for p, old in wider)
        warn(f"made the sessions files owner-only (600): {names}")


@contextlib.contextmanager
def _setup_lock(path: Path):
    """One process at a time sets a database up. Two processes that both switch a new file to
    WAL and create its tables can each hold the lock the other waits for (a shared lock held
    while asking for an exclusive one), and one of them then fails after the whole busy
    timeout. A file lock beside the database orders them; where there is no fcntl (Windows)
    they are left to SQLite."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    lock = path.with_name(path.name + ".setup-lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield  # a read-only directory: SQLite reports what is wrong
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _prepare(db, path: Path, timeout: float, version: int, migrations: dict[int, str]) -> None:
    db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    current = db.execute("PRAGMA user_version").fetchone()[0]  # garbage bytes fail here
    _refuse_newer(path, current, version)
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        # WAL lets readers and a writer work at once; the mode is stored in the file.
        db.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit reaches the disk before save_reply returns, so even power loss keeps it.
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    # Deleted or replaced text is overwritten on disk, not left in free pages to be recovered.
    db.execute("PRAGMA secure_delete = ON")
    if current < version:
        _migrate(db, version, migrations)


def _refuse_newer(path: Path, current: int, version: int) -> None:
    if current > version:
        raise UserError(
            f"the sessions database {path} was written by a newer version of interviewer "
            f"(schema {current}, this version reads up to {version}): upgrade interviewer, "
            "or set INTERVIEWER_HOME to use another directory"
        )


def _migrate(db, version: int, migrations: dict[int, str]) -> None:
    """Apply the missing steps in one transaction; another instance may be doing the same."""
    db.execute("BEGIN IMMEDIATE")
    try:
        current = db.execute("PRAGMA user_version").fetchone()[0]  # re-read under the lock
        if current == 0 and db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            # Tables but no version: not ours. Treat like a corrupt file, so it is kept aside.
            raise sqlite3.DatabaseError("not an interviewer sessions database")
        for step in range(current + 1, version + 1):
            for stmt in migrations[step].split(";"):
                if stmt.strip():
                    db.execute(stmt)
        db.execute(f"PRAGMA user_version = {version}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def is_corrupt(exc: BaseException) -> bool:
    """True when the file is damaged or not a database at all (never for locks or I/O)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_CORRUPT, _NOTADB):
        return True
    return str(exc) == "not an interviewer sessions database"


def move_aside(path: Path, exc: BaseException) -> UserError:
    """Rename a corrupt database (and its -wal/-shm) out of the way, never overwriting."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.rename(target)
    except OSError as err:
        return DatabaseCorrupt(
            f"the sessions database {path} is corrupt ({exc}) and could not be moved aside: "
            f"{err.strerror or err}; move it away by hand"
        )
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        try:
            side.rename(target.with_name(target.name + suffix))
        except FileNotFoundError:
            pass
        except OSError:
            # A stale -wal next to a new database could be replayed into it: drop it instead.
            with contextlib.suppress(OSError):
                side.unlink()
    return DatabaseCorrupt(
        f"the sessions database {path} was corrupt ({exc}); moved it aside to {target} "
        "and a new one will be started"
    )


def translate(exc: BaseException, path: Path, action: str, timeout: float) -> UserError:
    """One clear line for a sqlite or file-system failure."""
    if isinstance(exc, OSError):
        return _os_error(exc, path, action)
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    where = f"the sessions database {path}"
    if code in (_BUSY, _LOCKED):
        return UserError(
            f"cannot {action}: {where} is locked by another process (waited {timeout:g} s); "
            "close other interviewer windows and try again"
        )
    if code == _READONLY:
        return UserError(f"cannot {action}: {where} is read-only (check its permissions)")
    if code == _FULL:
        return UserError(f"cannot {action}: the disk holding {where} is full")
    if code in (_CANTOPEN, _PERM):
        return UserError(
            f"cannot {action}: cannot open {where}: check that {path.parent} is writable"
        )
    if code == _IOERR:
        return UserError(f"cannot {action}: disk I/O error on {where} ({exc})")
    return UserError(f"cannot {action}: {where}: {exc}")


def _os_error(exc: OSError, path: Path, action: str) -> UserError:
    if exc.errno == errno.ENOSPC:
        return UserError(f"cannot {action}: the disk holding {path} is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"cannot {action}: {path.parent} is read-only or not accessible")
    return UserError(f"cannot {action}: {path}: {exc.strerror or exc}")
