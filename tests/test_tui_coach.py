"""The language-model coach in the app, driven through Pilot: a phrased follow-up streamed into
the conversation, narrative coaching, the STAR rewrite (F2), and every way a model can let
the candidate down (unusable output, a dead server) ending in the offline path, never in a
broken interview. The model is a fake chat model replaying queued replies: no network."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import openai
import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from textual.widgets import TextArea

from interviewer.commands.common import load_context
from interviewer.sessions.store import SessionStore
from interviewer.tui import messages as msg
from interviewer.tui.app import InterviewerApp, Launch
from interviewer.tui.backend import Backend
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.rewrite import OFFLINE_LABEL, RewriteScreen
from interviewer.tui.widgets.coaching import CoachingPanel
from tests.test_tui import SIZE, SLACK, shown, type_and_submit, wait_for

pytestmark = pytest.mark.anyio
MODEL = "fake-coach"
SERVER = "http://127.0.0.1:9/v1"


@pytest.fixture
def anyio_backend():
    return "asyncio"


_STREAMS = threading.Lock()


class QueuedChatModel(BaseChatModel):
    """Replays queued replies, one per call; an exception in the queue is raised instead, and
    `always` (an exception) makes every call fail, like a dead server. Streams word by word."""

    replies: list[Any] = []
    always: Any = None
    gate: Any = None  # a threading.Event every call waits for: a slow server
    calls: int = 0
    asked: int = 0  # calls that reached the model, counted before they wait at the gate
    streamed: list[int] = []  # per streamed call, the chunks the reader took

    @property
    def _llm_type(self) -> str:
        return "queued-fake"

    def _next(self) -> str:
        self.asked += 1
        if self.gate is not None:
            assert self.gate.wait(30), "the test never released the fake model"
        self.calls += 1
        reply = self.always or (self.replies.pop(0) if self.replies else None)
        if reply is None:
            raise AssertionError("the fake model ran out of queued replies")
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self._next()))])

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):
        text = self._next()
        words = text.split(" ")
        with _STREAMS:  # calls stream at once: each counts in its own slot
            slot = len(self.streamed)
            self.streamed.append(0)
        for i, word in enumerate(words):
            piece = word if i == len(words) - 1 else word + " "
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager is not None:  # as real models do: callbacks hear every token
                run_manager.on_llm_new_token(piece, chunk=chunk)
            self.streamed[slot] += 1
            yield chunk


PHRASED = "You say you sent them a Slack message: what did you do yourself after that?"
FOLLOWUP = json.dumps({"question": PHRASED, "quote": "sent them a [bold]Slack[/] message"})
COACHING = (
    "You sent them a Slack message and they handled it, so the fix reads as theirs: say what "
    "you did yourself in the payments service, and what the bug cost before it was fixed."
)
FIXED = "I wrote the fix myself and shipped it with tests."
PHRASED_2 = "You wrote the fix yourself: what did it change for the payments team?"
FOLLOWUP_2 = json.dumps({"question": PHRASED_2, "quote": "wrote the fix myself"})
REWRITE = json.dumps(
    {
        "situation": "We had a bug in the payments team's service.",
        "task": "It was not my team's service, but I took it on: [why you took it on].",
        "action": "I sent them a Slack message, then I [what you built or fixed yourself].",
        "result": "They handled it and the team was happy; [failure rate] went to [new rate].",
        "reflection": "I learned [a specific lesson about owning another team's bug].",
        "placeholders": [],
    }
)


def make_app(launch: Launch, model: BaseChatModel | None = None) -> InterviewerApp:
    settings, knowledge = load_context()
    if model is not None:  # as if configured: the header names it, failures name the server
        settings = settings.model_copy(update={"model": MODEL, "base_url": SERVER})
    backend = Backend(settings, knowledge, chat_model=model)
    return InterviewerApp(backend, launch, animations=False, show_timings=False)


def unique(seen: list) -> list:
    """Messages in order, once each (the hook sees a message again as it bubbles up)."""
    return list({id(m): m for m in seen}.values())


def transcript_lines(screen) -> list[str]:
    return [shown(w) for w in screen.query("#transcript Static")]


def coach_settled(screen) -> bool:
    """The follow-up is phrased (or fell back) and the coaching is in."""
    title = screen.query_one(CoachingPanel).border_title or ""
    return screen._phrasing is None and title.startswith("Coaching") and title != "Coaching…"


async def answer(pilot, text: str) -> None:
    screen = pilot.app.screen  # the scorecard may come up over it
    await type_and_submit(pilot, text)
    await wait_for(pilot, lambda: coach_settled(screen), timeout=30)
    await pilot.pause()


async def test_phrased_followup_streams_into_the_transcript_and_is_asked(warm_home):
    model = QueuedChatModel(replies=[FOLLOWUP, COACHING, FOLLOWUP_2, COACHING])
    seen: list = []
    app = make_app(Launch("interview", "technical", "mid"), model)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = app.screen
        assert app.sub_title == f"model: {MODEL}"
        await answer(pilot, SLACK)

        seen = unique(seen)
        tokens = [m for m in seen if isinstance(m, msg.TokenReceived) and m.kind == "followup"]
        done = [m for m in seen if isinstance(m, msg.CoachDone) and m.kind == "followup"]
        assert "".join(t.text for t in tokens) == PHRASED and len(done) == 1
        assert seen.index(tokens[-1]) < seen.index(done[0])  # streamed, then settled
        assert f"Interviewer: {PHRASED}" in transcript_lines(screen)
        assert shown(screen.query_one("#prompt")) == PHRASED
        assert screen.interview.current_prompt().text == PHRASED
        assert not any(line.startswith("(") for line in transcript_lines(screen))  # no note

        coaching = [m for m in seen if isinstance(m, msg.TokenReceived) and m.kind == "coaching"]
        assert len(coaching) > 5  # streamed word by word
        panel = screen.query_one(CoachingPanel)
        assert panel.display and panel.border_title == "Coaching" and panel.text == COACHING
        assert "Ownership language" in shown(screen.query_one("#critique"))  # still there

        await answer(pilot, FIXED)
        lines = transcript_lines(screen)
        assert lines.count(f"Interviewer: {PHRASED}") == 1  # adopted, not added again
        assert lines.index(f"Interviewer: {PHRASED}") + 1 == lines.index(f"You: {FIXED}")
    rec = SessionStore().list()[0]
    assert rec.model == MODEL
    assert rec.turns[1].prompt == PHRASED  # what was really asked is what was saved


async def test_unusable_model_output_asks_the_canonical_followup_with_one_note(warm_home):
    model = QueuedChatModel(replies=["What did you do", "Sure! Here it is: what did you do?"])
    model.replies.append(COACHING)
    app = make_app(Launch("interview", "technical", "mid"), model)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await answer(pilot, SLACK)
        iv = screen.interview
        p = iv.current_prompt()
        canonical = iv.question.followup(p.followup).prompt
        assert p.text.endswith(canonical) and p.text.startswith("You said")  # the quoted one
        assert shown(screen.query_one("#prompt")) == p.text
        assert f"Interviewer: {p.text}" in transcript_lines(screen)
        notes = [line for line in transcript_lines(screen) if "not usable" in line]
        assert notes == [
            "(The model's follow-up was not usable (the answer was not a JSON object), even "
            "after one retry; asking the standard follow-up instead.)"
        ]
        assert model.calls == 3  # one retry, then the coaching
        assert screen.query_one(CoachingPanel).text == COACHING


async def test_ctrl_w_shows_the_models_star_rewrite(warm_home):
    model = QueuedChatModel(replies=[FOLLOWUP, COACHING, REWRITE])
    app = make_app(Launch("interview", "technical", "mid"), model)
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, SLACK)
        await pilot.press("f2")
        dialog = app.screen
        assert isinstance(dialog, RewriteScreen)
        await wait_for(pilot, lambda: dialog.offline is not None)
        await pilot.pause()
        text = shown(dialog.query_one("#rewrite-text"))
        assert text.startswith("Situation: We had a bug in the payments team's service.")
        assert "Action: I sent them a Slack message, then I [what you built" in text
        assert "[failure rate]" in text and "Fill in before you use it" in text
        assert dialog.offline is False
        label = shown(dialog.query_one("#rewrite-label"))
        assert MODEL in label and "Offline" not in label
        await pilot.press("escape")
        assert isinstance(app.screen, InterviewScreen)


async def test_offline_interview_is_unchanged_and_rewrite_is_the_labelled_template(warm_home):
    seen: list = []
    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = app.screen
        assert app.sub_title == "model: offline"
        await pilot.press("f2")  # nothing answered yet: nothing to rewrite
        assert isinstance(app.screen, InterviewScreen)
        await type_and_submit(pilot, SLACK)
        await pilot.pause(0.2)
        assert not any(isinstance(m, msg.TokenReceived | msg.CoachDone) for m in seen)
        assert not screen.query_one(CoachingPanel).display
        iv, lines = screen.interview, transcript_lines(screen)
        score = iv.turns[0].critique.score
        assert lines == [
            f"Interviewer: {iv.question.text}",
            f"You: {SLACK}",
            f"→ weak · {score}/100",
        ]
        assert shown(screen.query_one("#prompt")) == iv.current_prompt().text
        assert iv.current_prompt().text.startswith("You said")  # the state machine's words

        screen.query_one("#reply", TextArea).insert("draft")
        await pilot.press("f2")
        dialog = app.screen
        assert isinstance(dialog, RewriteScreen)
        await wait_for(pilot, lambda: dialog.offline is not None)
        await pilot.pause()
        assert dialog.offline is True
        assert shown(dialog.query_one("#rewrite-label")) == OFFLINE_LABEL
        text = shown(dialog.query_one("#rewrite-text"))
        assert text.startswith("Situation:") and "Reflection:" in text
        assert "I sent them a [bold]Slack[/] message and they handled it." in text  # literal
        assert not dialog.query_one("#rewrite-note").display  # nothing failed
        await pilot.press("escape")
        assert screen.query_one("#reply", TextArea).text == "draft"  # F2 took nothing typed
        await pilot.press("ctrl+w")  # and ctrl+w deletes a word, as in any editor
        assert screen.query_one("#reply", TextArea).text == ""
        titles = {c.title for c in app.get_system_commands(screen)}
        assert "Rewrite my story" in titles


def dead_server() -> openai.APIConnectionError:
    request = httpx.Request("POST", f"{SERVER}/chat/completions")
    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except ConnectionRefusedError as cause:
            raise openai.APIConnectionError(request=request) from cause
    except openai.APIConnectionError as exc:
        return exc


async def test_a_dead_model_server_never_ends_the_interview(warm_home):
    model = QueuedChatModel(always=dead_server())
    app = make_app(Launch("interview", "technical", "mid"), model)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await answer(pilot, SLACK)
        iv = screen.interview
        assert f"You: {SLACK}" in transcript_lines(screen)
        assert "✗ Ownership language not met" in shown(screen.query_one("#critique"))
        assert shown(screen.query_one("#prompt")) == iv.current_prompt().text
        why = "The model server at http://127.0.0.1:9 refused the connection"
        notes = [line for line in transcript_lines(screen) if why in line]
        assert len(notes) == 1 and "asking the standard follow-up instead" in notes[0]
        panel = screen.query_one(CoachingPanel)
        assert panel.border_title == "Coaching (offline)"
        assert panel.text.startswith(f"Your answer is weak ({iv.turns[0].critique.score}/100)")
        assert not panel.query_one("#coaching-note").display  # the same cause: said once
        # it did not answer: the rest of the session is offline at once, and says so
        assert app.sub_title == f"model: {MODEL}, paused (ctrl+t tries it again)"
        assert model.calls == 1

        await answer(pilot, FIXED)
        assert len(iv.turns) == 2 and iv.turns[1].critique is not None  # it goes on
        assert model.calls == 1  # no wait on the dead server again
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.sub_title == f"model: {MODEL}"

        await pilot.press("f2")
        dialog = app.screen
        await wait_for(pilot, lambda: getattr(dialog, "offline", None) is not None)
        await pilot.pause()
        assert dialog.offline is True
        assert shown(dialog.query_one("#rewrite-label")) == OFFLINE_LABEL
        assert why in shown(dialog.query_one("#rewrite-note"))
        assert shown(dialog.query_one("#rewrite-text")).startswith("Situation:")


async def test_answering_before_the_phrasing_arrives_answers_the_canonical_prompt(warm_home):
    gate = threading.Event()
    # One reply for every call: the stale worker and the next turn's may call in any order.
    model = QueuedChatModel(always=FOLLOWUP, gate=gate)
    app = make_app(Launch("interview", "technical", "mid"), model)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        try:
            await type_and_submit(pilot, SLACK)
            assert screen._phrasing is not None  # the model has not answered yet
            # its request under way: a worker slow to start would see the answer first and
            # never ask, and there would be no request to end
            await wait_for(pilot, lambda: model.asked >= 1)
            waiting = shown(screen.query_one("#prompt"))
            canonical = screen.interview.current_prompt().text
            # what the candidate answers is what they see: the question, being rephrased
            assert waiting.startswith(canonical) and "rephrasing this for your story" in waiting
            screen.query_one("#reply", TextArea).insert(FIXED)
            await pilot.press("ctrl+s")
            # the answer taken and critiqued (the first reply's critique was done already, so
            # "not awaiting a critique" alone could open the gate before the answer was read)
            iv = screen.interview
            await wait_for(pilot, lambda: len(iv.turns) == 2 and not iv.awaiting_critique)
        finally:
            gate.set()
        await wait_for(pilot, lambda: coach_settled(screen), timeout=30)
        await pilot.pause()
        assert screen.interview.turns[1].prompt == canonical
        lines = transcript_lines(screen)
        assert lines.count(f"Interviewer: {canonical}") == 1
        assert lines.index(f"Interviewer: {canonical}") + 1 == lines.index(f"You: {FIXED}")
        assert f"Interviewer: {PHRASED}" not in lines  # the late phrasing was dropped
        # ...and its request was ended at its first token
        assert min(model.streamed) == 1, model.streamed


async def test_esc_keeps_the_question_on_screen_and_drops_the_models_work(warm_home):
    gate = threading.Event()
    model = QueuedChatModel(always=FOLLOWUP, gate=gate)
    app = make_app(Launch("interview", "technical", "mid"), model)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        try:
            await type_and_submit(pilot, SLACK)
            assert screen._phrasing is not None
            canonical = screen.interview.current_prompt().text
            await pilot.press("escape")
            await pilot.pause()
            assert shown(screen.query_one("#prompt")) == canonical
            panel = screen.query_one(CoachingPanel)
            assert panel.border_title == "Coaching (offline)"
            assert "You stopped the model" in shown(panel.query_one("#coaching-note"))
        finally:
            gate.set()
        await pilot.pause(0.3)
        assert shown(screen.query_one("#prompt")) == canonical  # the late phrasing is dropped
        assert f"Interviewer: {PHRASED}" not in transcript_lines(screen)
