"""`interviewer rewrite`: reads a reply, critiques it offline, streams the coach's rewrite."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import run_cli
from tests.stub_server import StubServer, free_port

REPLY = (
    "I noticed that some payment webhooks were being dropped by a service that belonged to "
    "another team. Nobody had asked me to look at it. I dug through the logs, found a race in "
    "the retry code and wrote a fix with an alert. After my fix the drops stopped."
)
GOOD = {
    "situation": "Some payment webhooks were being dropped by another team's service.",
    "task": "Nobody had asked me to look at it, but I took it on.",
    "action": "I dug through the logs, found a race in the retry code and wrote a fix.",
    "result": "After my fix the drops went from [N%] to zero, worth [$ amount] a week.",
    "reflection": "I learned that [what the race taught you about shared retry code].",
    "placeholders": [],
}


def test_offline_rewrite_prints_the_template_and_says_why(warm_home):
    r = run_cli("rewrite", "-", input=REPLY)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert out.startswith("Your story as a STAR answer (offline template)")
    assert "Task: Nobody had asked me to look at it." in out
    assert "[N%]" in out and "Fill in before you use it:" in out
    assert r.stderr.decode().strip() == (
        "interviewer: no model is configured (set INTERVIEWER_MODEL or --model); "
        "showing the offline STAR template."
    )


def test_rewrite_reads_a_file(warm_home, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(REPLY, encoding="utf-8")
    r = run_cli("rewrite", str(path))
    assert r.returncode == 0 and "Situation:" in r.stdout.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"   \n", "nothing to rewrite"), (b"\xff\xfe bad", "not valid UTF-8")],
)
def test_bad_input_is_one_line_and_exit_2(data, message):
    r = run_cli("rewrite", "-", input=data)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.count("\n") == 1 and message in err


def test_dead_server_continues_offline_with_one_note(warm_home):
    base = f"http://127.0.0.1:{free_port()}"
    r = run_cli("rewrite", "--model", "m", "--base-url", f"{base}/v1", "-", input=REPLY)
    assert r.returncode == 0, r.stderr
    assert "Situation:" in r.stdout.decode()
    # the model wrote none of it, so its name is nowhere above the template
    assert r.stdout.decode().startswith("Your story as a STAR answer (offline template)")
    assert r.stderr.decode() == (
        f"interviewer: The model server at {base} refused the connection; "
        "showing the offline STAR template instead.\n"
    )


def test_model_rewrite_is_streamed_to_stdout(warm_home):
    with StubServer("ok", replies=json.dumps(GOOD)) as srv:
        r = run_cli(
            "rewrite",
            "-",
            input=REPLY,
            env={
                "INTERVIEWER_MODEL": "stub",
                "INTERVIEWER_BASE_URL": srv.base_url,
                "INTERVIEWER_STRUCTURED_OUTPUT": "json_mode",
            },
        )
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert out.startswith("Your story as a STAR answer (written by stub)")
    assert "Result: After my fix the drops went from [N%] to zero" in out
    assert r.stderr == b""


@pytest.mark.parametrize("command", ["rewrite", "score"])
def test_offline_commands_never_import_the_model_stack(warm_home, tmp_path, command):
    path = tmp_path / "reply.txt"
    path.write_text(REPLY, encoding="utf-8")
    code = (
        "import sys\n"
        "from interviewer.cli import main\n"
        f"assert main([{command!r}, {str(path)!r}]) == 0\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in"
        " ('langchain_core', 'langchain_openai', 'openai'))\n"
        "print(bad, file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip().splitlines()[-1] == "[]"
