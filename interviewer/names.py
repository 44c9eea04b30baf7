"""One source for what every check is called: the live view, replay, the export, `progress` and
the scorecard all name a rubric dimension or a follow-up's check the same way."""

from __future__ import annotations


def labels(knowledge, question_id: str | None = None) -> dict[str, str]:
    """Display names: every question's rubric dimensions by id (from the packs) and every
    follow-up's checks by "followup:id" (from the critic's spec: impact's
    second_order_effect check is not the rubric dimension of that id). `question_id` first,
    so its names win where two questions share an id."""
    from interviewer.critic.spec import load_spec

    cache = knowledge.__dict__.setdefault("_labels", {})  # read once per set of packs
    if question_id in cache:
        return cache[question_id]
    questions = list(knowledge.questions)
    if question_id is not None:
        questions.sort(key=lambda q: q.id != question_id)
    out: dict[str, str] = {}
    for q in questions:
        for d in q.dimensions:
            out.setdefault(d.id, d.name)
        for fid, checks in load_spec(q.id, with_models=False).criteria.items():
            for c in checks:
                out.setdefault(f"{fid}:{c.id}", c.name)
    cache[question_id] = out
    return out


def label(names: dict[str, str] | None, check_id: str, followup: str | None = None) -> str:
    """The name of `check_id` (a check of `followup`, or a rubric dimension), or a readable
    form of the id when no pack names it."""
    names = names or {}
    found = names.get(f"{followup}:{check_id}") if followup else None
    return found or names.get(check_id) or check_id.replace("_", " ")
