"""Configuration: env, config file and flags; bad config is one clear line."""

from __future__ import annotations

import os

import pytest

from interviewer.config import config_path, load_settings
from interviewer.errors import UserError
from tests.conftest import run_cli


def test_offline_by_default():
    s = load_settings()
    assert s.model is None and s.model_label == "offline" and s.chroma_url is None


def test_env_and_file_and_flags_precedence(monkeypatch):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('model = "from-file"\nbase_url = "http://file:1234/v1"\ntimeout = 12\n')
    s = load_settings()
    assert (s.model, s.base_url, s.timeout) == ("from-file", "http://file:1234/v1", 12)
    monkeypatch.setenv("INTERVIEWER_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env:8000/v1/")
    s = load_settings()
    assert (s.model, s.base_url) == ("from-env", "http://env:8000/v1")
    assert load_settings(model="from-flag").model == "from-flag"


def test_api_key_is_never_shown(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789abcdefghij")
    s = load_settings()
    assert s.openai_api_key.get_secret_value().startswith("sk-test")
    assert s.api_key is None  # OpenAI's key is not the configured server's key
    assert "sk-test" not in repr(s) and "sk-test" not in str(s.model_dump())


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('modle = "typo"\n', "unknown config key(s) modle"),
        ('base_url = "localhost:8000"\n', "http(s) URL"),
        ("model = [unclosed\n", "invalid config file"),
        ('timeout = "soon"\n', "timeout"),
    ],
)
def test_bad_config_file_is_one_clear_line(content, needle):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    with pytest.raises(UserError, match=None) as err:
        load_settings()
    assert needle in str(err.value)
    res = run_cli("knowledge")
    msg = res.stderr.decode().strip()
    assert res.returncode == 2 and "Traceback" not in msg and msg.count("\n") == 0


def test_unreadable_config_file_is_one_clear_line():
    path = config_path()
    path.mkdir(parents=True)  # a directory where the file should be: unreadable as a file
    res = run_cli("knowledge")
    assert res.returncode == 2 and b"cannot read config file" in res.stderr


def test_bad_chroma_url_flag():
    res = run_cli("exemplars", "hello", "--chroma-url", "not a url")
    assert res.returncode == 2 and b"chroma_url" in res.stderr and b"Traceback" not in res.stderr


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("timeout = " + "1" * 5000 + "\n", "a number too long or nesting too deep"),
        ("a = " + "[" * 1000 + "]" * 1000 + "\n", "a number too long or nesting too deep"),
        ('"bad\\nkey" = 1\n', "unknown config key(s) bad\\nkey;"),
        ('"\u202ekey" = 1\n', "unknown config key(s) \\u202ekey;"),
        ('openai_api_key = "sk-x"\n', "unknown config key(s) openai_api_key;"),
    ],
)
def test_hostile_config_files_are_one_plain_line(isolated_home, content, needle):
    (isolated_home / "config.toml").write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_settings()
    message = str(err.value)
    assert needle in message and len(message.splitlines()) == 1 and "\u202e" not in message


FLAG_VALUES = {"model": "m-flag", "base_url": "http://flag:1/v1", "chroma_url": "http://flag:2"}
ENV_VALUES = {"model": "m-env", "base_url": "http://env:1/v1", "chroma_url": "http://env:2"}
FILE_VALUES = {"model": "m-file", "base_url": "http://file:1/v1", "chroma_url": "http://file:2"}


def _flags(values: dict) -> list[str]:
    return [a for name, v in values.items() for a in ("--" + name.replace("_", "-"), v)]


@pytest.fixture
def built_settings(monkeypatch):
    """Every Settings the CLI builds in this process, as load_settings returns them."""
    import interviewer.config

    real, seen = interviewer.config.load_settings, []

    def spy(**overrides):
        seen.append(real(**overrides))
        return seen[-1]

    monkeypatch.setattr(interviewer.config, "load_settings", spy)
    return seen


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (("flags", "env", "file"), FLAG_VALUES),
        (("env", "file"), ENV_VALUES),
        (("file",), FILE_VALUES),
    ],
)
def test_flags_win_over_env_over_file_without_touching_the_environment(
    monkeypatch, capsys, built_settings, sources, expected
):
    from interviewer.cli import main

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f'{k} = "{v}"\n' for k, v in FILE_VALUES.items()))
    if "env" in sources:
        for name, value in ENV_VALUES.items():
            monkeypatch.setenv(f"INTERVIEWER_{name.upper()}", value)
    before = dict(os.environ)
    argv = ["knowledge", *(_flags(FLAG_VALUES) if "flags" in sources else [])]
    assert main(argv) == 0
    assert dict(os.environ) == before
    assert [{k: getattr(s, k) for k in expected} for s in built_settings] == [expected]


def test_flags_of_one_run_do_not_stay_for_the_next(capsys, built_settings):
    from interviewer.cli import main

    assert main(["knowledge", *_flags(FLAG_VALUES)]) == 0
    assert main(["knowledge"]) == 0
    assert [(s.model, s.base_url, s.chroma_url) for s in built_settings] == [
        tuple(FLAG_VALUES.values()),
        (None, None, None),
    ]


class _FakeApp:
    """Stands in for the Textual app: keeps what the command built for it."""

    built: list = []

    def __init__(self, backend, launch, handle_signals=False):
        _FakeApp.built.append((backend, launch))
        self.return_code = 0

    def run(self):
        return None


@pytest.mark.parametrize(
    "argv",
    [
        [*_flags(FLAG_VALUES)],  # the start screen, flags before any command
        ["interview", *_flags(FLAG_VALUES)],
        [  # flags on both sides of the command
            *_flags({"model": FLAG_VALUES["model"]}),
            "drill",
            *_flags({k: FLAG_VALUES[k] for k in ("base_url", "chroma_url")}),
        ],
    ],
)
def test_the_app_gets_the_flags(monkeypatch, argv):
    import interviewer.tui.app
    from interviewer.cli import main

    monkeypatch.setattr(interviewer.tui.app, "InterviewerApp", _FakeApp)
    monkeypatch.setattr(_FakeApp, "built", [])
    before = dict(os.environ)
    assert main(argv) == 0
    assert dict(os.environ) == before
    [(backend, _)] = _FakeApp.built
    s = backend.settings
    assert (s.model, s.base_url, s.chroma_url) == tuple(FLAG_VALUES.values())
