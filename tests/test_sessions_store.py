"""SessionStore: persistence, fork, crash safety, concurrent writers and clear failures."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from interviewer.errors import UserError
from interviewer.sessions.store import (
    SCHEMA_VERSION,
    DatabaseCorrupt,
    SessionNotFound,
    SessionRecord,
    SessionStore,
    TurnRecord,
    default_path,
)

Q = "leadership-without-title"


def fb(verdict="weak", score=40, followup=None, met=None) -> dict:
    """A feedback dict shaped like Feedback.as_dict()."""
    met = met if met is not None else {"situation_concise": True, "scope_boundary": False}
    return {
        "question": Q,
        "followup": followup,
        "verdict": verdict,
        "score": score,
        "dimensions": {
            k: {"met": v, "evidence": ["I fixed it"] if v else [], "advice": f"advice {k}"}
            for k, v in met.items()
        },
        "exemplars": {
            "strong": [{"id": "s1", "text": "I owned it", "score": 0.8}],
            "weak": [{"id": "w1", "text": "I pinged them", "why": "hand-off", "score": 0.7}],
        },
    }


@pytest.fixture
def store(tmp_path):
    s = SessionStore(tmp_path / "data" / "sessions.db")
    yield s
    s.close()


def test_default_path_follows_interviewer_home(isolated_home):
    assert default_path() == isolated_home / "data" / "sessions.db"
    assert SessionStore().path == default_path()


def test_a_reply_sent_again_after_a_failed_critique_replaces_that_attempt(store):
    sid = store.start("interview", None, None, Q, "offline")
    first = store.save_reply(sid, 0, "answer", None, "Tell me about a time", "We had a bug.")
    # the critic failed; the reply came back to the editor and was sent again, edited
    again = store.save_reply(sid, 0, "answer", None, "Tell me about a time", "I fixed a bug.")
    assert again == first
    store.save_feedback(again, fb(), 9.0)
    turns = store.get(sid).turns
    assert [(t.idx, t.reply) for t in turns] == [(0, "I fixed a bug.")]
    # a critiqued turn is never overwritten: the next reply is a turn of its own
    nxt = store.save_reply(sid, 1, "followup", "impact", "What was the impact?", "Revenue up 3%")
    assert nxt != again and [t.idx for t in store.get(sid).turns] == [0, 1]
    assert store.save_reply(sid, 0, "answer", None, "Tell me about a time", "late") != again


def test_start_save_feedback_finish_get(store):
    sid = store.start("interview", "technical", "mid", Q, "offline")
    t0 = store.save_reply(sid, 0, "answer", None, "Tell me about a time", "We had a bug.")
    t1 = store.save_reply(sid, 1, "followup", "escalation", "Did you escalate?", "No, I fixed it")
    store.save_feedback(t0, fb(), 12.5)
    rec = store.get(sid)
    assert isinstance(rec, SessionRecord)
    assert (rec.mode, rec.focus, rec.level, rec.question_id, rec.model) == (
        "interview",
        "technical",
        "mid",
        Q,
        "offline",
    )
    assert rec.answered == 2 and rec.finished_at is None and rec.final_score is None
    assert [t.idx for t in rec.turns] == [0, 1]
    first, second = rec.turns
    assert isinstance(first, TurnRecord)
    assert first.id == t0 and first.feedback == fb() and first.critique_ms == 12.5
    assert first.submitted_at and first.critiqued_at
    assert second.id == t1 and second.feedback is None and second.followup == "escalation"
    store.finish(sid, 64)
    rec = store.get(sid)
    assert rec.final_score == 64 and rec.finished_at


def test_list_newest_first_and_unfinished(store):
    assert store.list() == [] and store.unfinished() is None
    a = store.start("interview", None, None, Q, "m")
    b = store.start("drill", "customer", "senior", Q, "m")
    store.save_reply(b, 0, "followup", "impact", "What was the impact?", "Revenue up 3%")
    assert [r.id for r in store.list()] == [b, a]
    assert [r.answered for r in store.list(with_turns=False)] == [1, 0]
    assert store.list()[0].turns[0].reply == "Revenue up 3%"
    assert store.unfinished().id == b
    store.finish(b, None)
    assert store.unfinished().id == a
    store.finish(a, 10)
    assert store.unfinished() is None


def test_fork_copies_earlier_turns(store):
    sid = store.start("interview", "outcome", "mid", Q, "offline")
    ids = [
        store.save_reply(
            sid,
            i,
            "answer" if i == 0 else "followup",
            None if i == 0 else "impact",
            f"prompt {i}",
            f"reply {i}",
        )
        for i in range(3)
    ]
    store.save_feedback(ids[0], fb(), 5)
    new = store.fork(sid, 2)
    rec = store.get(new)
    assert (rec.parent_id, rec.fork_turn, rec.mode, rec.focus) == (sid, 2, "interview", "outcome")
    assert [t.reply for t in rec.turns] == ["reply 0", "reply 1"]
    assert rec.turns[0].feedback == fb() and rec.turns[0].copied_from == ids[0]
    # the fork continues on its own; the parent is untouched
    store.save_reply(new, 2, "followup", "impact", "prompt 2", "a better reply")
    assert store.get(sid).turns[2].reply == "reply 2"
    assert store.get(store.fork(new, 1)).turns[0].copied_from == ids[0]  # points at the original
    with pytest.raises(SessionNotFound):
        store.fork(999, 1)


def test_replies_are_stored_verbatim(store):
    sid = store.start("drill", None, None, Q, "m")
    texts = [
        "[bold]x[/] ```js\n`a`\n```",
        "tabs\tand\r\nCRLF\x00nul",
        "שלום 🚀 " * 100,
        "x" * 1_000_000,
    ]
    for i, text in enumerate(texts):
        store.save_reply(sid, i, "followup", "impact", "p", text)
    assert [t.reply for t in SessionStore(store.path).get(sid).turns] == texts


def test_lone_surrogate_does_not_lose_the_reply(store):
    sid = store.start("drill", None, None, Q, "m")
    store.save_reply(sid, 0, "answer", None, "p", "I fixed \udcff it")
    assert store.get(sid).turns[0].reply == "I fixed \ufffd it"


def test_feedback_with_numpy_scores(store):
    np = pytest.importorskip("numpy")
    sid = store.start("drill", None, None, Q, "m")
    tid = store.save_reply(sid, 0, "answer", None, "p", "r")
    d = fb()
    d["exemplars"]["strong"][0]["score"] = np.float32(0.5)
    store.save_feedback(tid, d, np.float64(3.0))
    assert store.get(sid).turns[0].feedback["exemplars"]["strong"][0]["score"] == 0.5


def test_bad_arguments(store):
    with pytest.raises(ValueError):
        store.start("replay", None, None, Q, "m")
    sid = store.start("interview", None, None, Q, "m")
    with pytest.raises(ValueError):
        store.save_reply(sid, 0, "essay", None, "p", "r")
    with pytest.raises(SessionNotFound):
        store.save_reply(12345, 0, "answer", None, "p", "r")
    with pytest.raises(LookupError):
        store.save_feedback(12345, fb(), 1.0)
    with pytest.raises(SessionNotFound):
        store.finish(12345, 1)
    with pytest.raises(SessionNotFound, match="no session 7"):
        store.get(7)


def test_reading_a_missing_database_creates_nothing(tmp_path):
    s = SessionStore(tmp_path / "nope" / "sessions.db")
    assert s.list() == [] and s.unfinished() is None
    with pytest.raises(SessionNotFound):
        s.get(1)
    assert not (tmp_path / "nope").exists()


def test_schema_is_versioned_and_wal(store):
    store.start("interview", None, None, Q, "m")
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_threads_share_one_store(store):
    sid = store.start("drill", None, None, Q, "m")

    def work(n):
        for i in range(25):
            tid = store.save_reply(sid, n * 100 + i, "followup", "impact", "p", f"{n}-{i}")
            store.save_feedback(tid, fb(), 1.0)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    turns = store.get(sid).turns
    assert len(turns) == 100 and all(t.feedback for t in turns)


# -- crash safety and two processes ---------------------------------------------------------

_CHILD = """
import os, signal, sys
from pathlib import Path
from interviewer.sessions.store import SessionStore
s = SessionStore(Path(sys.argv[1]))
sid = s.start("interview", "technical", "mid", "q", "offline")
tid = s.save_reply(sid, 0, "answer", None, "Tell me", sys.argv[2])
if sys.argv[3] == "exit":
    os._exit(0)  # no close, no atexit: as abrupt as a crash
print(tid, flush=True)
import time; time.sleep(60)  # "critic work" that never finishes
"""


@pytest.mark.parametrize("how", ["exit", "sigkill"])
def test_reply_saved_before_critique_survives_a_crash(tmp_path, how):
    path = tmp_path / "sessions.db"
    reply = "I fixed it myself [bold]really[/] ```"
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path), reply, how], stdout=subprocess.PIPE, text=True
    )
    if how == "sigkill":
        assert proc.stdout.readline().strip().isdigit()  # the reply is saved; critic "running"
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    rec = SessionStore(path).unfinished()
    assert rec is not None and rec.turns[0].reply == reply and rec.turns[0].feedback is None


_WRITER = """
import sys
from pathlib import Path
from interviewer.sessions.store import SessionStore
s = SessionStore(Path(sys.argv[1]))
tag, n = sys.argv[2], int(sys.argv[3])
sid = s.start("drill", None, None, "q", tag)
for i in range(n):
    if i % 10 == 9:
        sid = s.start("drill", None, None, "q", tag)
    tid = s.save_reply(sid, i, "followup", "impact", "p", f"{tag}-{i}")
    s.save_feedback(tid, {"verdict": "weak", "score": i}, 1.0)
s.finish(sid, 1)
"""


def test_two_processes_write_at_once(tmp_path):
    path = tmp_path / "sessions.db"
    SessionStore(path).start("interview", None, None, "q", "setup")  # both open an existing db
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), tag, "50"])
        for tag in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    replies = {r for (r,) in db.execute("SELECT reply FROM turns WHERE feedback IS NOT NULL")}
    db.close()
    assert replies == {f"{t}-{i}" for t in "ab" for i in range(50)}
    recs = SessionStore(path).list()
    assert sum(r.answered for r in recs) == 100


def test_two_processes_create_the_database_at_once(tmp_path):
    path = tmp_path / "fresh" / "sessions.db"
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), tag, "5"]) for tag in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert sum(r.answered for r in SessionStore(path).list()) == 10


# -- failures become one clear UserError ----------------------------------------------------


def test_corrupt_database_is_moved_aside(tmp_path):
    path = tmp_path / "sessions.db"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with pytest.raises(DatabaseCorrupt) as err:
        SessionStore(path).list()
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("sessions.db.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert str(aside[0]) in str(err.value) and "corrupt" in str(err.value)
    assert SessionStore(path).list() == []  # a fresh start afterwards
    path.write_bytes(garbage)
    with pytest.raises(DatabaseCorrupt):
        SessionStore(path).start("interview", None, None, Q, "m")
    assert len([p for p in tmp_path.iterdir() if ".corrupt-" in p.name]) == 2  # none overwritten


def test_damaged_pages_are_reported_as_corrupt(tmp_path):
    path = tmp_path / "sessions.db"
    s = SessionStore(path)
    sid = s.start("interview", None, None, Q, "m")
    for i in range(200):
        s.save_reply(sid, i, "followup", "impact", "p", "reply " * 200)
    s.close()
    data = bytearray(path.read_bytes())
    data[8192:] = os.urandom(len(data) - 8192)  # keep the header, wreck the pages
    path.write_bytes(bytes(data))
    with pytest.raises(UserError, match="corrupt|malformed"):
        SessionStore(path).get(sid)


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "sessions.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("CREATE TABLE future (x)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(UserError, match="newer version"):
        SessionStore(path).list()
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_kept_aside(tmp_path):
    path = tmp_path / "sessions.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE other (x)")
    db.commit()
    db.close()
    with pytest.raises(DatabaseCorrupt, match="not an interviewer sessions database"):
        SessionStore(path).start("interview", None, None, Q, "m")


def test_locked_database(tmp_path):
    path = tmp_path / "sessions.db"
    s = SessionStore(path, timeout=0.2)
    s.start("interview", None, None, Q, "m")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError, match="locked by another process"):
            s.start("interview", None, None, Q, "m")
        assert len(s.list()) == 1  # WAL: reading goes on while another instance writes
    finally:
        other.execute("ROLLBACK")
        other.close()
    s.start("interview", None, None, Q, "m")  # and the store recovers


def test_uncreatable_directory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    s = SessionStore(blocker / "data" / "sessions.db")
    with pytest.raises(UserError, match="cannot create the data directory"):
        s.start("interview", None, None, Q, "m")


def test_full_disk(store):
    sid = store.start("interview", None, None, Q, "m")
    pages = store._connection().execute("PRAGMA page_count").fetchone()[0]
    store._connection().execute(f"PRAGMA max_page_count = {pages + 1}")  # a disk with no room
    with pytest.raises(UserError, match="full"):
        store.save_reply(sid, 0, "answer", None, "p", "x" * 200_000)
    assert store.get(sid).turns == []  # nothing half-written


@pytest.mark.skipif(
    os.geteuid() != 0 or not Path("/usr/bin/setpriv").exists(),
    reason="needs root to drop to an unprivileged user",
)
def test_read_only_directory_as_unprivileged_user(tmp_path_factory):
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="ro-home-"))
    try:
        base.chmod(0o755)
        path = base / "sessions.db"
        SessionStore(path).start("interview", None, None, Q, "m")
        base.chmod(0o555)
        code = (
            "import sys; from pathlib import Path; from interviewer.errors import UserError\n"
            "from interviewer.sessions.store import SessionStore\n"
            "try: SessionStore(Path(sys.argv[1])).start('drill', None, None, 'q', 'm')\n"
            "except UserError as e: print(e); sys.exit(2)\n"
        )
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        res = subprocess.run(
            [
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                sys.executable,
                "-c",
                code,
                str(path),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd="/",
        )
        if "Permission denied" in res.stderr and "python" in res.stderr.lower():
            pytest.skip("the unprivileged user cannot run this interpreter")
        assert res.returncode == 2, res.stderr
        assert "Traceback" not in res.stderr
        assert "read-only" in res.stdout or "writable" in res.stdout
    finally:
        base.chmod(0o755)
        for p in base.iterdir():
            p.unlink()
        base.rmdir()


def test_a_failed_commit_leaves_no_open_transaction(store):
    sid = store.start("interview", None, None, Q, "m")
    db = store._connection()
    db.execute("PRAGMA max_page_count = " + str(db.execute("PRAGMA page_count").fetchone()[0]))
    with pytest.raises(UserError, match="full"):
        store.save_reply(sid, 0, "answer", None, "p", "y" * 500_000)
    assert not db.in_transaction
    db.execute("PRAGMA max_page_count = 1000000")  # room again: the same store goes on
    store.save_reply(sid, 0, "answer", None, "p", "saved after all")
    assert store.get(sid).turns[0].reply == "saved after all"
