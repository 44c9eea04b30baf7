"""`interviewer score`: the command contract scripts depend on, clause by clause."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.replies import DIMENSION_IDS

WEAK_FULL = (
    "We had an issue where some webhooks were failing. I told the Platform team about it. "
    "They looked into it and fixed the problem, and the team was happy. "
    "I learned that communication is important."
)
STRONG_FULL = (
    "Our checkout emails were silently failing for about 2% of orders. The mailer belonged to the "
    "Notifications team, not mine, and nobody had filed a ticket or asked me to look. I pulled a "
    "week of bounce logs, traced the failures to an expired DKIM key on one sending domain, "
    "wrote a rotation script with an alert, and brought the fix to their lead ready to merge. "
    "Failures went "
    "from 2% to 0.01%, which finance estimated at $12K a month in orders that no longer needed "
    "support follow-up. The Notifications team made my key-rotation alert the standard for all "
    "sending domains. What I learned is that certificate expiry had no owner between security and "
    "the mail team, so I now ask who owns every expiring credential when I join a project."
)


def _json(res):
    assert res.returncode == 0, res.stderr.decode()
    return json.loads(res.stdout)


@pytest.fixture
def home(warm_home):
    return warm_home


def test_full_answer_json_has_the_seven_dimensions_with_verbatim_evidence(home):
    out = _json(run_cli("score", "--format", "json", "--no-llm", input=STRONG_FULL))
    assert out["question"] == "leadership-without-title" and out["followup"] is None
    assert list(out["dimensions"]) == list(DIMENSION_IDS)
    assert out["verdict"] in ("strong", "weak") and 0 <= out["score"] <= 100
    for dim in out["dimensions"].values():
        assert isinstance(dim["met"], bool) and isinstance(dim["advice"], str)
        assert all(ev in STRONG_FULL for ev in dim["evidence"])
    assert out["exemplars"]["strong"] and out["exemplars"]["weak"]
    assert out["model"] == "offline"


def test_strong_story_outscores_the_weak_one(home):
    strong = _json(run_cli("score", "--format", "json", input=STRONG_FULL))
    weak = _json(run_cli("score", "--format", "json", input=WEAK_FULL))
    assert strong["score"] > weak["score"]
    assert weak["verdict"] == "weak"
    assert not weak["dimensions"]["ownership_language"]["met"]


def test_followup_reply_is_judged_on_that_followup(home):
    out = _json(
        run_cli(
            "score",
            "--followup",
            "escalation",
            "--format",
            "json",
            input="I did escalate it - I sent them a Slack message and they handled it.",
        )
    )
    assert out["followup"] == "escalation" and out["verdict"] == "weak"
    weak_ex = out["exemplars"]["weak"][0]
    assert "Slack" in weak_ex["text"] and weak_ex["why"]


def test_text_output_is_readable_and_names_the_model(home, tmp_path):
    f = tmp_path / "reply.txt"
    f.write_text(WEAK_FULL)
    res = run_cli("score", str(f))
    out = res.stdout.decode()
    assert res.returncode == 0
    assert "offline" in out and "Verdict: WEAK" in out and "Ownership language" in out


def test_jsonl_keeps_order_echoes_ids_and_reports_bad_lines(home):
    lines = [
        json.dumps({"id": "a", "text": WEAK_FULL, "followup": None}),
        "{not json",
        json.dumps(
            {
                "id": "c",
                "text": "I sent a Slack message and they fixed it.",
                "followup": "escalation",
            }
        ),
        json.dumps({"id": "d", "text": "   "}),
        json.dumps({"id": "e", "text": "It went well.", "followup": "charisma"}),
        json.dumps({"id": "f", "text": STRONG_FULL}),
    ]
    res = run_cli("score", "--format", "jsonl", input="\n".join(lines) + "\n")
    assert res.returncode == 1
    outs = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert [o.get("id", o.get("line")) for o in outs] == ["a", 2, "c", "d", "e", "f"]
    assert "error" in outs[1] and "error" in outs[3] and "charisma" in outs[4]["error"]
    assert outs[2]["followup"] == "escalation" and outs[5]["verdict"] in ("strong", "weak")


def test_jsonl_with_only_good_lines_exits_0(home):
    res = run_cli(
        "score", "--format", "jsonl", input=json.dumps({"id": "x", "text": WEAK_FULL}) + "\n"
    )
    assert res.returncode == 0 and json.loads(res.stdout)["id"] == "x"
    assert res.stderr == b""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize(
    ("args", "data", "needle"),
    [
        ((), b"", "empty"),
        ((), b"  \n\t \n", "empty"),
        ((), b"I fixed \xff\xfe it\n", "UTF-8"),
        (("/nonexistent/reply.txt",), None, "cannot read"),
        (("/",), None, "directory"),
        (("--followup", "charisma"), b"x", "unknown follow-up 'charisma'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, data, needle):
    res = run_cli("score", *args, input=data)
    err = res.stderr.decode().strip()
    assert res.returncode == 2
    assert "Traceback" not in err and err.count("\n") == 0 and needle in err


def test_help_does_not_import_the_heavy_stack():
    code = (
        "import sys\nfrom interviewer.cli import main\n"
        "try:\n    main(['score', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('chromadb', 'onnxruntime', 'tokenizers', 'numpy', 'textual') "
        "if m in sys.modules]\nassert not heavy, heavy\n"
    )
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert res.returncode == 0, res.stderr.decode()


def test_offline_score_imports_no_model_or_ui_stack(home, tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(WEAK_FULL)
    code = (
        "import sys, io, contextlib\nfrom interviewer.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    rc = main(['score', {str(f)!r}])\n"
        "assert rc == 0, rc\n"
        "bad = [m for m in ('langchain_openai', 'openai', 'langchain_core', 'sklearn', 'textual', "
        "'langchain_chroma') if m in sys.modules]\nassert not bad, bad\n"
    )
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert res.returncode == 0, res.stderr.decode()


def test_jsonl_draws_a_bar_at_a_terminal_and_writes_the_same_stdout_as_in_a_pipe(home, tmp_path):
    import os
    import pty
    import re
    import subprocess
    import sys

    replies = tmp_path / "replies.jsonl"
    replies.write_text(
        "".join(json.dumps({"id": str(i), "text": WEAK_FULL}) + "\n" for i in range(3))
    )
    command = [sys.executable, "-m", "interviewer", "score", str(replies), "--format", "jsonl"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    out, _ = proc.communicate(timeout=90)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 0 and len(out.splitlines()) == 3
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode())  # colours, cursor moves
    assert "scoring" in shown and "3/3 lines" in shown  # a file's lines are counted first
    assert "interviewer: scored 3 lines in" in shown
    piped = run_cli("score", str(replies), "--format", "jsonl")
    assert piped.returncode == 0 and piped.stderr == b""  # no bar, no summary in a pipe
    assert piped.stdout == out  # the bar never reaches the JSON a script reads


def test_a_batch_gives_each_reply_the_same_critique_as_scoring_it_alone(home):
    """A batch is shared by forked worker processes once it is long enough; the result must
    not depend on whether a reply was scored alone or in a batch, nor on its place in it."""
    replies = [
        ("full", None, STRONG_FULL),
        ("esc", "escalation", "I sent a Slack message and they fixed it."),
        ("code", "their_code", "It was their code, but I wrote the patch and a test myself."),
        ("why", "motivation", "Nobody else was going to, and it cost us 40 tickets a week."),
    ]
    batch = "".join(
        json.dumps({"id": f"{rid}-{n}", "text": text, "followup": fu}) + "\n"
        for n in range(4)
        for rid, fu, text in replies
    )
    res = run_cli("score", "--format", "jsonl", input=batch)
    lines = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert [o["id"] for o in lines] == [f"{r}-{n}" for n in range(4) for r, _, _ in replies]
    outs = {o.pop("id"): o for o in lines}
    for n in (1, 2, 3):
        assert all(outs[f"{r}-{n}"] == outs[f"{r}-0"] for r, _, _ in replies)
    outs = {k.removesuffix("-0"): v for k, v in outs.items() if k.endswith("-0")}
    for rid, fu, text in replies:
        alone = _json(
            run_cli("score", "--format", "json", *(["--followup", fu] if fu else []), input=text)
        )
        alone.pop("model")
        # similarity may differ in the last float bits between batch shapes
        batched, single = _similarities(outs[rid]), _similarities(alone)
        assert [s is None for s in batched] == [s is None for s in single], rid
        assert [s or 0.0 for s in batched] == pytest.approx([s or 0.0 for s in single], abs=1e-3)
        assert outs[rid] == alone, rid
        # The seed's bank is ranked for every reply, in a batch as alone.
        assert all(isinstance(x, float) for x in batched), rid


def _similarities(obj: dict) -> list:
    """Pops the exemplars' similarity scores out of a result (None where nothing was ranked)."""
    return [h.pop("score") for label in ("strong", "weak") for h in obj["exemplars"][label]]


def test_score_never_claims_a_model_wrote_it(home):
    """score is deterministic and never calls a model: a configured one is not named."""
    env = {"INTERVIEWER_MODEL": "stub-7b", "INTERVIEWER_BASE_URL": "http://127.0.0.1:9/v1"}
    text = run_cli("score", "-", input=STRONG_FULL, env=env)
    assert text.returncode == 0 and "(offline)" in text.stdout.decode()
    assert "stub-7b" not in text.stdout.decode()
    out = run_cli("score", "-", "--format", "json", input=STRONG_FULL, env=env)
    assert json.loads(out.stdout)["model"] == "offline"


@pytest.mark.parametrize("command", ["score", "rewrite"])
def test_at_a_terminal_it_says_it_is_reading_the_reply(home, command):
    """Waiting silently on a terminal looks like a hang: it says how to end the reply."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "interviewer", command],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    os.write(master, b"I fixed the export myself and failures went from 7 to 0.\n\x04")
    out, err = proc.communicate(timeout=90)
    os.close(master)
    assert proc.returncode == 0, err
    assert err.decode().splitlines()[0] == (
        "interviewer: reading your reply from the terminal; end it with Ctrl+D"
    )
    assert out
