"""`interviewer pack train FILE`: fit a pack's own dimensions and follow-ups from the labelled
examples it carries, and write the models beside it (critic/<question id>.model.json).

The five dimensions every question shares keep the shipped models: a pack only adds what is
its own. A pack without a critic spec gets one written for it (no cues: its models then read
who-did-what counts and each sentence's words), which its author can extend with cues.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from interviewer.critic.spec import SHARED_DIMENSIONS, load_spec, register
from interviewer.errors import UserError

#: Fewer labelled answers than this per dimension (or replies per follow-up), or only one kind
#: of label, and cross-validation has nothing to choose with: training is refused.
MIN_FULL = 12
MIN_FOLLOWUP = 6
_STRUCTURE = ["story", "i_work", "i_work_obj", "i_comm", "i_deleg", "we_work", "other_work"]


def default_spec(question) -> dict:
    """A critic spec with no cues for the question's own dimensions and follow-ups."""
    dims = {
        d.id: {
            "cues": [],
            "structure": _STRUCTURE,
            "advice": {"met": f"{d.name}: shown; keep it.", "unmet": " ".join(d.guidance.split())},
        }
        for d in question.dimensions
        if d.id not in SHARED_DIMENSIONS
    }
    followups = {}
    for f in question.followups:
        why = next((w.why for w in f.weak if w.why), None)
        followups[f.id] = {
            "cues": [],
            "structure": _STRUCTURE,
            "criteria": [
                {
                    "id": "strong_reply",
                    "name": f.probes,
                    "cues": [],
                    "met": f"A strong answer to \u201c{f.prompt}\u201d.",
                    "unmet": " ".join((why or f.probes).split()),
                }
            ],
        }
    return {"question": question.id, "dimensions": dims, "followups": followups, "cues": {}}


def _items(pack) -> list[dict]:
    first = pack.questions[0].id
    out = []
    for ex in pack.examples:
        item = ex.model_dump(exclude_none=True)
        item.setdefault("question", first)
        item.setdefault("writer", "pack")
        item.setdefault("style", "plain")
        out.append(item)
    return out


def _check_counts(question, items: list[dict]) -> None:
    short = []
    for d in question.dimensions:
        if d.id in SHARED_DIMENSIONS:
            continue
        labels = [it["labels"][d.id] for it in items if d.id in it.get("labels", {})]
        if len(labels) < MIN_FULL or len(set(labels)) < 2:
            short.append(f"{d.id} ({len(labels)} labelled answers)")
    for f in question.followups:
        labels = [it["label"] for it in items if it.get("followup") == f.id]
        if len(labels) < MIN_FOLLOWUP or len(set(labels)) < 2:
            short.append(f"{f.id} ({len(labels)} labelled replies)")
    if short:
        raise UserError(
            f"question {question.id!r}: too few examples to train {', '.join(short)}: each "
            f"needs at least {MIN_FULL} labelled full answers ({MIN_FOLLOWUP} replies per "
            "follow-up) with both true and false (strong and weak) among them"
        )


def train_pack(path: Path, pack) -> list[tuple[str, dict]]:
    """Train every question of `pack` (loaded from `path`); returns (key, figures) pairs."""
    from interviewer.critic.training import Trainer, analyse_items

    critic_dir = path.parent / "critic"
    items = _items(pack)
    reports: list[tuple[str, dict]] = []
    for question in pack.questions:
        q_items = [it for it in items if it["question"] == question.id]
        _check_counts(question, q_items)
        spec_file = critic_dir / f"{question.id}.yaml"
        if not spec_file.exists():
            critic_dir.mkdir(parents=True, exist_ok=True)
            header = (
                f"# Critic spec for {question.id!r}, written by `interviewer pack train`: add\n"
                "# named cues (regular expressions) to a dimension or follow-up to help it.\n"
            )
            spec_file.write_text(header + yaml.safe_dump(default_spec(question), sort_keys=False))
        register(question.id, path.parent)
        spec = load_spec(question.id, with_models=False)
        trainer = Trainer(q_items, analyse_items(q_items, {question.id: question}))
        models, figures = trainer.question(question.id, spec)
        out = critic_dir / f"{question.id}.model.json"
        out.write_text(
            json.dumps({"version": 3, "question": question.id, "models": models}, indent=1) + "\n"
        )
        register(question.id, path.parent)  # forgets what was read before the model existed
        reports += list(figures.items())
    return reports
