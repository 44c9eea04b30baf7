"""Command line: argument parsing and dispatch only. Heavy imports happen inside the commands,
so `--help` and bad flags answer at once."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from interviewer import __version__
from interviewer.errors import UserError
from interviewer.private import owner_only

FOCUSES = ("outcome", "customer", "technical")
LEVELS = ("mid", "senior")
#: Follow-up ids are the packs' own, so the parser cannot list them; this says where they are.
FOLLOWUP_IDS = "an id of the question's follow-ups; `interviewer knowledge` lists them"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 2, as for every user mistake
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("connections")
    g.add_argument(
        "--model", default=argparse.SUPPRESS, help="chat model name; offline (no model) when unset"
    )
    g.add_argument(
        "--base-url",
        default=argparse.SUPPRESS,
        help="OpenAI-compatible server URL (vLLM, Ollama, llama.cpp, ...)",
    )
    g.add_argument(
        "--chroma-url",
        default=argparse.SUPPRESS,
        help="shared Chroma server, e.g. http://chroma.internal:8000",
    )
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog="interviewer",
        description="A terminal mock interviewer for behavioural interviews.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"interviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name, help_text, target):
        sp = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        sp.set_defaults(target=target)
        return sp

    p = add("interview", "start a mock interview", "app:run_interview")
    p.add_argument("--focus", choices=FOCUSES, default="outcome", help="interviewer focus")
    p.add_argument("--level", choices=LEVELS, default="mid", help="seniority the bar is set for")
    p.add_argument("--question", help="question id (default: the first in the packs)")
    p.add_argument(
        "--loop",
        metavar="N",
        type=int,
        nargs="?",
        const=3,  # interview.loop.DEFAULT_SIZE, not imported: the parser is built before it loads
        help="a full loop: N questions (default 3) covering different competencies, "
        "each with its pushback, about 5 minutes each",
    )
    h = p.add_argument_group("headless (no screen: for scripts)")
    h.add_argument(
        "--replies",
        metavar="FILE",
        help='run without a screen: replies from FILE or - (one JSON string or {"text": ...} '
        "a line); one JSON object out per reply, then the scorecard",
    )
    h.add_argument("--format", choices=("jsonl",), default="jsonl", help="output of --replies")
    h.add_argument("--no-save", action="store_true", help="with --replies: do not save a session")

    p = add("drill", "pushback drill: follow-up turns only, retry until strong", "app:run_drill")
    p.add_argument(
        "--followup",
        metavar="ID",
        help=f"drill only this follow-up ({FOLLOWUP_IDS})",
    )
    p.add_argument("--focus", choices=FOCUSES, default="outcome")
    p.add_argument("--level", choices=LEVELS, default="mid")
    p.add_argument("--question")

    p = add("replay", "step through a recorded session; r re-answers from a turn", "app:run_replay")
    p.add_argument("id", help="session id (see `interviewer sessions`)")

    p = add("sessions", "list recorded sessions (or delete them)", "sessions_cmd:run_sessions")
    p.add_argument("--format", choices=("text", "json"), default="text")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    d = actions.add_parser(
        "delete",
        help="delete sessions for good (their text is overwritten on disk)",
        description="Delete sessions and every reply in them. This cannot be undone.",
    )
    d.add_argument("ids", nargs="*", metavar="ID", help="session ids (see `interviewer sessions`)")
    d.add_argument("--all", action="store_true", help="delete every recorded session")
    d.add_argument("--yes", action="store_true", help="do not ask for confirmation (scripts)")
    d.set_defaults(target="sessions_cmd:run_delete")

    p = add(
        "export",
        "write a session report (transcript, critiques, scorecard)",
        "sessions_cmd:run_export",
    )
    p.add_argument("id", help="session id")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    p = add(
        "progress",
        "how each dimension and follow-up went across sessions",
        "sessions_cmd:run_progress",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = add("knowledge", "show the loaded knowledge packs", "knowledge_cmd:run_knowledge")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = add(
        "exemplars",
        "nearest strong and weak exemplar answers to TEXT",
        "knowledge_cmd:run_exemplars",
    )
    p.add_argument("text", help="the reply to compare")
    p.add_argument(
        "--followup",
        metavar="ID",
        help=f"search this follow-up's exemplars ({FOLLOWUP_IDS})",
    )
    p.add_argument("--question", help="question id")
    p.add_argument("--k", type=int, default=3, help="how many of each (default 3)")
    p.add_argument("--field", metavar="F", help="only exemplars from this field (e.g. healthcare)")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = add("pack", "write a question pack of your own: new, check, train, schema", None)
    steps = p.add_subparsers(dest="step", metavar="STEP", parser_class=_Parser, required=True)
    s = steps.add_parser("new", help="write a commented pack to fill in (ID.yaml)")
    s.add_argument("id", help="the question's id, e.g. handled-feedback")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of ID.yaml")
    s.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    s.set_defaults(target="pack_cmd:run_new")
    s = steps.add_parser("check", help="every problem of a pack file, with its line")
    s.add_argument("file", help="the pack file")
    s.set_defaults(target="pack_cmd:run_check")
    s = steps.add_parser(
        "train", help="fit the pack's own critic models from its `examples` (offline)"
    )
    s.add_argument("file", help="the pack file")
    s.set_defaults(target="pack_cmd:run_train")
    s = steps.add_parser("schema", help="print the pack format's JSON Schema")
    s.set_defaults(target="pack_cmd:run_schema")

    p = add("score", "critique a reply against the STAR rubric", "score_cmd:run_score")
    p.add_argument("file", nargs="?", default="-", help="reply file, or - for stdin (default)")
    p.add_argument(
        "--followup",
        metavar="ID",
        help=f"the reply answers this follow-up ({FOLLOWUP_IDS})",
    )
    p.add_argument("--question", metavar="ID", help="question id (default: the first pack's)")
    p.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="jsonl reads {id, text, followup} lines and writes one object per line",
    )
    p.add_argument("--focus", choices=FOCUSES)
    p.add_argument("--level", choices=LEVELS)
    p.add_argument("--no-llm", action="store_true", help="never call a language model")

    p = add(
        "rewrite",
        "rewrite your story as a strong STAR answer (needs a model)",
        "coach_cmd:run_rewrite",
    )
    p.add_argument("file", nargs="?", default="-", help="reply file, or - for stdin")
    p.add_argument("--question")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    target = getattr(args, "target", "app:run_start")
    module_name, func_name = target.split(":")
    try:
        with owner_only():  # stories, names and keys: never readable by other users
            module = importlib.import_module(f"interviewer.commands.{module_name}")
            return int(getattr(module, func_name)(args) or 0)
    except UserError as exc:
        print(f"interviewer: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interviewer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `interviewer score ... | head`: the reader left; that is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug of ours: one line for the user, the details in a log file
        where = _save_traceback()
        print(
            f"interviewer: internal error: {type(exc).__name__}: {exc}"[:300]
            + (f" (details in {where})" if where else ""),
            file=sys.stderr,
        )
        return 1


def _save_traceback() -> str | None:
    import traceback

    from interviewer.config import data_dir

    try:
        path = data_dir() / "error.log"
        with owner_only():  # a traceback can hold the reply's text
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(traceback.format_exc())
        return str(path)
    except OSError:
        return None
