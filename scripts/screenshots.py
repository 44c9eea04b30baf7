"""SVG screenshots of the app for the docs, taken with Textual's own screenshot support.

- docs/interview.svg: the interview after a weak reply: critique, exemplars and the pushback.
- docs/drill.svg: the pushback drill after a weak try, asking again.
- docs/interview-80x24.svg: the same interview in an 80x24 terminal.

Run: python scripts/screenshots.py [--out docs]   (uses a throwaway INTERVIEWER_HOME)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
from pathlib import Path

SIZE = (160, 50)
INTERVIEW_REPLY = (
    "We had a bug in the payments team's service. I sent them a [bold]Slack[/] message and "
    "they handled it. The team was happy."
)
DRILL_REPLY = "I did escalate it - I sent them a Slack message and they handled it."


async def shoot(launch, reply: str, path: Path, size: tuple[int, int] = SIZE) -> None:
    """Run the app headless, answer once, wait for the feedback, save an SVG."""
    from textual.widgets import TextArea

    from interviewer.commands.common import load_context
    from interviewer.tui.app import InterviewerApp
    from interviewer.tui.backend import Backend

    settings, knowledge = load_context()
    app = InterviewerApp(Backend(settings, knowledge), launch, animations=False, show_timings=False)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await _until(pilot, lambda: screen._index_text == "Exemplar index ready")
        screen.query_one("#reply", TextArea).insert(reply)
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: not screen.interview.awaiting_critique)
        await _until(pilot, lambda: screen._exemplars_for is None)
        await pilot.pause(0.2)
        app.save_screenshot(filename=path.name, path=str(path.parent))
    print(f"wrote {path}")


async def _until(pilot, condition, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause(0.05)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="screenshots-home-"))
    os.environ["INTERVIEWER_HOME"] = str(home)  # nothing of the user's appears in the docs
    for name in ("INTERVIEWER_MODEL", "OPENAI_API_KEY", "INTERVIEWER_BASE_URL"):
        os.environ.pop(name, None)
    from interviewer.tui.app import Launch

    try:
        interview = Launch("interview", "technical", "mid")
        asyncio.run(shoot(interview, INTERVIEW_REPLY, out / "interview.svg"))
        drill = Launch("drill", "outcome", "mid", followup="escalation")
        asyncio.run(shoot(drill, DRILL_REPLY, out / "drill.svg"))
        small = out / "interview-80x24.svg"
        asyncio.run(shoot(interview, INTERVIEW_REPLY, small, size=(80, 24)))
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
