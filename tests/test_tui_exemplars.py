"""The exemplar panel as a candidate uses it: the closest weak answer beside the same story
told well, the strong one's lines that show what the weak one misses marked, F4 to the next
closest story, on a wide and on a small terminal, live and in replay. Real critic, real
index (warm_home)."""

from __future__ import annotations

import pytest

from interviewer.commands.common import load_context
from interviewer.contrast import ExemplarReader
from interviewer.feedback import FeedbackService
from interviewer.sessions.store import SessionStore
from interviewer.tui.app import Launch
from interviewer.tui.widgets.exemplars import ExemplarPanel
from tests.test_tui import make_app, shown, type_and_submit, wait_for

pytestmark = pytest.mark.anyio

# A weak story from a field the seed's webhook answer is not from: a hand-off, no number.
TEACHER = (
    "At my secondary school the Year 9 reading scores kept slipping and nobody owned it, "
    "since it sat between the English department and the library. I mentioned it to my head "
    "of department and she said she would raise it at the leadership meeting. After that the "
    "library did a reading challenge and things got better, and the students seemed happier. "
    "I learned that speaking up matters."
)


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _boxes(panel: ExemplarPanel) -> tuple:
    weak, strong = panel.query_one("#weak-exemplar"), panel.query_one("#strong-exemplar")
    return (
        weak.border_title,
        str(weak.border_subtitle),
        strong.border_title,
        str(strong.border_subtitle),
    )


async def test_the_closest_weak_answer_sits_beside_its_strong_twin_and_f4_turns_the_story(
    warm_home,
):
    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: app.backend.ready.is_set(), 120)
        await type_and_submit(pilot, TEACHER)
        panel = app.screen.query_one(ExemplarPanel)
        ex = panel._view["exemplars"]
        assert len(ex["weak"]) == 3 and ex["twins"][0]["id"] == ex["weak"][0]["pair"]

        weak_title, weak_sub, strong_title, strong_sub = _boxes(panel)
        assert weak_title == "Closest weak answer"
        assert strong_title == "The same story, done well"
        assert "1 of 3 · F4 next" in strong_sub
        assert ex["weak"][0]["field"] in weak_sub and "similarity" in weak_sub
        # The weak twin's text and why; the strong twin's text with its marked lines.
        assert ex["weak"][0]["text"][:60] in shown(panel.query_one("#weak-text"))
        assert "Why it is weak" in shown(panel.query_one("#weak-text"))
        contrast = ex["contrast"][0]
        assert contrast["strong"] == ex["twins"][0]["id"] and contrast["lines"]
        strong_shown = shown(panel.query_one("#strong-text"))
        for line, names in contrast["lines"]:
            assert " ".join(line.split())[:30] in strong_shown
            assert f"◂ {', '.join(names).lower()}" in strong_shown

        await pilot.press("f4")
        await wait_for(pilot, lambda: (panel._view["exemplars"].get("contrast") or [0, None])[1])
        await pilot.pause()
        weak_title, _, strong_title, strong_sub = _boxes(panel)
        assert weak_title == "Weak answer 2" and "2 of 3 · F4 next" in strong_sub
        assert ex["weak"][1]["text"][:60] in shown(panel.query_one("#weak-text"))
        assert ex["twins"][1]["text"][:40] in shown(panel.query_one("#strong-text"))
        await pilot.press("f4", "f4")
        assert _boxes(panel)[0] == "Closest weak answer"


async def test_on_a_small_terminal_f4_brings_the_exemplars_into_view(warm_home):
    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.backend.ready.is_set(), 120)
        await type_and_submit(pilot, TEACHER)
        screen = app.screen
        panel = screen.query_one(ExemplarPanel)
        assert not panel.display or not screen.has_class("-show-exemplars")
        await pilot.press("f4")
        await pilot.pause()
        assert screen.has_class("-show-exemplars") and panel.display
        assert "2 of 3" in _boxes(panel)[3]


async def test_replay_shows_the_recorded_contrast_and_turns_through_it(warm_home):
    settings, knowledge = load_context()
    service = FeedbackService(knowledge, settings)
    q = knowledge.question()
    view = service.review(TEACHER, q.id, k=3).as_dict()
    store = SessionStore()
    sid = store.start("interview", "technical", "mid", q.id, "offline")
    store.save_feedback(store.save_reply(sid, 0, "answer", None, q.text, TEACHER), view, 5.0)
    store.finish(sid, 30)

    app = make_app(Launch("replay", session_id=sid))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.record is not None)
        await pilot.pause()
        panel = screen.query_one(ExemplarPanel)
        assert _boxes(panel)[2] == "The same story, done well"
        assert view["exemplars"]["twins"][0]["text"][:40] in shown(panel.query_one("#strong-text"))
        assert "◂" in shown(panel.query_one("#strong-text"))
        await pilot.press("f4")
        assert "2 of 3" in _boxes(panel)[3]


def test_a_contrast_marks_only_lines_of_the_strong_twin_that_meet_what_the_weak_one_misses():
    _, knowledge = load_context()
    reader = ExemplarReader(knowledge)
    checked = 0
    for q in knowledge.questions:
        strong = {e.id: e for e in q.answers.strong}
        for weak in [w for w in q.answers.weak if w.pair in strong][:2]:
            twin = strong[weak.pair]
            w = {"id": weak.id, "text": weak.text}
            s = {"id": twin.id, "text": twin.text}
            found = reader.contrast(q.id, None, w, s)
            w_crit = reader.critique(q.id, None, weak.id, weak.text)
            s_crit = reader.critique(q.id, None, twin.id, twin.text)
            names = {d.name: k for k, d in s_crit.dimensions.items()}
            for name in found["missing"]:
                assert s_crit.dimensions[names[name]].met
                assert not w_crit.dimensions[names[name]].met
            for line, marked in found["lines"]:
                assert line in twin.text and set(marked) <= set(found["missing"])
            checked += bool(found["lines"])
    assert checked >= 8  # twins differ in what they show, and it is marked


async def test_on_a_small_terminal_tabs_say_which_half_of_the_feedback_shows(warm_home):
    from interviewer.tui.widgets.feedback_tabs import CRITIQUE, EXEMPLARS, FeedbackTabs

    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.backend.ready.is_set(), 120)
        await type_and_submit(pilot, TEACHER)
        screen = app.screen
        tabs = screen.query_one(FeedbackTabs)
        assert tabs.display and tabs.active == CRITIQUE
        await pilot.press("f3")
        assert tabs.active == EXEMPLARS and screen.has_class("-show-exemplars")
        await pilot.click(f"#{CRITIQUE}")
        await pilot.pause()
        assert tabs.active == CRITIQUE and not screen.has_class("-show-exemplars")
        assert screen.query_one("#reply").has_focus  # the tabs never take the keyboard
    async with make_app(Launch("interview")).run_test(size=(160, 50)) as pilot:
        assert not pilot.app.screen.query_one(FeedbackTabs).display
