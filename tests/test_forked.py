"""Work handed to a forked process comes back whole, its failure comes back as one error, and
without fork, or beside other threads, it runs in place. The forking cases run in a fresh
interpreter: this test process may have threads of its own by then."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from interviewer.forked import Forked


def _fresh(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", "from interviewer.forked import Forked\nimport os\n" + code],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_childs_result_comes_back_and_it_ran_in_another_process():
    out = _fresh(
        "got = Forked(lambda: {'pid': os.getpid(), 'text': 'é' * 10_000}).result()\n"
        "print(got['pid'] != os.getpid(), got['text'] == 'é' * 10_000)"
    )
    assert out == "True True"


def test_a_failure_in_the_child_is_one_error_in_the_parent():
    out = _fresh(
        "def boom():\n    raise ValueError('index unreadable')\n"
        "try:\n    Forked(boom).result()\nexcept RuntimeError as exc:\n    print(exc)"
    )
    assert out == "ValueError: index unreadable"


def test_without_fork_the_work_runs_when_asked(monkeypatch):
    monkeypatch.delattr(os, "fork")
    ran = []
    forked = Forked(lambda: ran.append(1) or 7)
    assert ran == []
    assert forked.result() == 7 and ran == [1]


def test_in_place_a_failure_is_the_same_one_error(monkeypatch):
    monkeypatch.delattr(os, "fork")

    def boom():
        raise ValueError("index unreadable")

    with pytest.raises(RuntimeError, match="ValueError: index unreadable"):
        Forked(boom).result()


def test_beside_other_threads_the_work_runs_in_place():
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Forked(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        other.join()
