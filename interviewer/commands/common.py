"""Shared plumbing for the commands: settings, packs and reading the user's input."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from interviewer.errors import UserError

#: Refuse more than this from a file or stdin: the critic reads a bounded prefix anyway.
MAX_INPUT_BYTES = 64 * 1024 * 1024


#: Flags that set a setting for one run; each is named as its setting.
SETTING_FLAGS = ("model", "base_url", "chroma_url")


def flag_settings(args) -> dict[str, str]:
    """The settings given as flags on this command line (`args` may be None: none given).
    They reach Settings as init values, so they win over env and the config file without
    touching os.environ. An empty flag (--model "") counts as not given."""
    return {name: value for name in SETTING_FLAGS if (value := getattr(args, name, None))}


def load_settings_for(args):
    """Settings for this command line: its flags, then env, then the config file."""
    from interviewer.config import load_settings

    return load_settings(**flag_settings(args))


def load_context(args=None):
    """(settings, knowledge) with the user's config and this command line's flags (`args`)
    applied. A pack the critic has no trained model for is refused here, before any work
    (one line, exit 2)."""
    from interviewer.critic.spec import check_knowledge
    from interviewer.knowledge import load_knowledge

    settings = load_settings_for(args)
    knowledge = load_knowledge(settings.packs_dir)
    check_knowledge(knowledge)
    return settings, knowledge


def shown(path: str) -> str:
    """A path as an error shows it: a line break or escape sequence in a file name would break
    the one-line message (or drive the terminal), so those are escaped."""
    from interviewer.knowledge import one_line

    return one_line(path)


def stdin_or_fail(what: str) -> None:
    """stdin is there to read `what` from; at a terminal, say so (else it looks like a hang)."""
    if sys.stdin is None:
        raise UserError(f"no input: pass a FILE or pipe {what} on stdin")
    if sys.stdin.isatty():
        print(
            f"interviewer: reading {what} from the terminal; end it with Ctrl+D",
            file=sys.stderr,
            flush=True,
        )


def input_lines(path: str, what: str) -> Iterator[bytes]:
    """The lines of FILE, or of stdin for '-', read as they come: a script may write the next
    line after reading the answer to the last one."""
    if path == "-":
        stdin_or_fail(what)
        yield from iter(sys.stdin.buffer.readline, b"")
        return
    try:
        with open(path, "rb") as fh:
            yield from iter(fh.readline, b"")
    except OSError as exc:
        raise UserError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None


def json_of_line(raw: bytes, number: int):
    """The JSON value of input line `number`; ValueError with a message for its error object
    (invalid UTF-8, not JSON, a number over Python's 4300-digit limit, nesting too deep)."""
    try:
        text = decode_utf8(raw, f"line {number}") if raw else ""
    except UserError as exc:
        raise ValueError(str(exc)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {number}: not JSON: {exc.msg}") from None
    except (ValueError, RecursionError):
        raise ValueError(
            f"line {number}: not JSON: a number too long or nesting too deep"
        ) from None


def read_input_bytes(path: str) -> bytes:
    """Bytes of FILE, or of stdin for '-'; a clear UserError when unreadable."""
    try:
        if path == "-":
            stdin_or_fail("your reply")
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise UserError(f"{shown(path)}: is a directory, not a reply file")
            with p.open("rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UserError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UserError(
            f"{shown(path)}: input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB"
        )
    return data


def decode_utf8(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{where}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def read_reply(path: str, doing: str = "score") -> str:
    """The reply text; empty or whitespace-only input is a UserError saying there is nothing
    to `doing` ("score", "rewrite")."""
    where = "stdin" if path == "-" else shown(path)
    text = decode_utf8(read_input_bytes(path), where)
    if not text.strip():
        raise UserError(f"{where}: nothing to {doing}: the reply is empty")
    return text


#: Characters json.dumps leaves raw that str.splitlines() (and other readers) take for line
#: breaks: escaped, so one result stays one line whatever reads it. The JSON value is the same.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_line(obj) -> str:
    """One JSON object on one line, whatever reads it (jsonl output of score and interview)."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS)
