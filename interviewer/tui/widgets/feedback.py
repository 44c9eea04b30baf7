"""The feedback panels: critique (every dimension, evidence, advice), score, scorecard.

Both render a plain "view" dict shaped like Feedback.as_dict() (plus dimension names), so a
live critique and a recorded one from the sessions database look the same.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from interviewer.names import label
from interviewer.tui.text import literal


def feedback_view(feedback) -> dict:
    """The view dict of a live feedback.Feedback: its as_dict() plus names and notes."""
    view = feedback.as_dict()
    for dim_id, d in feedback.critique.dimensions.items():
        view["dimensions"][dim_id]["name"] = d.name
    return view


def _name(dim_id: str, d: dict, names: dict[str, str], followup: str | None) -> str:
    return d.get("name") or label(names, dim_id, followup)


class ScoreLine(Static):
    """'Score 22/100 · weak', with the change against an original turn when re-answering."""

    DEFAULT_CSS = """
    ScoreLine { height: auto; padding: 0 1; text-style: bold; }
    ScoreLine.strong { color: $success; }
    ScoreLine.weak { color: $warning; }
    """

    def show(self, view: dict | None, original: int | None = None) -> None:
        self.set_classes("")
        if not view:
            self.update("")
            return
        verdict = view.get("verdict", "weak")
        text = Text(f"Score {view.get('score', 0)}/100 · {verdict}")
        if original is not None:
            delta = int(view.get("score", 0)) - original
            text.append(
                f"   (score {original} the first time → {view.get('score')} now, {delta:+d})"
            )
        self.add_class("strong" if verdict == "strong" else "weak")
        self.update(text)


class CritiquePanel(Static):
    """Every rubric dimension (or follow-up criterion): met or not, quoted evidence, advice."""

    DEFAULT_CSS = """
    CritiquePanel { height: auto; padding: 0 1; }
    """

    def show(
        self,
        view: dict | None,
        names: dict[str, str] | None = None,
        order: list[str] | None = None,
        emphasised: set[str] | None = None,
    ) -> None:
        if not view:
            self.update("")
            return
        dims: dict = view.get("dimensions") or {}
        order = [d for d in (order or []) if d in dims] + [
            d for d in dims if d not in (order or [])
        ]
        parts: list = []
        for note in view.get("notes") or []:  # first: they say how far to trust the rest
            line = Text("Note: ", style="bold yellow")
            line.append_text(literal(str(note), style="italic"))
            parts.append(Padding(line, (0, 0, 1, 0)))
        for dim_id in order:
            parts += _dimension(
                dim_id, dims[dim_id], names or {}, emphasised or set(), view.get("followup")
            )
        self.update(Group(*parts))


def _dimension(dim_id: str, d: dict, names: dict, emphasised: set, followup=None) -> list:
    """A heading line, then the quoted evidence and the advice with a hanging indent."""
    met = bool(d.get("met"))
    head = Text("✓ " if met else "✗ ", style="bold green" if met else "bold red")
    head.append_text(literal(_name(dim_id, d, names, followup), style="bold"))
    head.append(" met" if met else " not met", style="green" if met else "red")
    if dim_id in emphasised:
        head.append("  ★ this interviewer's focus", style="bold yellow")
    out: list = [head]
    for ev in d.get("evidence") or []:
        quote = Text("“")
        quote.append_text(literal(str(ev), style="italic"))
        quote.append("”")
        out.append(Padding(quote, (0, 0, 0, 4)))
    if d.get("advice"):
        advice = Text("→ ", style="dim")
        advice.append_text(literal(str(d["advice"])))
        out.append(Padding(advice, (0, 0, 0, 4)))
    return out


def scorecard_tables(card) -> Group:
    """Rich tables of an interview.Scorecard: per dimension, per follow-up, overall."""
    parts = []
    if card.dimensions:
        t = Table(title="Rubric dimensions (first answer)", expand=True)
        t.add_column("Dimension")
        t.add_column("In your answer")
        t.add_column("After follow-ups")
        for d in card.dimensions:
            t.add_row(d.name, "met" if d.met else "not met", d.after)
        parts.append(t)
    if card.followups:
        t = Table(title="Follow-ups", expand=True)
        for col in ("Follow-up", "Tries", "Scores", "Result"):
            t.add_column(col)
        for r in card.followups:
            scores = " → ".join(str(s) for s in r.scores) or "-"
            t.add_row(literal(r.prompt), str(r.tries), scores, r.result)
        parts.append(t)
    overall = "-" if card.overall is None else f"{card.overall}/100"
    head = Text(f"Overall {overall}", style="bold")
    if card.answer_score is not None:
        head.append(f"   first answer {card.answer_score}/100 ({card.answer_verdict})")
    lines = [Text(x) for x in (card.explanation, card.length.line if card.length else "") if x]
    return Group(head, *lines, *_fixes(card), *parts)


def _fixes(card) -> list:
    """The top fixes in priority order: the candidate's words, the advice, a strong line.
    Each line under a fix's name wraps with a hanging indent, so a long quote stays under
    its fix at 80 columns instead of running back to the margin."""
    if not card.fixes:
        return []
    out: list = [Text("\nWhat to fix first", style="bold underline")]
    for n, f in enumerate(card.fixes, start=1):
        out.append(Text(f"{n}. {f.name}", style="bold"))
        lines = []
        if f.quote:
            lines.append(Text("You said: ").append(f'"{f.quote}"', style="italic"))
        if f.advice:
            lines.append(Text(f.advice))
        if f.example:
            lines.append(Text("A strong answer says: ").append(f'"{f.example}"', style="green"))
        if f.drill:
            drill = Text(f"Practise it: the {f.drill} drill", style="dim")
            if n == 1:
                drill.append(" (press d)", style="dim")
            lines.append(drill)
        out += [Padding(line, (0, 0, 0, 3)) for line in lines]
    out.append(Text(""))
    return out
