"""Labelled answers (dev/practice YAML files) for training, benchmarks and tests.

Not used by `critique` itself. Each item: id, kind (full/followup), text, and either `labels`
(seven booleans) and optional `pair`, or `followup` and `label` (strong/weak).
"""

from __future__ import annotations

from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"


def load_items(path: Path) -> list[dict]:
    """The labelled items of one YAML file (a list of mappings)."""
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [i for i in items if isinstance(i, dict) and i.get("text")]


def training_files() -> list[Path]:
    """The shipped practice files plus any extra_*.yaml, in a fixed order."""
    names = ["practice_full.yaml", "practice_followups.yaml"]
    files = [DATA_DIR / n for n in names if (DATA_DIR / n).exists()]
    return files + sorted(DATA_DIR.glob("extra_*.yaml"))


def training_items() -> list[dict]:
    """All training items (practice + extra), each tagged with its source file name."""
    out = []
    for f in training_files():
        for item in load_items(f):
            out.append({**item, "source": f.name})
    return out
