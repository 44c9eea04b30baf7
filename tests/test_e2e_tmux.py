"""End to end: the installed `interviewer` in a real terminal (tmux), typed at like a user."""

from __future__ import annotations

import json
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
        """The screen, once it shows every needle; else fail with the last screen seen."""
        end = time.monotonic() + timeout
        while True:
            text = self.screen()
            if all(n in text for n in needles):
                return text
            if time.monotonic() >= end:
                missing = [n for n in needles if n not in text]
                raise AssertionError(f"after {timeout:.0f} s, no {missing!r} on screen:\n{text}")
            time.sleep(0.1)

    def wait_gone(self, timeout: float = 10.0) -> None:
        """Wait until the app has quit (its terminal closes with it)."""
        end = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() >= end:
                raise AssertionError(f"the app still runs after {timeout:.0f} s:\n{self.screen()}")
            time.sleep(0.1)

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
            "escalate it?",
            "Ownership language not met",
            "Closest weak",
            "The same story, done well",
        )
        assert "You said you sent them a [bold]Slack[/] message" in screen
        assert "I sent them a [bold]Slack[/] message" in screen  # the reply and its evidence
        term.tmux("send-keys", "-t", "e2e", "C-q")
        term.wait_gone()  # ctrl+q quits
    finally:
        term.close()

    from interviewer.sessions.store import SessionStore

    turns = SessionStore().list()[0].turns
    assert turns[0].reply == REPLY and turns[0].feedback["verdict"] == "weak"


#: Weak on purpose, so the drill keeps asking; one line each (a newline is not Enter in tmux).
LONG_REPLIES = [
    "Honestly, the payments team owned that service, so I mostly flagged it. I noticed the "
    "refund job was timing out for some customers, wrote up what I saw in a ticket, pinged "
    "their lead on Slack and asked whether they could take a look when they had a moment. "
    "They were busy with a launch, so it sat for a while, and eventually they fixed it "
    "themselves after a customer complained. I think it went fine in the end, more or less.",
    "It was a bit tricky, because it was their code and not mine. I mentioned it in the "
    "standup, and my manager said he would raise it with their manager. After that they "
    "handled it, and I went back to my own sprint work, which was already late (we had two "
    "people out). Looking back, I suppose I could have followed up more, but it got done: "
    "the alerts stopped and nobody asked about it again!",
    "We had an outage on a Friday, and I escalated it to the on-call engineer of the other "
    "team and waited. They rolled back the deploy about forty minutes later, and the error "
    "rate went back to normal. I wrote the incident summary afterwards with their notes, and "
    "we agreed to add a dashboard someday, though I don't think anyone ever built it. The "
    "team was happy enough with how it went, and so was I, to be honest with you.",
]


def _cli(*args: str):
    """The installed `interviewer`, run as a script would (INTERVIEWER_HOME is the test's)."""
    done = subprocess.run(
        [_interviewer(), *args], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout)


def _saved_turns(count: int, timeout: float = 30.0) -> list[dict]:
    """The latest session's turns, read with `sessions` and `export`, once `count` of them
    are saved and critiqued."""
    end = time.monotonic() + timeout
    turns: list[dict] = []
    while time.monotonic() < end:
        sessions = _cli("sessions", "--format", "json")
        if sessions:
            turns = _cli("export", str(sessions[0]["id"]), "--format", "json")["session"]["turns"]
            if len(turns) >= count and all(t["feedback"] for t in turns):
                return turns
        time.sleep(0.2)
    raise AssertionError(f"expected {count} critiqued turns, have {turns!r}")


def _quit(term: Terminal) -> None:
    term.tmux("send-keys", "-t", "e2e", "C-q")
    term.wait_gone()  # ctrl+q quits


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_a_long_reply_and_ctrl_s_sent_at_once_are_saved_whole(warm_home):
    """The terminal delivers the reply and ctrl+s in one read: submit must still take all of
    it, and keys sent right after ctrl+s belong to the next reply."""
    env = {"INTERVIEWER_HOME": str(warm_home), "PATH": os.environ.get("PATH", "")}
    term = Terminal([_interviewer(), "drill"], env)
    first, second, third = LONG_REPLIES
    try:
        term.wait_for("Pushback drill", "Submit (ctrl+s)")
        # One send-keys call each: tmux looks each argument up as a key name (C-s) and sends
        # any other argument as the characters it holds.
        term.tmux("send-keys", "-t", "e2e", first, "C-s", second[:7])
        assert [t["reply"] for t in _saved_turns(1)] == [first]
        term.tmux("send-keys", "-t", "e2e", second[7:], "C-s")
        assert [t["reply"] for t in _saved_turns(2)] == [first, second]
        term.tmux("send-keys", "-t", "e2e", third, "C-s")
        assert [t["reply"] for t in _saved_turns(3)] == LONG_REPLIES
        _quit(term)
    finally:
        term.close()


PASTE = (
    "We \x1b[31mpushed back\x1b[0m on the \x1b]8;;http://x\x1b\\launch date\x1b]8;;\x1b\\ "
    "\x1b[2Jand I shipped the fix myself.\nIt cut failed refunds from 3% to 0.1%."
)
PASTED = (
    "We pushed back on the launch date and I shipped the fix myself.\n"
    "It cut failed refunds from 3% to 0.1%."
)


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_a_bracketed_paste_with_escape_sequences_is_saved_as_clean_text(warm_home):
    env = {"INTERVIEWER_HOME": str(warm_home), "PATH": os.environ.get("PATH", "")}
    term = Terminal([_interviewer(), "drill"], env)
    try:
        term.wait_for("Pushback drill", "Submit (ctrl+s)")
        term.tmux("set-buffer", "-b", "e2e-paste", PASTE)
        # -p: as a bracketed paste, which the app asked the terminal for.
        term.tmux("paste-buffer", "-p", "-b", "e2e-paste", "-t", "e2e")
        term.wait_for("to 0.1%.")
        term.tmux("send-keys", "-t", "e2e", "C-s")
        assert [t["reply"] for t in _saved_turns(1)] == [PASTED]
        _quit(term)
    finally:
        term.close()
