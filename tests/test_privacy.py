"""Candidates' stories stay theirs: owner-only files whatever the umask, and deletion that
leaves nothing of the text in the database files."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from interviewer.sessions.store import SessionStore, default_path
from tests.conftest import run_cli

Q = "leadership-without-title"
MARKER = "Quokkasecret-private-marker"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _raw(path: Path) -> bytes:
    """Every byte of the database and its side files, as anyone with the disk could read."""
    return b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def permissive_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _session(store: SessionStore, reply: str) -> int:
    sid = store.start("interview", None, None, Q, "offline")
    store.save_reply(sid, 0, "answer", None, "Tell me about a time.", reply)
    return sid


@pytest.mark.fresh_home
def test_a_new_database_and_its_log_are_owner_only(permissive_umask):
    store = SessionStore()
    _session(store, "a story")
    db = default_path()
    assert (db.parent / "sessions.db-wal").exists()  # open connection: WAL and SHM exist
    for p in db.parent.iterdir():
        assert _mode(p) == 0o600, (p.name, oct(_mode(p)))
    assert _mode(db.parent) == 0o700
    store.close()


@pytest.mark.fresh_home
def test_files_written_by_commands_are_owner_only(permissive_umask, tmp_path):
    SessionStore().close()
    _session(SessionStore(), "a story")
    out = tmp_path / "report.md"
    res = run_cli(
        "export", "1", "-o", str(out), env={"INTERVIEWER_HOME": os.environ["INTERVIEWER_HOME"]}
    )
    assert res.returncode == 0, res.stderr
    assert _mode(out) == 0o600


def test_an_existing_wide_database_is_tightened_once_with_a_note(permissive_umask):
    db = default_path()
    first = SessionStore()
    _session(first, "a story")
    first.close()
    db.chmod(0o644)
    db.parent.chmod(0o755)
    notes: list[str] = []
    store = SessionStore(warn=notes.append)
    store.list()
    assert _mode(db) == 0o600 and _mode(db.parent) == 0o700
    assert len(notes) == 1 and "sessions.db (was 644)" in notes[0]
    store.close()
    SessionStore(warn=notes.append).list()
    assert len(notes) == 1  # already private: nothing more to say


def test_delete_leaves_no_text_in_the_files_while_the_store_stays_open():
    store = SessionStore()
    gone = _session(store, f"My colleague {MARKER} and I fixed it.")
    kept = _session(store, "Another story that stays.")
    assert MARKER.encode() in _raw(default_path())
    assert store.delete([gone]) == (1, 1)
    assert MARKER.encode() not in _raw(default_path())
    assert [r.id for r in store.list()] == [kept]
    store.close()


def test_a_reader_in_another_window_only_delays_the_purge():
    store = SessionStore(timeout=0.3)
    sid = _session(store, f"text {MARKER} here")
    reader = sqlite3.connect(default_path())
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM turns").fetchone()  # holds a snapshot open
    notes: list[str] = []
    store.warn = notes.append
    store.delete([sid])
    assert notes and "when that window closes" in notes[0]
    reader.rollback()
    reader.close()
    store.close()  # the last connection empties the log
    assert MARKER.encode() not in _raw(default_path())


def test_deleting_a_parent_keeps_its_fork_as_a_session_of_its_own():
    store = SessionStore()
    parent = _session(store, "the first telling")
    child = store.fork(parent, 1)
    store.delete([parent])
    rec = store.get(child)
    assert rec.parent_id is None and [t.reply for t in rec.turns] == ["the first telling"]
    store.close()


def test_delete_command_asks_or_needs_yes_and_names_bad_ids():
    store = SessionStore()
    a = _session(store, f"{MARKER} one")
    b = _session(store, "two")
    store.close()
    res = run_cli("sessions", "delete", str(a))  # stdin is not a terminal
    assert res.returncode == 2 and b"--yes" in res.stderr
    assert len(SessionStore().list()) == 2  # nothing deleted without a yes
    res = run_cli("sessions", "delete", "99", "--yes")
    assert res.returncode == 2 and res.stderr.decode().strip() == (
        "interviewer: no session 99 (see `interviewer sessions`)"
    )
    res = run_cli("sessions", "delete", "--yes")
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1
    res = run_cli("sessions", "delete", str(a), "--yes")
    assert res.returncode == 0, res.stderr
    assert b"deleted 1 session and 1 reply" in res.stderr
    assert [r.id for r in SessionStore().list()] == [b]
    assert MARKER.encode() not in _raw(default_path())
    res = run_cli("sessions", "delete", "--all", "--yes")
    assert res.returncode == 0 and SessionStore().list() == []


@pytest.mark.anyio
async def test_the_start_screen_deletes_the_highlighted_session_after_a_yes():
    from textual.widgets import DataTable

    from interviewer.tui.app import Launch
    from tests.test_tui import SIZE, make_app, wait_for

    store = SessionStore()
    older = _session(store, "a story to keep")
    newer = _session(store, f"{MARKER} in a story to delete")
    store.close()
    app = make_app(Launch())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.loaded)
        table = screen.query_one("#sessions", DataTable)
        assert table.get_row_at(table.cursor_row)[0] == str(newer)
        await pilot.press("delete")
        await pilot.press("n")  # changed their mind: nothing happens
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("delete")
        await pilot.press("y")
        await wait_for(pilot, lambda: table.row_count == 1)
        assert table.get_row_at(0)[0] == str(older)
    assert [r.id for r in SessionStore().list()] == [older]
    assert MARKER.encode() not in _raw(default_path())


def test_a_config_file_holding_a_key_is_made_owner_only_once(isolated_home, capfd):
    from interviewer.config import config_path, load_settings

    path = config_path()
    path.write_text('api_key = "sk-test-not-a-real-key-000"\n')
    path.chmod(0o644)
    load_settings()
    assert _mode(path) == 0o600
    err = capfd.readouterr().err
    assert err.count("made it owner-only") == 1 and "sk-test" not in err
    load_settings()
    assert "owner-only" not in capfd.readouterr().err
    path.write_text('model = "x"\n')  # a file with no key is left as the user made it
    path.chmod(0o644)
    load_settings()
    assert _mode(path) == 0o644
