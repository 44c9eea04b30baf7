"""Fit the field model that picks which field's exemplars a reply is shown first.

Usage: python scripts/train_fields.py

Writes interviewer/data/field_model.json from every exemplar in the shipped packs and the
workplace sketches in interviewer/data/fields.yaml (interviewer/fields.py). Reads no
field-match set in benchmarks/data. Deterministic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.embeddings import get_embedder  # noqa: E402
from interviewer.fields import MODEL_FILE, fit  # noqa: E402
from interviewer.knowledge import load_knowledge  # noqa: E402


def main() -> None:
    # This repository's packs, not the installed package's (it may be another checkout's).
    model = fit(load_knowledge(ROOT / "knowledge"), get_embedder())
    out = ROOT / "interviewer" / "data" / MODEL_FILE
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    fields = len(model["classes"])
    print(f"wrote {out.relative_to(ROOT)}: {model['examples']} texts, {fields} fields")


if __name__ == "__main__":
    main()
