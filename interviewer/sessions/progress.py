"""Progress across sessions: how often each rubric dimension was met and each follow-up was
answered strongly, per session and over time."""

from __future__ import annotations

import re

from interviewer.names import label as check_name
from interviewer.sessions.store import SessionRecord

_SPARK = "▁▂▃▄▅▆▇█"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _rate(hit: int, of: int) -> float | None:
    return round(hit / of, 3) if of else None


def _tally(records: list[SessionRecord]) -> tuple[dict, dict, dict, list[dict]]:
    """Per dimension, per follow-up and per question (every check of its sessions: dimensions
    met and follow-ups strong), the (hits, of) of every session, oldest first.

    Turns a fork copied from its parent are skipped: the parent already counted them.
    """
    dims: dict[str, dict[int, list[int]]] = {}
    fups: dict[str, dict[int, list[int]]] = {}
    seen: list[dict] = []
    for rec in sorted(records, key=lambda r: r.id):
        counted = False
        for t in rec.turns:
            if t.copied_from is not None or not t.feedback:
                continue
            counted = True
            if t.kind == "answer":
                for dim_id, d in (t.feedback.get("dimensions") or {}).items():
                    cell = dims.setdefault(dim_id, {}).setdefault(rec.id, [0, 0])
                    cell[0] += bool(d.get("met"))
                    cell[1] += 1
            else:
                cell = fups.setdefault(t.followup or "free-form", {}).setdefault(rec.id, [0, 0])
                cell[0] += t.feedback.get("verdict") == "strong"
                cell[1] += 1
        if counted:
            seen.append({"id": rec.id, "started_at": rec.started_at})
    return dims, fups, _per_question(records, dims, fups), seen


def _per_question(records: list[SessionRecord], dims: dict, fups: dict) -> dict:
    """Each question's sessions: the checks they passed, of all they were judged on."""
    out: dict[str, dict[int, list[int]]] = {}
    for rec in sorted(records, key=lambda r: r.id):
        cells = [per[rec.id] for table in (dims, fups) for per in table.values() if rec.id in per]
        if cells:
            hit, of = sum(h for h, _ in cells), sum(n for _, n in cells)
            out.setdefault(rec.question_id, {})[rec.id] = [hit, of]
    return out


def _series(table: dict[str, dict[int, list[int]]], when: dict[int, str], hit_key: str) -> dict:
    out = {}
    for key, per in table.items():
        hits = sum(h for h, _ in per.values())
        total = sum(n for _, n in per.values())
        sessions = [
            {"id": sid, "started_at": when[sid], hit_key: h, "of": n, "rate": _rate(h, n)}
            for sid, (h, n) in sorted(per.items())
        ]
        out[key] = {
            hit_key: hits,
            "of": total,
            "rate": _rate(hits, total),
            "first_rate": sessions[0]["rate"],
            "last_rate": sessions[-1]["rate"],
            "sessions": sessions,
        }
    return out


def progress(records: list[SessionRecord]) -> dict:
    """Rates per question (checks passed), per rubric dimension (met) and per follow-up
    (strong), overall and per session."""
    dims, fups, questions, seen = _tally(records)
    when = {s["id"]: s["started_at"] for s in seen}
    return {
        "sessions": len(seen),
        "questions": _series(questions, when, "passed"),
        "dimensions": _series(dims, when, "met"),
        "followups": _series(fups, when, "strong"),
        "by_session": _by_session(dims, fups, seen),
    }


def _by_session(dims: dict, fups: dict, seen: list[dict]) -> list[dict]:
    """The overall rates per session, the points of the chart."""
    rows = []
    for s in seen:
        d = [per[s["id"]] for per in dims.values() if s["id"] in per]
        f = [per[s["id"]] for per in fups.values() if s["id"] in per]
        rows.append(
            {
                **s,
                "dimensions_met_rate": _rate(sum(h for h, _ in d), sum(n for _, n in d)),
                "followups_strong_rate": _rate(sum(h for h, _ in f), sum(n for _, n in f)),
            }
        )
    return rows


# -- text -------------------------------------------------------------------------------------


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


def sparkline(rates: list[float | None]) -> str:
    """One character per session: higher blocks for higher rates, '·' where none applied."""
    # Drawn by hand, not with Textual's Sparkline: this is the plain text of `interviewer
    # progress`, which must not import Textual (only interviewer/tui does); and that Sparkline
    # scales each series to its own lowest and highest value (50% then 60% would draw as the
    # lowest and the highest block, one session alone as a full one), where a rate needs the
    # fixed 0-100% scale, and it has no mark for a session the check did not apply to. The
    # app's progress screen draws no sparkline: it charts the same rates (tui/widgets/chart.py).
    return "".join("·" if r is None else _SPARK[round(r * (len(_SPARK) - 1))] for r in rates)


def _table(title: str, hit_key: str, rows: dict, order: list[int], names=None) -> list[str]:
    # Question ids are shown whole (the longest is 24 characters); check names are cut at 22.
    named = {k: k if hit_key == "passed" else check_name(names, k)[:22] for k in rows}
    width = max([22, *map(len, named.values())])
    head = f"{title:<{width}} {hit_key:>7} {'rate':>5}  "
    lines = [head + "first → last   per session (oldest → newest)"]
    for key, r in rows.items():
        per = {s["id"]: s["rate"] for s in r["sessions"]}
        spark = sparkline([per.get(sid) for sid in order])
        trend = f"{_pct(r['first_rate']):>4} → {_pct(r['last_rate']):<4}"
        count = f"{r[hit_key]}/{r['of']}"
        lines.append(f"{named[key]:<{width}} {count:>7} {_pct(r['rate']):>5}  {trend:<13}  {spark}")
    return lines


def chart(by_session: list[dict], width: int = 72, height: int = 14) -> str:
    """A plain-text line chart (no colours) of the per-session rates; plotext draws it."""
    import plotext as plt  # imported here: only `progress` pays for it

    xs = list(range(1, len(by_session) + 1))
    plt.clear_figure()
    plt.theme("clear")
    plt.plotsize(width, height)
    for key, label, marker in (
        ("dimensions_met_rate", "rubric dimensions met %", "*"),
        ("followups_strong_rate", "follow-ups strong %", "o"),
    ):
        pts = [(x, s[key] * 100) for x, s in zip(xs, by_session, strict=True) if s[key] is not None]
        if pts:
            plt.plot([p[0] for p in pts], [p[1] for p in pts], label=label, marker=marker)
    plt.ylim(0, 100)
    plt.xticks(xs, [f"#{s['id']}" for s in by_session])
    plt.title("By session (oldest → newest)")
    text = _ANSI.sub("", plt.build())
    return "\n".join(line.rstrip() for line in text.splitlines())


def progress_text(data: dict, with_chart: bool = True, names=None) -> str:
    """The progress tables, then the chart; `names` (names.labels) names the checks."""
    if not data["sessions"]:
        return "No critiqued sessions yet: run `interviewer interview` or `interviewer drill`.\n"
    order = [s["id"] for s in data["by_session"]]
    lines = [f"Progress over {data['sessions']} session(s)", ""]
    if data.get("questions"):
        lines += _table("Question", "passed", data["questions"], order) + [""]
    if data["dimensions"]:
        lines += _table("Rubric dimension", "met", data["dimensions"], order, names) + [""]
    if data["followups"]:
        lines += _table("Follow-up", "strong", data["followups"], order, names) + [""]
    if with_chart and len(order) > 1:
        lines.append(chart(data["by_session"]))
    return "\n".join(lines).rstrip() + "\n"
