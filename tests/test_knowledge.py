"""The knowledge pack loader: the seed's content, and one clear line for a malformed pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from interviewer.errors import UserError
from interviewer.knowledge import default_pack_dir, load_knowledge
from tests.conftest import run_cli
from tests.replies import DIMENSION_IDS

SEED = Path(default_pack_dir()) / "leadership-without-title.yaml"


def test_shipped_pack_holds_the_seed():
    q = load_knowledge().question("leadership-without-title")
    assert [d.id for d in q.dimensions] == list(DIMENSION_IDS)
    assert {f.id: f.prompt for f in q.followups}["escalation"] == "Did you just escalate it?"
    weak_slack = q.followup("escalation").weak[0]
    assert "Slack message" in weak_slack.text and "routing responsibility" in weak_slack.why
    assert [p.id for p in q.personas] == ["outcome", "customer", "technical"]
    assert [lv.id for lv in q.levels] == ["mid", "senior"]
    assert any("team was happy" in (r.quote or "") for r in q.red_flags)
    assert "90 seconds" in q.dimension("situation_concise").mistake


def test_knowledge_lists_the_red_flags_of_each_question():
    """What sinks an answer, with the words that show it, where the questions are listed."""
    text = run_cli("knowledge", text=True).stdout
    lead = text.split("\nconflict-with-coworker:")[0]
    assert "red flags (what sinks an answer):" in lead
    assert '"I told the Platform team": Shows no ownership or action.' in lead
    data = json.loads(run_cli("knowledge", "--format", "json", text=True).stdout)
    flags = {r["id"]: r for r in data["questions"][0]["red_flags"]}
    assert flags["no_quantification"] == {
        "id": "no_quantification",
        "quote": None,
        "why": "No quantification of impact or business effect.",
    }


def _pack(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(SEED.read_text())
    mutate(data)
    d = tmp_path / "packs"
    d.mkdir()
    (d / "bad.yaml").write_text(yaml.safe_dump(data))
    return d


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["questions"][0].pop("text"), "questions.0.text"),
        (lambda d: d["questions"][0].update(dimensions="seven"), "questions.0.dimensions"),
        (lambda d: d["questions"][0]["followups"][0].update(strong=[]), "strong"),
        (
            lambda d: d["questions"][0]["followups"].append(d["questions"][0]["followups"][0]),
            "duplicate id 'escalation'",
        ),
        (lambda d: d["questions"][0]["followups"][0]["weak"][0].pop("why"), "needs a 'why'"),
        (lambda d: d["questions"][0]["followups"][0].update(presses=["charisma"]), "charisma"),
    ],
)
def test_malformed_pack_names_file_and_field(tmp_path, mutate, expected):
    packs = _pack(tmp_path, mutate)
    with pytest.raises(UserError) as err:
        load_knowledge(packs)
    assert "bad.yaml" in str(err.value) and expected in str(err.value)


def test_yaml_that_is_not_a_mapping(tmp_path):
    (tmp_path / "list.yaml").write_text("- just\n- a list\n")
    with pytest.raises(UserError, match=r"list\.yaml: a pack must be a YAML mapping"):
        load_knowledge(tmp_path)


def test_huge_pack_is_refused_before_parsing(tmp_path):
    (tmp_path / "big.yaml").write_bytes(b"a: " + b"x" * 3_000_000)
    with pytest.raises(UserError, match="over the"):
        load_knowledge(tmp_path)


def test_broken_yaml_reports_the_line(tmp_path):
    (tmp_path / "broken.yaml").write_text("pack: x\nquestions: [\n  - id: a\n")
    with pytest.raises(UserError, match=r"broken\.yaml: invalid YAML at line"):
        load_knowledge(tmp_path)


def test_malformed_pack_from_the_command_line_is_one_line_exit_2(tmp_path):
    packs = _pack(tmp_path, lambda d: d["questions"][0].pop("dimensions"))
    res = run_cli("knowledge", env={"INTERVIEWER_PACKS_DIR": str(packs)})
    assert res.returncode == 2
    err = res.stderr.decode().strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert "bad.yaml" in err and "dimensions" in err


def test_knowledge_json_contract():
    res = run_cli("knowledge", "--format", "json")
    assert res.returncode == 0
    q = json.loads(res.stdout)["questions"][0]
    assert q["id"] == "leadership-without-title"
    assert q["dimensions"] == list(DIMENSION_IDS)
    assert {f["id"] for f in q["followups"]} == {"escalation", "their_code", "motivation", "impact"}
    impact = next(f for f in q["followups"] if f["id"] == "impact")
    assert impact["prompt"] == "What was the impact?"
    assert impact["weak"][0] == "The drop rate went down, so it was good."
    assert len(impact["weak"]) >= 7  # the pack's own and its bank's
    assert q["personas"] == ["outcome", "customer", "technical"] and q["levels"] == [
        "mid",
        "senior",
    ]


def test_knowledge_text_summary_is_readable():
    res = run_cli("knowledge")
    out = res.stdout.decode()
    assert res.returncode == 0 and "Did you just escalate it?" in out and "scope_boundary" in out


def test_copy_of_pack_dir_loads_with_same_digest(tmp_path):
    d = tmp_path / "copy"
    shutil.copytree(default_pack_dir(), d)
    assert load_knowledge(d).digest == load_knowledge().digest


def test_knowledge_names_the_folder_the_packs_come_from(tmp_path):
    """A user copying the shipped packs beside their own needs to know where they are."""
    shipped = json.loads(run_cli("knowledge", "--format", "json", text=True).stdout)
    assert Path(shipped["folder"]) == default_pack_dir()
    mine = tmp_path / "packs"
    shutil.copytree(default_pack_dir(), mine)
    res = run_cli("knowledge", env={"INTERVIEWER_PACKS_DIR": str(mine)}, text=True)
    assert res.stdout.strip().splitlines()[-1] == f"(packs read from {mine})"
