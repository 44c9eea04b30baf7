"""A full loop in the app is recorded as one loop: one entry on the start screen, replayed
whole, and an unfinished loop resumes as a loop (the question it stopped in, then the rest)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from interviewer.commands.common import load_context
from interviewer.critic import critique
from interviewer.sessions import loops
from interviewer.sessions.store import SessionStore
from interviewer.tui.app import Launch
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.scorecard import ScorecardScreen
from tests.test_tui import SIZE, SLACK, make_app, shown, type_and_submit, wait_for

pytestmark = pytest.mark.anyio

FAILURE = "I shipped a migration without testing it. It broke the nightly export."


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _record(store, plan, index, loop_id, reply, finish: bool) -> int:
    """One question of a loop as the app saves it, critiqued by the real critic."""
    q = load_context()[1].question(plan[index])
    sid = store.start("interview", "technical", "mid", q.id, "offline", loop=(loop_id, index, plan))
    tid = store.save_reply(sid, 0, "answer", None, q.text, reply)
    store.save_feedback(tid, critique(reply, q, None).as_dict(), 5.0)
    if finish:
        store.finish(sid, 40, 120.0)
    return sid


async def test_a_two_question_loop_ends_as_one_entry_on_the_start_screen(warm_home):
    app = make_app(Launch("interview", "technical", "mid", question_id="failure", loop=2))
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen
        await type_and_submit(pilot, FAILURE)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: app.screen is not first)
        await type_and_submit(pilot, SLACK)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, ScorecardScreen))
        assert "overall" in shown(app.screen.query_one("#headline"))
    listed = loops.entries(SessionStore().list())
    assert len(listed) == 1 and isinstance(listed[0], loops.LoopRecord)
    loop = listed[0]
    assert [q.question_id for q in loop.questions] == ["failure", "leadership-without-title"]
    assert loop.finished and loop.final_score is not None and loop.elapsed_s > 0
    assert all(q.loop_id == loop.id for q in loop.questions)

    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.loaded)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1
        row = [str(c) for c in table.get_row_at(0)]
        assert row[0] == str(loop.id) and row[2] == "loop"
        first, second = (q.final_score for q in loop.questions)
        assert row[3] == f"loop: failure {first} · leadership-without-title {second}"
        assert row[7] == str(loop.final_score)


async def test_an_unfinished_loop_resumes_where_it_stopped_then_goes_on(warm_home):
    plan = ["failure", "leadership-without-title", "conflict-with-coworker"]
    store = SessionStore()
    head = _record(store, plan, 0, None, FAILURE, finish=True)
    stopped = _record(store, plan, 1, head, SLACK, finish=False)
    store.close()
    app = make_app(Launch("interview", "technical", "mid", loop=3))
    async with app.run_test(size=SIZE) as pilot:
        banner = app.screen.query_one("#resume-banner")
        await wait_for(pilot, lambda: banner.display)
        text = shown(banner)
        assert f"unfinished full loop (#{head}: question 2 of 3" in text
        assert "leadership-without-title, 1 reply; 1 question done" in text
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: getattr(app.screen, "session_id", None) == stopped)
        screen = app.screen
        assert "Question 2 of 3" in shown(screen.query_one("#status"))
        assert len(screen.interview.turns) == 1  # its reply is back, its follow-up next
        assert screen.interview.current_prompt().kind == "followup"
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: app.screen is not screen)
        third = app.screen
        assert isinstance(third, InterviewScreen) and third.interview.question.id == plan[2]
        assert "Question 3 of 3" in shown(third.query_one("#status"))
        await type_and_submit(pilot, "My coworker and I disagreed about the schema.")
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, ScorecardScreen))
        headline = shown(app.screen.query_one("#headline"))
        assert "Loop over: 3 questions" in headline and "failure 40/100" in headline
    (loop,) = loops.entries(SessionStore().list(with_turns=False))
    assert [q.id for q in loop.questions][:2] == [head, stopped] and loop.finished
    assert [q.question_id for q in loop.questions] == plan


async def test_a_plain_interview_on_a_loops_question_offers_the_loop(warm_home):
    plan = ["failure", "leadership-without-title"]
    store = SessionStore()
    head = _record(store, plan, 0, None, FAILURE, finish=True)
    _record(store, plan, 1, head, SLACK, finish=False)
    store.close()
    app = make_app(Launch("interview", "technical", "mid"))  # the default question
    async with app.run_test(size=SIZE) as pilot:
        banner = app.screen.query_one("#resume-banner")
        await wait_for(pilot, lambda: banner.display)
        assert "full loop" in shown(banner) and "question 2 of 2" in shown(banner)
        plain = app.screen
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: app.screen is not plain)
        assert app.screen.loop is not None and "Question 2 of 2" in shown(
            app.screen.query_one("#status")
        )


async def test_a_loop_stopped_between_questions_resumes_with_the_next_one(warm_home):
    plan = ["failure", "leadership-without-title"]
    store = SessionStore()
    head = _record(store, plan, 0, None, FAILURE, finish=True)
    store.close()
    app = make_app(Launch("interview", "technical", "mid", loop=2))
    async with app.run_test(size=SIZE) as pilot:
        banner = app.screen.query_one("#resume-banner")
        await wait_for(pilot, lambda: banner.display)
        assert "question 2 of 2, leadership-without-title, not started" in shown(banner)
        first = app.screen
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: app.screen is not first)
        assert app.screen.interview.question.id == plan[1] and not app.screen.interview.turns
        await type_and_submit(pilot, SLACK)
    joined = SessionStore().list(with_turns=False)[0]
    assert (joined.loop_id, joined.loop_index, joined.question_id) == (head, 1, plan[1])


async def test_replay_of_a_loop_steps_through_every_question_in_order(warm_home):
    plan = ["failure", "leadership-without-title"]
    store = SessionStore()
    head = _record(store, plan, 0, None, FAILURE, finish=True)
    second = _record(store, plan, 1, head, SLACK, finish=True)
    store.close()
    app = make_app(Launch("replay", session_id=second))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.record is not None)
        status = shown(screen.query_one("#replay-status"))
        assert f"Loop #{head} (overall 40/100) · question 2 of 2" in status  # the one asked for
        assert "[bold]Slack[/]" in shown(screen.query_one("#replay-reply-text"))
        await pilot.press("left")
        assert "question 1 of 2" in shown(screen.query_one("#replay-status"))
        assert "migration" in shown(screen.query_one("#replay-reply-text"))
        assert "failure 40/100 · leadership-without-title 40/100" in app.screen.title


async def test_a_reply_the_critic_never_saw_is_critiqued_when_the_loop_resumes(warm_home):
    plan = ["failure", "leadership-without-title"]
    store = SessionStore()
    head = _record(store, plan, 0, None, FAILURE, finish=True)
    q = load_context()[1].question(plan[1])
    stopped = store.start("interview", "technical", "mid", q.id, "offline", loop=(head, 1, plan))
    store.save_reply(stopped, 0, "answer", None, q.text, SLACK)  # killed before its critique
    store.close()
    app = make_app(Launch("interview", "technical", "mid", loop=2))
    async with app.run_test(size=SIZE) as pilot:
        banner = app.screen.query_one("#resume-banner")
        await wait_for(pilot, lambda: banner.display)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: getattr(app.screen, "session_id", None) == stopped)
        screen = app.screen
        await wait_for(pilot, lambda: not screen.interview.awaiting_critique)
        assert screen.interview.turns[0].critique is not None
    (turn,) = SessionStore().get(stopped).turns  # critiqued in place, not saved twice
    assert turn.reply == SLACK and turn.feedback is not None


async def test_a_question_ended_but_not_closed_moves_the_resumed_loop_on(warm_home):
    """Killed after the question's last critique, before it was closed: resuming closes it
    with its score and goes on to the next question."""
    from interviewer.interview import Interview

    plan = ["failure", "leadership-without-title", "conflict-with-coworker"]
    store = SessionStore()
    head = _record(store, plan, 0, None, FAILURE, finish=True)
    q = load_context()[1].question(plan[1])
    iv = Interview(q, "interview", "technical", "mid")
    sid = store.start("interview", "technical", "mid", q.id, "offline", loop=(head, 1, plan))
    while not iv.finished:
        turn = iv.submit(SLACK)
        tid = store.save_reply(sid, turn.idx, turn.kind, turn.followup, turn.prompt, SLACK)
        crit = critique(SLACK, q, turn.followup)
        store.save_feedback(tid, {**crit.as_dict(), "exemplars": {}}, 5.0)
        iv.record(crit)
    store.close()
    app = make_app(Launch("interview", "technical", "mid", loop=3))
    async with app.run_test(size=SIZE) as pilot:
        banner = app.screen.query_one("#resume-banner")
        await wait_for(pilot, lambda: banner.display)
        await pilot.press("ctrl+r")
        await wait_for(
            pilot, lambda: getattr(app.screen, "loop", None) and app.screen.loop.index == 2
        )
        assert app.screen.interview.question.id == plan[2]
        await wait_for(pilot, lambda: SessionStore().get(sid).finished_at is not None)
    assert SessionStore().get(sid).final_score == iv.scorecard.overall
