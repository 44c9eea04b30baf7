"""Whole-process time of a five-turn headless interview, and what a hung model server adds to a
five-turn interview in the app.

Run: python benchmarks/interview_waits.py [--runs 5] [--hung]
Targets: `interviewer interview --replies FILE --no-save` with five replies <= 2.5 s here; with
a model server that never answers, a five-turn interview in the app (Textual's Pilot, from the
first submit, after the app has warmed up as it does while a candidate reads the question)
takes at most one timeout longer than offline: the breaker pauses the model after the first
wait. --hung runs that measurement with an 8 s timeout (the stub server stops itself at 30 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPLIES = [
    "Our nightly export belonged to the data team. I pinged them on Slack and they fixed it.",
    "I did escalate it, I sent a message to their lead.",
    "It was a bit tricky but they agreed in the end.",
    "Someone had to do it, so I did.",
    "It went well and people were happy.",
]


def headless(runs: int) -> list[float]:
    path = Path(tempfile.mkdtemp()) / "five.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPLIES))
    env = {**os.environ, "INTERVIEWER_HOME": tempfile.mkdtemp()}
    cmd = [sys.executable, "-m", "interviewer", "interview", "--replies", str(path), "--no-save"]
    cmd += ["--level", "senior"]  # senior allows four follow-ups: five turns
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm caches once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    turns = sum(1 for line in out.stdout.splitlines() if b'"turn"' in line)
    print(f"headless interview, {turns} turns: median {statistics.median(times):.2f} s")
    return times


async def _pilot_interview(model_url: str | None) -> float:
    from interviewer.commands.common import load_context
    from interviewer.tui.app import InterviewerApp, Launch
    from interviewer.tui.backend import Backend
    from interviewer.tui.screens.interview import InterviewScreen

    if model_url:
        os.environ.update(INTERVIEWER_MODEL="stub", INTERVIEWER_BASE_URL=model_url)
    else:
        os.environ.pop("INTERVIEWER_MODEL", None)
        os.environ.pop("INTERVIEWER_BASE_URL", None)
    settings, knowledge = load_context()
    app = InterviewerApp(
        Backend(settings, knowledge), Launch("interview", "technical", "senior"), animations=False
    )
    async with app.run_test(size=(160, 50)) as pilot:
        # A candidate reads the question before answering: the app warms up meanwhile.
        while not app.backend.warmed.is_set():
            await pilot.pause(0.05)
        await pilot.pause(1.5)
        started = time.perf_counter()
        for reply in REPLIES:
            screen = app.screen
            if not isinstance(screen, InterviewScreen) or screen.interview.finished:
                break
            screen.query_one("#reply").insert(reply)
            await pilot.press("ctrl+s")
            while screen.interview.awaiting_critique or screen._phrasing is not None:
                await pilot.pause(0.05)
        return time.perf_counter() - started


def hung() -> None:
    from tests.stub_server import StubServer

    os.environ["INTERVIEWER_HOME"] = tempfile.mkdtemp()
    offline = asyncio.run(_pilot_interview(None))
    with StubServer("slow", delay=10.0) as srv:  # never answers within the client's timeout
        os.environ["INTERVIEWER_TIMEOUT"] = "8"  # the stub stops by itself after 30 s
        slow = asyncio.run(_pilot_interview(srv.base_url))
    print(
        f"five turns in the app: offline {offline:.1f} s, hung server {slow:.1f} s "
        f"(+{slow - offline:.1f} s; one timeout is 8 s)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--hung", action="store_true")
    args = ap.parse_args()
    headless(args.runs)
    if args.hung:
        hung()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
