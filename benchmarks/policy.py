"""The interviewer policy on labelled first answers: is the first follow-up one a coach would
accept, is every strong answer probed, is a follow-up answered strongly ever asked again, and is
every quote a verbatim clause of the candidate's reply?

Usage: python benchmarks/policy.py [PATH] [--headless] [--focus F] [--level L] [--json]

Each item of PATH (default benchmarks/data/policy_heldout_zb.yaml) has a first answer, the
follow-ups a coach would accept first (`acceptable_first`) and a strong reply to each follow-up.
The interview is run to its end, answering every follow-up with the story's strong reply. By
default the state machine and the critic run in this process (as the app runs them); with
--headless every interview goes through `interviewer interview --replies -` as a script would,
one reply at a time (slower: one process per interview).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT / "benchmarks" / "data" / "policy_heldout_zb.yaml"


def _in_process(question, item: dict, focus: str, level: str) -> list[dict]:
    """The interview's turns as headless mode prints them (only the fields measured here)."""
    from interviewer.critic import critique
    from interviewer.interview import Interview

    iv = Interview(question, "interview", focus, level)
    rows, reply = [], item["text"]
    while reply is not None:
        turn = iv.submit(reply)
        nxt = iv.record(critique(reply, question, turn.followup, focus=focus, level=level))
        p = nxt.prompt
        rows.append(
            {
                "followup": turn.followup,
                "reply": reply,
                "verdict": turn.critique.verdict,
                "next": None if p is None else {"followup": p.followup, "quote": p.quote},
            }
        )
        reply = _strong_reply(item, p.followup if p is not None else None)
    return rows


def _strong_reply(item: dict, followup: str | None) -> str | None:
    """The story's strong reply to `followup`; None ends the interview there (a training set
    without strong replies is measured on its first follow-up alone)."""
    return item.get("strong_replies", {}).get(followup) if followup else None


def _headless(item: dict, focus: str, level: str) -> list[dict]:
    cmd = [sys.executable, "-m", "interviewer", "interview", "--replies", "-", "--no-save"]
    cmd += ["--focus", focus, "--level", level]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    rows, reply = [], item["text"]
    while reply is not None:
        proc.stdin.write(json.dumps(reply) + "\n")
        proc.stdin.flush()
        row = json.loads(proc.stdout.readline())
        row["verdict"] = row["critique"]["verdict"]
        rows.append(row)
        nxt = row["next"]
        reply = _strong_reply(item, nxt["followup"] if nxt else None)
    proc.stdin.close()
    proc.wait(timeout=60)
    return rows


def measure(items: list[dict], runner, focus: str, level: str) -> dict:
    first_ok, probed, repeats, quotes, bad_quotes = 0, 0, 0, 0, []
    strong_items, by_cat = 0, defaultdict(lambda: [0, 0])
    misses = []
    for item in items:
        rows = runner(item, focus, level)
        nxt = rows[0]["next"]
        first = nxt["followup"] if nxt else None
        ok = first in item["acceptable_first"]
        first_ok += ok
        by_cat[item["category"]][0] += ok
        by_cat[item["category"]][1] += 1
        if not ok:
            misses.append(f"{item['id']} ({item['category']}): asked {first}, "
                          f"acceptable {item['acceptable_first']}")  # fmt: skip
        if rows[0]["verdict"] == "strong":
            strong_items += 1
            probed += nxt is not None
        answered_strong: set[str] = set()
        for row in rows:
            if row["followup"] in answered_strong:
                repeats += 1
            if row["followup"] and row["verdict"] == "strong":
                answered_strong.add(row["followup"])
            q = (row["next"] or {}).get("quote")
            if q:
                quotes += 1
                # a quote may only come from the reply it picks up, verbatim
                if not any(q in r["reply"] for r in rows[: rows.index(row) + 1]):
                    bad_quotes.append(f"{item['id']}: {q!r}")
    n = len(items)
    return {
        "items": n,
        "focus": focus,
        "level": level,
        "acceptable_first": round(first_ok / n, 3),
        "by_category": {c: f"{a}/{b}" for c, (a, b) in sorted(by_cat.items())},
        "strong_first_answers": strong_items,
        "strong_probed": f"{probed}/{strong_items}",
        "repeated_after_strong": repeats,
        "quotes": quotes,
        "quotes_not_verbatim": len(bad_quotes),
        "misses": misses,
        "bad_quotes": bad_quotes,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--headless", action="store_true")
    ap.add_argument("--focus", default="outcome")
    ap.add_argument("--level", default="mid")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    items = yaml.safe_load(Path(args.path).read_text())
    if args.headless:
        runner = _headless
    else:
        from interviewer.knowledge import load_knowledge

        question = load_knowledge().question("leadership-without-title")

        def runner(item, focus, level):
            return _in_process(question, item, focus, level)

    result = measure(items, runner, args.focus, args.level)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for key, value in result.items():
        if key in ("misses", "bad_quotes"):
            for line in value:
                print(f"  {key[:-2] if key.endswith('es') else key}: {line}")
        else:
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
