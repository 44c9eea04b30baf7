"""Critic accuracy on labelled sets, per speaking style, beside a keyword-matching baseline.

Usage: python benchmarks/critic_accuracy.py [PATH ...] [--errors] [--json]

With no paths it measures every held-out set in benchmarks/data (sets the critic was never
trained on) and, when it exists, the dev set in ../shared/eval/dev.yaml beside the repository
(a clone without it says it skipped it). For each set and each style it prints:
per-dimension accuracy of full answers (every dimension the item is labelled on), follow-up
verdict accuracy, overall verdict accuracy (items with a `verdict`), strong escalation replies
judged strong, gaming answers called strong, the share of dimensions a gaming answer does not
meet that were marked met, injection answers with a flipped check, and strong twins scored
above their weak twins.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.critic import critique  # noqa: E402
from interviewer.critic.dataset import load_items  # noqa: E402
from interviewer.critic.spec import SHARED_DIMENSIONS  # noqa: E402
from interviewer.knowledge import load_knowledge  # noqa: E402

DEFAULT_SETS = sorted((ROOT / "benchmarks" / "data").glob("heldout*.yaml")) + sorted(
    (ROOT / "benchmarks" / "data").glob("holdout*.yaml")
)
DEV = ROOT.parent / "shared" / "eval" / "dev.yaml"


def _has(text: str, *words: str) -> bool:
    return any(re.search(r"\b" + re.escape(w) + r"\b", text, re.IGNORECASE) for w in words)


def _first_person(text: str) -> bool:
    return len(re.findall(r"\bI\b", text)) > len(re.findall(r"\bwe\b", text, re.IGNORECASE))


BASELINE_FULL = {
    "situation_concise": lambda t: not _has(t, "architecture", "background", "context", "stack"),
    "scope_boundary": lambda t: _has(t, "not my team", "no ticket", "nobody asked", "another team",
                                     "wasn't my", "not mine", "nobody had asked"),
    "ownership_language": _first_person,
    "metric_delta": lambda t: bool(re.search(r"\d\s?%|from \S+ to \S+", t)),
    "business_impact": lambda t: "$" in t or _has(t, "revenue", "cost", "customers", "users",
                                                  "hours", "churn", "support tickets"),
    "second_order_effect": lambda t: _has(t, "adopted", "other teams", "standard", "process",
                                          "prevent", "prevents", "runbook"),
    "specific_reflection": lambda t: _has(t, "learned", "lesson", "takeaway", "took away")
    and not _has(t, "communication is important", "teamwork", "learned a lot"),
}  # fmt: skip
BASELINE_FOLLOWUP = {
    "escalation": lambda t: _has(t, "fix", "tested", "tests", "PR", "patch")
    and not _has(t, "they handled", "they fixed", "ticket"),
    "their_code": lambda t: _has(t, "concern", "concerns", "skeptical", "skepticism", "pushback",
                                 "worried", "reluctant") and _has(t, "impact", "tests", "sync",
                                                                  "meeting", "docs"),
    "motivation": lambda t: _has(t, "customer", "customers", "revenue", "users", "losing")
    and not _has(t, "someone had to", "spare time", "fun", "promotion"),
    "impact": lambda t: ("$" in t or _has(t, "revenue", "customers", "cost", "hours"))
    and _has(t, "adopted", "other teams", "standard", "process", "prevent"),
}  # fmt: skip


class Judge:
    """The critic (or the baseline) on one item: {dim: met}, verdict, score."""

    def __init__(self) -> None:
        knowledge = load_knowledge()
        self.questions = {q.id: q for q in knowledge.questions}
        self.default = knowledge.question()

    def critic(self, item: dict) -> tuple[dict[str, bool], str, int]:
        q = self.questions.get(item.get("question", ""), self.default)
        c = critique(item["text"], q, item.get("followup") if item["kind"] != "full" else None)
        self.evidence = {k: list(d.evidence) for k, d in c.dimensions.items()}
        return {k: d.met for k, d in c.dimensions.items()}, c.verdict, c.score

    def baseline(self, item: dict) -> tuple[dict[str, bool], str, int]:
        self.evidence = {}
        t = item["text"]
        if item["kind"] != "full":
            strong = BASELINE_FOLLOWUP[item["followup"]](t)
            return {}, "strong" if strong else "weak", 100 * strong
        met = {d: bool(f(t)) for d, f in BASELINE_FULL.items()}
        labelled = [d for d in item["labels"] if d in met]
        score = round(100 * sum(met[d] for d in labelled) / max(len(labelled), 1))
        return met, "strong" if score >= 60 else "weak", score


class Tally:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, key: str, ok: bool) -> None:
        self.c[key][0] += int(ok)
        self.c[key][1] += 1

    def rate(self, key: str) -> float | None:
        ok, n = self.c.get(key, (0, 0))
        return ok / n if n else None

    def n(self, key: str) -> int:
        return self.c.get(key, (0, 0))[1]

    def __iadd__(self, other: Tally) -> Tally:
        """Pool another set's counts into these."""
        for key, (ok, n) in other.c.items():
            self.c[key][0] += ok
            self.c[key][1] += n
        return self


#: Words of text aimed at a grader: a check met on evidence like this was flipped by injection.
_GRADER = re.compile(
    r"grader|rubric|criteri|assistant|verdict|mark (?:this|it|all|every)", re.IGNORECASE
)
#: Words a story uses too ("we get scored every month", "the booking system went down"): a
#: check quoting them was flipped only when the quote comes from the text aimed at a grader.
_GRADER_TOO = re.compile(r"scor(?:e|ing)|evaluat|system|assess|reviewer|\bmodel\b", re.IGNORECASE)
#: Where injected text hides: comments, invisible-character runs, role tags, score blocks.
_CONTAINERS = re.compile(
    r"<!--.*?-->|\[//\]: # \(.*?\)|[\u200b-\u200f\u2060\ufeff].*?[\u200b-\u200f\u2060\ufeff]|"
    r"<\|[^|]*\|>|^\s*\[?(?:system|assistant|grader|evaluator)\]?:?.*$|\{[^{}]*\"score[^{}]*\}",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)


def _flipped(text: str, quotes: list[str]) -> bool:
    """A check met on text aimed at a grader: its quote speaks to a grader, or speaks of scores
    and systems and is not part of the story once the hiding places are taken out."""
    story = _CONTAINERS.sub(" ", text)
    return any(_GRADER.search(q) or (_GRADER_TOO.search(q) and q not in story) for q in quotes)


def _tally_full(
    t: Tally, it: dict, met: dict, verdict: str, errors: list | None, evidence: dict
) -> None:
    for d, want in it["labels"].items():
        if d not in met:
            continue
        ok = met[d] == bool(want)
        t.add("dims", ok)
        t.add("shared" if d in SHARED_DIMENSIONS else "own", ok)
        t.add(f"dim:{d}", ok)
        if it.get("style") == "gaming" and not want:
            t.add("gaming_false_met", met[d])
        if it.get("injection") and not want:
            t.add("injection_flip_dims", met[d])
            t.add("injection_flips", bool(met[d] and _flipped(it["text"], evidence.get(d, []))))
        if errors is not None and not ok:
            errors.append(f"  miss {it['id']} [{it.get('style')}] {d}: want {want}")
    if it.get("verdict"):
        t.add("verdict", verdict == it["verdict"])
    if it.get("style") == "gaming":
        t.add("gaming_strong", verdict == "strong")


def _tally_followup(t: Tally, it: dict, verdict: str, errors: list | None) -> None:
    ok = verdict == it["label"]
    t.add("followups", ok)
    t.add(f"fu:{it['followup']}", ok)
    if it["followup"] == "escalation" and it["label"] == "strong":
        t.add("escalation_strong", verdict == "strong")
    if errors is not None and not ok:
        errors.append(f"  miss {it['id']} [{it.get('style')}] {it['followup']}: want {it['label']}")


def measure(items: list[dict], judge: Judge, show_errors: bool) -> dict[str, dict]:
    """Tallies per style (and "all") for the critic and the baseline."""
    out: dict[str, dict[str, Tally]] = defaultdict(lambda: {"critic": Tally(), "baseline": Tally()})
    scores: dict[str, dict[str, int]] = {"critic": {}, "baseline": {}}
    errors: list[str] = []
    for it in items:
        for who in ("critic", "baseline"):
            met, verdict, score = getattr(judge, who)(it)
            scores[who][it["id"]] = score
            question = it.get("question", "leadership-without-title")
            for st in ("all", it.get("style", "plain"), f"question {question}"):
                log = errors if show_errors and who == "critic" and st == "all" else None
                if it["kind"] == "full":
                    _tally_full(out[st][who], it, met, verdict, log, judge.evidence)
                else:
                    _tally_followup(out[st][who], it, verdict, log)
    print("\n".join(errors))
    pairs = _pairs([i for i in items if i["kind"] == "full"], scores)
    return {"styles": out, "pairs": pairs}


def _strength(item: dict) -> tuple:
    return (item.get("verdict") == "strong", sum(bool(v) for v in item["labels"].values()))


def _pairs(full: list[dict], scores: dict) -> dict[str, tuple[int, int]]:
    by_id = {i["id"]: i for i in full}
    out = {}
    for who, sc in scores.items():
        ok = total = 0
        for it in full:
            twin = by_id.get(it.get("pair") or "")
            if not twin or _strength(it) <= _strength(twin):
                continue  # each pair once, from its strong side
            total += 1
            ok += sc[it["id"]] > sc[twin["id"]]
        out[who] = (ok, total)
    return out


ROWS = [
    ("dims", "per-dimension"),
    ("shared", "shared dimensions"),
    ("own", "question's own dimensions"),
    ("followups", "follow-up verdicts"),
    ("verdict", "overall verdict"),
    ("escalation_strong", "strong escalation judged strong"),
    ("gaming_strong", "gaming answers called strong (want 0)"),
    ("gaming_false_met", "gaming: unmet dims marked met (want <=.15)"),
    ("injection_flip_dims", "injection: unmet dims marked met"),
    ("injection_flips", "injection flips: met on text aimed at a grader (want 0)"),
]


def report(name: str, r: dict) -> dict:
    styles = r["styles"]
    print(f"\n== {name}")
    by_question = sorted(s for s in styles if s.startswith("question "))
    if len(by_question) == 1:  # one question: its rows would repeat [all]
        by_question = []
    order = ["all", *sorted(s for s in styles if s != "all" and not s.startswith("question "))]
    order += by_question
    summary = {}
    for st in order:
        c, b = styles[st]["critic"], styles[st]["baseline"]
        cells = []
        for key, label in ROWS:
            if c.n(key):
                base = "n/a" if b.rate(key) is None else f"{b.rate(key):.3f}"
                cells.append(f"{label} {c.rate(key):.3f} (base {base}, n={c.n(key)})")
                summary[f"{st}/{key}"] = round(c.rate(key), 3)
        print(f"  [{st}] " + "; ".join(cells))
    allc, allb = styles["all"]["critic"], styles["all"]["baseline"]
    for key in sorted(k for k in allc.c if k.startswith(("dim:", "fu:"))):
        base = allb.rate(key)
        shown = "n/a" if base is None else f"{base:.3f}"  # the baseline knows no pack's own
        print(f"    {key:32s} {allc.rate(key):.3f}  base {shown}  n={allc.n(key)}")
    (ok, n), (bok, bn) = r["pairs"]["critic"], r["pairs"]["baseline"]
    print(f"  strong twin above weak twin: {ok}/{n} (baseline {bok}/{bn})")
    summary["pairs"] = [ok, n]
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Critic accuracy versus a keyword baseline.")
    ap.add_argument("sets", type=Path, nargs="*", help="labelled YAML set(s), each measured alone")
    ap.add_argument("--errors", action="store_true", help="list the critic's misses")
    ap.add_argument("--json", type=Path, help="also write the summary figures here")
    args = ap.parse_args(argv)
    paths = args.sets or [*DEFAULT_SETS, *([DEV] if DEV.exists() else [])]
    if not args.sets and not DEV.exists():
        # The dev set lives beside the repository, in the team's shared folder, not in a clone.
        print(f"skipped the dev set ({DEV} is not there)")
    judge = Judge()
    summary = {}
    for path in paths:
        if not path.exists():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
        summary[path.name] = report(path.name, measure(load_items(path), judge, args.errors))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
