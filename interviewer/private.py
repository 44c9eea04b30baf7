"""Owner-only files. Candidates type real stories, colleagues' names and employers into this
app, so everything it writes (sessions, config, caches, exports) is readable by its owner only,
whatever the umask the shell was started with."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

#: Files 0600, directories 0700.
UMASK = 0o077
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """Everything the process creates inside is owner-only (the umask is per process, so this
    also covers files that SQLite, Chroma and onnxruntime create themselves)."""
    old = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(old)


def private_dir(path: Path) -> None:
    """Create `path` (and missing parents) as 0700; our own directory is tightened if wider."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    tighten(path)


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file unless one exists (SQLite then gives its WAL and SHM files the
    same mode as the database)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def tighten(path: Path) -> str | None:
    """Remove group and other permissions from `path`; the old mode (e.g. '644') when it was
    wider, None when it was already private or does not exist."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if not mode & _OTHERS:
        return None
    try:
        path.chmod(stat.S_IMODE(mode) & ~_OTHERS)
    except OSError:
        return None  # not ours to change (another owner): SQLite reports real problems
    return f"{stat.S_IMODE(mode):o}"
