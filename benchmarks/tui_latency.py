"""Latency of the terminal app as a user feels it, measured in a real terminal (tmux).

- launch -> question: from starting `interviewer interview` to the question on screen
  (warm index: the usual case; cold: the first run ever, the index is built in a worker).
- submit -> critique: from ctrl+s to the score, the critique and the ranked exemplars (the
  closest weak one beside its strong twin, the differing lines marked) on screen (warm index).

Run: python benchmarks/tui_latency.py [--runs 5]
Targets: launch -> question <= 2 s with a warm index; submit -> critique <= 300 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPLY = (
    "We had a bug in the payments team's service. I sent them a [bold]Slack[/] message and "
    "they handled it. The team was happy."
)
POLL_S = 0.01
#: A candidate reads the question and types for far longer than the app takes to warm up.
THINK_S = 3.0


class Tmux:
    """One app in a private tmux server (so the user's own tmux is never touched)."""

    def __init__(self, command: str) -> None:
        self.socket = f"bench-{uuid.uuid4().hex[:8]}"
        self.started = time.perf_counter()
        self.run("new-session", "-d", "-s", "b", "-x", "160", "-y", "50", command)
        self.run("set-option", "-t", "b", "escape-time", "0")

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        return out.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "b")

    def wait(self, *patterns: str, timeout: float = 30.0) -> float:
        """Seconds (perf_counter) when all `patterns` first showed, polling every 10 ms."""
        rxs = [re.compile(p) for p in patterns]
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            screen = self.screen()
            if all(rx.search(screen) for rx in rxs):
                return time.perf_counter()
            time.sleep(POLL_S)
        raise TimeoutError(f"{patterns!r} never appeared:\n{self.screen()}")

    def close(self) -> None:
        self.run("kill-server")


def one_run(exe: str, home: Path) -> tuple[float, float, float | None]:
    """(launch->question, submit->critique, critic ms the app reported) for one app run."""
    env = f"env -u COLUMNS -u LINES INTERVIEWER_HOME={home}"
    t = Tmux(f"{env} {exe} interview --focus technical --level mid")
    try:
        shown = t.wait(r"leadership without")
        launch = shown - t.started
        t.wait(r"Exemplar index ready")
        time.sleep(THINK_S)
        t.run("send-keys", "-t", "b", "-l", REPLY)
        t.wait(r"The team was happy\.")
        before = time.perf_counter()
        t.run("send-keys", "-t", "b", "C-s")
        # The critique and the ranked exemplars: the weak one beside its twin, lines marked.
        done = t.wait(r"Score \d+/100", r"The same story, done well", r"◂")
        reported = re.search(r"Critiqued in (\d+) ms", t.screen())
        return launch, done - before, float(reported.group(1)) if reported else None
    finally:
        t.close()


def cold_launch(exe: str) -> float:
    """Launch -> question with an empty home: the index build must not delay the question."""
    home = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    t = Tmux(f"env -u COLUMNS -u LINES INTERVIEWER_HOME={home} {exe} interview")
    try:
        return t.wait(r"leadership without") - t.started
    finally:
        t.close()
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not shutil.which("tmux"):
        sys.exit("tmux is needed: apt-get install tmux")
    exe = shutil.which("interviewer") or str(Path(sys.executable).with_name("interviewer"))
    home = Path(tempfile.mkdtemp(prefix="bench-warm-"))
    env = {**os.environ, "INTERVIEWER_HOME": str(home)}
    subprocess.run([exe, "exemplars", "warm up"], env=env, capture_output=True, check=True)
    cold = cold_launch(exe)
    runs = [one_run(exe, home) for _ in range(args.runs)]
    launches = [r[0] for r in runs]
    submits = [r[1] * 1000 for r in runs]
    critic = [r[2] for r in runs if r[2] is not None]
    print(f"runs: {args.runs} (tmux 160x50, polling every {POLL_S * 1000:.0f} ms)")
    print(f"launch -> question, warm index: median {statistics.median(launches):.2f} s, "
          f"max {max(launches):.2f} s  (target <= 2 s)")  # fmt: skip
    print(f"launch -> question, cold home (index built in a worker): {cold:.2f} s")
    print(f"submit -> critique on screen: median {statistics.median(submits):.0f} ms, "
          f"max {max(submits):.0f} ms  (target <= 300 ms)")  # fmt: skip
    if critic:
        print(f"  of which critic + exemplars (as the app reports): "
              f"median {statistics.median(critic):.0f} ms")  # fmt: skip
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
