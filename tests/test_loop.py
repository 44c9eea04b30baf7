"""The full loop's plan and status line: which questions, in what order, and the time used."""

from __future__ import annotations

from interviewer.cli import build_parser
from interviewer.commands.common import load_context
from interviewer.interview.loop import DEFAULT_SIZE, Loop, plan


def test_a_loop_starts_with_the_chosen_question_then_covers_other_competencies():
    questions = load_context()[1].questions
    assert plan(questions, "leadership-without-title", 3) == [
        "leadership-without-title",
        "conflict-with-coworker",
        "failure",  # not disagree-with-manager: it asks "whose call?" as the conflict does
    ]
    whole = plan(questions, "failure", 10)
    assert whole[0] == "failure" and sorted(whole) == sorted(q.id for q in questions)


def test_the_status_says_which_question_and_the_time_used_against_five_minutes_each():
    loop = Loop(["a", "b", "c"], started=100.0)
    assert loop.status(100.0) == "Question 1 of 3 · 0:00 of 15:00"
    assert loop.advance() == "b" and loop.has_next
    assert loop.status(100.0 + 6 * 60 + 10) == "Question 2 of 3 · 6:10 of 15:00"
    assert loop.finish("b", 40) is True
    loop.advance()
    assert not loop.has_next and loop.finish("c", None) is False
    assert loop.status(100.0 + 16 * 60).endswith("16:00 of 15:00 · over time")


def test_loop_flag_defaults_to_three_questions_as_the_start_screen_does():
    parser = build_parser()
    assert parser.parse_args(["interview", "--loop"]).loop == 3 == DEFAULT_SIZE
    assert parser.parse_args(["interview", "--loop", "2"]).loop == 2
    assert parser.parse_args(["interview"]).loop is None


def test_loop_mistakes_end_in_one_line():
    from tests.conftest import run_cli

    for args, message in (
        (("--loop", "0"), "at least 1"),
        (("--loop", "--replies", "-"), "--loop runs in the app"),
    ):
        done = run_cli("interview", *args, input="", timeout=30)
        err = done.stderr.decode()
        assert done.returncode == 2 and message in err and len(err.strip().splitlines()) == 1
