"""Files from registry packages that are used only after their sha256 matches a pin.

Hashing a model on every start would cost tens of milliseconds, so a verified file leaves a
stamp (its path, size and mtime) in the cache; it is hashed again only when that changes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from interviewer.config import data_dir
from interviewer.errors import UserError


def cache_dir() -> Path:
    """Where derived, rebuildable files (optimised models, verification stamps) live."""
    return data_dir() / "cache"


def verified(path: Path, sha256: str, what: str) -> Path:
    """`path`, once its sha256 matches the pin; re-hashed only when the file's stat changes."""
    try:
        st = path.stat()
        stamp = cache_dir() / f"verified-{sha256[:16]}"
        token = f"{path}|{st.st_size}|{st.st_mtime_ns}"
        if read_text(stamp) == token:
            return path
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise UserError(
            f"{what} missing at {path}: reinstall interviewer ({exc.strerror})"
        ) from None
    if digest != sha256:
        raise UserError(f"{what} at {path} does not match its pinned sha256: reinstall interviewer")
    write_text(stamp, token)
    return path


def read_text(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


def write_text(path: Path, text: str) -> None:
    """Best effort: a read-only home only costs the cache, never the run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(text)
        tmp.replace(path)
    except OSError:
        pass
