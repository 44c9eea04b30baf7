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
sys.path.insert(0, str(ROOT))

from tests.user_pack import write_user_pack  # noqa: E402


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pack-train-"))
    path = write_user_pack(folder, full=22, per_followup=6)
    picked = yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]
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
