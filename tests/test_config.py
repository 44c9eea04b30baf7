"""Configuration: env, config file and flags; bad config is one clear line."""

from __future__ import annotations

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
