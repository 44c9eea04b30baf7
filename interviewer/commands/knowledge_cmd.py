"""`interviewer knowledge` and `interviewer exemplars`."""

from __future__ import annotations

import json

from interviewer.commands.common import load_context
from interviewer.errors import UserError


def _folder(knowledge) -> str | None:
    """Where the packs were read from: a user copies the shipped ones from there."""
    parents = {str(path.parent) for path in knowledge.sources}
    return parents.pop() if len(parents) == 1 else None


def knowledge_summary(knowledge) -> dict:
    return {
        "folder": _folder(knowledge),
        "files": [str(path) for path in knowledge.sources],
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "dimensions": [d.id for d in q.dimensions],
                "followups": [
                    {
                        "id": f.id,
                        "prompt": f.prompt,
                        "strong": [e.text for e in f.strong],
                        "weak": [e.text for e in f.weak],
                    }
                    for f in q.followups
                ],
                "red_flags": [r.model_dump() for r in q.red_flags],
                "personas": [p.id for p in q.personas],
                "levels": [lv.id for lv in q.levels],
            }
            for q in knowledge.questions
        ],
    }


def run_knowledge(args) -> int:
    _, knowledge = load_context(args)
    if args.format == "json":
        print(json.dumps(knowledge_summary(knowledge), indent=2, ensure_ascii=False))
        return 0
    for q in knowledge.questions:
        print(f"{q.id}: {q.text}")
        print("  rubric:")
        for d in q.dimensions:
            print(f"    {d.id:<20} {d.name}")
        print("  follow-ups:")
        for f in q.followups:
            print(f"    {f.id:<20} {f.prompt}")
        if q.red_flags:
            print("  red flags (what sinks an answer):")
            for r in q.red_flags:
                said = f'"{r.quote}": ' if r.quote else ""
                print(f"    {r.id:<20} {said}{r.why}")
        print("  interviewer focuses: " + ", ".join(p.id for p in q.personas))
        print("  levels: " + ", ".join(lv.id for lv in q.levels))
        print(f"  exemplars: {len(q.all_exemplars())}")
    folder = _folder(knowledge)
    if folder:
        print(f"(packs read from {folder})")
    return 0


def run_exemplars(args) -> int:
    if not args.text.strip():
        raise UserError("TEXT is empty: give the reply to compare")
    if not 1 <= args.k <= 50:
        raise UserError("--k must be between 1 and 50")
    settings, knowledge = load_context(args)
    question = knowledge.question(args.question)
    if args.followup:
        question.followup(args.followup)
    from interviewer.fields import FIELDS
    from interviewer.store import ExemplarStore

    if args.field is not None and args.field not in FIELDS:
        raise UserError(f"unknown field {args.field!r} (known: {', '.join(FIELDS)})")
    store = ExemplarStore(knowledge, settings)
    kind = "followup" if args.followup else "answer"
    hits = store.query(
        args.text,
        question=question.id,
        followup=args.followup,
        kind=kind,
        k=args.k,
        field=args.field,
    )
    if args.format == "json":
        print(json.dumps(hits.as_dict(), indent=2, ensure_ascii=False))
        return 0
    if not hits.strong and not hits.weak:
        print("no exemplars" + (f" from the field {args.field!r}" if args.field else ""))
    for label in ("strong", "weak"):
        print(f"{label.upper()}")
        for h in getattr(hits, label):
            field = f" {h.field}" if h.field else ""
            print(f"  {h.score:.2f}  [{h.id}{field}] {h.text}")
            if h.why:
                print(f"        why weak: {h.why}")
    if hits.twin is not None:
        print(f"THE SAME STORY AS THE CLOSEST WEAK ONE, TOLD WELL [{hits.twin.id}]")
        print(f"  {hits.twin.text}")
    return 0
