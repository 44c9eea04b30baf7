"""Input is never outrun: keys arriving in one burst (a fast typist, a dictation tool, a paste
without bracketed paste) and ctrl+s right behind them submit exactly what was typed, and
bracketed paste is text, cleaned of escape sequences.

The bursts go through the app's own terminal parser and are posted to the app all at once,
as the Linux driver's input thread does; Pilot's press() would wait after every key and hide
the race."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from interviewer.sessions.store import SessionStore
from interviewer.tui.app import Launch
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.terminal import PasteSafeParser
from tests.test_tui import SIZE, make_app, wait_for

pytestmark = pytest.mark.anyio

CTRL_S = "\x13"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"

#: Long, rambling and weak on purpose: the drill keeps asking, so every reply is a new turn.
REPLIES = [
    "Honestly, the payments team owned that service, so I mostly flagged it. I noticed the "
    "refund job was timing out for some customers, wrote up what I saw in a ticket, pinged "
    "their lead on Slack and asked whether they could take a look when they had a moment. "
    "They were busy with a launch, so it sat for a while, and eventually they fixed it "
    "themselves after a customer complained. I think it went fine in the end, more or less.",
    "It was a bit tricky, because it was their code and not mine.\nI mentioned it in the "
    "standup, and my manager said he would raise it with their manager. After that they "
    "handled it, and I went back to my own sprint work, which was already late (we had two "
    "people out). Looking back, I suppose I could have followed up more, but it got done: "
    "the alerts stopped and nobody asked about it again!",
    "We had an outage on a Friday; I escalated it to the on-call engineer of the other team "
    "and waited. They rolled back the deploy about forty minutes later, and the error rate "
    "went back to normal. I wrote the incident summary afterwards with their notes, and we "
    "agreed to add a dashboard someday, though I don't think anyone ever built it. The team "
    "was happy enough with how it went, and so was I, to be honest with you.",
    "Our mobile release was blocked by a flaky test in another team's suite.\n\nI asked in "
    "their channel who owned it, opened a ticket with the logs, and then kept re-running the "
    "pipeline until it passed. It took most of the afternoon! Their tech lead said they "
    "would look into it the next quarter; in the meantime we just retried when it failed, "
    "which was maybe one run in five, give or take a few.",
    "A customer kept getting duplicate invoices; support forwarded it to me by mistake, so I "
    'forwarded it to billing with a short note, "please take a look", and copied my manager '
    "so it would be seen. Billing replied a week later that it was fixed. I never found out "
    "what the cause was, but the customer stopped writing in, so I assume they were happy "
    "with the outcome, and we moved on to the next thing on the roadmap.",
]


def keys(text: str) -> str:
    """What a terminal sends for `text` typed at the keyboard (Enter is a carriage return)."""
    return text.replace("\n", "\r")


def burst(app, parser: PasteSafeParser, data: str) -> None:
    """Deliver terminal input to the app in one go, without yielding to the event loop."""
    for event in parser.feed(data):
        app.post_message(event)


async def wait_for_critique(pilot, screen: InterviewScreen, turns: int) -> None:
    """Wait until reply number `turns` is critiqued; fail saying what is left in the editor
    if it never is (ctrl+s found the editor still empty, say)."""
    iv = screen.interview
    try:
        await wait_for(pilot, lambda: len(iv.turns) == turns and not iv.awaiting_critique, 30)
    except AssertionError:
        raise AssertionError(
            f"reply {turns} was never critiqued ({len(iv.turns)} turns); "
            f"the editor holds {editor_text(screen)!r}"
        ) from None
    await pilot.pause()


def editor_text(screen) -> str:
    return screen.query_one("#reply", TextArea).text


async def test_a_long_reply_typed_in_a_burst_then_ctrl_s_is_submitted_whole(warm_home):
    app = make_app(Launch("drill"))
    parser = PasteSafeParser()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for n, reply in enumerate(REPLIES * 2, start=1):
            assert len(reply) > 350 and not screen.interview.finished
            # Every other time, part of the reply is already in the editor when the rest and
            # ctrl+s arrive (the reported case: 99 of ~370 characters were saved).
            typed = 40 * n if n % 2 else 0
            if typed:
                burst(app, parser, keys(reply[:typed]))
                await wait_for(pilot, lambda: editor_text(screen) == reply[:typed])  # noqa: B023
            burst(app, parser, keys(reply[typed:]) + CTRL_S)
            await wait_for_critique(pilot, screen, n)
            turn = screen.interview.turns[-1]
            assert turn.reply == reply  # what the critic saw
            assert turn.critique is not None
            assert editor_text(screen) == ""
    saved = [t.reply for t in SessionStore().list()[0].turns]
    assert saved == REPLIES * 2


async def test_keys_typed_right_after_ctrl_s_start_the_next_reply(warm_home):
    """The reported failure: the rest of a cut-off reply was glued onto the next one."""
    app = make_app(Launch("drill"))
    parser = PasteSafeParser()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        head, pairs = "", zip(REPLIES, [*REPLIES[1:], ""], strict=True)
        for n, (reply, following) in enumerate(pairs, start=1):
            cut = 7 * n if following else 0  # "Honestl" and the like, of several lengths
            burst(app, parser, keys(reply[len(head) :]) + CTRL_S + keys(following[:cut]))
            await wait_for_critique(pilot, screen, n)
            assert screen.interview.turns[-1].reply == reply
            head = following[:cut]
            assert editor_text(screen) == head
    saved = [t.reply for t in SessionStore().list()[0].turns]
    assert saved == REPLIES


HOSTILE_PASTE = (
    "We \x1b[31mpushed back\x1b[0m on the \x1b]8;;http://x\x1b\\launch date\x1b]8;;\x1b\\ "
    "\x1b[2Jand I shipped the fix myself.\r\nIt cut refunds failing from 3% to 0.1%."
)
CLEANED = (
    "We pushed back on the launch date and I shipped the fix myself.\n"
    "It cut refunds failing from 3% to 0.1%."
)


async def test_a_bracketed_paste_with_escape_sequences_arrives_as_cleaned_text(warm_home):
    app = make_app(Launch("drill"))
    parser = PasteSafeParser()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        burst(app, parser, keys("Well, ") + PASTE_START + HOSTILE_PASTE + PASTE_END + " Done.")
        await wait_for(pilot, lambda: editor_text(screen).endswith("Done."))
        assert editor_text(screen) == "Well, " + CLEANED + " Done."
        assert screen.interview.turns == []  # no key inside the paste reached a binding
        burst(app, parser, CTRL_S)
        await wait_for_critique(pilot, screen, 1)
        assert screen.interview.turns[0].reply == "Well, " + CLEANED + " Done."
    assert SessionStore().list()[0].turns[0].reply == "Well, " + CLEANED + " Done."
