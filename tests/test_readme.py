"""The README's command tables and examples are written by hand: they must match the CLI.

Every command and flag the README's Commands table names must exist in the parser (with the
same choices where it lists them), every command and flag of the parser must be in that table
(the connection flags in the Configuration table instead), and every `interviewer ...` example
in its code blocks must parse.
"""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from interviewer.cli import _common, build_parser

README = Path(__file__).resolve().parent.parent / "README.md"
#: Documented in the Configuration table, not on every command's row.
CONNECTION_FLAGS = {a.dest: a for a in _common()._actions if a.option_strings and a.dest != "help"}
FLAG = re.compile(r"(?<![\w-])(-{1,2}[A-Za-z][\w-]*)(?:\s+([^\s\[\]]+))?")


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def _commands(parser=None, path=("interviewer",)):
    """Every runnable command line of the CLI: its words and its parser."""
    parser = parser or build_parser()
    sub = _subparsers(parser)
    if sub is None or not sub.required:
        yield path, parser
    for name, child in sub.choices.items() if sub else ():
        yield from _commands(child, (*path, name))


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and a.dest != "help"]


def _table(heading: str) -> list[list[str]]:
    """The cells of the first table after `heading`, header and rule left out."""
    text = README.read_text(encoding="utf-8")
    section = text.split(heading + "\n", 1)[1]
    rows = []
    for line in section.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
    return [[c.replace("\\|", "|") for c in row] for row in rows[2:]]


def _documented() -> dict[tuple[str, ...], list[str]]:
    """Each command line of the Commands table (its words) and the usages given for it."""
    known = dict(_commands())
    found: dict[tuple[str, ...], list[str]] = {}
    for row in _table("## Commands"):
        usage = re.fullmatch(r"`([^`]*)`", row[0])
        assert usage, f"README Commands table: the first cell {row[0]!r} is not one `usage`"
        words = usage.group(1).split()
        assert words[0] == "interviewer", f"README Commands table: {row[0]!r}"
        path = ("interviewer",)
        for word in words[1:]:
            if (*path, word) not in known and not any(
                k[: len(path) + 1] == (*path, word) for k in known
            ):
                break
            path = (*path, word)
        found.setdefault(path, []).append(usage.group(1))
    return found


def test_every_command_in_the_readme_table_exists_and_every_command_is_there():
    known = dict(_commands())
    documented = _documented()
    stale = [" ".join(p) for p in documented if p not in known]
    missing = [" ".join(p) for p in known if p not in documented]
    assert not stale, f"README Commands table names commands the CLI does not have: {stale}"
    assert not missing, f"README Commands table has no row for: {missing}"


@pytest.mark.parametrize("path", [p for p, _ in _commands()], ids=" ".join)
def test_the_readme_table_gives_exactly_the_flags_of_each_command(path):
    parser = dict(_commands())[path]
    usages = _documented().get(path, [])
    name = " ".join(path)
    named: set[str] = set()
    problems = []
    for usage in usages:
        for flag, value in FLAG.findall(usage):
            action = parser._option_string_actions.get(flag)
            if action is None:
                problems.append(f"`{name}` has no flag {flag} (README: `{usage}`)")
                continue
            named.update(action.option_strings)
            if action.choices and value and any(ch.islower() for ch in value):
                listed, choices = sorted(value.split("|")), sorted(action.choices)
                if listed != choices:
                    problems.append(f"`{name} {flag}` takes {choices}, README lists {listed}")
    problems += [
        f"`{name}` has {'/'.join(a.option_strings)}, which the README does not mention"
        for a in _options(parser)
        if a.dest not in CONNECTION_FLAGS and not named & set(a.option_strings)
    ]
    assert not problems, "README Commands table is stale:\n" + "\n".join(problems)


def test_the_configuration_table_gives_exactly_the_connection_flags():
    flags = {f for row in _table("## Configuration") for f in re.findall(r"`(--[\w-]+)`", row[2])}
    wanted = {a.option_strings[0] for a in CONNECTION_FLAGS.values()}
    assert flags == wanted, (
        f"README Configuration table: flags not in the CLI {sorted(flags - wanted)}, "
        f"CLI flags not in the table {sorted(wanted - flags)}"
    )


def _examples() -> list[str]:
    """Every `interviewer ...` command in the README's sh code blocks, up to a pipe,
    redirection or comment."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash)\n(.*?)```", text, re.S)
    found = []
    for block in blocks:
        for m in re.finditer(r"(?<![\w/.~-])interviewer(?=\s|$)([^|<>#;&\n]*)", block):
            found.append(m.group(0).strip())
    return found


def test_the_readme_examples_parse():
    parser = build_parser()
    for _, each in _commands(parser):
        each.allow_abbrev = False  # an example must use a flag's whole name
    examples = _examples()
    assert len(examples) >= 5, examples  # the sh blocks were found at all
    for example in examples:
        try:
            parser.parse_args(shlex.split(example)[1:])
        except SystemExit as exc:
            if exc.code:  # --help and --version exit 0
                pytest.fail(f"README example does not parse: `{example}`")
