"""Critic accuracy on a labelled set, side by side with a plain keyword-matching baseline.

Usage: python benchmarks/critic_accuracy.py [--dev PATH [PATH ...]] [--errors] [--no-embed]

Prints per-dimension accuracy (seven full-answer dimensions and their average), follow-up
verdict accuracy (overall and per follow-up) and the pair check (the strong telling of each
story scores higher than its weak twin). The default set is ../shared/eval/dev.yaml relative
to the repository root; several files are merged into one set.

The critic is run as the app runs it: FeedbackService passes each reply's MiniLM vector (first
4,000 characters, 32 tokens), which the shipped model may blend into some verdicts. With
--no-embed (or when the embedder is unavailable) the critic runs on its signals alone.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.critic import critique  # noqa: E402
from interviewer.critic.dataset import load_items  # noqa: E402
from interviewer.critic.features import DIMENSIONS  # noqa: E402
from interviewer.critic.followups import FOLLOWUPS  # noqa: E402

DEFAULT_DEV = ROOT.parent / "shared" / "eval" / "dev.yaml"


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


def baseline_full(text: str) -> tuple[dict[str, bool], int]:
    met = {d: bool(BASELINE_FULL[d](text)) for d in DIMENSIONS}
    return met, round(100 * sum(met.values()) / len(met))


class _Q:  # the critic only reads the question's text and dimension names
    text = "Tell me about a time you showed leadership without a management title."
    dimensions: list = []


def vectors(items: list[dict]) -> list | None:
    """Each reply's vector exactly as FeedbackService computes it; None if unavailable."""
    try:
        from interviewer.critic.model import EMBED_CHARS, EMBED_TOKENS
        from interviewer.embeddings import get_embedder

        texts = [str(i["text"])[:EMBED_CHARS] for i in items]
        return list(get_embedder().embed(texts, max_tokens=EMBED_TOKENS))
    except Exception as exc:  # the figures are still useful on signals alone
        print(f"embedder unavailable ({type(exc).__name__}); critic on signals alone")
        return None


def evaluate(items: list[dict], show_errors: bool = False, embed: bool = True) -> dict:
    """Accuracy figures for the critic and the baseline."""
    vecs = vectors(items) if embed else None
    vec = {id(it): (vecs[k] if vecs is not None else None) for k, it in enumerate(items)}
    res = {"critic": {d: 0 for d in DIMENSIONS}, "baseline": {d: 0 for d in DIMENSIONS}}
    fu = {k: {f: [0, 0] for f in FOLLOWUPS} for k in ("critic", "baseline")}
    scores: dict[str, dict[str, int]] = {"critic": {}, "baseline": {}}
    full = [i for i in items if i["kind"] == "full"]
    for it in full:
        c = critique(it["text"], _Q, vector=vec[id(it)])
        b_met, b_score = baseline_full(it["text"])
        scores["critic"][it["id"]] = c.score
        scores["baseline"][it["id"]] = b_score
        for d in DIMENSIONS:
            want = bool(it["labels"][d])
            res["critic"][d] += c.dimensions[d].met == want
            res["baseline"][d] += b_met[d] == want
            if show_errors and c.dimensions[d].met != want:
                print(f"  miss {it['id']} {d}: labelled {want}")
    for it in (i for i in items if i["kind"] == "followup"):
        f, want = it["followup"], it["label"]
        c = critique(it["text"], _Q, f, vector=vec[id(it)])
        b = "strong" if BASELINE_FOLLOWUP[f](it["text"]) else "weak"
        for key, got in (("critic", c.verdict), ("baseline", b)):
            fu[key][f][0] += got == want
            fu[key][f][1] += 1
        if show_errors and c.verdict != want:
            print(f"  miss {it['id']} {f}: labelled {want}, got {c.verdict} ({c.score})")
    mode = "signals + reply vector" if vecs is not None else "signals only"
    return {"n_full": len(full), "dims": res, "fu": fu, "pairs": _pairs(full, scores), "mode": mode}


def _pairs(full: list[dict], scores: dict) -> dict[str, tuple[int, int]]:
    by_id = {i["id"]: i for i in full}
    out = {}
    for key, sc in scores.items():
        ok = total = 0
        for it in full:
            twin = by_id.get(it.get("pair") or "")
            if not twin or sum(it["labels"].values()) <= sum(twin["labels"].values()):
                continue  # count each pair once, from its strong side
            total += 1
            ok += sc[it["id"]] > sc[twin["id"]]
        out[key] = (ok, total)
    return out


def report(r: dict) -> None:
    n = max(r["n_full"], 1)
    print(f"critic mode: {r.get('mode', 'signals only')}")
    print(f"{'full answers (' + str(r['n_full']) + ')':28s} {'critic':>8s} {'baseline':>9s}")
    avg = {"critic": 0.0, "baseline": 0.0}
    for d in DIMENSIONS:
        c, b = r["dims"]["critic"][d] / n, r["dims"]["baseline"][d] / n
        avg["critic"] += c / len(DIMENSIONS)
        avg["baseline"] += b / len(DIMENSIONS)
        print(f"  {d:26s} {c:8.3f} {b:9.3f}")
    print(f"  {'average per-dimension':26s} {avg['critic']:8.3f} {avg['baseline']:9.3f}")
    tot = {k: [sum(v[0] for v in r["fu"][k].values()), sum(v[1] for v in r["fu"][k].values())]
           for k in r["fu"]}  # fmt: skip
    print(f"{'follow-up verdicts (' + str(tot['critic'][1]) + ')':28s}")
    for f in FOLLOWUPS:
        (c_ok, c_n), (b_ok, b_n) = r["fu"]["critic"][f], r["fu"]["baseline"][f]
        if c_n:
            print(f"  {f:26s} {c_ok / c_n:8.3f} {b_ok / b_n:9.3f}")
    if tot["critic"][1]:
        c_acc = tot["critic"][0] / tot["critic"][1]
        b_acc = tot["baseline"][0] / tot["baseline"][1]
        print(f"  {'overall':26s} {c_acc:8.3f} {b_acc:9.3f}")
    (c_ok, c_n), (b_ok, b_n) = r["pairs"]["critic"], r["pairs"]["baseline"]
    print(f"{'pairs ordered (strong > weak)':28s} {f'{c_ok}/{c_n}':>8s} {f'{b_ok}/{b_n}':>9s}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Critic accuracy versus a keyword baseline.")
    ap.add_argument(
        "--dev", type=Path, nargs="+", default=[DEFAULT_DEV], help="labelled YAML set(s)"
    )
    ap.add_argument("--errors", action="store_true", help="list the critic's misses")
    ap.add_argument("--no-embed", action="store_true", help="critic on its signals alone")
    args = ap.parse_args(argv)
    items: list[dict] = []
    for path in args.dev:
        if not path.exists():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
        items += load_items(path)
    report(evaluate(items, args.errors, embed=not args.no_embed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
