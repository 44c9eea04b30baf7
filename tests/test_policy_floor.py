"""The interviewer's first follow-up on first answers it was never fitted to may not drop below
a floor, and the policy's promises hold on every one of them: every strong answer is probed, no
follow-up answered strongly is asked again, every quote is verbatim. The floors sit just under
the figures benchmarks/data/README.md reports; raise them when the policy improves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import policy as bench  # noqa: E402

from interviewer.knowledge import load_knowledge  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
FLOORS = {
    "policy_heldout_m.yaml": 0.90,
    "policy_heldout_t.yaml": 0.85,
    "policy_heldout_zb.yaml": 0.775,
    "policy_heldout_zc.yaml": 0.85,
    "policy_heldout_zd.yaml": 0.825,
    "policy_heldout_ze.yaml": 0.90,
    "policy_heldout_ta.yaml": 0.825,
    "policy_heldout_tb.yaml": 0.80,
    # strong answers only, with no replies to follow-ups: the first follow-up alone
    "policy_strong_sc.yaml": 0.65,
    "policy_strong_sd.yaml": 0.50,
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_first_follow_up_on_held_out_answers_stays_above_its_floor(name):
    question = load_knowledge().question("leadership-without-title")
    items = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))

    def runner(item, focus, level):
        return bench._in_process(question, item, focus, level)

    result = bench.measure(items, runner, "outcome", "mid")
    assert result["acceptable_first"] >= FLOORS[name], (name, result["misses"])
    probed, strong = result["strong_probed"].split("/")
    assert probed == strong
    assert result["repeated_after_strong"] == 0
    assert result["quotes_not_verbatim"] == 0, result["bad_quotes"]
