"""Snapshots of the screens at fixed sizes (80x24, the smallest common terminal, 120x40 and
160x50): start, interview after a weak reply (critique, exemplars, pushback), a drill retry, the
scorecard, replay of a recorded session and progress over recorded sessions. No clocks or
timings are shown and animations are off, so the pictures are deterministic. These test layout,
not verdicts, so a fixed fake feedback service stands in for the critic and the index, and the
recorded sessions are written from fixed data (test_tui.py uses the real ones). Update with
--snapshot-update."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import TextArea

from interviewer.bank import Exemplars, Hit
from interviewer.commands.common import load_context
from interviewer.critic.types import Critique, DimensionResult
from interviewer.feedback import Feedback
from interviewer.sessions.store import SessionStore
from interviewer.tui.app import InterviewerApp, Launch
from interviewer.tui.backend import Backend

SIZE = (160, 50)
#: Every screen at these sizes; the start and interview screens' 160x50 pictures predate them.
SIZES = {"80x24": (80, 24), "120x40": (120, 40), "160x50": SIZE}
SMALLER = ["80x24", "120x40"]
SLACK = (
    "We had a bug in the payments team's service. I sent them a [bold]Slack[/] message and "
    "they handled it. The team was happy."
)


def _hit(e, label: str, score: float) -> Hit:
    return Hit(e.id, e.text, label, score, e.why, field=e.field, pair=e.pair)


class FixedService:
    """Always the same weak verdict, quoting the reply's first sentence, and the pack's first
    strong and weak exemplars: the screens look the same whatever the critic learns."""

    store_error = None

    def __init__(self, knowledge) -> None:
        self.question = knowledge.question()

    def warm_embedder(self) -> None:
        """Nothing to load: this service never embeds."""

    def review(self, text, question_id=None, followup=None, focus=None, level=None, k=1):
        return self.feedback(text, followup)

    def feedback(self, text, followup=None, met: int | None = None, score: int = 25) -> Feedback:
        """The weak verdict (only a full answer's first dimension met), or one that meets the
        first `met` checks (recorded sessions)."""
        first = text.split(". ")[0].rstrip(".") + "."
        met = (0 if followup else 1) if met is None else met
        if followup:
            dims = {
                "no_handoff": DimensionResult(
                    "no_handoff", "Did not hand it off", met > 0, [first], "Own the fix."
                ),
                "owned_fix": DimensionResult(
                    "owned_fix", "Brought a tested fix", met > 1, [], "Say what you built."
                ),
            }
        else:
            dims = {
                d.id: DimensionResult(
                    d.id, d.name, i < met, [first] if i < 3 else [], f"Advice on {d.name}.", 0.5
                )
                for i, d in enumerate(self.question.dimensions)
            }
        verdict = "strong" if score >= 70 else "weak"
        crit = Critique(self.question.id, followup, verdict, score, dims)
        ex = self.exemplars(text, self.question.id, followup)
        return Feedback(
            crit,
            ex,
            contrast=[self.contrast(None, followup, ex.weak[0].as_dict(), ex.twins[0].as_dict())],
        )

    def exemplars(self, text, question_id, followup, k=1):
        """Three weak bank exemplars with their strong twins, the first strong one nearest."""
        source = self.question.followup(followup) if followup else self.question.answers
        strong = {e.id: e for e in source.strong}
        weak = [w for w in source.weak if w.pair in strong][:3]
        twins = [_hit(strong[w.pair], "strong", 0.5) for w in weak]
        return Exemplars(
            strong=twins[:1],
            weak=[_hit(w, "weak", 0.7 - i / 10) for i, w in enumerate(weak)],
            twins=twins,
        )

    def contrast(self, question_id, followup, weak, strong):
        """The strong twin's first sentence marked as meeting the first check."""
        name = self.question.dimensions[0].name
        first = strong["text"].split(". ")[0] + "."
        return {
            "weak": weak["id"],
            "strong": strong["id"],
            "missing": [name],
            "lines": [[first, [name]]],
        }


def make_app(launch: Launch) -> InterviewerApp:
    settings, knowledge = load_context()
    backend = Backend(settings, knowledge, service=FixedService(knowledge))
    return InterviewerApp(backend, launch, animations=False, show_timings=False)


async def _until(pilot, condition, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition() and loop.time() < end:
        await pilot.pause(0.05)
    await pilot.pause()


def _answer(*replies: str):
    """A run_before that waits for the index, then submits each reply in turn."""

    async def run(pilot) -> None:
        screen = pilot.app.screen
        await _until(pilot, lambda: screen._index_text == "Exemplar index ready")
        for reply in replies:
            screen.query_one("#reply", TextArea).insert(reply)
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: not screen.interview.awaiting_critique)
        await _until(pilot, lambda: screen._exemplars_for is None)

    return run


def test_start_screen(snap_compare):
    assert snap_compare(make_app(Launch()), terminal_size=SIZE, run_before=_settle)


async def _settle(pilot) -> None:
    screen = pilot.app.screen
    await _until(pilot, lambda: screen.loaded)


def test_interview_after_a_weak_reply(snap_compare):
    app = make_app(Launch("interview", "technical", "mid"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_answer(SLACK))


def test_drill_retry(snap_compare):
    app = make_app(Launch("drill", "outcome", "mid", followup="escalation"))
    weak = "I did escalate it - I sent them a Slack message and they handled it."
    assert snap_compare(app, terminal_size=SIZE, run_before=_answer(weak))


def test_scorecard(snap_compare):
    app = make_app(Launch("interview", "technical", "senior"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_answer(SLACK), press=["ctrl+f"])


def test_interview_at_80x24(snap_compare):
    """The smallest common terminal: the critique fills the feedback pane, the conversation
    keeps its lines, and F3 shows the exemplars in its place."""
    app = make_app(Launch("interview", "technical", "mid"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_answer(SLACK))


def test_interview_at_80x24_showing_exemplars(snap_compare):
    app = make_app(Launch("interview", "technical", "mid"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_answer(SLACK), press=["f3"])


def test_interview_at_120x40(snap_compare):
    app = make_app(Launch("interview", "technical", "mid"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=_answer(SLACK))


def test_start_screen_at_80x24(snap_compare):
    """Mode, focus and level on one row, the drill's follow-ups two to a row, Begin on screen
    without scrolling; labels whole (not "Did you ju…")."""
    assert snap_compare(make_app(Launch()), terminal_size=(80, 24), run_before=_settle)


def test_start_screen_at_120x40(snap_compare):
    assert snap_compare(make_app(Launch()), terminal_size=(120, 40), run_before=_settle)


async def _choose_the_loop(pilot) -> None:
    await _settle(pilot)
    await pilot.click("#mode-loop")
    await pilot.pause()


def test_start_screen_with_the_loop_at_80x24(snap_compare):
    """The line on what the full loop is takes a row, and Begin is still on screen."""
    app = make_app(Launch())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_choose_the_loop)


WEAK_ESCALATION = "I did escalate it - I sent them a Slack message and they handled it."


@pytest.mark.parametrize("size", SMALLER)
def test_drill_retry_at(size, snap_compare):
    """The question of a retry is never cut; the story shows its first line at 80x24."""
    app = make_app(Launch("drill", "outcome", "mid", followup="escalation"))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_answer(WEAK_ESCALATION))


@pytest.mark.parametrize("size", SMALLER)
def test_scorecard_at(size, snap_compare):
    """The fixes' wrapped lines keep their indent under the fix."""
    app = make_app(Launch("interview", "technical", "senior"))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_answer(SLACK), press=["ctrl+f"])


#: Recorded sessions, oldest first: (mode, [(follow-up or None, reply, checks met, score)]).
#: Each does better than the one before, so the progress charts have lines to draw.
HISTORY = [
    ("interview", [(None, SLACK, 1, 25), ("escalation", WEAK_ESCALATION, 0, 20)]),
    ("interview", [(None, SLACK, 3, 45), ("escalation", WEAK_ESCALATION, 1, 50)]),
    ("drill", [("impact", "The drop rate went from 0.3% to zero.", 1, 55)]),
    ("interview", [(None, SLACK, 5, 70), ("their_code", "I showed their lead the fix.", 2, 80)]),
    ("interview", [(None, SLACK, 6, 85), ("impact", "Refunds fell by $4,000 a month.", 2, 90)]),
]


def _record_history() -> list[int]:
    """The sessions of HISTORY, saved as the app saves them, critiqued by FixedService."""
    _, knowledge = load_context()
    service, question = FixedService(knowledge), knowledge.question()
    store, ids = SessionStore(), []
    for mode, turns in HISTORY:
        sid = store.start(mode, "technical", "mid", question.id, "offline")
        for idx, (followup, reply, met, score) in enumerate(turns):
            kind = "followup" if followup else "answer"
            prompt = question.followup(followup).prompt if followup else question.text
            turn_id = store.save_reply(sid, idx, kind, followup, prompt, reply)
            store.save_feedback(
                turn_id, service.feedback(reply, followup, met, score).as_dict(), 5.0
            )
        store.finish(sid, turns[-1][3])
        ids.append(sid)
    return ids


async def _replay_loaded(pilot) -> None:
    screen = pilot.app.screen
    await _until(pilot, lambda: screen.record is not None)


@pytest.mark.parametrize("size", SIZES)
def test_replay(size, snap_compare):
    """The second turn of a recorded interview: below 120 columns the critique has the pane,
    and the footer shows the step keys."""
    app = make_app(Launch("replay", session_id=_record_history()[0]))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_replay_loaded, press=["right"])


def test_replay_at_80x24_showing_exemplars(snap_compare):
    """F3: the exemplars one above the other, in place of the critique."""
    app = make_app(Launch("replay", session_id=_record_history()[0]))
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_replay_loaded, press=["right", "f3"]
    )


async def _progress_loaded(pilot) -> None:
    screen = pilot.app.screen
    await _until(pilot, lambda: screen.data is not None)
    await pilot.pause(0.1)  # the table sizes its columns to the rows on the next refresh
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_progress(size, snap_compare):
    """The legend beside each chart, never over its lines, with whole names; one chart at a
    time below 120 columns."""
    _record_history()
    app = make_app(Launch("progress"))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_progress_loaded)


def test_progress_at_80x24_showing_followups(snap_compare):
    _record_history()
    app = make_app(Launch("progress"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_progress_loaded, press=["f3"])
