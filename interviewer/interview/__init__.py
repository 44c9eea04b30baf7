"""The interview: the pure state machine (`machine`), the choice of the next follow-up
(`policy`), the candidate's words quoted back (`quotes`), the scorecard, full loops and
recorded sessions turned back into turns."""

from interviewer.interview.machine import (
    MODES,
    DimensionLine,
    FollowUpResult,
    Interview,
    Next,
    Prompt,
    Scorecard,
    Turn,
    quote_back,
)

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
