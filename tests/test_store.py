"""The exemplar index: built on first use, reused, rebuilt when stale or damaged."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import sys

import numpy as np
import pytest

from interviewer.bank import documents
from interviewer.config import load_settings
from interviewer.knowledge import default_pack_dir, load_knowledge
from interviewer.store import ExemplarStore
from tests.conftest import packs_with_two_weak_escalation_exemplars, run_cli


def _store(packs=None, messages=None):
    return ExemplarStore(
        load_knowledge(packs),
        load_settings(),
        progress=(messages.append if messages is not None else lambda m: None),
    )


@pytest.mark.fresh_home
def test_first_open_builds_then_reuses(isolated_home):
    first = _store()
    assert first.rebuilt and (isolated_home / "data" / "index").is_dir()
    second = _store()
    assert not second.rebuilt and second.name == first.name


def test_pack_change_rebuilds_the_index(tmp_path):
    packs = tmp_path / "packs"
    shutil.copytree(default_pack_dir(), packs)
    before = _store(packs)
    packs = packs_with_two_weak_escalation_exemplars(tmp_path / "changed")
    after = _store(packs)
    assert after.rebuilt and after.name != before.name
    hits = after.query("I opened a ticket in their Jira queue", followup="escalation", k=2)
    assert hits.weak[0].id == "escalation-weak-2"


@pytest.mark.fresh_home
def test_garbage_index_is_rebuilt_and_said(isolated_home):
    _store()
    index = isolated_home / "data" / "index"
    for f in index.rglob("*"):
        if f.is_file():
            f.write_bytes(b"garbage" * 100)
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    said: list[str] = []
    again = _store(messages=said)
    assert again.query("I fixed it myself", followup="impact").strong
    assert any("rebuil" in m for m in said)


def test_weak_slack_answer_is_the_nearest_weak_escalation_exemplar(warm_home):
    res = run_cli(
        "exemplars",
        "I pinged their on-call in Slack and they took care of it",
        "--followup",
        "escalation",
        "--format",
        "json",
    )
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert "escalation-weak" in data["weak"][0]["id"] and data["weak"][0]["why"]
    assert data["strong"][0]["score"] < data["weak"][0]["score"]


def test_exemplars_rejects_bad_arguments_in_one_line():
    res = run_cli("exemplars", "text", "--followup", "charisma")
    assert res.returncode == 2 and b"Traceback" not in res.stderr
    res = run_cli("exemplars", "   ")
    assert res.returncode == 2 and b"empty" in res.stderr


@pytest.mark.fresh_home
def test_first_build_is_silent_for_scripts_so_json_stays_parseable(isolated_home):
    res = run_cli(
        "exemplars", "I pinged their on-call", "--followup", "escalation", "--format", "json"
    )
    assert res.returncode == 0 and res.stderr == b""
    assert json.loads(res.stdout)["weak"]
    assert (isolated_home / "data" / "index").is_dir()


def test_review_ranks_exemplars_once_a_pack_has_more_than_one_to_choose_from(
    isolated_home, tmp_path
):
    from interviewer.feedback import FeedbackService

    packs = packs_with_two_weak_escalation_exemplars(tmp_path)
    reply = "I opened a ticket in their Jira queue"
    seed = FeedbackService(load_knowledge(), load_settings()).review(reply, None, "escalation")
    assert seed.exemplars.weak[0].score is not None  # the seed's bank: ranked for the reply
    service = FeedbackService(load_knowledge(packs), load_settings())
    fb = service.review(reply, None, "escalation")
    assert fb.exemplars.weak[0].id == "escalation-weak-2" and fb.exemplars.weak[0].score > 0


def test_an_unreachable_server_falls_back_to_the_local_index(isolated_home, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens once it is closed
    monkeypatch.setenv("INTERVIEWER_CHROMA_URL", url)
    said: list[str] = []
    store = _store(messages=said)
    assert not store.remote and store.fallback_reason.startswith(
        f"cannot reach the Chroma server at {url}"
    )
    assert said.count(f"{store.fallback_reason}; using the local exemplar index") == 1
    assert store.query("I pinged their on-call", followup="escalation").weak
    assert (isolated_home / "data" / "index").is_dir()


class _Terminal(io.StringIO):
    """stderr as a terminal: what a person running a command sees."""

    def isatty(self) -> bool:
        return True


class _QuickEmbedder:
    """Fixed unit vectors, so a build takes a moment: this is about what the build shows."""

    def embed(self, texts):
        return np.tile(np.eye(1, 384, dtype=np.float32), (len(texts), 1))


@pytest.mark.fresh_home
def test_first_build_at_a_terminal_draws_a_bar_then_says_it_is_ready(monkeypatch, capsys):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    docs = ExemplarStore(load_knowledge(), load_settings(), embedder=_QuickEmbedder())
    assert docs.rebuilt
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.getvalue())  # colours, cursor moves
    count = len(documents(load_knowledge()))
    assert "building the exemplar index" in shown and f"{count}/{count} exemplars" in shown
    assert shown.rstrip().splitlines()[-1].startswith("interviewer: exemplar index ready in")
    assert capsys.readouterr().out == ""


@pytest.mark.fresh_home
def test_an_app_that_shows_progress_itself_gets_lines_not_a_bar(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    said: list[str] = []
    ExemplarStore(load_knowledge(), load_settings(), _QuickEmbedder(), progress=said.append)
    assert terminal.getvalue() == ""
    assert said[0].startswith("building the exemplar index (") and "ready in" in said[-1]
