"""kill -9 in the middle of an interview loses no submitted reply (the real app, in tmux)."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interviewer.sessions.store import default_path
from tests.conftest import run_cli

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ONE = "I pinged the billing team and they fixed it. `marker-one` [bold]x[/]"
TWO = "I did escalate it and they handled it. marker-two *not emphasis*"


def _wait(predicate, seconds: float, what: str, screen=None):
    """Poll until `predicate` holds; on time-out fail with the terminal's last screen."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}" + (f"; the screen:\n{screen()}" if screen else ""))


def _running(pid: int) -> bool:
    """Whether `pid` still runs (a zombie whose parent was killed too does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _saved_replies() -> list[str]:
    path = default_path()
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(path, timeout=1)
        try:
            return [r for (r,) in db.execute("SELECT reply FROM turns ORDER BY id")]
        finally:
            db.close()
    except sqlite3.Error:  # the app is creating the schema right now
        return []


@pytest.fixture
def tmux(warm_home):
    """A private tmux server (its own socket), torn down afterwards."""
    sock = f"interviewer-test-{os.getpid()}"

    def run(*args: str) -> str:
        return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True).stdout

    yield run
    subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)


def test_kill_9_after_two_replies_loses_nothing(tmux, warm_home):
    env = f"env INTERVIEWER_HOME={shlex.quote(str(warm_home))} HF_HUB_OFFLINE=1"
    cmd = f"{env} {shlex.quote(sys.executable)} -m interviewer interview"
    tmux("new-session", "-d", "-s", "s", "-x", "160", "-y", "50", cmd)
    tmux("set-option", "-t", "s", "escape-time", "0")

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "s")

    _wait(lambda: "leadership" in screen().lower(), 30, "the question", screen)
    tmux("send-keys", "-t", "s", "-l", ONE)
    _wait(lambda: "marker-one" in screen(), 15, "the first reply in the editor", screen)
    tmux("send-keys", "-t", "s", "C-s")
    _wait(lambda: len(_saved_replies()) >= 1, 15, "the first reply in the database", screen)
    # the follow-up appears once the first critique is done; then the second reply is accepted
    _wait(lambda: "critiquing" not in screen().lower(), 60, "the first critique", screen)
    tmux("send-keys", "-t", "s", "-l", TWO)
    _wait(lambda: "marker-two" in screen(), 15, "the second reply in the editor", screen)
    tmux("send-keys", "-t", "s", "C-s")
    _wait(lambda: len(_saved_replies()) >= 2, 15, "the second reply in the database", screen)

    pid = int(tmux("list-panes", "-t", "s", "-F", "#{pane_pid}").split()[0])
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    killed = [pid, *map(int, children.split())]
    for p in killed:
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGKILL)
    _wait(lambda: not any(map(_running, killed)), 10, "the killed app to be gone")

    res = run_cli("sessions", "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert rows and rows[0]["answered"] == 2 and rows[0]["finished_at"] is None
    res = run_cli("export", str(rows[0]["id"]))
    assert res.returncode == 0, res.stderr
    md = res.stdout.decode()
    assert ONE in md and TWO in md
    db = sqlite3.connect(default_path())
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
