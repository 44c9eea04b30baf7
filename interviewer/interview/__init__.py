"""The interview: the pure state machine (`machine`), the choice of the next follow-up
(`policy`), the candidate's words quoted back (`quotes`), the scorecard, full loops and
recorded sessions turned back into turns."""

# The names the app, the commands and the tests use, from the modules that own them.
from interviewer.interview.machine import MODES, Interview, Next, Prompt, Turn
from interviewer.interview.quotes import quote_back
from interviewer.interview.scorecard import DimensionLine, FollowUpResult, Scorecard

__all__ = [
    "MODES",
    "DimensionLine",
    "FollowUpResult",
    "Interview",
    "Next",
    "Prompt",
    "Scorecard",
    "Turn",
    "quote_back",
]
