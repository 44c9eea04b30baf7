"""How often independent coaches agree on the first follow-up, beside how often the interviewer
agrees with them: the ceiling the policy's figures are read against.

Usage: python benchmarks/coach_agreement.py

benchmarks/data/policy_second_coaches.yaml holds two more coaches' blind choices for the
answers of four policy sets. For each answer kind (the strong answers, and the hand-offs,
changes to another team's work, missing numbers and weak motives together) it prints how often
each coach's first follow-up is one the set's writer accepts, how often the two coaches choose
the same one, and the same for the interviewer's first follow-up (run in this process, as
benchmarks/policy.py does): against the writer, and against any of the three coaches.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

DATA = ROOT / "benchmarks" / "data"
SETS = ["policy_heldout_zd", "policy_heldout_ze", "policy_strong_sc", "policy_strong_sd"]


def main() -> int:
    import policy as bench

    from interviewer.knowledge import load_knowledge

    question = load_knowledge().question("leadership-without-title")
    items = {it["id"]: it for s in SETS for it in yaml.safe_load((DATA / f"{s}.yaml").read_text())}
    coaches: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in yaml.safe_load((DATA / "policy_second_coaches.yaml").read_text()):
        coaches[row["coach"]][row["id"]] = row
    names = sorted(coaches)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for iid, item in items.items():
        kind = "strong" if item["category"] == "strong" else "with a gap"
        c = counts[kind]
        c["answers"] += 1
        writer = item["acceptable_first"]
        labels = [coaches[n][iid] for n in names]
        for n, lab in zip(names, labels, strict=True):
            c[f"{n} first accepted by the writer"] += lab["first"] in writer
        c["the two coaches' firsts the same"] += labels[0]["first"] == labels[1]["first"]
        rows = bench._in_process(question, {"text": item["text"]}, "outcome", "mid")
        asked = rows[0]["next"]["followup"] if rows[0]["next"] else None
        anyone = set(writer).union(*(lab["acceptable"] for lab in labels))
        c["interviewer's first accepted by the writer"] += asked in writer
        c["interviewer's first accepted by any of the three"] += asked in anyone
    for kind, c in counts.items():
        n = c.pop("answers")
        print(f"{kind} ({n} answers)")
        for key, v in c.items():
            print(f"  {key}: {v}/{n} = {v / n:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
