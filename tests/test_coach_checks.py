"""The checks model text must pass before the candidate sees it as accepted."""

from __future__ import annotations

import pytest

from interviewer.coach.checks import Unusable, asks_its_followup, check_coaching
from interviewer.knowledge import load_knowledge
from tests.coach_fixtures import MID_REPLY, mid_feedback

GOOD = (
    "Your answer says the drops stopped, but not what you did yourself or what the drops cost. "
    "Say which part of the fix was yours and give the rate before and after."
)


def test_good_coaching_passes():
    check_coaching(GOOD, MID_REPLY, mid_feedback())


@pytest.mark.parametrize(
    ("text", "finish", "reason"),
    [
        (GOOD, "length", "stopped mid-sentence at the length limit"),
        (GOOD + "\n\n" + GOOD, None, "repeated itself"),
        (" ".join([GOOD] * 6), None, "words where under 150 were asked for"),
    ],
)
def test_cut_repeated_or_overlong_coaching_is_refused(text, finish, reason):
    with pytest.raises(Unusable, match=reason):
        check_coaching(text, MID_REPLY, mid_feedback(), finish)


def test_an_example_answer_quoted_as_the_candidates_words_is_refused():
    fb = mid_feedback()
    example = fb.exemplars.strong[0].text
    line = " ".join(example.split()[:12])
    text = f'You wrote "{line}", which is the right start. {GOOD}'
    with pytest.raises(Unusable, match="quoted an example answer as your words"):
        check_coaching(text, MID_REPLY, fb)
    fair = f'A strong answer says "{line}". {GOOD}'  # quoted as the example's: fine
    check_coaching(fair, MID_REPLY, fb)


def test_words_the_candidate_never_wrote_are_not_put_in_their_mouth():
    text = f'You said "I rebuilt the whole billing pipeline over a weekend", but {GOOD}'
    with pytest.raises(Unusable, match="quoted words you never wrote"):
        check_coaching(text, MID_REPLY, mid_feedback())
    own = " ".join(MID_REPLY.split()[:6])
    check_coaching(f'You said "{own}". {GOOD}', MID_REPLY, mid_feedback())


@pytest.mark.parametrize(
    ("fid", "phrased", "ok"),
    [
        ("impact", "Why not just hand it to the owning team?", False),
        ("impact", "What did fixing the reminder job change for patients and costs?", True),
        ("escalation", "You sent a message: what did you do yourself after that?", True),
        ("their_code", "How did the data team react when you changed their job?", True),
        ("motivation", "What was the result for the store?", False),
    ],
)
def test_a_rewording_must_still_ask_its_follow_up(fid, phrased, ok):
    q = load_knowledge().question("leadership-without-title")
    assert asks_its_followup(phrased, q.followup(fid)) is ok
