"""The exemplar bank: enough twins per question and field, ranked for the reply, shown as
contrast, and quoted per gap."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from interviewer.critic.dataset import load_items
from interviewer.fields import FIELDS, sketches
from interviewer.knowledge import load_knowledge
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
NURSE = (
    "I'm a nurse on a medical ward. Insulin doses on nights were being missed because the "
    "pharmacy's round sheet listed patients who had moved beds, and nobody owned fixing it. "
    "I rebuilt the sheet from the bed board every evening myself, and missed doses went from "
    "six a week to none in a month."
)


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_every_question_has_a_bank_of_twins_over_the_fields(knowledge):
    for q in knowledge.questions:
        strong, weak = q.answers.strong, q.answers.weak
        assert len(strong) >= 12 and len(weak) >= 12, q.id
        assert len({e.field for e in strong if e.field}) >= 8, q.id
        for f in q.followups:
            assert len([e for e in f.strong if e.field]) >= 6, (q.id, f.id)
            assert len([e for e in f.weak if e.field]) >= 6, (q.id, f.id)
        groups = [(strong, weak)] + [(f.strong, f.weak) for f in q.followups]
        for good, bad in groups:
            by_id = {e.id: e for e in [*good, *bad]}
            for e in [*good, *bad]:
                assert e.field is None or e.field in FIELDS, e.id
                if e.pair:
                    twin = by_id[e.pair]  # the twin exists, in the same list pair
                    assert twin.pair == e.id and twin.field == e.field
                    assert (e in good) != (twin in good)  # one strong, one weak
            assert all(e.why for e in bad)


def _shingles(text: str, n: int = 8) -> set[tuple]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_the_bank_is_not_copied_from_the_labelled_data(knowledge):
    labelled = set()
    files = [*(ROOT / "interviewer" / "critic" / "data").glob("*.yaml")]
    files += [*(ROOT / "benchmarks" / "data").glob("*.yaml")]
    for f in files:
        for it in load_items(f):
            labelled |= _shingles(it["text"])
    for q in knowledge.questions:
        for ex in [e for e in q.all_exemplars() if e.field]:  # the bank (the seed's own are
            # quoted on purpose by the "copied coaching" answers of the labelled data)
            own = _shingles(ex.text)
            shared = own & labelled
            # a stock phrase ("nobody had asked me to look at it") may recur; a copied passage
            # shares a good part of its runs of eight words
            assert len(shared) <= 0.1 * len(own), (ex.id, len(shared), len(own))
    for name, texts in sketches().items():  # what the field model is fitted on, too
        for text in texts:
            own = _shingles(text)
            assert len(own & labelled) <= 0.1 * len(own), (name, text)


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, env={"INTERVIEWER_HOME": str(home)}, timeout=300, text=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


def test_ranking_finds_the_replys_field_and_the_weak_ones_twin(home):
    out = _cli(home, "exemplars", NURSE, "--format", "json", "--k", "2")
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    assert found["strong"][0]["field"] == "healthcare"
    assert found["weak"][0]["field"] == "healthcare"
    assert found["strong"][0]["score"] >= found["strong"][1]["score"]
    twin = found["twin"]
    assert twin["id"] == found["weak"][0]["pair"] and twin["pair"] == found["weak"][0]["id"]
    # Each weak one's twin, in order: the stories the terminal app's exemplar panel turns through.
    assert [t["id"] for t in found["twins"]] == [w["pair"] for w in found["weak"]]


def test_the_field_filter(home):
    out = _cli(home, "exemplars", NURSE, "--field", "retail", "--format", "json", "--k", "3")
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    assert {h["field"] for h in found["strong"] + found["weak"]} == {"retail"}
    bad = _cli(home, "exemplars", NURSE, "--field", "astrology")
    assert bad.returncode == 2 and "unknown field" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_each_gap_quotes_the_nearest_strong_exemplars_line(home):
    out = run_cli(
        "score", "--format", "json", "--no-llm", input=NURSE,
        env={"INTERVIEWER_HOME": str(home)}, timeout=300, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    fb = json.loads(out.stdout)
    nearest = fb["exemplars"]["strong"][0]
    quoted = []
    for d in fb["dimensions"].values():
        m = re.search(r'Here is how a strong answer \((\w[\w-]*)\) says it: "(.+)"$', d["advice"])
        if m:
            assert not d["met"] and m.group(1) == nearest["field"]
            assert m.group(2) in nearest["text"]
            quoted.append(m.group(2))
    assert quoted  # the nurse's answer has gaps, and each is shown in a strong answer's words
