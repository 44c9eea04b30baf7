"""Load: score N replies through `score --format jsonl`; throughput and peak memory.

Run: python benchmarks/load.py [--full | --sizes N ...]
Memory must stay flat as the batch grows (the batch is streamed line by line).
With no arguments it scores 100 and then 1,000 replies (about a minute and a half here, on two
cores); --full scores 1,000 and 10,000 (about 12 minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARTS = [
    "I noticed the nightly export was dropping rows for about {n}% of accounts.",
    "The exporter belonged to the data platform team, not mine, and nobody had asked me.",
    "We talked about it and they fixed it eventually.",
    "I wrote the patch, tested it against a week of traffic and brought it to their lead.",
    "Errors went from {n}% to {m}%, which saved support about {h} hours a week.",
    "The team was happy.",
    "Their team adopted my alert for two other jobs.",
    "I learned that communication is important.",
    "The real gap was that nobody owned the export's completeness, so nobody measured it.",
]
FOLLOWUPS = [None, None, "escalation", "their_code", "motivation", "impact"]


def make_batch(path: Path, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with path.open("w") as fh:
        for i in range(n):
            parts = rnd.sample(PARTS, rnd.randint(3, len(PARTS)))
            text = " ".join(parts).format(
                n=rnd.randint(2, 40), m=rnd.randint(0, 1), h=rnd.randint(5, 90)
            )
            fh.write(
                json.dumps({"id": f"r{i}", "text": text, "followup": rnd.choice(FOLLOWUPS)}) + "\n"
            )


def run(n: int, env: dict, work: Path) -> tuple[float, float]:
    src = work / f"batch-{n}.jsonl"
    make_batch(src, n)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    with src.open("rb") as fin, (work / f"out-{n}.jsonl").open("wb") as fout:
        subprocess.run(
            [sys.executable, "-m", "interviewer", "score", "--format", "jsonl"],
            stdin=fin,
            stdout=fout,
            env=env,
            check=True,
        )
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = sum(1 for _ in (work / f"out-{n}.jsonl").open())
    assert lines == n, f"{lines} results for {n} lines"
    return took, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    sizes = ap.add_mutually_exclusive_group()
    sizes.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    sizes.add_argument("--full", action="store_true", help="1,000 and 10,000 replies")
    args = ap.parse_args()
    if args.full:
        args.sizes = [1000, 10000]
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    env = {**os.environ, "INTERVIEWER_HOME": str(work / "home"), "ANONYMIZED_TELEMETRY": "False"}
    subprocess.run(
        [sys.executable, "-m", "interviewer", "exemplars", "warm"],
        env=env,
        capture_output=True,
        check=True,
    )
    # ru_maxrss of children is a high-water mark over all children: run sizes smallest first.
    for n in sorted(args.sizes):
        took, peak_mb = run(n, env, work)
        print(
            f"{n:>6} replies: {took:7.1f} s, {n / took:6.1f} replies/s, peak RSS {peak_mb:6.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
