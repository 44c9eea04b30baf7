"""`interviewer pack train` on a pack carrying 40 labelled examples, as a whole process.

Run: python benchmarks/pack_train.py      Target: <= 30 s here.
The pack is the failure question's content under a new id, with 22 labelled full answers and
18 follow-up replies (6 per follow-up) from the shipped training data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "interviewer" / "critic" / "data"


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pack-train-"))
    data = yaml.safe_load((ROOT / "knowledge" / "failure.yaml").read_text(encoding="utf-8"))
    q = data["questions"][0]
    q["id"] = "owned-a-mistake"
    for ex in q["answers"]["strong"] + q["answers"]["weak"]:
        ex["id"] = "mine-" + ex["id"]
    for f in q["followups"]:
        for ex in f["strong"] + f["weak"]:
            ex["id"] = "mine-" + ex["id"]
    keep = ("id", "kind", "text", "labels", "evidence", "verdict", "followup", "label", "story")
    full = yaml.safe_load((DATA / "train_bank2_failure_full.yaml").read_text(encoding="utf-8"))
    fus = yaml.safe_load((DATA / "train_bank_failure_followups.yaml").read_text(encoding="utf-8"))
    by_fu: dict[str, list] = {}
    for it in fus:
        by_fu.setdefault(it["followup"], []).append(it)
    picked = full[:22] + [it for items in by_fu.values() for it in items[:3] + items[-3:]]
    data["examples"] = [{k: it[k] for k in keep if k in it} for it in picked]
    path = folder / "owned-a-mistake.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "INTERVIEWER_HOME": str(folder / "home")}
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "interviewer", "pack", "train", str(path)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    took = time.perf_counter() - start
    print(out.stdout + out.stderr)
    print(f"pack train, {len(picked)} examples: {took:.1f} s (target <= 30 s)")


if __name__ == "__main__":
    main()
