"""A full loop is recorded as one unit: one entry in the sessions list with its questions in
order, exported, deleted and resumed whole, while each question stays a session of its own
(its scorecard, replay, fork and progress are per question). Older databases upgrade."""

from __future__ import annotations

import json
import sqlite3

import pytest

from interviewer.errors import UserError
from interviewer.sessions import loops
from interviewer.sessions.progress import progress
from interviewer.sessions.schema import MIGRATIONS
from interviewer.sessions.store import SCHEMA_VERSION, SessionStore, default_path
from tests.conftest import run_cli
from tests.test_sessions_store import fb

PLAN = ["failure", "leadership-without-title", "conflict-with-coworker"]


def _question(s, loop_id, index, score, reply, finish=True, seconds=200.0):
    """One question of a loop as the app saves it: a reply, its critique, then the end."""
    sid = s.start("interview", "technical", "mid", PLAN[index], "offline",
                  loop=(loop_id, index, PLAN))  # fmt: skip
    t = s.save_reply(sid, 0, "answer", None, f"Question {PLAN[index]}?", reply)
    s.save_feedback(t, fb("weak", score), 5.0)
    if finish:
        s.finish(sid, score, seconds)
    return sid


def _loop(s, answered: int = 3, last_finished: bool = True) -> list[int]:
    """A loop of PLAN with its first `answered` questions recorded."""
    ids = [_question(s, None, 0, 40, "I shipped it untested. marker-q1")]
    for i in range(1, answered):
        finish = last_finished or i < answered - 1
        ids.append(_question(s, ids[0], i, 60 if i == 1 else 50, f"reply marker-q{i + 1}", finish))
    return ids


@pytest.fixture
def store(tmp_path):
    s = SessionStore(tmp_path / "sessions.db")
    yield s
    s.close()


def test_a_loop_is_one_entry_with_its_questions_in_order(store):
    single = store.start("drill", None, None, "failure", "offline")
    ids = _loop(store)
    after = store.start("interview", None, None, "failure", "offline")
    listed = loops.entries(store.list(with_turns=False))
    assert [e.id for e in listed] == [after, ids[0], single]  # the loop where it started
    loop = listed[1]
    assert isinstance(loop, loops.LoopRecord)
    assert [(qid, rec.id) for _, qid, rec in loop.slots()] == list(zip(PLAN, ids, strict=True))
    assert loop.final_score == 50 and loop.finished and loop.answered == 3
    assert loop.summary() == (
        "failure 40/100 · leadership-without-title 60/100 · conflict-with-coworker 50/100; "
        "overall 50/100; 10:00 of 15:00"
    )
    # each question is still a session of its own: progress counts each for its question
    per_question = progress(store.list(with_turns=True))["questions"]
    assert {"failure", "leadership-without-title", "conflict-with-coworker"} <= set(per_question)


def test_an_unfinished_loop_knows_the_questions_still_to_come(store):
    ids = _loop(store, answered=2, last_finished=False)
    loop = loops.unfinished(store)
    assert loop is not None and loop.id == ids[0] and not loop.finished
    assert loop.current == 1 and loop.finished_at is None
    assert [rec and rec.id for _, _, rec in loop.slots()] == [ids[0], ids[1], None]
    assert loop.questions[1].turns[0].reply == "reply marker-q2"  # with its turns, to resume
    assert "leadership-without-title unfinished · conflict-with-coworker not answered" in (
        loop.summary()
    )
    store.finish(ids[1], 70, 100.0)
    assert loops.unfinished(store).current == 2  # between questions: the next one is due
    _question(store, ids[0], 2, 30, "done")
    assert loops.unfinished(store) is None


def test_any_question_finds_its_whole_loop_and_a_single_session_none(store):
    ids = _loop(store)
    single = store.start("interview", None, None, "failure", "offline")
    for sid in ids:
        assert [q.id for q in loops.find(store, sid).questions] == ids
    assert loops.find(store, single) is None


def test_deleting_any_question_of_a_loop_deletes_the_whole_loop(store):
    keep = store.start("interview", None, None, "failure", "offline")
    ids = _loop(store)
    fork = store.fork(ids[1], 0)  # a re-answer of a loop question is a session of its own
    assert store.get(fork).loop_id is None
    assert store.delete([ids[1]]) == (3, 3)
    assert [r.id for r in store.list(with_turns=False)] == [fork, keep]
    _loop(store)
    assert store.delete(None)[0] == 5  # --all: loops and all


def test_a_version_1_database_upgrades_in_place_keeping_everything(tmp_path):
    path = tmp_path / "sessions.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[1])  # the schema as version 1 wrote it
    db.execute(
        "INSERT INTO sessions (started_at, mode, focus, level, question_id, model, finished_at,"
        " final_score) VALUES ('2024-05-01T10:00:00+00:00', 'interview', 'technical', 'mid',"
        " 'failure', 'offline', '2024-05-01T10:05:00+00:00', 44)"
    )
    db.execute(
        "INSERT INTO turns (session_id, idx, kind, prompt, reply, submitted_at, feedback)"
        " VALUES (1, 0, 'answer', 'Tell me about a failure.', 'old reply', 'then', ?)",
        (json.dumps(fb("weak", 44)),),
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()

    s = SessionStore(path)
    old = s.get(1)
    assert (old.final_score, old.turns[0].reply, old.turns[0].feedback["score"]) == (
        44,
        "old reply",
        44,
    )
    assert old.loop_id is None and "loop_id" not in old.as_dict()  # reads as it did
    ids = _loop(s)  # and loops can be saved beside it
    assert [e.id for e in loops.entries(s.list())] == [ids[0], 1]
    s.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_a_database_from_a_newer_version_is_still_refused(tmp_path):
    path = tmp_path / "sessions.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("CREATE TABLE future (x)")
    db.commit()
    db.close()
    with pytest.raises(UserError, match="newer version"):
        SessionStore(path).list()


# -- the commands a user runs ----------------------------------------------------------------


@pytest.fixture
def seeded(isolated_home):
    s = SessionStore()
    single = s.start("interview", "technical", "mid", "failure", "offline")
    t = s.save_reply(single, 0, "answer", None, "Tell me about a failure.", "alone marker-single")
    s.save_feedback(t, fb("weak", 35), 5.0)
    s.finish(single, 35)
    ids = _loop(s, answered=2)
    s.close()
    return {"single": single, "loop": ids}


def test_sessions_json_lists_a_loop_as_one_entry_with_its_members(seeded):
    res = run_cli("sessions", "--format", "json")
    assert res.returncode == 0, res.stderr.decode()
    rows = json.loads(res.stdout)
    assert [r["id"] for r in rows] == [seeded["loop"][0], seeded["single"]]
    single, loop = rows[1], rows[0]
    assert "loop" not in single and single["final_score"] == 35  # unchanged for one session
    assert loop["final_score"] == 50 and loop["finished_at"] is None and loop["answered"] == 2
    members = loop["loop"]["questions"]
    assert [m["question_id"] for m in members] == PLAN
    assert [m["session"] and m["session"]["id"] for m in members] == [*seeded["loop"], None]
    assert [m["session"]["final_score"] for m in members[:2]] == [40, 60]
    assert loop["loop"]["size"] == 3 and loop["loop"]["budget_s"] == 900


def test_sessions_text_shows_the_loop_and_each_question_with_its_score(seeded):
    res = run_cli("sessions")
    lines = res.stdout.decode().splitlines()
    head = lines[1]
    assert head.startswith(str(seeded["loop"][0])) and "loop" in head and "50" in head
    assert "unfinished: 2 of 3 questions" in head
    assert "1. failure" in lines[2] and "40" in lines[2]
    assert "2. leadership-without-title" in lines[3] and "60" in lines[3]
    assert "3. conflict-with-coworker" in lines[4] and "not answered" in lines[4]
    assert lines[5].startswith(str(seeded["single"]))


@pytest.mark.parametrize("which", [0, 1])
def test_export_of_a_loop_by_any_question_has_every_question_in_order(seeded, which):
    sid = seeded["loop"][which]
    md = run_cli("export", str(sid)).stdout.decode()
    assert md.startswith(f"# Full loop: loop {seeded['loop'][0]}")
    assert "Overall 50/100" in md and "time 6:40 of 15:00" in md
    assert md.index("marker-q1") < md.index("marker-q2")
    assert md.count("## Scorecard") == 2 and "conflict-with-coworker: not answered" in md
    data = json.loads(run_cli("export", str(sid), "--format", "json").stdout)
    assert data["loop"]["id"] == seeded["loop"][0] and data["loop"]["overall"] == 50
    assert [q["question_id"] for q in data["questions"]] == PLAN
    assert [q["session"] and q["session"]["id"] for q in data["questions"]] == [
        *seeded["loop"],
        None,
    ]
    assert all(q["scorecard"]["overall"] is not None for q in data["questions"][:2])


def test_export_of_a_single_session_is_unchanged(seeded):
    data = json.loads(run_cli("export", str(seeded["single"]), "--format", "json").stdout)
    assert set(data) == {"session", "scorecard"} and "loop_id" not in data["session"]


def test_delete_of_a_loop_question_deletes_the_whole_loop(seeded):
    res = run_cli("sessions", "delete", str(seeded["loop"][1]), "--yes")
    assert res.returncode == 0 and "deleted 2 sessions" in res.stderr.decode()
    rows = json.loads(run_cli("sessions", "--format", "json").stdout)
    assert [r["id"] for r in rows] == [seeded["single"]]
    assert default_path().exists()
