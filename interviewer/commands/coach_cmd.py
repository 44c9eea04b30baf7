"""`interviewer rewrite`: the offline critique, then the coach's STAR rewrite of the reply.

Imports stay lazy: without a model, neither langchain nor openai is ever imported.
"""

from __future__ import annotations

import sys

from interviewer.commands.common import load_context, read_reply


def run_rewrite(args) -> int:
    text = read_reply(args.file)
    settings, knowledge = load_context()
    question = knowledge.question(args.question)
    from interviewer.coach import Coach, Done, Token
    from interviewer.feedback import FeedbackService

    feedback = FeedbackService(knowledge, settings).review(text, question.id)
    coach = Coach(settings)
    if not coach.available:
        print(
            "interviewer: no model is configured (set INTERVIEWER_MODEL or --model); "
            "showing the offline STAR template.",
            file=sys.stderr,
        )
    out = sys.stdout
    out.write(f"Your story as a STAR answer ({coach.label})\n\n")
    streamed = False
    for event in coach.rewrite(text, feedback, question):
        if isinstance(event, Token):
            out.write(event.text)
            out.flush()
            streamed = True
        elif isinstance(event, Done):
            if event.offline or not streamed:
                if streamed:  # a partial model answer was shown: mark where the template starts
                    out.write("\n\n(offline template)\n")
                out.write(event.text)
            out.write("\n")
            out.flush()
            if event.note:
                print(f"interviewer: {event.note}", file=sys.stderr)
    return 0
