"""`interviewer sessions`, `export` and `progress` as a user runs them (separate processes)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.sessions.store import SCHEMA_VERSION, SessionStore, default_path
from tests.conftest import run_cli
from tests.test_sessions_store import Q, fb

HOSTILE = (
    "We had a bug in the payments team's service. I sent them a [bold]Slack[/] message.\n"
    "```\nrm -rf /\n```\n"
    "# not a heading\n"
    "| not | a | table |\n"
    "<script>alert(1)</script> `tick` ````four````\n"
    "    indented line\n"
    "> not a quote, *not emphasis* 🚀 שלום\n"
)


def _out(res) -> str:
    return res.stdout.decode("utf-8")


def _err(res) -> str:
    return res.stderr.decode("utf-8")


def _one_clear_line(res) -> str:
    err = _err(res)
    assert res.returncode == 2, (res.returncode, err)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.fixture
def seeded():
    """Three sessions: a finished interview, a drill, and an unfinished fork of the first."""
    s = SessionStore()
    a = s.start("interview", "technical", "mid", Q, "offline")
    t = s.save_reply(
        a, 0, "answer", None, "Tell me about a time you led without the title.", HOSTILE
    )
    s.save_feedback(t, fb("weak", 35), 20.0)
    t = s.save_reply(a, 1, "followup", "escalation", "Did you just escalate it?", "I did escalate.")
    s.save_feedback(t, fb("weak", 30, "escalation", {"owned_action": False}), 2.0)
    t = s.save_reply(
        a,
        2,
        "followup",
        "escalation",
        "Did you just escalate it?",
        "No: I wrote the fix myself and cut errors from 4% to 0.1%.",
    )
    s.save_feedback(t, fb("strong", 85, "escalation", {"owned_action": True}), 2.0)
    s.finish(a, 58)
    b = s.start("drill", "customer", "senior", Q, "offline")
    t = s.save_reply(b, 0, "followup", "impact", "What was the impact?", "Churn fell 2 points.")
    s.save_feedback(t, fb("strong", 90, "impact", {"metric": True}), 2.0)
    s.finish(b, 90)
    c = s.fork(a, 1)
    t = s.save_reply(c, 1, "followup", "escalation", "Did you just escalate it?", "Not critiqued")
    s.close()
    return {"interview": a, "drill": b, "fork": c}


def test_sessions_json_lists_newest_first(seeded):
    res = run_cli("sessions", "--format", "json")
    assert res.returncode == 0, _err(res)
    rows = json.loads(_out(res))
    assert [r["id"] for r in rows] == [seeded["fork"], seeded["drill"], seeded["interview"]]
    first = rows[-1]
    assert (first["mode"], first["focus"], first["level"]) == ("interview", "technical", "mid")
    assert first["answered"] == 3 and first["final_score"] == 58 and first["started_at"]
    assert rows[0]["parent_id"] == seeded["interview"] and rows[0]["final_score"] is None


def test_sessions_text_table(seeded):
    res = run_cli("sessions")
    assert res.returncode == 0, _err(res)
    lines = _out(res).splitlines()
    assert lines[0].split()[:6] == ["ID", "Started", "Mode", "Question", "Focus", "Level"]
    assert lines[1].startswith(str(seeded["fork"])) and "unfinished" in lines[1]
    assert "drill" in lines[2] and "90" in lines[2]


def test_no_sessions_yet():
    res = run_cli("sessions", "--format", "json")
    assert res.returncode == 0 and json.loads(_out(res)) == []
    res = run_cli("sessions")
    assert res.returncode == 0 and "No sessions yet" in _out(res)
    res = run_cli("progress")
    assert res.returncode == 0 and "No critiqued sessions" in _out(res)
    err = _one_clear_line(run_cli("export", "5"))
    assert "no session 5" in err
    assert not default_path().exists()  # reading created nothing


def test_export_markdown_keeps_replies_verbatim(seeded):
    res = run_cli("export", str(seeded["interview"]))
    assert res.returncode == 0, _err(res)
    md = _out(res)
    assert HOSTILE in md
    assert "No: I wrote the fix myself and cut errors from 4% to 0.1%." in md
    assert "Tell me about a time you led without the title." in md
    # the hostile reply sits in a fence longer than any backtick run inside it
    assert "`````text\n" + HOSTILE + "`````" in md
    assert "advice scope\\_boundary" in md and "hand-off" in md and "I owned it" in md
    assert "final score: 58/100" in md and "## Scorecard" in md
    # the app's scorecard: the first answer and the last try at the follow-up, averaged
    assert "**Overall 60/100**; first answer 35/100 (weak)" in md
    assert "(escalation) | 2 | 30 → 85 | strong |" in md
    # the name the app shows, from the pack; the strong follow-up closed it, as in the app
    assert "| Scope boundary | not met | closed by escalation |" in md
    assert "### Turn 1:" in md and "### Turn 0" not in md  # turns count from 1 everywhere


def test_export_markdown_renders_safely(seeded):
    markdown_it = pytest.importorskip("markdown_it")
    md = _out(run_cli("export", str(seeded["interview"])))
    tokens = markdown_it.MarkdownIt("commonmark").parse(md)
    fences = [t.content for t in tokens if t.type == "fence"]
    assert HOSTILE in fences  # the whole reply is one code block: it cannot restyle the report
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "not a heading" not in headings


def test_export_json(seeded):
    res = run_cli("export", str(seeded["interview"]), "--format", "json")
    assert res.returncode == 0, _err(res)
    data = json.loads(_out(res))
    turns = data["session"]["turns"]
    assert turns[0]["reply"] == HOSTILE and turns[0]["feedback"] == fb("weak", 35)
    assert data["session"]["final_score"] == 58
    card = data["scorecard"]  # the app's, as headless mode prints it
    assert (card["mode"], card["answer_score"], card["overall"]) == ("interview", 35, 60)
    dims = {d["id"]: d for d in card["dimensions"]}
    assert dims["scope_boundary"] == {
        "id": "scope_boundary",
        "name": "Scope boundary",
        "met": False,
        "closed_by": "escalation",
    }
    (escalation,) = card["followups"]
    assert escalation["id"] == "escalation" and escalation["tries"] == 2
    assert escalation["scores"] == [30, 85] and escalation["strong"] is True


def test_export_to_file(seeded, tmp_path):
    out = tmp_path / "report.md"
    res = run_cli("export", str(seeded["fork"]), "-o", str(out))
    assert res.returncode == 0, _err(res)
    assert _out(res) == "" and str(out) in _err(res)
    text = out.read_text(encoding="utf-8")
    assert HOSTILE in text and "Not critiqued" in text
    assert f"Re-answer of turn 2 of session {seeded['interview']}" in text
    assert "No critique was saved" in text and "not finished" in text
    err = _one_clear_line(run_cli("export", str(seeded["fork"]), "-o", str(tmp_path)))
    assert "is a directory" in err
    err = _one_clear_line(
        run_cli("export", str(seeded["fork"]), "-o", str(tmp_path / "no" / "such" / "dir" / "r.md"))
    )
    assert "cannot write" in err


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "1.5", "", "٣", "99999999999999999999999"])
def test_bad_and_unknown_ids(seeded, bad):
    res = run_cli("export", bad) if not bad.startswith("-") else run_cli("export", "--", bad)
    err = _one_clear_line(res)
    assert "session id" in err or "no session" in err


def test_unknown_id(seeded):
    assert "no session 404" in _one_clear_line(run_cli("export", "404"))


def test_progress_text_and_json(seeded):
    res = run_cli("progress", "--format", "json")
    assert res.returncode == 0, _err(res)
    data = json.loads(_out(res))
    assert data["sessions"] == 2  # the fork adds no critiqued reply of its own
    dim = data["dimensions"]["scope_boundary"]
    assert (dim["met"], dim["of"], dim["rate"]) == (0, 1, 0.0)
    esc = data["followups"]["escalation"]
    assert (esc["strong"], esc["of"]) == (1, 2)  # the fork's copied turn is not counted twice
    assert data["followups"]["impact"]["rate"] == 1.0
    assert [s["id"] for s in data["by_session"]] == [seeded["interview"], seeded["drill"]]
    res = run_cli("progress")
    assert res.returncode == 0, _err(res)
    text = _out(res)
    assert "Rubric dimension" in text and "Scope boundary" in text and "escalation" in text
    assert "\x1b" not in text  # plain text, no colour codes
    assert "By session" in text  # the chart


def test_sessions_export_and_progress_say_which_question(seeded):
    """A session on another question is named as such: in the list, in the export's header,
    and with a progress row of its own beside the leadership sessions'."""
    s = SessionStore()
    sid = s.start("interview", "outcome", "mid", "failure", "offline")
    prompt = "Tell me about a time you failed. What did you learn?"
    t = s.save_reply(sid, 0, "answer", None, prompt, "I shipped a migration untested.")
    s.save_feedback(t, fb("weak", 30, None, {"owns_failure": True, "changed_since": False}), 2.0)
    s.finish(sid, 30)
    s.close()
    lines = _out(run_cli("sessions")).splitlines()
    assert lines[1].split()[:1] == [str(sid)] and "failure" in lines[1].split()
    assert "leadership-without-title" in lines[-1]
    md = _out(run_cli("export", str(sid)))
    assert f"- Question: {prompt} (failure)" in md
    data = json.loads(_out(run_cli("progress", "--format", "json")))
    assert (data["questions"]["failure"]["passed"], data["questions"]["failure"]["of"]) == (1, 2)
    assert data["questions"]["leadership-without-title"]["sessions"][0]["id"] == seeded["interview"]
    text = _out(run_cli("progress"))
    assert "Question" in text and "failure" in text and "leadership-without-title" in text


@pytest.mark.fresh_home
def test_corrupt_database_is_moved_aside_and_reported(isolated_home):
    path = default_path()
    path.parent.mkdir(parents=True)
    garbage = os.urandom(4096)
    for args in (("sessions",), ("export", "1"), ("progress",)):
        if not path.exists():  # each command finds garbage, moves it aside and says where
            path.write_bytes(garbage)
            path.chmod(0o600)  # private already: the only thing to report is the damage
        err = _one_clear_line(run_cli(*args))
        assert "corrupt" in err and "moved it aside to" in err
        aside = err.split("moved it aside to ")[1].split(" and ")[0]
        assert Path(aside).read_bytes() == garbage
    assert len(list(path.parent.glob("sessions.db.corrupt-*"))) == 3


@pytest.mark.fresh_home
def test_newer_database_is_refused(isolated_home):
    path = default_path()
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    db.commit()
    db.close()
    path.chmod(0o600)
    for args in (("sessions",), ("export", "1"), ("progress", "--format", "json")):
        err = _one_clear_line(run_cli(*args))
        assert "newer version" in err
    assert path.exists()


def test_unusable_home(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    env = {"INTERVIEWER_HOME": str(blocker / "home")}
    res = run_cli("sessions", "--format", "json", env=env)
    assert res.returncode == 0 and json.loads(_out(res)) == []  # nothing recorded there
    assert "no session 1" in _one_clear_line(run_cli("export", "1", env=env))


def test_locked_database_reads_still_work(seeded):
    other = sqlite3.connect(default_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another instance is writing
    try:
        res = run_cli("sessions", "--format", "json")
        assert res.returncode == 0 and len(json.loads(_out(res))) == 3
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_sessions_command_stays_light(seeded):
    code = (
        "import sys; from interviewer.cli import main; main(['sessions']);"
        "bad = {'plotext', 'chromadb', 'textual', 'onnxruntime', 'langchain_core'} & "
        "set(sys.modules); print(sorted(bad))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip().splitlines()[-1] == "[]"


def test_drill_rows_say_which_follow_ups(seeded):
    out = _out(run_cli("sessions"))
    row = next(line for line in out.splitlines() if line.startswith(f"{seeded['drill']} "))
    assert "drill: impact" in row
    rows = json.loads(_out(run_cli("sessions", "--format", "json")))
    by_id = {r["id"]: r for r in rows}
    assert by_id[seeded["drill"]]["followups"] == ["impact"]
    assert by_id[seeded["interview"]]["followups"] == ["escalation"]


def test_export_scorecard_says_which_follow_up_closed_each_gap(isolated_home):
    from interviewer.critic import critique
    from interviewer.knowledge import load_knowledge
    from tests.replies import STRONG

    q = load_knowledge().question(Q)
    s = SessionStore()
    sid = s.start("interview", "technical", "mid", Q, "offline")
    answer = HOSTILE
    t = s.save_reply(sid, 0, "answer", None, q.text, answer)
    s.save_feedback(t, critique(answer, q, None).as_dict(), 1.0)
    reply = STRONG["escalation"]
    t = s.save_reply(sid, 1, "followup", "escalation", "Did you just escalate it?", reply)
    s.save_feedback(t, critique(reply, q, "escalation").as_dict(), 1.0)
    s.finish(sid, 50)
    s.close()
    md = _out(run_cli("export", str(sid)))
    assert "| Rubric dimension | In your answer | After follow-ups |" in md
    assert "| Ownership language | not met | closed by escalation |" in md  # as the app's


@pytest.mark.parametrize(
    "extra", [("--focus", "customer", "--level", "senior"), ("--question", "failure")]
)
def test_the_export_scorecard_is_the_one_the_interview_ended_with(isolated_home, extra):
    """Replayed from the recorded turns, the export's scorecard is the app's: same totals,
    order of fixes and follow-ups, and what closed each gap."""
    from tests.replies import STRONG, WEAK

    said = [HOSTILE, WEAK["escalation"], STRONG["escalation"], STRONG["impact"]]
    res = run_cli(
        "interview", "--replies", "-", *extra, input="".join(json.dumps(r) + "\n" for r in said)
    )
    assert res.returncode == 0, _err(res)
    live = [json.loads(line) for line in _out(res).splitlines()][-1]["scorecard"]
    sid = json.loads(_out(run_cli("sessions", "--format", "json")))[0]["id"]
    exported = json.loads(_out(run_cli("export", str(sid), "--format", "json")))
    assert exported["scorecard"] == live and live["followups"]
    md = _out(run_cli("export", str(sid)))
    assert f"**Overall {live['overall']}/100**" in md
    for fix in live["fixes"]:
        assert fix["name"] in md


def test_an_export_without_the_question_says_why_there_is_no_scorecard(isolated_home):
    s = SessionStore()
    sid = s.start("interview", None, None, "a-retired-question", "offline")
    t = s.save_reply(sid, 0, "answer", None, "What was asked.", "What I said.")
    s.save_feedback(t, fb("weak", 20), 1.0)
    s.close()
    data = json.loads(_out(run_cli("export", str(sid), "--format", "json")))
    assert data["scorecard"] is None and "a-retired-question" in data["scorecard_missing"]
    md = _out(run_cli("export", str(sid)))
    assert "What I said." in md and "_No scorecard: today's knowledge packs have no" in md
