"""Exemplar retrieval: how often the closest strong and weak exemplars come from the reply's
own field, beside choosing at random from the question's bank, and what ranking costs.

Run: python benchmarks/exemplar_fields.py [PATH]     Target: >= 80% for strong and for weak.
The replies (benchmarks/data/field_replies.yaml) were written apart from the bank, by a writer
who saw only the rubric: 6 per field, to all six questions.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.config import load_settings  # noqa: E402
from interviewer.knowledge import load_knowledge  # noqa: E402
from interviewer.store import ExemplarStore  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks/data/field_replies.yaml"
    replies = yaml.safe_load(path.read_text(encoding="utf-8"))
    import os

    os.environ["INTERVIEWER_HOME"] = tempfile.mkdtemp(prefix="bench-fields-")
    knowledge = load_knowledge()
    store = ExemplarStore(knowledge, load_settings())
    hits = {"strong": 0, "weak": 0}
    chance = {"strong": [], "weak": []}
    times = []
    for r in replies:
        q = knowledge.question(r["question"])
        t0 = time.perf_counter()
        found = store.query(r["text"], question=q.id, kind="answer", k=1)
        times.append(1000 * (time.perf_counter() - t0))
        for label in ("strong", "weak"):
            bank = getattr(q.answers, label)
            hits[label] += getattr(found, label)[0].field == r["field"]
            chance[label].append(sum(e.field == r["field"] for e in bank) / len(bank))
    n = len(replies)
    for label in ("strong", "weak"):
        print(
            f"top {label} exemplar from the reply's field: {hits[label] / n:.3f} "
            f"(random choice {statistics.mean(chance[label]):.3f}, n={n})"
        )
    print(f"ranked query (embed + one Chroma query): median {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main()
