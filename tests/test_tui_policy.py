"""The interviewer's policy as a candidate meets it in the app (Textual's Pilot, the real critic):
a strong answer is still probed, a hand-off is asked about first, a follow-up answered strongly
never comes back, the scorecard says what to fix first, and a drill shows its story."""

from __future__ import annotations

import pytest

from interviewer.sessions.store import SessionStore
from interviewer.tui.app import Launch
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.scorecard import ScorecardScreen
from tests import replies
from tests.test_tui import SIZE, make_app, shown, type_and_submit, wait_for

pytestmark = pytest.mark.anyio

HANDOFF = (
    "Our clinic's appointment reminders were run by the regional IT team. Patients kept missing "
    "slots, so I raised a ticket with regional IT and told their manager, and they changed the "
    "reminder job a month later."
)


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _asked(screen) -> str | None:
    p = screen.interview.current_prompt()
    return p.followup if p else None


async def test_a_strong_first_answer_gets_a_follow_up_not_the_scorecard(warm_home):
    app = make_app(Launch("interview", "outcome", "mid"))
    async with app.run_test(size=SIZE) as pilot:
        await type_and_submit(pilot, replies.FULL_STRONG)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.turns[0].critique.verdict == "strong"
        assert _asked(screen) is not None
        fu = screen.interview.question.followup(_asked(screen))
        assert fu.in_story(replies.FULL_STRONG) in shown(screen.query_one("#prompt"))


async def test_a_hand_off_is_asked_about_first_and_not_again_once_answered_strongly(warm_home):
    app = make_app(Launch("interview", "outcome", "senior"))
    async with app.run_test(size=SIZE) as pilot:
        await type_and_submit(pilot, HANDOFF)
        screen = app.screen
        assert _asked(screen) == "escalation"  # before the missing numbers this focus presses
        prompt = shown(screen.query_one("#prompt"))
        assert "raised a ticket with regional IT" in prompt  # the hand-off, in their words
        await type_and_submit(pilot, replies.STRONG["escalation"])
        assert screen.interview.results["escalation"].strong
        asked = []
        while isinstance(app.screen, InterviewScreen) and _asked(screen):
            asked.append(_asked(screen))
            await type_and_submit(pilot, "It went fine, people were pleased.")
        assert "escalation" not in asked


async def test_the_scorecard_lists_the_top_fixes_and_d_starts_their_drill(warm_home):
    app = make_app(Launch("interview", "technical", "mid"))
    async with app.run_test(size=SIZE) as pilot:
        await type_and_submit(pilot, HANDOFF)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, ScorecardScreen))
        card = app.screen.card
        assert 1 <= len(card.fixes) <= 3
        assert card.fixes[0].dimension == "ownership_language"
        text = shown(app.screen.query_one("#tables"))
        assert "What to fix first" in text and card.fixes[0].example in text
        assert card.explanation in text and "minutes spoken" in text
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        iv = app.screen.interview
        assert iv.mode == "drill" and _asked(app.screen) == card.fixes[0].drill


async def test_a_drill_shows_the_candidates_last_answer_or_the_pasted_story(warm_home):
    store = SessionStore()
    sid = store.start("interview", None, None, "leadership-without-title", "offline")
    store.save_reply(sid, 0, "answer", None, "Tell me", HANDOFF)
    store.close()
    app = make_app(Launch("drill", followup="escalation"))
    async with app.run_test(size=SIZE) as pilot:
        story = app.screen.query_one("#story")
        await wait_for(pilot, lambda: story.story == HANDOFF)
        assert f"session {sid}" in story.source
        app.screen.query_one("#reply").insert("I ran the night shift rota change myself.")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert (
            story.story == "I ran the night shift rota change myself." and story.source == "yours"
        )
        assert app.screen.query_one("#reply").text == ""


async def test_a_drill_with_no_sessions_offers_the_packs_stock_story(warm_home):
    app = make_app(Launch("drill", followup="impact"))
    async with app.run_test(size=SIZE) as pilot:
        story = app.screen.query_one("#story")
        await pilot.pause()
        assert story.story == app.screen.interview.question.answers.weak[0].text.strip()
        assert "stock story" in story.source
