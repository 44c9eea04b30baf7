"""Exemplar retrieval: how often the closest strong and weak exemplars come from the reply's
own field, beside choosing at random from the question's bank, and what ranking costs.

Run: python benchmarks/exemplar_fields.py [PATH ...]     Target: >= 80% for strong and weak.

The sets (benchmarks/data/field_replies*.yaml) were each written apart from the bank and from
each other, by writers who saw only the rubric: 60 replies, one per field and question. Sets
1 and 2 were used to choose how the field is decided (set 1 the nearest-exemplar vote, set 2
the field model and its regularisation): their figures are in-sample. Sets 3 and 4 were
measured once the design was fixed (benchmarks/data/README.md).

Each set is measured with the shipped field model and with the fallback used when there is
none (the nearest exemplars of every question vote).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer import store as store_module  # noqa: E402
from interviewer.config import load_settings  # noqa: E402
from interviewer.knowledge import load_knowledge  # noqa: E402
from interviewer.store import ExemplarStore  # noqa: E402

SETS = ["field_replies.yaml", *(f"field_replies{n}.yaml" for n in (2, 3, 4))]


def measure(store, knowledge, replies) -> tuple[dict, dict, list[float]]:
    hits = {"strong": 0, "weak": 0}
    chance: dict[str, list[float]] = {"strong": [], "weak": []}
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
    return hits, chance, times


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or [ROOT / "benchmarks/data" / s for s in SETS]
    os.environ["INTERVIEWER_HOME"] = tempfile.mkdtemp(prefix="bench-fields-")
    knowledge = load_knowledge()
    store = ExemplarStore(knowledge, load_settings())
    shipped = store_module.field_model
    for path in paths:
        replies = yaml.safe_load(path.read_text(encoding="utf-8"))
        n = len(replies)
        print(f"{path.name} (n={n})")
        for name, model in (("field model", shipped), ("nearest-exemplar vote", lambda: None)):
            store_module.field_model = model
            hits, chance, times = measure(store, knowledge, replies)
            print(
                f"  {name:<22} strong {hits['strong'] / n:.3f}  weak {hits['weak'] / n:.3f}  "
                f"(random {statistics.mean(chance['strong']):.3f})  "
                f"query median {statistics.median(times):.0f} ms"
            )
        store_module.field_model = shipped


if __name__ == "__main__":
    main()
