"""A team Chroma server behind nginx (deploy/nginx-chroma.conf, used as written with its
placeholders filled in) that wants a token. The right token works through the server; a wrong
or missing token, or a server gone mid-session, is one line on stderr and the exemplars come from
the local index: the user never loses a turn to the shared server."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from interviewer.config import load_settings
from interviewer.knowledge import load_knowledge
from interviewer.store import PREFIX, ExemplarStore
from tests.conftest import ROOT, packs_with_two_weak_escalation_exemplars, run_cli

NGINX_CONF = ROOT / "deploy" / "nginx-chroma.conf"
TOKEN = "team-" + secrets.token_hex(16)
WRONG = "wrong-" + secrets.token_hex(16)
SLACK = "I pinged their on-call in Slack and they took care of it"
TICKET = "I opened a Jira ticket in their queue and moved on."
START_S = 30


@dataclass
class Guarded:
    url: str  # the proxy, as users configure it
    chroma: str  # `chroma run` itself, on loopback


@pytest.fixture(autouse=True)
def _no_token_from_the_developer(monkeypatch):
    monkeypatch.delenv("INTERVIEWER_CHROMA_TOKEN", raising=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str, token: str | None = None) -> int | None:
    """The HTTP status of a GET, or None when nothing answers."""
    headers = {"X-Chroma-Token": token} if token is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return None


def _wait_until_up(
    url: str, proc: subprocess.Popen, what: str, log: Path, token: str | None = None
) -> None:
    deadline = time.monotonic() + START_S
    while _status(f"{url}/api/v2/heartbeat", token) != 200:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with code {proc.returncode} (see {log})")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not answer within {START_S} s (see {log})")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _nginx() -> str:
    """nginx, or a skip; under CI a failure, so the guarded tests can never silently vanish."""
    exe = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if exe:
        return exe
    reason = "nginx is not installed (apt-get install nginx): the guarded-server tests need it"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run installs it")
    pytest.skip(reason)


@contextlib.contextmanager
def _chroma(tmp: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    exe = shutil.which("chroma")
    if not exe:
        pytest.skip("no `chroma` server command installed")
    port = _free_port()
    (tmp / "chroma").mkdir(parents=True)
    with open(tmp / "chroma.log", "wb") as log:
        proc = subprocess.Popen(
            [exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp / "chroma")],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, "the Chroma server", tmp / "chroma.log")
        yield proc, url
    finally:
        _stop(proc)


@contextlib.contextmanager
def _guarded(tmp: Path) -> Iterator[tuple[subprocess.Popen, Guarded]]:
    """`chroma run` behind nginx, both on loopback ports of their own: (chroma process, urls)."""
    nginx = _nginx()
    with _chroma(tmp) as (chroma_proc, chroma_url):
        prefix = tmp / "nginx"
        for sub in ("logs", "tmp"):
            (prefix / sub).mkdir(parents=True)
        proxy_port = _free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(
            NGINX_CONF.read_text()
            .replace("CHROMA_TOKEN_HERE", TOKEN)
            .replace("PROXY_PORT_HERE", f"127.0.0.1:{proxy_port}")
            .replace("CHROMA_PORT_HERE", chroma_url.rsplit(":", 1)[1])
        )
        log = prefix / "logs" / "error.log"
        cmd = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(log), "-g", "daemon off;"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{proxy_port}"
        try:
            _wait_until_up(url, proc, "nginx", log, token=TOKEN)
            yield chroma_proc, Guarded(url, chroma_url)
        finally:
            _stop(proc)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> Iterator[Guarded]:
    with _guarded(tmp_path_factory.mktemp("guarded")) as (_, servers):
        yield servers


def _collections(url: str) -> list[str]:
    path = "/api/v2/tenants/default_tenant/databases/default_database/collections"
    with urllib.request.urlopen(url + path, timeout=5) as r:
        return [c["name"] for c in json.load(r)]


def _exemplars(env: dict) -> subprocess.CompletedProcess:
    return run_cli("exemplars", SLACK, "--followup", "escalation", "--format", "json", env=env)


def _score(env: dict, packs: Path) -> subprocess.CompletedProcess:
    """`score` of a reply whose weak exemplars must be ranked, so the index is queried."""
    return run_cli(
        "score",
        "--format",
        "json",
        "--no-llm",
        "--followup",
        "escalation",
        input=TICKET,
        env={**env, "INTERVIEWER_PACKS_DIR": str(packs)},
    )


def _assert_no_token_anywhere(results, home: Path) -> None:
    for res in results:
        for stream in (res.stdout, res.stderr):
            assert TOKEN.encode() not in stream and WRONG.encode() not in stream
    for f in home.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert TOKEN.encode() not in data and WRONG.encode() not in data, f


def test_the_token_comes_from_env_or_the_config_file_and_is_never_shown(monkeypatch):
    from interviewer.config import config_path

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'chroma_token = "{WRONG}"\n')
    assert load_settings().chroma_token.get_secret_value() == WRONG
    monkeypatch.setenv("INTERVIEWER_CHROMA_TOKEN", TOKEN)
    s = load_settings()
    assert s.chroma_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(s) and TOKEN not in str(s.model_dump())


def test_the_proxy_lets_through_only_the_token(guarded):
    heartbeat = f"{guarded.url}/api/v2/heartbeat"
    assert _status(heartbeat, TOKEN) == 200
    assert _status(heartbeat, WRONG) == 401
    assert _status(heartbeat, TOKEN.upper()) == 401
    assert _status(heartbeat) == 401


@pytest.mark.fresh_home
def test_the_right_token_works_through_the_server(guarded, isolated_home, tmp_path):
    env = {"INTERVIEWER_CHROMA_URL": guarded.url, "INTERVIEWER_CHROMA_TOKEN": TOKEN}
    ex = _exemplars(env)
    assert ex.returncode == 0 and ex.stderr == b"", ex.stderr.decode()
    assert "Slack" in json.loads(ex.stdout)["weak"][0]["text"]
    score = _score(env, packs_with_two_weak_escalation_exemplars(tmp_path))
    assert score.returncode == 0 and score.stderr == b"", score.stderr.decode()
    weak = json.loads(score.stdout)["exemplars"]["weak"][0]
    assert weak["id"] == "escalation-weak-2" and weak["score"] > 0
    # The server holds both indexes (shipped packs, and packs with the extra exemplar) ...
    assert len([n for n in _collections(guarded.chroma) if n.startswith(PREFIX)]) >= 2
    # ... and nothing was written to the local one.
    assert not (isolated_home / "data" / "index").exists()
    _assert_no_token_anywhere([ex, score], isolated_home)


@pytest.mark.parametrize("token", [WRONG, None], ids=["wrong-token", "no-token"])
def test_a_refused_token_is_one_line_and_the_local_index_answers(
    guarded, isolated_home, tmp_path, token
):
    env = {"INTERVIEWER_CHROMA_URL": guarded.url}
    if token is not None:
        env["INTERVIEWER_CHROMA_TOKEN"] = token
    ex = _exemplars(env)
    score = _score(env, packs_with_two_weak_escalation_exemplars(tmp_path))
    for res in (ex, score):
        assert res.returncode == 0, res.stderr.decode()
        lines = res.stderr.decode().splitlines()
        assert len(lines) == 1, lines
        assert f"the Chroma server at {guarded.url} refused the token (HTTP 401)" in lines[0]
        assert "INTERVIEWER_CHROMA_TOKEN" in lines[0] and "local exemplar index" in lines[0]
    assert "Slack" in json.loads(ex.stdout)["weak"][0]["text"]
    weak = json.loads(score.stdout)["exemplars"]["weak"][0]
    assert weak["id"] == "escalation-weak-2" and weak["score"] > 0
    assert (isolated_home / "data" / "index").is_dir()
    _assert_no_token_anywhere([ex, score], isolated_home)


@pytest.mark.parametrize("route", ["direct", "through-nginx"])
def test_a_server_gone_mid_session_falls_back_without_losing_the_turn(
    route, tmp_path, isolated_home, monkeypatch
):
    packs = packs_with_two_weak_escalation_exemplars(tmp_path)
    said: list[str] = []
    servers = _chroma(tmp_path / "servers") if route == "direct" else _guarded(tmp_path / "servers")
    with servers as (chroma_proc, where):
        url = where if route == "direct" else where.url
        monkeypatch.setenv("INTERVIEWER_CHROMA_URL", url)
        monkeypatch.setenv("INTERVIEWER_CHROMA_TOKEN", TOKEN)
        store = ExemplarStore(load_knowledge(packs), load_settings(), progress=said.append)
        assert store.remote and store.fallback_reason is None
        before = store.query(TICKET, followup="escalation", k=2)
        _stop(chroma_proc)  # the server goes away; nginx (if any) stays up and answers 502
        after = store.query(TICKET, followup="escalation", k=2)
    assert [h.id for h in after.weak] == [h.id for h in before.weak]
    assert after.weak[0].id == "escalation-weak-2"
    assert not store.remote and url in store.fallback_reason
    notes = [m for m in said if "local exemplar index" in m]
    assert notes == [f"{store.fallback_reason}; using the local exemplar index"]
    # The rest of the session stays on the local index, without another note.
    assert store.query(SLACK, followup="escalation").weak
    assert [m for m in said if "local exemplar index" in m] == notes
    assert TOKEN not in " ".join(said)
