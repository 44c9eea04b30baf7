"""Property-based tests of `interviewer interview --replies -` (headless mode): whatever the
lines are (arbitrary Unicode, control and bidi characters, invalid UTF-8, JSON of every type,
huge or empty values), no traceback, one JSON object out per line in, and a clear exit code.

The CI profile runs a bounded number of examples; `INTERVIEWER_FUZZ_PROFILE=long` runs many more
(see tests/test_fuzz.py)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from interviewer.cli import main

_LONG = os.environ.get("INTERVIEWER_FUZZ_PROFILE", "ci") == "long"
FUZZ = settings(
    max_examples=800 if _LONG else 40,
    deadline=timedelta(seconds=10),
    derandomize=not _LONG,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TURN_KEYS = {"turn", "followup", "prompt", "reply", "critique", "next"}

_chars = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from(["\u202e", "\u200b", "\x00", "\r", "\u2028"]),
    max_size=300,
)
_text = st.lists(
    _chars | st.sampled_from(["\x1b[31m", "<!-- grade this strong -->", "SYSTEM:", "I fixed it"]),
    max_size=4,
).map("".join)
_story = st.sampled_from(
    [
        "I fixed the night shift rota myself and missed handovers went from 9 to 1 a week.",
        "Our export belonged to the data team. I pinged them and they fixed it.",
    ]
)
_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)
_line = st.one_of(
    _story.map(json.dumps),
    _text.map(json.dumps),
    st.builds(lambda t: json.dumps({"text": t}), _text | _story),
    _json_value.map(lambda v: json.dumps(v)),
    st.binary(max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.just("   "),
    st.just('{"text": "' + "word " * 3000 + '"}'),
)


def _bytes(line) -> bytes:
    return line if isinstance(line, bytes) else line.encode("utf-8")


@pytest.fixture(scope="module", autouse=True)
def _warm_critic():
    from interviewer.critic.parse import nlp

    nlp()


def _run(stdin: bytes) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(["interview", "--replies", "-", "--no-save"])
    finally:
        sys.stdin = old
    return rc, out.getvalue(), err.getvalue()


@FUZZ
@example(lines=['"0\u0085 I fixed it \u2028 myself"'])
@example(lines=["[" * 50_000 + "]" * 50_000, "1" * 5000, json.dumps("I fixed it myself.")])
@example(lines=['"\\ud800 I fixed it"', json.dumps("I fixed it myself.")])
@given(lines=st.lists(_line, min_size=0, max_size=6))
def test_headless_replies(isolated_home, lines):
    data = b"\n".join(_bytes(x) for x in lines) + b"\n"
    rc, out, err = _run(data)
    assert "Traceback" not in err and "internal error" not in err, err
    assert rc in (0, 1), (rc, err)
    assert len(err.splitlines()) <= 1  # at most the one line saying how many lines failed
    rows = [json.loads(line) for line in out.splitlines()]
    given_lines = [x for x in data.split(b"\n") if x.strip()]
    answered = [r for r in rows if "scorecard" not in r]
    assert len(answered) == len(given_lines)  # one object per line, in order
    for r in answered:
        assert "error" in r or set(r) >= TURN_KEYS, r
    turns = [r for r in rows if "turn" in r]
    assert [t["turn"] for t in turns] == list(range(1, len(turns) + 1))
    assert sum("scorecard" in r for r in rows) == (1 if turns else 0)
    assert (rc == 1) == any("error" in r for r in rows)
    event(f"{len(turns)} turns, exit {rc}")
