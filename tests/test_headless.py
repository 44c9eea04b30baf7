"""`interviewer interview --replies`: the interview without a screen, as a script runs it."""

from __future__ import annotations

import json

from interviewer.sessions.store import SessionStore
from tests.conftest import run_cli
from tests.replies import FULL_STRONG, STRONG

HANDOFF = (
    "The overnight stock sync belonged to the warehouse systems team. It kept failing, so I "
    "opened a ticket and told their manager, and they fixed it the following week."
)


def _run(*lines: str, extra: tuple[str, ...] = ()):
    res = run_cli("interview", "--replies", "-", *extra, input="\n".join(lines) + "\n")
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    return res, rows


def test_each_reply_answers_the_follow_up_announced_before_it():
    first = json.dumps(HANDOFF)
    res, rows = _run(first, json.dumps({"text": STRONG["escalation"]}))
    assert res.returncode == 0, res.stderr
    turns = [r for r in rows if "turn" in r]
    assert [t["turn"] for t in turns] == [1, 2]
    assert turns[0]["followup"] is None and turns[0]["prompt"].startswith("Tell me about")
    assert turns[0]["critique"]["verdict"] == "weak"
    assert turns[1]["followup"] == turns[0]["next"]["followup"]
    assert turns[1]["prompt"] == turns[0]["next"]["prompt"]
    assert turns[1]["reply"] == STRONG["escalation"]
    assert set(turns[1]["critique"]["dimensions"])  # the follow-up's own checks
    assert "scorecard" in rows[-1] and rows[-1]["scorecard"]["answer_score"] is not None
    saved = SessionStore().list()
    assert len(saved) == 1 and [t.reply for t in saved[0].turns] == [HANDOFF, STRONG["escalation"]]
    assert saved[0].finished_at is not None
    assert all(t.feedback for t in saved[0].turns)


def test_a_strong_first_answer_is_still_probed():
    _, rows = _run(json.dumps(FULL_STRONG), extra=("--no-save",))
    assert rows[0]["critique"]["verdict"] == "strong"
    assert rows[0]["next"] is not None and rows[0]["next"]["followup"]


def test_the_interview_ends_with_a_scorecard_and_refuses_replies_after_it():
    replies = [json.dumps(HANDOFF)] + [json.dumps("I escalated it to them again.")] * 8
    res, rows = _run(*replies, extra=("--no-save",))
    turns = [r for r in rows if "turn" in r]
    ended = turns[-1]
    assert ended["next"] is None
    card_at = next(i for i, r in enumerate(rows) if "scorecard" in r)
    assert rows[card_at - 1] is ended
    late = rows[card_at + 1 :]
    assert late and all("error" in r and "already ended" in r["error"] for r in late)
    assert res.returncode == 1
    assert SessionStore().list() == []  # --no-save


def test_bad_lines_become_error_objects_and_the_rest_goes_on():
    res, rows = _run("{not json", "42", '{"text": ""}', json.dumps(HANDOFF), '{"text": ["a list"]}')
    assert res.returncode == 1
    errors = [r for r in rows if "error" in r]
    assert [e["line"] for e in errors] == [1, 2, 3, 5]
    turns = [r for r in rows if "turn" in r]
    assert len(turns) == 1 and turns[0]["reply"] == HANDOFF
    assert b"Traceback" not in res.stderr


def test_replies_from_a_file_and_an_unreadable_file(tmp_path):
    path = tmp_path / "replies.jsonl"
    path.write_text(json.dumps(HANDOFF) + "\n")
    res = run_cli("interview", "--replies", str(path), "--no-save", "--focus", "technical")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout.splitlines()[0])["turn"] == 1
    res = run_cli("interview", "--replies", str(tmp_path / "missing.jsonl"))
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1
    res = run_cli("interview", "--no-save")
    assert res.returncode == 2 and b"--replies" in res.stderr


def test_no_replies_no_session():
    res = run_cli("interview", "--replies", "-", input="\n\n")
    assert res.returncode == 0 and res.stdout == b""
    assert SessionStore().list() == []
