"""Labelled answers (YAML files) for training, benchmarks and tests.

Not used by `critique` itself. Each item: id, kind (full/followup), text, and either `labels`
(booleans per dimension), optional `verdict` and `pair`, or `followup` and `label`
(strong/weak). Newer sets also carry `question` (the leadership question when absent),
`style`, `field`, `story` and `writer`.
"""

from __future__ import annotations

from pathlib import Path

from interviewer.pack_base import load_yaml

DATA_DIR = Path(__file__).parent / "data"
#: The question of older labelled files, which name none. Not knowledge.DEFAULT_QUESTION (the
#: app's first question, today the same id): that may change; what these files answer cannot.
UNNAMED_QUESTION = "leadership-without-title"
#: Who wrote the older files, for validation that leaves one writer out at a time (newer
#: files name their writer per item).
WRITERS = {
    "practice_full.yaml": "practice",
    "practice_followups.yaml": "practice",
    "extra_full.yaml": "extra",
    "extra_followups.yaml": "extra",
    "extra_set1_full.yaml": "set1",
    "extra_set1_followups.yaml": "set1",
    "extra_set3_full.yaml": "set3",
    "extra_set3_followups.yaml": "set3",
}


def load_items(path: Path) -> list[dict]:
    """The labelled items of one YAML file (a list of mappings), with defaults filled in."""
    items = load_yaml(Path(path).read_text(encoding="utf-8")) or []
    name = Path(path).name
    out = []
    for i in items:
        if isinstance(i, dict) and i.get("text"):
            i.setdefault("question", UNNAMED_QUESTION)
            i.setdefault("writer", WRITERS.get(name, "batch" if name.startswith("extra") else name))
            i.setdefault("style", "plain")
            out.append(i)
    return out


def training_files() -> list[Path]:
    """Every shipped training file, in a fixed order."""
    names = ["practice_full.yaml", "practice_followups.yaml"]
    files = [DATA_DIR / n for n in names if (DATA_DIR / n).exists()]
    return files + sorted(DATA_DIR.glob("extra_*.yaml")) + sorted(DATA_DIR.glob("train_*.yaml"))


def training_items() -> list[dict]:
    """All training items, each tagged with its source file name."""
    out = []
    for f in training_files():
        for item in load_items(f):
            out.append({**item, "source": f.name})
    return out
