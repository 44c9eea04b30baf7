"""The exemplar panel: the closest weak exemplar beside its strong twin (the same story told
well), the strong one's lines that show what the weak one misses marked, and a key to turn to
the next closest story.

It renders the "exemplars" part of a view dict (see widgets.feedback), live or recorded. A
recorded view from before twins were kept shows the closest strong exemplar instead.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.text import Text
from textual import work
from textual.containers import ScrollableContainer, Vertical
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.tui.text import literal

#: (question id, follow-up id or None, weak exemplar, strong twin) -> ExemplarReader.contrast
Marker = Callable[[str, str | None, dict, dict], dict]


class ExemplarPanel(ScrollableContainer):
    """`index` is which story is shown: 0 the closest weak exemplar and its twin, then the
    next closest. A narrow screen stacks the two (`layout: vertical` in its TCSS) instead of
    squeezing them into half a pane each; then the panel scrolls as one, by key too once Tab
    reaches it."""

    DEFAULT_CSS = """
    ExemplarPanel { layout: horizontal; height: auto; overflow-x: hidden; overflow-y: auto; }
    ExemplarPanel > Vertical { width: 1fr; height: auto; border: round $panel; padding: 0 1; }
    ExemplarPanel > #strong-exemplar { border-title-color: $success; }
    ExemplarPanel > #weak-exemplar { border-title-color: $warning; }
    """

    index: reactive[int] = reactive(0, init=False)

    def __init__(self, marker: Marker | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._marker = marker
        self._view: dict | None = None

    def allow_focus(self) -> bool:
        """A stop for Tab only while there is something to scroll (a narrow screen's stack)."""
        return self.max_scroll_y > 0

    def compose(self):
        with Vertical(id="weak-exemplar"):
            yield Static(id="weak-text")
        with Vertical(id="strong-exemplar"):
            yield Static(id="strong-text")

    @property
    def count(self) -> int:
        """How many stories there are to turn through."""
        return len(self._stories())

    def show(self, view: dict | None) -> None:
        self._view = view
        self.set_reactive(ExemplarPanel.index, 0)
        self._render_story()

    def next_story(self) -> None:
        if self.count > 1:
            self.index = (self.index + 1) % self.count

    def watch_index(self) -> None:
        self._render_story()
        self.scroll_home(animate=False)

    def _exemplars(self) -> dict:
        return (self._view or {}).get("exemplars") or {}

    def _stories(self) -> list[tuple[dict | None, dict | None, bool]]:
        """(weak, strong, whether the strong one is the weak one's twin), nearest first."""
        ex = self._exemplars()
        strong, weak = ex.get("strong") or [], ex.get("weak") or []
        twins = ex.get("twins") or ([ex["twin"]] if ex.get("twin") else [])
        if not weak:
            return [(None, strong[0], False)] if strong else []
        stories = []
        for i, w in enumerate(weak):
            twin = twins[i] if i < len(twins) else None
            if twin:
                stories.append((w, twin, True))
            else:
                stories.append((w, strong[min(i, len(strong) - 1)] if strong else None, False))
        return stories

    def _render_story(self) -> None:
        stories = self._stories()
        # A class, not an inline display: a small terminal's layout hides it by CSS.
        self.set_class(bool(stories), "-has-exemplars")
        weak_box = self.query_one("#weak-exemplar", Vertical)
        strong_box = self.query_one("#strong-exemplar", Vertical)
        if not stories:
            weak_box.border_title = "Closest weak answer"
            strong_box.border_title = "Closest strong answer"
            weak_box.border_subtitle = strong_box.border_subtitle = ""
            for name in ("#weak-text", "#strong-text"):
                self.query_one(name, Static).update(Text("(none)", style="dim"))
            return
        i = min(self.index, len(stories) - 1)
        weak, strong, twins = stories[i]
        contrast = self._contrast(i, weak, strong) if twins else None
        weak_box.border_title = "Closest weak answer" if i == 0 else f"Weak answer {i + 1}"
        weak_box.border_subtitle = _where(weak)
        strong_box.border_title = "The same story, done well" if twins else "Closest strong answer"
        # Short: a box is about 37 columns wide beside its twin.
        more = f"{i + 1} of {len(stories)} · F4 next" if len(stories) > 1 else ""
        strong_box.border_subtitle = more or _where(strong)
        self.query_one("#weak-text", Static).update(_weak(weak, contrast))
        self.query_one("#strong-text", Static).update(_strong(strong, contrast))

    def _contrast(self, i: int, weak: dict, strong: dict) -> dict | None:
        """The story's marks if worked out already; else they are asked for (in a thread)
        and shown when they come."""
        known = self._exemplars().get("contrast") or []
        found = known[i] if i < len(known) else None
        if found and found.get("strong") == strong.get("id"):
            return found
        if self._marker is not None and self._view is not None:
            self._mark(self._view, i, weak, strong)
        return None

    @work(thread=True, group="contrast", exit_on_error=False)
    def _mark(self, view: dict, i: int, weak: dict, strong: dict) -> None:
        found = self._marker(view.get("question"), view.get("followup"), weak, strong)
        self.app.call_from_thread(self._marked, view, i, found)

    def _marked(self, view: dict, i: int, found: dict) -> None:
        ex = view.setdefault("exemplars", {})
        known = list(ex.get("contrast") or [])
        known += [None] * (i + 1 - len(known))
        known[i] = found
        ex["contrast"] = known
        if view is self._view and i == min(self.index, self.count - 1):
            self._render_story()


def _where(hit: dict | None) -> str:
    """'healthcare · similarity 0.71': the exemplar's field and its similarity to the reply."""
    if not hit:
        return ""
    parts = [str(hit["field"])] if hit.get("field") else []
    if hit.get("score") is not None:
        parts.append(f"similarity {float(hit['score']):.2f}")
    return " · ".join(parts)


def _weak(hit: dict | None, contrast: dict | None):
    if not hit:
        return Text("(none)", style="dim")
    parts = [literal(str(hit.get("text", "")))]
    if hit.get("why"):
        reason = Text("Why it is weak: ", style="bold")
        reason.append_text(literal(str(hit["why"])))
        parts.append(reason)
    if contrast and contrast.get("missing"):
        gap = Text("Its twin shows what this one misses: ", style="bold")
        gap.append_text(literal(", ".join(contrast["missing"]).lower() + "."))
        parts.append(gap)
    return Group(*parts)


def _strong(hit: dict | None, contrast: dict | None):
    """The strong exemplar, the lines that show what its weak twin misses in bold green, each
    followed by what it shows."""
    if not hit:
        return Text("(none)", style="dim")
    text = str(hit.get("text", ""))
    out, pos = Text(), 0
    spans = sorted(
        (text.find(line), line, names)
        for line, names in (contrast or {}).get("lines") or []
        if line and text.find(line) >= 0
    )
    for start, line, names in spans:
        if start < pos:
            continue
        out.append_text(literal(text[pos:start]))
        out.append_text(literal(line, style="bold green"))
        out.append_text(literal(f" ◂ {', '.join(names).lower()}", style="italic dim"))
        pos = start + len(line)
    out.append_text(literal(text[pos:]))
    return out
