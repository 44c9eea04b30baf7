"""An installed (non-editable) copy must hold every module and data file the app loads."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def _package_dirs() -> dict[str, Path]:
    mapped = {k: ROOT / v for k, v in CONFIG.get("package-dir", {}).items()}
    return {p: mapped.get(p, ROOT / p.replace(".", "/")) for p in CONFIG["packages"]}


def test_every_python_package_is_listed_for_the_wheel():
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "interviewer").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    missing = found - set(CONFIG["packages"])
    assert not missing, f"packages missing from pyproject: {sorted(missing)}"


def test_every_data_file_is_covered_by_package_data():
    dirs = _package_dirs()
    patterns = CONFIG["package-data"]
    uncovered = []
    for package, directory in dirs.items():
        for f in directory.rglob("*"):
            if not f.is_file() or f.suffix in (".py", ".pyc") or "__pycache__" in f.parts:
                continue
            owner = max((p for p, d in dirs.items() if d in f.parents), key=len)
            if owner != package:
                continue
            rel = f.relative_to(directory).as_posix()
            if not any(fnmatch.fnmatch(rel, pat) for pat in patterns.get(package, [])):
                uncovered.append(f"{package}: {rel}")
    assert not uncovered, f"data files no wheel would carry: {uncovered}"
