"""Faults while the app is open: the current turn still gets its critique."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from interviewer.config import data_dir, load_settings
from interviewer.feedback import FeedbackService
from interviewer.knowledge import load_knowledge
from tests.conftest import packs_with_two_weak_escalation_exemplars, run_cli

SLACK = "I sent them a Slack message and they handled it."


def _service(tmp_path) -> FeedbackService:
    """A service whose escalation exemplars must be ranked, so every review reads the index
    (with one exemplar of each kind the packs answer directly and the index is not opened)."""
    packs = packs_with_two_weak_escalation_exemplars(tmp_path)
    return FeedbackService(load_knowledge(packs), load_settings(), progress=lambda m: None)


def test_index_destroyed_mid_session_still_critiques_and_says_so(warm_home, tmp_path):
    service = _service(tmp_path)
    first = service.review(SLACK, None, "escalation")
    assert first.exemplars.weak and not first.notes
    # Another process wipes the collection under the open app.
    wipe = (
        "import chromadb, sys; c = chromadb.PersistentClient(path=sys.argv[1]); "
        "[c.delete_collection(x.name) for x in c.list_collections()]"
    )
    subprocess.run([sys.executable, "-c", wipe, str(data_dir() / "index")], check=True)
    second = service.review(SLACK, None, "escalation")
    assert second.critique.verdict == first.critique.verdict == "weak"
    assert second.critique.dimensions == first.critique.dimensions
    assert not second.exemplars.weak
    assert any("exemplars unavailable" in n.lower() for n in second.as_dict()["notes"])


def test_index_directory_deleted_mid_session_never_costs_the_critique(warm_home, tmp_path):
    service = _service(tmp_path)
    first = service.review(SLACK, None, "escalation")
    shutil.rmtree(data_dir() / "index")
    second = service.review(SLACK, None, "escalation")
    assert second.critique == first.critique
    # Chroma may still answer from memory; if it cannot, the user is told why.
    if not second.exemplars.weak:
        assert any("exemplars unavailable" in n.lower() for n in second.notes)


def test_next_start_after_a_deleted_index_rebuilds_it(warm_home):
    shutil.rmtree(data_dir() / "index")
    res = run_cli("exemplars", SLACK, "--followup", "escalation", "--format", "json")
    assert res.returncode == 0
    assert res.stderr == b""  # a routine rebuild says nothing to a script (not a terminal)
    weak = json.loads(res.stdout)["weak"][0]
    assert "escalation-weak" in weak["id"] and weak["score"] is not None
    assert (data_dir() / "index").is_dir()


def test_truncated_index_files_are_rebuilt_on_the_next_start(warm_home):
    for f in (data_dir() / "index").rglob("*"):
        if f.is_file():
            f.write_bytes(f.read_bytes()[:100])
    res = run_cli("exemplars", SLACK, "--followup", "escalation", "--format", "json")
    assert res.returncode == 0, res.stderr.decode()
    assert json.loads(res.stdout)["weak"]
    assert b"rebuilding" in res.stderr
