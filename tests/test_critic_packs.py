"""Everything question-specific comes from the pack: a pack the critic has no trained model for
is refused at load in one line, never judged silently without it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "knowledge" / "leadership-without-title.yaml"


def _score(home: Path, packs: Path, stdin: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "INTERVIEWER_HOME": str(home), "INTERVIEWER_PACKS_DIR": str(packs)}
    return subprocess.run(
        [sys.executable, "-m", "interviewer", "score", "--no-llm", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _packs(tmp_path: Path, edit=None) -> Path:
    packs = tmp_path / "packs"
    shutil.copytree(ROOT / "knowledge" / "critic", packs / "critic")
    data = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    if edit:
        edit(data["questions"][0])
    (packs / PACK.name).write_text(yaml.safe_dump(data), encoding="utf-8")
    return packs


def test_a_dimension_without_a_model_is_refused_in_one_line(tmp_path):
    def add_dimension(q):
        q["dimensions"].append(
            {"id": "bravery", "name": "Bravery", "star": "action", "guidance": "g", "mistake": "m"}
        )

    out = _score(tmp_path / "home", _packs(tmp_path, add_dimension), "I fixed it myself.")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "bravery" in lines[0]
    assert "interviewer pack train" in lines[0] and "leadership-without-title.yaml" in lines[0]
    assert "Traceback" not in out.stderr


def test_a_followup_without_a_model_is_refused_in_one_line(tmp_path):
    def add_followup(q):
        extra = dict(q["followups"][0], id="timeline", prompt="How long did it take?")
        extra["strong"] = [{"id": "timeline-strong-1", "text": "Two weeks, start to finish."}]
        extra["weak"] = [{"id": "timeline-weak-1", "text": "A while.", "why": "No number."}]
        q["followups"].append(extra)

    out = _score(tmp_path / "home", _packs(tmp_path, add_followup), "I fixed it myself.")
    assert out.returncode == 2
    assert "timeline" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_a_pack_without_critic_files_is_refused(tmp_path):
    packs = _packs(tmp_path)
    shutil.rmtree(packs / "critic")
    out = _score(tmp_path / "home", packs, "I fixed it myself.")
    assert out.returncode == 2 and "critic" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_copied_pack_with_its_critic_files_works_from_a_packs_dir(tmp_path):
    out = _score(tmp_path / "home", _packs(tmp_path), "I fixed it myself.", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["question"] == "leadership-without-title"


def test_each_jsonl_line_may_name_its_question(tmp_path):
    lines = [
        {"id": "a", "text": "I wrote the patch myself and tested it on staging.",
         "question": "leadership-without-title", "followup": "escalation"},
        {"id": "b", "text": "I wrote the patch myself.", "question": "no-such-question"},
    ]  # fmt: skip
    stdin = "\n".join(json.dumps(x) for x in lines) + "\n"
    out = _score(tmp_path / "home", ROOT / "knowledge", stdin, "--format", "jsonl")
    results = [json.loads(x) for x in out.stdout.splitlines()]
    assert results[0]["question"] == "leadership-without-title"
    assert results[1] == {"id": "b", "error": "unknown question 'no-such-question'"}
    assert out.returncode == 1
