"""Starting the terminal app (the interview, drill, replay and start screens)."""

from __future__ import annotations


def run_start(args) -> int:
    from interviewer.commands.common import load_context

    _, knowledge = load_context()
    print(knowledge.question().text)
    return 0


run_interview = run_drill = run_start


def run_replay(args) -> int:
    return run_start(args)
