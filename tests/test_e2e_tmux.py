"""End to end: the installed `interviewer` in a real terminal (tmux), typed at like a user."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
REPLY = (
    "We had a bug in the payments team's service. I sent them a [bold]Slack[/] message "
    "and they handled it. The team was happy."
)


def _interviewer() -> str:
    found = shutil.which("interviewer") or shutil.which(
        "interviewer", path=os.path.dirname(sys.executable)
    )
    assert found, "the `interviewer` command is not installed"
    return found


class Terminal:
    """One tmux server on a private socket, so nothing touches the user's own tmux."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"interviewer-e2e-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # COLUMNS/LINES from the test runner would override the real terminal size.
        line = f"env -u COLUMNS -u LINES {exports} {shlex.join(command)}"
        self.tmux("new-session", "-d", "-s", "e2e", "-x", "160", "-y", "50", line)
        self.tmux("set-option", "-t", "e2e", "escape-time", "0")

    def tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e").stdout

    def wait_for(self, *needles: str, timeout: float = 20.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            text = self.screen()
            if all(n in text for n in needles):
                return text
            time.sleep(0.1)
        raise AssertionError(f"never saw {needles!r} on screen:\n{self.screen()}")

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "e2e").returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_weak_answer_gets_critique_and_pushback_with_markup_shown_literally(warm_home):
    env = {"INTERVIEWER_HOME": str(warm_home), "PATH": os.environ.get("PATH", "")}
    term = Terminal([_interviewer(), "interview", "--focus", "technical", "--level", "mid"], env)
    try:
        term.wait_for("leadership without a management")
        term.tmux("send-keys", "-t", "e2e", "-l", REPLY)
        term.wait_for("and they handled it. The team was happy.")  # typed in the editor
        term.tmux("send-keys", "-t", "e2e", "C-s")
        screen = term.wait_for(
            "escalate it?", "Ownership language not met", "Closest strong", "Closest weak"
        )
        assert "You said you sent them a [bold]Slack[/] message" in screen
        assert "I sent them a [bold]Slack[/] message" in screen  # the reply and its evidence
        term.tmux("send-keys", "-t", "e2e", "C-q")
        end = time.monotonic() + 10
        while term.alive() and time.monotonic() < end:
            time.sleep(0.1)
        assert not term.alive(), "ctrl+q did not quit the app"
    finally:
        term.close()

    from interviewer.sessions import SessionStore

    turns = SessionStore().list()[0].turns
    assert turns[0].reply == REPLY and turns[0].feedback["verdict"] == "weak"
