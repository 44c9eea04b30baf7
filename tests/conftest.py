"""Every test runs with its own user state: nothing touches the real home or a real model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_MODEL_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "INTERVIEWER_BASE_URL",
    "INTERVIEWER_MODEL",
    "INTERVIEWER_API_KEY",
    "INTERVIEWER_CHROMA_URL",
    "INTERVIEWER_CHROMA_TOKEN",
    "INTERVIEWER_PACKS_DIR",
)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch, request):
    """Point all user state at a fresh directory and forget any configured model. The
    exemplar index (a cache of the packs, about 15 s to build) is copied in from one built
    for the session, and the optimised model cache shared, unless a test is marked
    `fresh_home` (it is about the first run itself)."""
    home = tmp_path / "home"
    home.mkdir()
    if request.node.get_closest_marker("fresh_home") is None:
        built = request.getfixturevalue("built_home")
        (home / "data").mkdir(mode=0o700)
        shutil.copytree(built / "data" / "index", home / "data" / "index")
        # The optimised models are shared, file by file; what a test writes in the cache (the
        # structured-output method a server accepted) stays its own.
        (home / "data" / "cache").mkdir(mode=0o700)
        for entry in (built / "data" / "cache").iterdir():
            (home / "data" / "cache" / entry.name).symlink_to(entry)
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    for name in _MODEL_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def built_home(tmp_path_factory):
    """A home whose exemplar index is already built."""
    home = tmp_path_factory.mktemp("built-home")
    env = {**os.environ, "INTERVIEWER_HOME": str(home)}
    for name in _MODEL_ENV:
        env.pop(name, None)
    subprocess.run(
        [sys.executable, "-m", "interviewer", "exemplars", "warm up"],
        env=env,
        check=True,
        capture_output=True,
    )
    return home


@pytest.fixture
def warm_home(isolated_home):
    """A home with the exemplar index built (every test's home has a copy of its own)."""
    assert (isolated_home / "data" / "index").is_dir()
    return isolated_home


def run_cli(
    *args: str,
    input: bytes | str | None = None,
    env: dict | None = None,
    timeout: float = 60,
    cwd: Path | None = None,
    text: bool = False,
) -> subprocess.CompletedProcess:
    """Run `python -m interviewer` as a user would, in a separate process; `text` decodes its
    output (and takes `input` as text)."""
    full_env = {**os.environ, **(env or {})}
    data = input.encode() if isinstance(input, str) and not text else input
    return subprocess.run(
        [sys.executable, "-m", "interviewer", *args],
        input=data,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        cwd=cwd,
        text=text,
    )


def packs_with_two_weak_escalation_exemplars(tmp_path: Path) -> Path:
    """A copy of the shipped packs (with their critic files) whose escalation follow-up has a
    second weak exemplar, so its exemplars must be ranked in the index."""
    import yaml

    from interviewer.knowledge import default_pack_dir

    packs = tmp_path / "packs"
    shutil.copytree(default_pack_dir(), packs)
    path = packs / "leadership-without-title.yaml"
    data = yaml.safe_load(path.read_text())
    data["questions"][0]["followups"][0]["weak"].append(
        {
            "id": "escalation-weak-2",
            "text": "I filed a Jira ticket for the owners and moved on.",
            "why": "A ticket is a hand-off.",
        }
    )
    path.write_text(yaml.safe_dump(data))
    return packs
