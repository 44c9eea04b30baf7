"""`interviewer pack new|check|train|schema`: writing a question pack of your own."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from interviewer.commands.common import load_settings_for, shown
from interviewer.errors import UserError

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def run_new(args) -> int:
    """A commented pack to fill in, as ID.yaml (or -o FILE)."""
    from interviewer.critic.pack_training import MIN_FOLLOWUP, MIN_FULL
    from interviewer.pack_scaffold import scaffold

    if not _ID.fullmatch(args.id):
        raise UserError(
            f"question id {args.id!r}: use lower-case letters, digits and hyphens "
            "(e.g. handled-feedback)"
        )
    path = Path(args.output or f"{args.id}.yaml")
    if path.exists() and not args.force:
        raise UserError(f"{shown(str(path))} exists: pick another -o FILE or pass --force")
    try:
        path.write_text(scaffold(args.id, MIN_FULL, MIN_FOLLOWUP), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{shown(str(path))}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {path}: fill in the TODOs, then run `interviewer pack check {path}`")
    return 0


def run_check(args) -> int:
    """Every problem of a pack file with its line; exit 1 when there is any."""
    from interviewer.pack_check import problems

    path = Path(args.file)
    found = problems(path)
    if not found:
        found = _critic_problems(path, args)
    for p in found:
        print(f"{shown(str(path))}:{p}", flush=True)
    if found:
        print(f"interviewer: {len(found)} problem(s) in {shown(str(path))}", file=sys.stderr)
        return 1
    print(f"{shown(str(path))}: ok")
    return 0


def _critic_problems(path: Path, args) -> list[str]:
    """What stops the app from loading a valid pack: a question id another loaded pack
    already uses, or a dimension or follow-up with no trained critic model."""
    from interviewer.critic.spec import PACK_FILE, check_question, register
    from interviewer.knowledge import default_pack_dir, load_pack_file, pack_files

    pack, _ = load_pack_file(path)
    out = []
    where = load_settings_for(args).packs_dir or default_pack_dir()
    others: dict[str, Path] = {}
    try:
        files = pack_files(Path(where))
    except UserError:
        files = []
    for other in files:
        if other.resolve() == path.resolve():
            continue
        try:
            for q in load_pack_file(other)[0].questions:
                others.setdefault(q.id, other)
        except UserError:
            continue  # that pack's own problem, not this one's
    lines = _question_lines(path, len(pack.questions))
    for question, line in zip(pack.questions, lines, strict=True):
        if question.id in others:
            out.append(
                f"{line}: question id {question.id!r} is already used by "
                f"{shown(str(others[question.id]))}"
            )
        register(question.id, path.parent)
        try:
            check_question(question)
        except UserError as exc:
            out.append(f"{line}: {exc}".replace(PACK_FILE, shown(str(path))))
    return out


def _question_lines(path: Path, count: int) -> list[int]:
    """The line each of the pack's questions starts on (the file composed once)."""
    import yaml

    from interviewer.pack_check import _line

    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    return [_line(root, ("questions", n)) for n in range(count)]


def run_train(args) -> int:
    """Fit the pack's own dimensions and follow-ups from its examples; write them beside it."""
    from interviewer.critic.pack_training import train_pack
    from interviewer.knowledge import load_pack_file

    path = Path(args.file)
    pack, _ = load_pack_file(path)
    if not pack.examples:
        raise UserError(
            f"{shown(str(path))}: no `examples` to train on (see `interviewer pack new`)"
        )
    for key, r in train_pack(path, pack):
        writer = "n/a" if r["cv_writer"] != r["cv_writer"] else f"{r['cv_writer']:.3f}"
        print(
            f"{key:40s} n={r['n']:3d}  cross-validated accuracy: by story {r['cv_story']:.3f}, "
            f"by writer {writer}"
        )
    for q in pack.questions:
        print(f"wrote {path.parent / 'critic' / (q.id + '.model.json')}")
    return 0


def run_schema(args) -> int:
    """The JSON Schema of a pack file, generated from the models the loader validates with."""
    from interviewer.knowledge import Pack

    print(json.dumps(Pack.model_json_schema(), indent=2))
    return 0
