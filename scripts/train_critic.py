"""Fit the critic's models from the labelled training data and report honest accuracy.

Usage: python scripts/train_critic.py [--report-only] [--cache FILE] [--errors] [--no-sentences]

Writes
  interviewer/critic/data/shared_model.json        the five dimensions every question shares,
                                                   fitted on full answers to every question
  knowledge/critic/<question id>.model.json        each question's own dimensions and follow-ups
                                                   (only for questions with a critic spec)

The fitting itself is interviewer/critic/training.py (also what `interviewer pack train` runs).
The figures printed are cross-validated, grouped by story and separately by writer. Nothing
here reads the dev set or any held-out set in benchmarks/data. Deterministic.

It reads this repository's packs and critic specs (knowledge/), whichever copy of interviewer
is installed, and writes beside them. Reading every labelled text as the critic does takes most
of the time (several minutes on two cores); --cache FILE keeps those readings for the next run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.critic.dataset import training_items  # noqa: E402
from interviewer.critic.spec import load_spec, register  # noqa: E402
from interviewer.critic.training import Trainer, analyse_items, report_line  # noqa: E402
from interviewer.knowledge import load_knowledge  # noqa: E402

SHARED_OUT = ROOT / "interviewer" / "critic" / "data" / "shared_model.json"
#: This repository's packs: not the installed package's, which may be another checkout's copy.
PACKS = ROOT / "knowledge"
SPECS = PACKS / "critic"


def analyses(items: list[dict], questions: dict, cache: Path | None) -> list:
    """Each item read as the critic reads it, cached between runs (keyed by the critic's code,
    its specs and the data)."""
    code = hashlib.sha256()
    for f in sorted((ROOT / "interviewer" / "critic").glob("*.py")):
        code.update(f.read_bytes())
    for f in sorted(SPECS.glob("*.yaml")):
        code.update(f.read_bytes())
    key = len(items), sum(len(i["text"]) for i in items), code.hexdigest()
    if cache and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored[0] == key:
            return stored[1]
    start = time.perf_counter()
    print(f"reading {len(items)} labelled texts as the critic does...", file=sys.stderr)
    out = analyse_items(items, questions)
    print(f"  read in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if cache:
        cache.write_bytes(pickle.dumps((key, out)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report-only", action="store_true", help="print figures, write nothing")
    ap.add_argument("--cache", type=Path, default=None, help="cache parsed training items here")
    ap.add_argument("--errors", action="store_true", help="list the cross-validation misses")
    ap.add_argument("--no-sentences", action="store_true", help="without sentence scorers")
    args = ap.parse_args()
    knowledge = load_knowledge(PACKS)
    questions = {q.id: q for q in knowledge.questions}
    for qid in questions:
        register(qid, PACKS)
    # A follow-up reply to a question whose pack is not loaded has no model to train.
    items = [it for it in training_items() if it["kind"] == "full" or it["question"] in questions]
    trainer = Trainer(items, analyses(items, questions, args.cache), not args.no_sentences)
    start = time.perf_counter()
    print("fitting the models (cross-validated)...", file=sys.stderr)
    shared, reports = trainer.shared(load_spec("leadership-without-title", with_models=False))
    per_q = {}
    for path in sorted(SPECS.glob("*.yaml")):
        per_q[path.stem], more = trainer.question(path.stem, load_spec(path.stem, False))
        reports.update(more)
    weights = {d.id: d.weight for q in knowledge.questions for d in q.dimensions}
    shared["verdict"], reports["verdict"] = trainer.verdict(weights)
    if args.errors:
        print("\n".join(f"  {m}" for m in trainer.misses))
    for k, r in reports.items():
        print(report_line(k, r))
    print(f"  fitted in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.report_only:
        return
    SHARED_OUT.write_text(json.dumps({"version": 3, "models": shared}, indent=1) + "\n")
    for qid, models in per_q.items():
        out = SPECS / f"{qid}.model.json"
        out.write_text(
            json.dumps({"version": 3, "question": qid, "models": models}, indent=1) + "\n"
        )
        print(f"wrote {out.relative_to(ROOT)}")
    print(f"wrote {SHARED_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
