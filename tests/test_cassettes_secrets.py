"""No cassette may hold a credential: no authorization header, organisation id or key."""

from __future__ import annotations

import re

import pytest

from tests.coach_fixtures import CASSETTES, FAKE_KEY

FORBIDDEN = [
    re.compile(r"(?i)authorization"),
    re.compile(r"(?i)openai-organization|openai-project|\borg-[A-Za-z0-9]{8,}"),
    re.compile(r"(?i)\bx-api-key\b|\bapi-key:"),
    re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)\bBearer\s+\S+"),
    re.compile(re.escape(FAKE_KEY)),
    re.compile(r"not-needed"),  # even the dummy key for local servers stays out
]


def cassette_files():
    return sorted(CASSETTES.rglob("*.yaml"))


def test_there_are_cassettes():
    assert len(cassette_files()) >= 8


@pytest.mark.parametrize("path", cassette_files(), ids=lambda p: p.stem)
def test_cassette_holds_no_secret(path):
    text = path.read_text(encoding="utf-8")
    for pattern in FORBIDDEN:
        assert not pattern.search(text), f"{path.name} matches {pattern.pattern}"


@pytest.mark.parametrize("path", cassette_files(), ids=lambda p: p.stem)
def test_cassette_keeps_only_the_content_type_header(path):
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for interaction in data["interactions"]:
        names = {k.lower() for k in interaction["response"]["headers"]}
        assert names <= {"content-type"}
        names = {k.lower() for k in interaction["request"]["headers"]}
        assert names <= {"content-type", "accept"}


def test_the_scan_catches_a_leaked_header(tmp_path):
    leaked = "headers:\n  Authorization:\n  - Bearer sk-abc123def456ghi789\n"
    assert any(p.search(leaked) for p in FORBIDDEN)
