"""Two windows at once: two processes on one home write their sessions concurrently, and every
turn of each arrives, in order, in its own session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from interviewer.sessions.store import SessionStore
from tests.conftest import run_cli

TURNS = 200

_WRITER = """
import sys
from interviewer.sessions.store import SessionStore
name, turns = sys.argv[1], int(sys.argv[2])
store = SessionStore()
sid = store.start("interview", None, None, "leadership-without-title", "offline")
for i in range(turns):
    tid = store.save_reply(sid, i, "answer" if i == 0 else "followup", None, "Q", f"{name}-{i}")
    store.save_feedback(tid, {"verdict": "weak", "score": i % 100}, 1.0)
store.finish(sid, 50)
print(sid)
"""


def _writer(name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, name, str(TURNS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )


def test_two_processes_write_200_turns_each_without_loss_or_interleaving():
    started = time.perf_counter()
    procs = {name: _writer(name) for name in ("left", "right")}
    ids = {}
    for name, p in procs.items():
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err.decode()
        assert b"locked" not in err
        ids[name] = int(out)
    elapsed = time.perf_counter() - started
    store = SessionStore()
    for name, sid in ids.items():
        rec = store.get(sid)
        assert [t.reply for t in rec.turns] == [f"{name}-{i}" for i in range(TURNS)]
        assert [t.idx for t in rec.turns] == list(range(TURNS))
        assert all(t.feedback for t in rec.turns) and rec.final_score == 50
    print(f"2 x {TURNS} turns in {elapsed:.1f} s")


def test_a_script_interview_and_a_writer_at_once():
    writer = _writer("app")
    replies = (
        json.dumps("The nightly export was the data team's. I wrote the fix myself and tested it.")
        + "\n"
    )
    scripts = [
        subprocess.Popen(
            [sys.executable, "-m", "interviewer", "interview", "--replies", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for s in scripts:
        s.stdin.write(replies.encode())
        s.stdin.close()
    for s in scripts:
        s.wait(timeout=120)
        assert s.returncode == 0, s.stderr.read().decode()
    out, err = writer.communicate(timeout=240)
    assert writer.returncode == 0, err.decode()
    recs = SessionStore().list()
    assert len(recs) == 3
    app = SessionStore().get(int(out))
    assert [t.reply for t in app.turns] == [f"app-{i}" for i in range(TURNS)]
    assert sorted(r.answered for r in recs) == [1, 1, TURNS]
    res = run_cli("sessions", "--format", "json")
    assert res.returncode == 0 and len(json.loads(res.stdout)) == 3
