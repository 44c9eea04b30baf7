"""Work handed to a forked process comes back whole, its failure comes back as one error, and
without fork it runs in place."""

from __future__ import annotations

import os

import pytest

from interviewer.forked import Forked


def test_the_childs_result_comes_back_and_it_ran_in_another_process():
    parent = os.getpid()
    got = Forked(lambda: {"pid": os.getpid(), "text": "é" * 10_000}).result()
    assert got["text"] == "é" * 10_000
    assert got["pid"] != parent


def test_a_failure_in_the_child_is_one_error_in_the_parent():
    def boom():
        raise ValueError("index unreadable")

    with pytest.raises(RuntimeError, match="ValueError: index unreadable"):
        Forked(boom).result()


def test_without_fork_the_work_runs_when_asked(monkeypatch):
    monkeypatch.delattr(os, "fork")
    ran = []
    forked = Forked(lambda: ran.append(1) or 7)
    assert ran == []
    assert forked.result() == 7 and ran == [1]


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
