"""A full loop begun from the start screen: the mode beside interview, drill and replay, a line
on what it is, Enter opens question 1 of 3 with the loop's clock, the choice is remembered, and
the other modes start as before."""

from __future__ import annotations

import json
import re

import pytest

from interviewer.commands.common import load_context
from interviewer.config import config_path
from interviewer.interview.loop import plan
from interviewer.knowledge import Knowledge
from interviewer.tui.app import InterviewerApp, Launch
from interviewer.tui.backend import Backend
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.replay import ReplayScreen
from interviewer.tui.screens.start import CHOICES_FILE
from tests.test_tui import SIZE, SLACK, _record_session, make_app, shown, wait_for

pytestmark = pytest.mark.anyio
NOTE = "3 questions chosen to cover different competencies, about 15 minutes"
#: The loop's clock as the status line shows it right after the start (a slow machine may
#: already be a second or two in).
FIRST_OF_3 = re.compile(r"Question 1 of 3 · 0:0\d of 15:00")


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _note(screen) -> str | None:
    """The line on what the loop is, or None while it is hidden."""
    note = screen.query_one("#loop-note")
    return shown(note) if note.display else None


async def test_the_full_loop_opens_question_1_of_3_with_the_chosen_focus_and_level(warm_home):
    _, knowledge = load_context()
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen
        assert _note(start) is None  # nothing about loops while a mock interview is chosen
        start.query_one("#question").highlighted = 3  # Tell me about a time you failed.
        await pilot.click("#mode-loop")
        await pilot.click("#focus-technical")
        await pilot.click("#level-senior")
        await pilot.pause()
        assert _note(start) == NOTE
        # The note's tooltip names what would be asked: the chosen question first.
        expected = plan(knowledge.questions, "failure", 3)
        assert str(start.query_one("#loop-note").tooltip).splitlines() == [
            f"{i}. {knowledge.question(q).text}" for i, q in enumerate(expected, 1)
        ]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        await pilot.pause()
        assert FIRST_OF_3.search(shown(screen.query_one("#status")))
        assert "What did you learn?" in shown(screen.query_one("#prompt"))
        iv = screen.interview
        assert iv.mode == "interview" and iv.persona.id == "technical" and iv.level.id == "senior"
        # The rest are other questions, chosen as `--loop` chooses them.
        assert screen.loop.question_ids == expected and len(set(expected)) == 3


async def test_the_loop_choice_is_remembered_on_the_next_launch(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#mode").focus()
        await pilot.press("down", "down")  # Mock interview -> Pushback drill -> Full loop
        assert app.screen.choice("mode") == "loop"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
    again = make_app(Launch())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.choice("mode") == "loop" and _note(again.screen) == NOTE
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(again.screen, InterviewScreen))
        await pilot.pause()
        assert FIRST_OF_3.search(shown(again.screen.query_one("#status")))


async def test_an_old_choices_file_still_loads_and_its_drill_starts_as_before(warm_home):
    """A choices file written before the loop existed: its choices come back, the loop is not
    chosen, and Enter starts the drill it remembers, on its follow-up alone."""
    path = config_path().parent / CHOICES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    old = {"question": "failure", "mode": "drill", "focus": "customer", "level": "senior"}
    path.write_text(json.dumps({**old, "followup": "cost"}), encoding="utf-8")
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {n: app.screen.choice(n) for n in old} == old
        assert app.screen.choice("followup") == "cost" and _note(app.screen) is None
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        assert screen.loop is None
        iv = screen.interview
        assert iv.mode == "drill" and iv.question.id == "failure"
        assert iv.current_prompt().followup == "cost" and iv.persona.id == "customer"
        assert "Question 1 of" not in shown(screen.query_one("#status"))


async def test_leaving_the_loop_for_a_mock_interview_asks_one_question(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#mode-loop")
        await pilot.click("#mode-interview")
        await pilot.pause()
        assert _note(app.screen) is None
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        assert app.screen.loop is None and app.screen.interview.mode == "interview"


async def test_replay_from_the_start_screen_still_opens_the_highlighted_session(warm_home):
    q_text = load_context()[1].question().text
    sid = _record_session([("answer", None, q_text, SLACK)], True)
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.loaded)
        await pilot.click("#mode-replay")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen))
        assert app.screen.session_id == sid


async def test_with_one_question_there_is_no_loop_to_offer(warm_home):
    settings, knowledge = load_context()
    one = next(p for p in knowledge.packs if len(p.questions) == 1)
    single = Knowledge([one], knowledge.digest, knowledge.sources)
    app = InterviewerApp(Backend(settings, single), Launch(), animations=False, show_timings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modes = [b.name for b in app.screen.query("#mode RadioButton")]
        assert modes == ["interview", "drill", "replay"]
