"""`interviewer pack check FILE`: every problem of a pack file, each with the line it is on.

Loading a pack stops at its first problem; a pack author wants them all, where they are. The
YAML is composed into nodes (which keep their line numbers) and each validation error's field
path is walked down that tree to the line of the value it names.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from interviewer.errors import UserError, one_line
from interviewer.knowledge import MAX_PACK_BYTES, Pack, check_values


def _line(node, loc: tuple) -> int:
    """The 1-based line of the deepest node the path `loc` reaches."""
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if found is None:
                break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line


def problems(path: Path) -> list[str]:
    """'LINE: message' for each problem in the pack at `path` (empty: it is valid)."""
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            return [f"1: the pack is over the {MAX_PACK_BYTES:,}-byte limit"]
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return [f"1: cannot read: {exc.strerror or exc}"]
    except UnicodeDecodeError:
        return ["1: not valid UTF-8"]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = one_line(getattr(exc, "problem", None) or "invalid YAML")
        return [f"{mark.line + 1 if mark else 1}: invalid YAML: {problem}"]
    except (ValueError, RecursionError):
        return ["1: invalid YAML: a value cannot be read or is nested too deeply"]
    if root is None or not isinstance(data, dict):
        return ["1: a pack must be a YAML mapping (pack: NAME, questions: [...])"]
    try:
        check_values(data, "pack")  # the loader's own limits (alias bombs, surrogates) first
        Pack.model_validate(data)
    except UserError as exc:
        return [f"1: {one_line(str(exc))}"]
    except ValidationError as exc:
        return [_describe(root, err) for err in exc.errors()]
    return []


def _describe(root, err: dict) -> str:
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in loc) or "pack"
    msg = err["msg"].removeprefix("Value error, ")
    return one_line(f"{_line(root, loc)}: field '{where}': {msg}")
