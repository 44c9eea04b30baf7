"""`interviewer pack new|check|train|schema`: a pack written by a user trains and runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.user_pack import write_user_pack

ROOT = Path(__file__).resolve().parent.parent


def _run(home: Path, *args: str, packs: Path | None = None, stdin: str | None = None, cwd=None):
    env = {"INTERVIEWER_HOME": str(home)}
    if packs is not None:
        env["INTERVIEWER_PACKS_DIR"] = str(packs)
    return run_cli(*args, input=stdin, env=env, timeout=300, cwd=cwd, text=True)


def _user_pack(folder: Path) -> Path:
    return write_user_pack(folder)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("packs")
    path = _user_pack(folder)
    out = _run(folder / "home", "pack", "train", str(path))
    return folder, path, out


def test_pack_train_writes_models_the_app_then_loads(trained):
    folder, path, out = trained
    assert out.returncode == 0, out.stderr
    assert "owns_failure" in out.stdout and "cross-validated" in out.stdout
    assert (folder / "critic" / "owned-a-mistake.model.json").exists()
    assert (folder / "critic" / "owned-a-mistake.yaml").exists()  # a spec written for it
    answer = (
        "Last spring I approved a supplier switch without running the usual test batch, because "
        "I wanted to hit the launch date. That was my call and it was wrong: 300 jars leaked and "
        "we lost a week of sales. Since then I never sign off a new supplier without a test "
        "batch, and in May that check caught a bad seal before anything shipped."
    )
    scored = _run(
        folder / "home",
        "score", "--question", "owned-a-mistake", "--format", "json", "--no-llm",
        packs=folder, stdin=answer,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    dims = json.loads(scored.stdout)["dimensions"]
    assert {"owns_failure", "changed_since", "metric_delta"} <= set(dims)
    check = _run(folder / "home", "pack", "check", str(path), packs=folder)
    assert check.returncode == 0 and check.stdout.strip().endswith(": ok"), check.stdout


def test_a_trained_user_pack_judges_follow_up_replies_before_it_has_cues(trained):
    """`pack train` writes a spec with no cues: replies to its follow-ups are still judged (a
    story is enough to judge), not all "not enough here" at 0."""
    folder, path, _ = trained
    pack = yaml.safe_load(path.read_text(encoding="utf-8"))
    fid = pack["questions"][0]["followups"][0]["id"]
    replies = {ex["label"]: ex["text"] for ex in pack["examples"] if ex.get("followup") == fid}
    scores = {}
    for kind in ("strong", "weak"):
        out = _run(
            folder / "home",
            "score", "--question", "owned-a-mistake", "--followup", fid, "--format", "json",
            packs=folder, stdin=replies[kind],
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        result = json.loads(out.stdout)
        assert not any("not enough" in n for n in result.get("notes", [])), result["notes"]
        scores[kind] = result
    assert scores["strong"]["verdict"] == "strong" and scores["weak"]["verdict"] == "weak"
    assert scores["strong"]["score"] > scores["weak"]["score"]


def test_a_pack_with_no_model_names_the_command_that_trains_it(tmp_path):
    path = _user_pack(tmp_path)
    out = _run(tmp_path / "home", "score", "--no-llm", packs=tmp_path, stdin="I fixed it.")
    assert out.returncode == 2
    line = out.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in line
    assert f"interviewer pack train {path}" in line


def test_pack_new_is_a_valid_scaffold_and_refuses_to_overwrite(tmp_path):
    out = _run(tmp_path / "home", "pack", "new", "handled-feedback", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    path = tmp_path / "handled-feedback.yaml"
    check = _run(tmp_path / "home", "pack", "check", str(path), cwd=tmp_path)
    # the only problem of a fresh scaffold: nothing trained yet, and it says how
    assert check.returncode == 1
    assert check.stdout.count("\n") == 1 and "interviewer pack train" in check.stdout
    again = _run(tmp_path / "home", "pack", "new", "handled-feedback", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr
    train = _run(tmp_path / "home", "pack", "train", str(path))
    assert train.returncode == 2 and "too few examples" in train.stderr
    bad = _run(tmp_path / "home", "pack", "new", "Bad Id", cwd=tmp_path)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_pack_check_reports_every_problem_with_its_line(tmp_path):
    _run(tmp_path / "home", "pack", "new", "handled-feedback", cwd=tmp_path)
    path = tmp_path / "handled-feedback.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    star = next(i for i, t in enumerate(lines) if t.strip() == "star: action")
    lines[star] = lines[star].replace("action", "actions")
    kind = next(i for i, t in enumerate(lines) if t.strip() == "kind: followup")
    lines[kind] = lines[kind].replace("followup", "follow-up")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _run(tmp_path / "home", "pack", "check", str(path))
    assert out.returncode == 1
    found = out.stdout.strip().splitlines()
    assert len(found) == 2
    assert found[0].startswith(f"{path}:{star + 1}: field 'questions.0.dimensions.")
    assert found[1].startswith(f"{path}:{kind + 1}: field 'examples.1.kind'")


def test_a_duplicate_question_id_is_refused(tmp_path):
    packs = tmp_path / "packs"
    shutil.copytree(ROOT / "knowledge", packs, ignore=shutil.ignore_patterns("__*"))
    clone = yaml.safe_load((packs / "failure.yaml").read_text(encoding="utf-8"))
    (packs / "failure-copy.yaml").write_text(yaml.safe_dump(clone), encoding="utf-8")
    out = _run(tmp_path / "home", "score", "--no-llm", packs=packs, stdin="I fixed it.")
    assert out.returncode == 2 and "duplicate id 'failure'" in out.stderr
    check = _run(tmp_path / "home", "pack", "check", str(packs / "failure-copy.yaml"), packs=packs)
    assert check.returncode == 1 and "already used by" in check.stdout


def test_the_shipped_schema_is_the_one_the_loader_validates_with(tmp_path):
    out = _run(tmp_path / "home", "pack", "schema")
    assert out.returncode == 0
    shipped = json.loads((ROOT / "docs" / "pack.schema.json").read_text(encoding="utf-8"))
    assert json.loads(out.stdout) == shipped
    assert "examples" in shipped["properties"] and "Exemplar" in shipped["$defs"]
