"""The smallest common terminal, 80x24, as a user meets it: on every screen the footer shows
how to quit and how to get help, no key in it is cut at the edge, and F1 still lists every key
the footer leaves out; the start screen shows its pickers and its Begin button without
scrolling. Regions are read from the laid-out screen, as drawn."""

from __future__ import annotations

import html
import re

import pytest
from textual.widgets import Footer, RadioButton
from textual.widgets._footer import FooterKey

from interviewer.tui.app import Launch
from interviewer.tui.screens.progress import ProgressScreen
from interviewer.tui.screens.scorecard import ScorecardScreen
from tests.test_tui import shown
from tests.test_tui_snapshots import (
    SLACK,
    WEAK_ESCALATION,
    _answer,
    _record_history,
    _until,
    make_app,
)

pytestmark = pytest.mark.anyio
SMALL = (80, 24)


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def _open(pilot, screen: str) -> None:
    """Bring the app to `screen` as a user would, and let it settle."""
    app = pilot.app
    if screen == "start":
        await _until(pilot, lambda: app.screen.loaded)
    elif screen in ("interview", "drill"):
        await _answer(SLACK if screen == "interview" else WEAK_ESCALATION)(pilot)
    elif screen == "scorecard":
        await _answer(SLACK)(pilot)
        await pilot.press("ctrl+f")
        await _until(pilot, lambda: isinstance(app.screen, ScorecardScreen))
    elif screen == "replay":
        await _until(pilot, lambda: app.screen.record is not None)
        await pilot.press("right")
    elif screen == "progress":
        await _until(pilot, lambda: isinstance(app.screen, ProgressScreen))
        await _until(pilot, lambda: app.screen.data is not None)
    await pilot.pause(0.1)
    await pilot.pause()


def _launch(screen: str) -> Launch:
    if screen == "drill":
        return Launch("drill", "outcome", "mid", followup="escalation")
    if screen == "replay":
        return Launch("replay", session_id=_record_history()[0])
    if screen == "progress":
        _record_history()
        return Launch("progress")
    if screen == "scorecard":
        return Launch("interview", "technical", "senior")
    return Launch(screen, "technical", "mid")


def _screen_lines(app) -> list[str]:
    """The screen's rows of text as drawn (read from the SVG screenshot, row by row)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    svg = app.export_screenshot()
    for x, y, text in re.findall(
        r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg
    ):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(t for _, t in sorted(row)) for _, row in sorted(rows.items())]


SCREENS = ["start", "interview", "drill", "scorecard", "replay", "progress"]


@pytest.mark.parametrize("screen", SCREENS)
async def test_footer_shows_quit_and_help_whole_at_80x24(screen):
    app = make_app(_launch(screen))
    async with app.run_test(size=SMALL) as pilot:
        await _open(pilot, screen)
        footer = app.screen.query_one(Footer)
        palette = footer.query_one(".-command-palette", FooterKey)
        edge = palette.region.x  # the palette key is docked over the footer's right end
        assert 0 < edge < SMALL[0]
        keys = [k for k in footer.query(FooterKey) if k is not palette]
        actions = [k.action for k in keys]
        for action in ("quit", "help"):
            key = keys[actions.index(action)]
            assert key.display and key.region.width > 0, action
            assert key.region.right <= edge, (action, key.region, edge)
        for key in keys:  # what the footer shows it shows whole
            if key.display and key.region.width:
                assert key.region.right <= edge, (key.action, key.region, edge)
        assert footer.scroll_x == 0


@pytest.mark.parametrize("screen", ["interview", "drill", "replay", "scorecard"])
async def test_help_lists_every_key_the_footer_leaves_out_at_80x24(screen):
    """Keys left out of the footer still work and F1 lists them, with the rest."""
    app = make_app(_launch(screen))
    async with app.run_test(size=SMALL) as pilot:
        await _open(pilot, screen)
        described = {
            a.binding.description
            for a in app.screen.active_bindings.values()
            if a.binding.description and a.node in (app, app.screen)
        }
        footer = app.screen.query_one(Footer)
        in_footer = {k.description for k in footer.query(FooterKey) if k.display}
        await pilot.press("f1")
        await pilot.pause()
        table = shown(app.screen.query_one("#help-table"))
        for description in described:
            assert description in table, description
        if screen == "drill":  # the most keys: the last ones are left out of the footer
            assert {"Finish", "Rewrite"} <= described - in_footer
            await pilot.press("escape", "ctrl+f")  # a key left out of the footer still works
            await _until(pilot, lambda: isinstance(app.screen, ScorecardScreen))
            assert isinstance(app.screen, ScorecardScreen)


QUESTIONS = [
    "leadership-without-title",
    "conflict-with-coworker",
    "disagree-with-manager",
    "failure",
    "tight-deadline",
    "unclear-requirements",
]


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("mode", ["interview", "drill", "loop"])
async def test_start_screen_fits_80x24_without_scrolling(question, mode):
    """Question, mode, focus, level and drill pickers, the Begin button and the footer are all
    on screen with past sessions recorded (the table may go below the fold), the chosen
    question in view; labels wrap. The full loop's line on what it is does not push Begin
    off."""
    _record_history()
    app = make_app(Launch(question_id=question))
    async with app.run_test(size=SMALL) as pilot:
        await _open(pilot, "start")
        await pilot.click(f"#mode-{mode}")
        await pilot.pause()
        screen = app.screen
        assert screen.choice("question") == question and screen.choice("mode") == mode
        footer = screen.query_one(Footer)
        assert footer.region.bottom == SMALL[1]
        body = screen.query_one("#start")
        assert body.scroll_y == 0
        shown_ids = ("#question", "#mode", "#focus", "#level", "#followup", "#begin")
        for selector in shown_ids + (("#loop-note",) if mode == "loop" else ()):
            region = screen.query_one(selector).region
            assert region.height > 0, selector
            assert region.y >= 1 and region.bottom <= footer.region.y, (selector, region)
            assert region.right <= SMALL[0], (selector, region)
        chosen = app.backend.knowledge.question(question).text[:40]
        assert any(chosen in line for line in _screen_lines(app)), chosen  # scrolled to it
        for button in screen.query(RadioButton):
            label = str(button.label)
            room = (button.content_region.width - 4) * button.content_region.height
            assert room >= len(label), (label, button.content_region)  # wrapped, not cut
        await pilot.press("enter")
        await pilot.pause()
        assert screen is not app.screen  # Enter begins from here
