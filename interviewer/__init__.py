"""interviewer: a terminal mock interviewer for behavioural interviews."""

__version__ = "0.1.0"
