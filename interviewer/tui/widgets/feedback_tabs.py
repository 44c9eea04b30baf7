"""Small terminals: the feedback pane shows the critique or the exemplars, never both squeezed;
these tabs say which, and switch with F3 or a click."""

from __future__ import annotations

from textual.widgets import Tab, Tabs

CRITIQUE, EXEMPLARS = "critique-tab", "exemplars-tab"


class FeedbackTabs(Tabs):
    """Shown only below the screen's width breakpoint (its `-narrow` class). It keeps the
    screen's `-show-exemplars` class, which the screen's CSS lays out by."""

    DEFAULT_CSS = """
    FeedbackTabs { display: none; height: 2; }
    .-narrow FeedbackTabs { display: block; }
    """
    # Its display follows the screen's class, outside the widget: not scoped to it.
    SCOPED_CSS = False
    # Never a stop for Tab: the reply editor keeps the keyboard.
    can_focus = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Tab("Critique", id=CRITIQUE), Tab("Exemplars (F3)", id=EXEMPLARS), id=id)

    def show_exemplars(self, on: bool) -> None:
        self.active = EXEMPLARS if on else CRITIQUE
        self.screen.set_class(on, "-show-exemplars")

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        self.screen.set_class(event.tab.id == EXEMPLARS, "-show-exemplars")
