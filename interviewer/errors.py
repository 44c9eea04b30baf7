"""Errors that end a command with one clear line instead of a traceback."""


class UserError(Exception):
    """A mistake the user can fix (bad flag, unreadable file, malformed pack): exit code 2."""

    exit_code = 2
