"""The app driven through Textual's Pilot: a full interview, a drill, the start screen,
failures that must not lose the reply, resume, replay and progress. The real critic and the
real exemplar index are used (warm_home); a fake service only where a failure is needed."""

from __future__ import annotations

import asyncio
import io
import re

import pytest
from rich.console import Console
from textual import events
from textual.widgets import DataTable, TextArea

from interviewer.commands.common import load_context
from interviewer.critic import critique
from interviewer.errors import UserError
from interviewer.sessions.store import SessionStore
from interviewer.tui.app import InterviewerApp, Launch
from interviewer.tui.backend import Backend
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.scorecard import ScorecardScreen
from tests import replies

pytestmark = pytest.mark.anyio
SIZE = (160, 50)


@pytest.fixture
def anyio_backend():
    return "asyncio"


SLACK = (
    "We had a bug in the payments team's service. I sent them a [bold]Slack[/] message and "
    "they handled it. The team was happy."
)


def make_app(launch: Launch, service=None, sessions="default") -> InterviewerApp:
    settings, knowledge = load_context()
    backend = Backend(settings, knowledge, service=service, sessions=sessions)
    return InterviewerApp(backend, launch, animations=False, show_timings=False)


def shown(widget) -> str:
    """The plain text a Static shows (rendered, so Groups and tables count too), with runs of
    whitespace collapsed so wrapping does not matter."""
    console = Console(file=io.StringIO(), width=max(widget.size.width, 60), record=True)
    console.print(widget.content)
    return " ".join(console.export_text().split())


async def wait_for(pilot, condition, timeout: float = 60.0) -> None:
    """Pause until `condition()` is true (workers run in threads)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def type_and_submit(pilot, text: str) -> None:
    screen = pilot.app.screen
    screen.query_one("#reply", TextArea).insert(text)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not screen.interview.awaiting_critique)
    # A reply critiqued while the index was still opening gets its exemplars a moment later.
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "_exemplars_for", None) is None)
    await pilot.pause()


async def test_full_interview_critique_pushback_and_scorecard(warm_home):
    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert "leadership without a management title" in shown(screen.query_one("#prompt"))
        assert "offline" in app.sub_title

        await type_and_submit(pilot, SLACK)
        critique = shown(screen.query_one("#critique"))
        assert "✗ Ownership language not met" in critique
        assert "“I sent them a [bold]Slack[/] message and they handled it.”" in critique
        assert "★ this interviewer's focus" in critique
        assert "weak" in shown(screen.query_one("#score"))
        assert "Why it is weak" in shown(screen.query_one("#weak-text"))
        assert shown(screen.query_one("#strong-text")) != "(none)"
        prompt = shown(screen.query_one("#prompt"))
        assert "You said you sent them a [bold]Slack[/] message" in prompt
        assert "Did you just escalate it?" in prompt
        assert screen.query_one("#reply", TextArea).text == ""

        screens = 0
        while not isinstance(app.screen, ScorecardScreen) and screens < 6:
            screens += 1
            await type_and_submit(pilot, "It was a bit tricky but eventually they agreed.")
        assert isinstance(app.screen, ScorecardScreen)
        card = shown(app.screen.query_one("#tables"))
        assert "Overall" in card and "Ownership language" in card and "Follow-ups" in card

    rec = SessionStore().list()[0]
    assert rec.mode == "interview" and rec.finished_at and rec.final_score is not None
    assert rec.turns[0].reply == SLACK and rec.turns[0].feedback["verdict"] == "weak"


async def test_drill_retries_until_strong_then_reports_tries(warm_home):
    app = make_app(Launch("drill", followup="escalation"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert shown(screen.query_one("#prompt")) == "Did you just escalate it?"
        await type_and_submit(pilot, "I did escalate it - I sent them a Slack message.")
        prompt = shown(screen.query_one("#prompt"))
        assert "Let's try that again" in prompt and "attempt 2" in prompt
        assert screen.interview.current_prompt().followup == "escalation"
        strong = replies.STRONG["escalation"]
        await type_and_submit(pilot, strong)
        assert isinstance(app.screen, ScorecardScreen)
        headline = shown(app.screen.query_one("#headline"))
        assert "1 of 1 strong" in headline and "escalation: 2 tries" in headline


async def test_start_screen_enter_begins_with_the_defaults(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.choice("focus") == "outcome" and app.screen.choice("level") == "mid"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.mode == "interview" and screen.interview.persona.id == "outcome"


async def test_start_screen_drill_with_one_followup(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#mode-drill")
        await pilot.click("#followup-impact")
        await pilot.press("enter")
        await pilot.pause()
        iv = app.screen.interview
        assert iv.mode == "drill" and iv.current_prompt().followup == "impact"


async def test_live_word_count_and_long_opening_warning(warm_home):
    app = make_app(Launch("interview"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("I")
        assert shown(screen.query_one("#stats")) == "1 word · ~0:00 spoken"
        await pilot.press(*" fixed it")
        assert shown(screen.query_one("#stats")) == "3 words · ~0:01 spoken"
        assert not screen.query_one("#opening-warning").display
        architecture = (
            "Our platform runs forty services on Kubernetes with Kafka between them. " * 16
        )
        screen.query_one("#reply", TextArea).load_text(architecture + "Then we had a bug.")
        await pilot.pause()
        assert "Your opening runs 176 words" in shown(screen.query_one("#opening-warning"))
        assert screen.query_one("#opening-warning").display


LONG_ANSWER = " ".join(
    [
        replies.FULL_STRONG,
        "Before any of that, I spent a week shadowing the discharge coordinators so I understood "
        "how letters were written, checked and sent, and which steps were manual. I kept a short "
        "diary of every delay I saw and shared it with my ward manager, who agreed I could spend "
        "Friday afternoons on it. I also asked the pharmacists and the junior doctors what they "
        "needed from the letters, because a faster letter that left out the medication changes "
        "would not have helped anyone. Looking back, the hardest part was not the analysis but "
        "persuading people who did not report to me that the change was worth their time. When "
        "the first evening batch ran, I stayed late to watch it go out and phoned two practices "
        "the next morning to make sure the letters had arrived and could be read.",
        *replies.STRONG.values(),
    ]
)


async def test_the_editor_and_the_critic_agree_on_how_long_a_reply_takes_to_say(warm_home):
    """One speaking rate: the editor's '~3:06 spoken' and the critique's '~3.1 minutes
    spoken' for the same long answer are the same time."""
    app = make_app(Launch("interview"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.query_one("#reply", TextArea).load_text(LONG_ANSWER)
        await pilot.pause()
        stats = re.fullmatch(
            r"(\d+) words · ~(\d+):(\d\d) spoken", shown(screen.query_one("#stats"))
        )
        assert stats, shown(screen.query_one("#stats"))
        editor_minutes = int(stats[2]) + int(stats[3]) / 60
        await type_and_submit(pilot, "")
        note = re.search(
            r"About (\d+) words \(~([\d.]+) minutes spoken\)", shown(screen.query_one("#critique"))
        )
        assert note, shown(screen.query_one("#critique"))
        assert abs(float(note[2]) - editor_minutes) <= 0.1  # the note's precision
        assert abs(int(note[1]) - int(stats[1])) <= 10  # numbers are not words to the critic


class FailingService:
    """A feedback service whose critic always fails."""

    store_error = None

    def review(self, *args, **kwargs):
        raise RuntimeError("critic exploded")

    def exemplars(self, *args, **kwargs):
        raise RuntimeError("no store")


async def test_a_failed_critique_puts_the_reply_back_in_the_editor(warm_home):
    app = make_app(Launch("interview"), service=FailingService())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_and_submit(pilot, SLACK)
        assert screen.query_one("#reply", TextArea).text == SLACK
        assert "critic failed" in shown(screen.query_one("#status"))
        assert screen.interview.turns == [] and screen.interview.current_prompt().kind == "answer"
        saved = SessionStore().list()[0].turns  # saved before the critic ran
        assert saved[0].reply == SLACK and saved[0].feedback is None
        # sent again (edited); the critic fails again: still one turn, holding the latest text
        screen.query_one("#reply", TextArea).insert(" Then I fixed it.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "critic failed" in shown(screen.query_one("#status")))
        await wait_for(pilot, lambda: not screen.interview.awaiting_critique)
    saved = SessionStore().list()[0].turns
    assert len(saved) == 1 and saved[0].reply.endswith("Then I fixed it.")


class BrokenSessions:
    """A sessions store on a read-only disk."""

    def unfinished(self):
        return None

    def start(self, *args, **kwargs):
        raise UserError("cannot save your reply: the disk is read-only")

    save_reply = finish = start


async def test_a_failed_save_keeps_the_text_and_lets_the_user_go_on(warm_home):
    app = make_app(Launch("interview"), sessions=BrokenSessions())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_and_submit(pilot, SLACK)
        assert screen.query_one("#reply", TextArea).text == SLACK
        status = shown(screen.query_one("#status"))
        assert "not saved" in status and "read-only" in status and "without saving" in status
        await type_and_submit(pilot, "")  # ctrl+s again, the text is still there
        assert screen.interview.turns[0].critique is not None
        assert screen.interview.current_prompt().kind == "followup"


HOSTILE = (
    "I fixed it [bold red]myself[/] \x1b[31mred\x1b[0m \x00 שלום 🚀 [link=http://x]here[/link] [/]"
)


async def test_hostile_text_is_shown_literally(warm_home):
    app = make_app(Launch("interview"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_and_submit(pilot, HOSTILE)
        transcript = " ".join(shown(w) for w in screen.query("#transcript Static"))
        assert "[bold red]myself[/]" in transcript and "[link=http://x]here[/link]" in transcript
        assert "␛[31mred" in transcript and "שלום" in transcript and "🚀" in transcript
        assert "\x1b" not in transcript
        assert screen.interview.turns[0].critique is not None
        area = screen.query_one("#reply", TextArea)
        pilot.app.post_message(events.Paste("pasted \x1b[2J\x1b]0;pwned\x07 [bold]text[/]\r\nend"))
        await pilot.pause()
        assert area.text == "pasted  [bold]text[/]\nend"  # escapes gone, markup kept


async def test_header_shows_the_configured_model(warm_home, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_MODEL", "qwen2.5:7b")
    app = make_app(Launch("interview"))
    async with app.run_test(size=SIZE):
        assert app.sub_title == "model: qwen2.5:7b"


async def test_help_lists_the_bindings_and_finish_ends_with_a_scorecard(warm_home):
    app = make_app(Launch("interview"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        table = shown(app.screen.query_one("#help-table"))
        assert table.startswith("Keys of this screen")  # the app's own keys come first
        for key in ("Submit", "Skip", "Finish", "Quit", "Rewrite", "Help"):
            assert key in table, key
        editing = shown(app.screen.query_one("#help-editing"))
        assert editing.startswith("Editing your reply") and "Submit" not in editing
        await pilot.press("escape")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        titles = {c.title for c in app.get_system_commands(app.screen_stack[-2])}
        assert {"Finish interview", "New interview", "Progress", "Copy reply"} <= titles


def _record_session(
    replies: list[tuple[str, str | None, str, str]], finish: bool, question_id: str | None = None
) -> int:
    """A session as the app would have saved it, critiqued by the real critic."""
    from interviewer.critic import critique

    _, knowledge = load_context()
    q = knowledge.question(question_id)
    store = SessionStore()
    sid = store.start("interview", "technical", "mid", q.id, "offline")
    for idx, (kind, followup, prompt, reply) in enumerate(replies):
        tid = store.save_reply(sid, idx, kind, followup, prompt, reply)
        store.save_feedback(tid, critique(reply, q, followup).as_dict(), 5.0)
    if finish:
        store.finish(sid, 40)
    return sid


ESCALATE = "You said you sent them a Slack message. Did you just escalate it?"


async def test_resume_offers_the_unfinished_session_and_continues_it(warm_home):
    q_text = load_context()[1].question().text
    sid = _record_session([("answer", None, q_text, SLACK)], finish=False)
    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.query_one("#resume-banner").display)
        assert f"session #{sid}" in shown(screen.query_one("#resume-banner"))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.session_id == sid and len(screen.interview.turns) == 1
        assert screen.interview.current_prompt().followup == "escalation"
        assert "[bold]Slack[/]" in " ".join(shown(w) for w in screen.query("#transcript Static"))


async def test_replay_steps_through_turns_and_reanswers_from_one(warm_home):
    q_text = load_context()[1].question().text
    weak = "I did escalate it - I sent them a Slack message and they handled it."
    sid = _record_session(
        [("answer", None, q_text, SLACK), ("followup", "escalation", ESCALATE, weak)], True
    )
    app = make_app(Launch("replay", session_id=sid))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.record is not None)
        assert "turn 1 of 2" in shown(screen.query_one("#replay-status"))
        assert "[bold]Slack[/]" in shown(screen.query_one("#replay-reply-text"))
        await pilot.press("right")
        assert "turn 2 of 2" in shown(screen.query_one("#replay-status"))
        assert "Did you just escalate it?" in shown(screen.query_one("#replay-prompt"))
        assert "not met" in shown(screen.query_one("#replay-critique"))
        q = load_context()[1].question()
        live_names = [d.name for d in critique(weak, q, "escalation").dimensions.values()]
        replayed = shown(screen.query_one("#replay-critique"))
        assert all(name in replayed for name in live_names)  # named as the live view names them
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        live = app.screen
        assert live.interview.current_prompt().text == ESCALATE
        # the copied turn's critique is shown as it was, not compared with itself
        assert "→" not in shown(live.query_one("#score"))
        strong = replies.STRONG["escalation"]
        await type_and_submit(pilot, strong)
        original = SessionStore().get(sid).turns[1].feedback["score"]
        assert f"score {original} the first time →" in shown(live.query_one("#score"))
    forked = SessionStore().get(live.session_id)
    assert forked.parent_id == sid and [t.reply for t in forked.turns] == [SLACK, strong]


async def test_replay_lists_its_step_keys_though_the_reply_pane_has_focus(warm_home):
    """The focused reply pane scrolls with the arrow keys: the help must still say that
    ←/→ step through the turns, at 80 columns as at 160."""
    q_text = load_context()[1].question().text
    sid = _record_session([("answer", None, q_text, SLACK)], True)
    app = make_app(Launch("replay", session_id=sid))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.record is not None)
        await pilot.press("f1")
        await pilot.pause()
        table = shown(app.screen.query_one("#help-table"))
        assert "Previous" in table and "Next" in table and "Exemplars" in table


async def test_progress_screen_charts_and_tabulates_sessions(warm_home):
    q_text = load_context()[1].question().text
    _record_session([("answer", None, q_text, SLACK)], True)
    _record_session([("answer", None, q_text, replies.FULL_STRONG)], True)
    app = make_app(Launch("progress"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.data is not None)
        assert screen.data["sessions"] == 2
        table = screen.query_one("#progress-table", DataTable)
        names = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert "Ownership language" in names  # as the live view and the export call it
        assert "2 sessions" in shown(screen.query_one("#progress-status"))


async def test_start_replay_and_progress_name_the_question_of_each_session(warm_home):
    knowledge = load_context()[1]
    lead = _record_session([("answer", None, knowledge.question().text, SLACK)], True)
    failed = knowledge.question("failure").text
    sid = _record_session([("answer", None, failed, "I shipped it untested.")], True, "failure")
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.loaded)
        table = app.screen.query_one("#sessions", DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert "failure" in rows[str(sid)] and "leadership-without-title" in rows[str(lead)]
        await pilot.press("p")
        await wait_for(pilot, lambda: getattr(app.screen, "data", None) is not None)
        table = app.screen.query_one("#progress-table", DataTable)
        kinds = [tuple(map(str, table.get_row_at(i)[:2])) for i in range(table.row_count)]
        assert ("question", "failure") in kinds
        assert ("question", "leadership-without-title") in kinds
    app = make_app(Launch("replay", session_id=sid))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.record is not None)
        assert "failure" in shown(app.screen.query_one("#replay-status"))


async def test_a_full_loop_asks_each_question_with_its_pushback_then_the_scorecard(warm_home):
    app = make_app(Launch("interview", "technical", "mid", question_id="failure", loop=2))
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen
        status = shown(first.query_one("#status"))
        assert "Question 1 of 2" in status and "of 10:00" in status
        assert "What did you learn?" in shown(first.query_one("#prompt"))
        await type_and_submit(pilot, "I shipped a migration without testing it. It broke.")
        assert first.interview.current_prompt().kind == "followup"  # its pushback comes first
        await pilot.press("ctrl+f")  # done with this question: on to the next
        await wait_for(pilot, lambda: app.screen is not first)
        second = app.screen
        assert isinstance(second, InterviewScreen)
        assert "Question 2 of 2" in shown(second.query_one("#status"))
        assert "leadership without a management title" in shown(second.query_one("#prompt"))
        await type_and_submit(pilot, SLACK)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, ScorecardScreen))
        headline = shown(app.screen.query_one("#headline"))
        assert headline.startswith("Loop over: 2 questions in") and "of 10:00" in headline
        assert "failure " in headline and "leadership-without-title " in headline
    questions = [r.question_id for r in SessionStore().list(with_turns=False)]
    assert questions == ["leadership-without-title", "failure"]  # newest first


async def test_sigterm_handler_exits_cleanly_keeping_the_saved_reply(warm_home):
    app = make_app(Launch("drill", followup="impact"))
    hard_exits = []
    app._schedule_hard_exit = lambda: hard_exits.append(True)  # never os._exit in pytest
    async with app.run_test(size=SIZE) as pilot:
        await type_and_submit(pilot, "The drop rate went down.")
        app._on_signal()
        await pilot.pause()
    assert app.return_code == 0 and hard_exits == [True]
    rec = SessionStore().unfinished()  # left open, so it is offered for resuming
    assert rec.turns[0].reply == "The drop rate went down."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["replay", "99"], "no session 99"),
        (["replay", "x1"], "session id must be a positive whole number"),
        (["interview", "--question", "nope"], "unknown question 'nope'"),
    ],
)
def test_bad_launch_arguments_end_in_one_line_before_the_ui(args, message):
    from tests.conftest import run_cli

    done = run_cli(*args, timeout=30)
    err = done.stderr.decode()
    assert done.returncode == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.fresh_home
def test_a_reply_sent_before_the_index_is_ready_is_critiqued_at_once(isolated_home):
    from interviewer.tui.backend import EXEMPLARS_PENDING

    settings, knowledge = load_context()
    backend = Backend(settings, knowledge)  # not warmed: the index does not even exist yet
    fb, ms = backend.review(SLACK, knowledge.question().id, None, "technical", "mid")
    assert fb.critique.verdict == "weak" and EXEMPLARS_PENDING in fb.as_dict()["notes"]
    assert not (isolated_home / "data" / "index").exists()  # nothing was built on the way


async def test_start_screen_arrows_choose_and_enter_starts_what_is_marked(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.choice("level") == "mid"
        app.screen.query_one("#level").focus()
        await pilot.press("down")  # moves the choice itself, not only a highlight
        assert app.screen.choice("level") == "senior"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.interview.level.id == "senior"


async def test_start_screen_arrows_move_from_the_remembered_choice(warm_home):
    """A remembered choice need not be the first option: Up from a remembered drill is the
    mock interview (not Replay, as when the arrows started from the first option)."""
    from interviewer.tui.screens.start import save_choices

    save_choices({"mode": "drill", "level": "senior"})
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.choice("mode") == "drill" and app.screen.choice("level") == "senior"
        app.screen.query_one("#mode").focus()
        await pilot.press("up")
        assert app.screen.choice("mode") == "interview"
        app.screen.query_one("#level").focus()
        await pilot.press("up")
        assert app.screen.choice("level") == "mid"


async def test_start_screen_remembers_the_last_choices(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#focus-technical")
        await pilot.click("#level-senior")
        await pilot.press("enter")
        await pilot.pause()
    again = make_app(Launch())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.choice("focus") == "technical"
        assert again.screen.choice("level") == "senior"


async def test_start_screen_question_chosen_with_arrows_is_the_one_asked(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.screen.query_one("#question")
        assert "Tests self-awareness and accountability." in str(
            picker.get_option("failure").prompt
        )
        picker.focus()
        await pilot.press("down")  # the second question: the coworker conflict
        await pilot.pause()
        assert app.screen.choice("question") == "conflict-with-coworker"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert "conflict with a coworker" in shown(screen.query_one("#prompt"))


async def test_start_screen_drill_offers_and_asks_the_chosen_questions_followups(warm_home):
    _, knowledge = load_context()
    failure = {f.id for f in knowledge.question("failure").followups}
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#question").highlighted = 3  # Tell me about a time you failed.
        await pilot.pause()
        drills = {b.name for b in app.screen.query("#followup RadioButton")}
        assert drills == failure | {"all"}
        await pilot.click("#mode-drill")
        await pilot.press("enter")
        await pilot.pause()
        iv = app.screen.interview
        assert iv.mode == "drill" and iv.current_prompt().followup in failure


async def test_start_screen_remembers_the_question_across_launches(warm_home):
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#question").focus()
        await pilot.press("end")  # the last question: unclear requirements
        await pilot.press("enter")
        await pilot.pause()
        assert "requirements were unclear" in shown(app.screen.query_one("#prompt"))
    again = make_app(Launch())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.choice("question") == "unclear-requirements"
        await pilot.press("enter")
        await pilot.pause()
        assert "requirements were unclear" in shown(again.screen.query_one("#prompt"))


async def test_once_the_interview_is_over_submit_and_skip_are_gone(warm_home):
    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_and_submit(pilot, SLACK)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("escape")  # back from the scorecard to the conversation
        await pilot.pause()
        assert app.screen is screen and screen.interview.finished
        keys = {b.binding.action for b in screen.active_bindings.values()}
        assert screen.check_action("submit", ()) is False and "finish" in keys
        assert not screen.query_one("#submit").display and not screen.query_one("#skip").display
