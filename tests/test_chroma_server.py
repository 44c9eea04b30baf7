"""The store against a real Chroma server (a team sharing one knowledge base)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
import yaml

from interviewer.config import load_settings
from interviewer.knowledge import default_pack_dir, load_knowledge
from interviewer.store import PREFIX, ExemplarStore
from tests.conftest import packs_with_two_weak_escalation_exemplars, run_cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def chroma_url():
    """The server CI started, or one of our own on a free loopback port."""
    url = os.environ.get("INTERVIEWER_TEST_CHROMA_URL")
    if url:
        yield url.rstrip("/")
        return
    exe = shutil.which("chroma")
    if not exe:
        pytest.skip("no `chroma` server command installed")
    port = _free_port()
    data = tempfile.mkdtemp(prefix="chroma-test-")
    proc = subprocess.Popen(
        [exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", data],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _up(url):
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail("the Chroma server did not start within 30 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)


def _collections(url: str) -> list[str]:
    path = "/api/v2/tenants/default_tenant/databases/default_database/collections"
    with urllib.request.urlopen(url + path, timeout=5) as r:
        return [c["name"] for c in json.load(r)]


@pytest.mark.fresh_home
def test_exemplars_through_a_chroma_server(chroma_url, isolated_home):
    res = run_cli(
        "exemplars",
        "I pinged their on-call in Slack and they took care of it",
        "--followup",
        "escalation",
        "--format",
        "json",
        env={"INTERVIEWER_CHROMA_URL": chroma_url},
    )
    assert res.returncode == 0, res.stderr.decode()
    assert "Slack" in json.loads(res.stdout)["weak"][0]["text"]
    assert any(n.startswith(PREFIX) for n in _collections(chroma_url))
    # Nothing was written to the embedded store: the server holds the index.
    assert not (isolated_home / "data" / "index").exists()


@pytest.mark.fresh_home
def test_score_batch_through_a_chroma_server(chroma_url, isolated_home, tmp_path):
    """Exemplars that must be ranked are ranked by the server; a kind with one exemplar is
    read from the packs; either way nothing is written to a local index."""
    packs = packs_with_two_weak_escalation_exemplars(tmp_path)
    lines = [
        ("a", "I opened a Jira ticket in their queue and moved on.", "escalation"),
        ("b", "It was their code: I wrote the fix and its tests.", "their_code"),
    ]
    res = run_cli(
        "score",
        "--format",
        "jsonl",
        input="".join(json.dumps({"id": i, "text": t, "followup": f}) + "\n" for i, t, f in lines),
        env={"INTERVIEWER_CHROMA_URL": chroma_url, "INTERVIEWER_PACKS_DIR": str(packs)},
    )
    assert res.returncode == 0, res.stderr.decode()
    outs = [json.loads(x) for x in res.stdout.decode().splitlines()]
    ranked, single = outs[0]["exemplars"]["weak"][0], outs[1]["exemplars"]["weak"][0]
    assert ranked["id"] == "escalation-weak-2" and ranked["score"] > 0
    assert "their" in single["id"] and "weak" in single["id"] and single["score"] > 0
    assert not (isolated_home / "data" / "index").exists()


def test_server_index_is_reused_then_rebuilt_when_the_pack_changes(
    chroma_url, tmp_path, monkeypatch
):
    monkeypatch.setenv("INTERVIEWER_CHROMA_URL", chroma_url)
    packs = tmp_path / "packs"
    shutil.copytree(default_pack_dir(), packs)
    first = ExemplarStore(load_knowledge(packs), load_settings(), progress=lambda m: None)
    again = ExemplarStore(load_knowledge(packs), load_settings(), progress=lambda m: None)
    assert again.name == first.name and not again.rebuilt
    path = packs / "leadership-without-title.yaml"
    data = yaml.safe_load(path.read_text())
    data["questions"][0]["followups"][3]["weak"][0]["text"] = "Latency improved a bit, that's all."
    path.write_text(yaml.safe_dump(data))
    changed = ExemplarStore(load_knowledge(packs), load_settings(), progress=lambda m: None)
    assert changed.rebuilt and changed.name != first.name
    hit = changed.query("latency got a little better", followup="impact", k=1).weak[0]
    assert hit.text == "Latency improved a bit, that's all."
    # Teammates on the old packs keep their index on the shared server.
    assert first.name in _collections(chroma_url)


def test_unreachable_server_is_one_line_and_the_local_index_answers(isolated_home):
    url = f"http://127.0.0.1:{_free_port()}"
    res = run_cli(
        "exemplars",
        "I pinged their on-call in Slack and they took care of it",
        "--followup",
        "escalation",
        "--format",
        "json",
        env={"INTERVIEWER_CHROMA_URL": url},
    )
    assert res.returncode == 0, res.stderr.decode()
    lines = res.stderr.decode().splitlines()
    assert len(lines) == 1 and f"cannot reach the Chroma server at {url}" in lines[0]
    assert "local exemplar index" in lines[0]
    assert "Slack" in json.loads(res.stdout)["weak"][0]["text"]
    assert (isolated_home / "data" / "index").is_dir()


@pytest.mark.fresh_home
def test_a_ranked_query_against_a_server_is_one_round_trip(chroma_url, isolated_home, monkeypatch):
    """A full answer (ranked with the reply's field first), a follow-up reply and a batch's
    replies to one question each cost one request to the server once the index is open."""
    import httpx

    monkeypatch.setenv("INTERVIEWER_CHROMA_URL", chroma_url)
    store = ExemplarStore(load_knowledge(), load_settings())
    assert store.remote
    sent: list[str] = []
    real_send = httpx.Client.send

    def counting(self, request, *args, **kwargs):
        sent.append(str(request.url))
        return real_send(self, request, *args, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", counting)
    nurse = "On my ward the night drug round kept missing insulin doses; I rebuilt the sheet."
    found = store.query(nurse, question="leadership-without-title", kind="answer", k=1)
    assert found.strong[0].field == "healthcare" and len(sent) == 1
    sent.clear()
    store.query("I pinged their on-call.", followup="escalation", kind="followup", k=1)
    assert len(sent) == 1
    sent.clear()
    batch = store.query_many([nurse] * 5, question="failure", kind="answer", k=1)
    assert len(batch) == 5 and len(sent) == 1
