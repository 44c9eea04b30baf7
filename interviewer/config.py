"""Settings: one pydantic-settings class, built from pydantic-settings' own sources.

Where a value comes from, the first that has it winning:

1. init values: the command-line flags (--model, --base-url, --chroma-url), which the CLI
   passes as `load_settings(**overrides)`; nothing is written to os.environ;
2. the environment: INTERVIEWER_<SETTING> (for the server URL also OPENAI_BASE_URL, below
   INTERVIEWER_BASE_URL; OpenAI's own key only as OPENAI_API_KEY);
3. the config file, config.toml (`config_path()`), read by pydantic-settings'
   TomlConfigSettingsSource;
4. the defaults below.

INTERVIEWER_HOME moves all user state (config file and data) under one directory.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, TomlConfigSettingsSource

from interviewer.errors import UserError, one_line

APP = "interviewer"
HOME_ENV = "INTERVIEWER_HOME"
#: Settings read from the environment only, never from the config file: OpenAI's own key
#: belongs to the shell that has it, not to a file this app reads for every server.
ENV_ONLY = frozenset({"openai_api_key"})


def home() -> Path | None:
    """The directory that holds all user state when INTERVIEWER_HOME is set."""
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Where the exemplar index and the sessions database live."""
    h = home()
    return h / "data" if h else Path(platformdirs.user_data_dir(APP))


def config_path() -> Path:
    """The config file (TOML), at the platformdirs config path or under INTERVIEWER_HOME."""
    h = home()
    return (h / "config.toml") if h else Path(platformdirs.user_config_dir(APP)) / "config.toml"


def _check_url(value: str | None, what: str) -> str | None:
    if value in (None, ""):
        return None
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"{what} must be an http(s) URL like http://localhost:8000, got {value!r}")
    return value.rstrip("/")


class _ConfigFile(TomlConfigSettingsSource):
    """config.toml through pydantic-settings' TOML source, with this app's rules on top: a file
    that is there but cannot be read or parsed is a one-line UserError naming it (not a
    traceback, and not silently skipped as the base class skips a directory); a key that is
    not a setting is refused, not ignored (a typo would otherwise go unnoticed); a file
    holding a key is made owner-only."""

    def __init__(self, settings_cls: type[BaseSettings]):
        super().__init__(settings_cls, toml_file=config_path())

    @staticmethod
    def _existing_files(files) -> list[Path]:
        path = Path(files)
        try:
            path.stat()
        except FileNotFoundError:
            return []
        except OSError:
            pass  # there, but unreachable: reading it says why
        return [path]

    def _read_file(self, file_path: Path) -> dict[str, Any]:
        try:
            data = super()._read_file(file_path)
        except OSError as exc:
            raise UserError(
                f"{file_path}: cannot read config file: {exc.strerror or exc}"
            ) from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise UserError(f"{file_path}: invalid config file: {one_line(str(exc))}") from None
        except (ValueError, RecursionError):  # a 5,000-digit number, nesting 1,000 deep
            raise UserError(
                f"{file_path}: invalid config file: a number too long or nesting too deep"
            ) from None
        _keep_keys_private(file_path, data)
        known = set(Settings.model_fields) - ENV_ONLY
        unknown = sorted(set(data) - known)
        if unknown:
            names = ", ".join(one_line(k) for k in unknown)
            known_names = ", ".join(sorted(known))
            raise UserError(f"{file_path}: unknown config key(s) {names}; known: {known_names}")
        return data


def _keep_keys_private(path: Path, data: dict) -> None:
    """A config file holding a key is the owner's alone: tightened once, with one note."""
    if not any(data.get(k) for k in ("api_key", "chroma_token")):
        return
    from interviewer.private import tighten

    was = tighten(path)
    if was:
        print(
            f"interviewer: {path} holds a key and was readable by others ({was}); "
            "made it owner-only (600)",
            file=sys.stderr,
        )


class Settings(BaseSettings):
    """Everything the user can configure. Env vars use the INTERVIEWER_ prefix."""

    model_config = SettingsConfigDict(env_prefix="INTERVIEWER_", extra="ignore")

    model: str | None = None
    """Chat model name (e.g. gpt-4o-mini, qwen2.5:7b); unset means offline, no language model."""

    base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("INTERVIEWER_BASE_URL", "OPENAI_BASE_URL", "base_url"),
    )
    """OpenAI-compatible server URL (vLLM, Ollama, LM Studio, llama.cpp server); OpenAI if unset."""

    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("INTERVIEWER_API_KEY", "api_key")
    )
    """API key for the configured model server (base_url, or OpenAI's when unset); never
    printed, logged or stored."""

    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY")
    )
    """OpenAI's own key, from the environment only: sent to OpenAI's API host and nowhere else
    (not to a team server that base_url points at)."""

    allow_http_key: bool = False
    """Send api_key over plain http to a server that is not on this machine (it can be read
    on the way): off unless the team's network is trusted."""

    structured_output: Literal["json_schema", "function_calling", "json_mode"] = "json_schema"
    """How structured replies are requested (local servers often need function_calling)."""

    timeout: float = Field(default=30.0, gt=0)
    """Seconds before a model call is abandoned and the turn continues offline."""

    max_retries: int = Field(default=1, ge=0, le=5)
    """Retries of a failed model call before falling back to the offline coach."""

    chroma_url: str | None = None
    """A shared Chroma server (http://host:port); the embedded store under the data dir if unset."""

    chroma_token: SecretStr | None = None
    """Token sent as the X-Chroma-Token header to the proxy guarding chroma_url; never printed,
    logged or stored."""

    packs_dir: Path | None = None
    """A directory of knowledge packs to use instead of the shipped ones."""

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, v: str | None) -> str | None:
        return _check_url(v, "base_url")

    @field_validator("chroma_url")
    @classmethod
    def _chroma_url(cls, v: str | None) -> str | None:
        return _check_url(v, "chroma_url")

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, *_, **__):
        # Highest first; no .env file and no secrets dir: the config file is the one file.
        return (init_settings, env_settings, _ConfigFile(settings_cls))

    @property
    def model_label(self) -> str:
        """What the header shows: the active model or 'offline'."""
        return self.model or "offline"


def load_settings(**overrides: Any) -> Settings:
    """Settings from flags (overrides), env and the config file; UserError on bad values."""
    overrides = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "config"
        raise UserError(
            f"invalid setting {field}: {err['msg'].removeprefix('Value error, ')}"
        ) from None
