"""A question of a user's own ("owned-a-mistake") for `interviewer pack` tests and benchmark:
the failure question's content under a new id, with labelled examples taken from the shipped
training answers."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "interviewer" / "critic" / "data"
KEEP = ("id", "kind", "text", "labels", "evidence", "verdict", "followup", "label", "story")


def write_user_pack(folder: Path, full: int = 24, per_followup: int | None = None) -> Path:
    """The pack file, carrying `full` labelled full answers and `per_followup` replies to each
    follow-up (half from each end of its list; all of them when None)."""
    data = yaml.safe_load((ROOT / "knowledge" / "failure.yaml").read_text(encoding="utf-8"))
    q = data["questions"][0]
    q["id"] = "owned-a-mistake"
    q["text"] = "Tell me about a mistake you owned."
    for ex in [*q["answers"]["strong"], *q["answers"]["weak"]]:
        ex["id"] = "mine-" + ex["id"]
    for f in q["followups"]:
        for ex in [*f["strong"], *f["weak"]]:
            ex["id"] = "mine-" + ex["id"]
    answers = yaml.safe_load((DATA / "train_bank2_failure_full.yaml").read_text(encoding="utf-8"))
    replies = yaml.safe_load(
        (DATA / "train_bank_failure_followups.yaml").read_text(encoding="utf-8")
    )
    if per_followup is not None:
        by_fu: dict[str, list] = {}
        for it in replies:
            by_fu.setdefault(it["followup"], []).append(it)
        half = per_followup // 2
        replies = [it for items in by_fu.values() for it in items[:half] + items[-half:]]
    data["pack"] = "mine"
    data["examples"] = [{k: it[k] for k in KEEP if k in it} for it in [*answers[:full], *replies]]
    path = folder / "owned-a-mistake.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
