"""`interviewer rewrite`: the offline critique, then the coach's STAR rewrite of the reply.

Imports stay lazy: without a model, neither langchain nor openai is ever imported.
"""

from __future__ import annotations

import sys

from interviewer.commands.common import load_context, read_reply


def run_rewrite(args) -> int:
    text = read_reply(args.file, "rewrite")
    settings, knowledge = load_context(args)
    question = knowledge.question(args.question)
    from interviewer.coach.service import Coach, Done, Token
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
    # The model's name heads only text the model wrote: the header waits for the first token.
    streamed = False
    for event in coach.rewrite(text, feedback, question):
        if isinstance(event, Token):
            if not streamed:
                out.write(f"Your story as a STAR answer (written by {coach.label})\n\n")
            out.write(event.text)
            out.flush()
            streamed = True
        elif isinstance(event, Done):
            if event.offline or not streamed:
                if streamed:  # a partial model answer was shown: mark where the template starts
                    out.write("\n\n")
                label = "offline template" if event.offline else f"written by {coach.label}"
                out.write(f"Your story as a STAR answer ({label})\n\n{event.text}")
            out.write("\n")
            out.flush()
            if event.note:
                print(f"interviewer: {event.note}", file=sys.stderr)
    return 0
