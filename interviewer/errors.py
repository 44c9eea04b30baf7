"""Errors that end a command with one clear line instead of a traceback."""


class UserError(Exception):
    """A mistake the user can fix (bad flag, unreadable file, malformed pack): exit code 2."""

    exit_code = 2


def one_line(text: str) -> str:
    """`text` with line breaks, control, bidi and other invisible characters escaped (\\n,
    \\x00, \\u202e), so an error that names user-supplied text stays one readable line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
