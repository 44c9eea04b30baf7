"""Starting the terminal app (the interview, drill, replay and start screens)."""

from __future__ import annotations


def _run(args, launch_kwargs: dict) -> int:
    """Load settings and packs (user mistakes end here with one line), then run the app."""
    from interviewer.commands.common import load_context

    settings, knowledge = load_context(args)
    question_id = getattr(args, "question", None)
    question = knowledge.question(question_id)  # an unknown id is one line before the UI
    if getattr(args, "followup", None):
        question.followup(args.followup)  # ditto: names the question's own follow-ups
    from interviewer.tui.app import InterviewerApp, Launch
    from interviewer.tui.backend import Backend

    app = InterviewerApp(
        Backend(settings, knowledge),
        Launch(question_id=question_id, **launch_kwargs),
        handle_signals=True,
    )
    app.run()
    return app.return_code or 0


def run_start(args) -> int:
    """`interviewer` with no subcommand: the start screen."""
    return _run(args, {"screen": "start"})


def run_interview(args) -> int:
    """`interviewer interview --focus --level --question` (--replies: without a screen)."""
    if args.replies is not None and args.loop is not None:
        from interviewer.errors import UserError

        raise UserError("--loop runs in the app; --replies answers one question")
    if args.replies is not None:
        from interviewer.commands.headless_cmd import run_headless

        return run_headless(args)
    if args.no_save:
        from interviewer.errors import UserError

        raise UserError("--no-save goes with --replies (the app always saves)")
    if args.loop is not None and args.loop < 1:
        from interviewer.errors import UserError

        raise UserError(f"--loop takes a number of questions of at least 1, got {args.loop}")
    launch = {"screen": "interview", "focus": args.focus, "level": args.level, "loop": args.loop}
    return _run(args, launch)


def run_drill(args) -> int:
    """`interviewer drill [--followup ID] --focus --level`."""
    return _run(
        args,
        {"screen": "drill", "focus": args.focus, "level": args.level, "followup": args.followup},
    )


def run_replay(args) -> int:
    """`interviewer replay ID`: the recorded session, read-only; r re-answers from a turn."""
    from interviewer.commands.sessions_cmd import parse_id
    from interviewer.sessions.store import SessionStore

    session_id = parse_id(args.id)
    SessionStore().get(session_id)  # an unknown id is one clear line, not an empty screen
    return _run(args, {"screen": "replay", "session_id": session_id})
